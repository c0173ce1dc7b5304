package dev.parley.twin.model;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The default weights, as printed by
 * {@code parley twin-eval --data data/uci-online-retail --train-until 2011-06-30 --fit-on 2011-03-31,2011-04-30,2011-05-31}
 * (then engagement and dismissal, which purchase data cannot fit, set by hand).
 */
final class FittedWeights {
    private FittedWeights() {}

    static final ModelParameters DEFAULTS;

    static {
        Map<Feature, Double> w = new EnumMap<>(Feature.class);
        Map<Feature, Double> h = new EnumMap<>(Feature.class);
        w.put(Feature.SHARE, 0.4834);
        w.put(Feature.DECAYED_COUNT, 0.0488);
        w.put(Feature.ITEM_REPEAT_RATE, 0.2617);
        w.put(Feature.DAYS_SINCE, -0.2313);
        w.put(Feature.IN_LAST_BASKET, -0.0765);
        w.put(Feature.BASKETS_SINCE, -0.0908);
        w.put(Feature.TENURE, 0.234);
        w.put(Feature.HAS_CYCLE, 0.6113);
        w.put(Feature.CYCLE_MISS, -0.2685);
        w.put(Feature.WEEK_POPULARITY, 0.211);
        w.put(Feature.MONTH_POPULARITY, -0.2403);
        w.put(Feature.TOTAL_POPULARITY, 0.156);
        w.put(Feature.TREND, 0.2989);
        w.put(Feature.TREND_BOUGHT, -0.2951);
        w.put(Feature.TREND_DAYS_SINCE, 0.0452);
        w.put(Feature.NEIGHBOUR_SHARE, 0.0431);
        w.put(Feature.NEIGHBOUR_WEIGHT, 0.4016);
        w.put(Feature.CO_PURCHASE, 0.3249);
        w.put(Feature.CO_PURCHASE_NEW, 1.0912);
        w.put(Feature.NEW_ITEM, -4.1232);
        w.put(Feature.NEW_ITEM_REPEAT_RATE, -0.1172);
        w.put(Feature.NEW_ITEM_EXPLORER, -0.0118);
        w.put(Feature.CATEGORY_AFFINITY, 0.3333);
        w.put(Feature.ATTRIBUTE_AFFINITY, 0.1082);
        w.put(Feature.PRICE_MISS, -0.1193);
        w.put(Feature.ENGAGEMENT_COUNT, 0.5);
        w.put(Feature.DISMISSAL_COUNT, -2.0);
        h.put(Feature.SHARE, 0.088);
        h.put(Feature.DECAYED_COUNT, 0.0555);
        h.put(Feature.ITEM_REPEAT_RATE, -0.0064);
        h.put(Feature.DAYS_SINCE, 0.1562);
        h.put(Feature.IN_LAST_BASKET, -0.0355);
        h.put(Feature.BASKETS_SINCE, -0.0995);
        h.put(Feature.TENURE, -0.0637);
        h.put(Feature.HAS_CYCLE, -0.2413);
        h.put(Feature.CYCLE_MISS, 0.0494);
        h.put(Feature.WEEK_POPULARITY, 0.0158);
        h.put(Feature.MONTH_POPULARITY, -0.1349);
        h.put(Feature.TOTAL_POPULARITY, 0.1149);
        h.put(Feature.TREND, 0.3425);
        h.put(Feature.TREND_BOUGHT, 0.0754);
        h.put(Feature.TREND_DAYS_SINCE, -0.0399);
        h.put(Feature.NEIGHBOUR_SHARE, 0.0335);
        h.put(Feature.NEIGHBOUR_WEIGHT, -0.1412);
        h.put(Feature.CO_PURCHASE, 0.0133);
        h.put(Feature.CO_PURCHASE_NEW, 0.0929);
        h.put(Feature.NEW_ITEM, -1.012);
        h.put(Feature.NEW_ITEM_REPEAT_RATE, -0.0524);
        h.put(Feature.NEW_ITEM_EXPLORER, 0.286);
        h.put(Feature.CATEGORY_AFFINITY, 0.2647);
        h.put(Feature.ATTRIBUTE_AFFINITY, 0.0976);
        h.put(Feature.PRICE_MISS, 0.013);
        DEFAULTS = new ModelParameters(Duration.ofDays(45), w, h);
    }
}
