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
        w.put(Feature.SHARE, 0.2883);
        w.put(Feature.DECAYED_COUNT, 0.2249);
        w.put(Feature.ITEM_REPEAT_RATE, 0.2544);
        w.put(Feature.DAYS_SINCE, -0.195);
        w.put(Feature.IN_LAST_BASKET, -0.0279);
        w.put(Feature.BASKETS_SINCE, -0.133);
        w.put(Feature.TENURE, 0.24);
        w.put(Feature.HAS_CYCLE, 0.5812);
        w.put(Feature.CYCLE_MISS, -0.2605);
        w.put(Feature.WEEK_POPULARITY, 0.2117);
        w.put(Feature.MONTH_POPULARITY, -0.2538);
        w.put(Feature.TOTAL_POPULARITY, 0.1595);
        w.put(Feature.TREND, 0.3141);
        w.put(Feature.TREND_BOUGHT, -0.2152);
        w.put(Feature.TREND_DAYS_SINCE, 0.0281);
        w.put(Feature.NEIGHBOUR_SHARE, 0.0455);
        w.put(Feature.NEIGHBOUR_WEIGHT, 0.4175);
        w.put(Feature.CO_PURCHASE, 0.3205);
        w.put(Feature.CO_PURCHASE_NEW, 1.0735);
        w.put(Feature.NEW_ITEM, -3.8621);
        w.put(Feature.NEW_ITEM_REPEAT_RATE, -0.0988);
        w.put(Feature.NEW_ITEM_EXPLORER, 0.022);
        w.put(Feature.CATEGORY_AFFINITY, 0.3175);
        w.put(Feature.ATTRIBUTE_AFFINITY, 0.1335);
        w.put(Feature.PRICE_MISS, -0.1198);
        w.put(Feature.ENGAGEMENT_COUNT, 0.5);
        w.put(Feature.DISMISSAL_COUNT, -2.0);
        h.put(Feature.SHARE, 0.0935);
        h.put(Feature.DECAYED_COUNT, 0.0471);
        h.put(Feature.ITEM_REPEAT_RATE, -0.0034);
        h.put(Feature.DAYS_SINCE, 0.1329);
        h.put(Feature.IN_LAST_BASKET, -0.0565);
        h.put(Feature.BASKETS_SINCE, -0.0842);
        h.put(Feature.TENURE, -0.0703);
        h.put(Feature.HAS_CYCLE, -0.2193);
        h.put(Feature.CYCLE_MISS, 0.0436);
        h.put(Feature.WEEK_POPULARITY, 0.0169);
        h.put(Feature.MONTH_POPULARITY, -0.1302);
        h.put(Feature.TOTAL_POPULARITY, 0.1049);
        h.put(Feature.TREND, 0.3387);
        h.put(Feature.TREND_BOUGHT, 0.0383);
        h.put(Feature.TREND_DAYS_SINCE, -0.0317);
        h.put(Feature.NEIGHBOUR_SHARE, 0.031);
        h.put(Feature.NEIGHBOUR_WEIGHT, -0.1266);
        h.put(Feature.CO_PURCHASE, -0.0071);
        h.put(Feature.CO_PURCHASE_NEW, 0.0792);
        h.put(Feature.NEW_ITEM, -0.9797);
        h.put(Feature.NEW_ITEM_REPEAT_RATE, -0.0559);
        h.put(Feature.NEW_ITEM_EXPLORER, 0.2419);
        h.put(Feature.CATEGORY_AFFINITY, 0.2814);
        h.put(Feature.ATTRIBUTE_AFFINITY, 0.1054);
        h.put(Feature.PRICE_MISS, 0.0122);
        DEFAULTS = new ModelParameters(Duration.ofDays(90), w, h);
    }
}
