package dev.parley.twin;

import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.Product;
import dev.parley.twin.model.Contribution;
import dev.parley.twin.model.DueItem;
import dev.parley.twin.model.Event;
import dev.parley.twin.model.PreferenceModel;
import dev.parley.twin.model.Score;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link Preferences} from the learned {@link PreferenceModel}: the model's score of a product,
 * squashed into (0, {@value #WEIGHT}) so that it weighs against stated wishes and prices, shared
 * among the factors that pushed it up, each with the model's own evidence; and the products due
 * again as needs.
 */
public final class ModelPreferences implements Preferences {

    /** The most the learned preferences add to an item's utility. */
    static final double WEIGHT = 1.5;

    private final PreferenceModel model;
    private final List<List<String>> favouriteCategories;

    /**
     * @param favouriteCategories the category paths the person bought from most, best first: asked
     *     about to find new products there (the explore side of the Daily Me)
     */
    public ModelPreferences(PreferenceModel model, List<List<String>> favouriteCategories) {
        this.model = model;
        this.favouriteCategories = List.copyOf(favouriteCategories);
    }

    /** The category paths of the most purchase events, best first. */
    static List<List<String>> favourites(List<Event> events, int max) {
        java.util.Map<List<String>, Integer> counts = new java.util.HashMap<>();
        for (Event e : events) {
            if (e.kind() == dev.parley.twin.model.EventKind.PURCHASE && !e.category().isEmpty()) {
                counts.merge(e.category(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .sorted(java.util.Map.Entry.<List<String>, Integer>comparingByValue().reversed().thenComparing(en -> String.join(">", en.getKey())))
                .limit(max).map(java.util.Map.Entry::getKey).toList();
    }

    /** The preference source of a twin whose stored history is JSON of {@link Event}s. */
    public static Twin.PreferenceSource source() {
        return (history, now) -> {
            if (history.isEmpty()) {
                return Preferences.NONE;
            }
            List<Event> events = new ArrayList<>(history.size());
            for (String json : history) {
                try {
                    events.add(ParleyJson.configReader(Event.class).readValue(json));
                } catch (IOException e) {
                    throw new UncheckedIOException("an unreadable event in the twin's history", e);
                }
            }
            return new ModelPreferences(PreferenceModel.builder().history(events).clock(Clock.fixed(now, ZoneOffset.UTC)).build(),
                    favourites(events, 3));
        };
    }

    @Override
    public List<DailyMe.Reason> reasons(Product product, String brand, Instant now) {
        Score score = model.score(product, now);
        double utility = WEIGHT / (1 + Math.exp(-score.total()));
        double positive = score.contributions().stream().mapToDouble(c -> Math.max(0, c.value())).sum();
        List<DailyMe.Reason> reasons = new ArrayList<>();
        if (positive <= 0) {
            return reasons;
        }
        for (Contribution c : score.contributions()) {
            if (c.value() > 0) {
                reasons.add(new DailyMe.Reason(c.factor().toLowerCase(Locale.ROOT), utility * c.value() / positive, c.evidence()));
            }
        }
        return reasons;
    }

    /** As the sum of {@link #reasons}' shown weights, computed the same way but without their evidence in words. */
    @Override
    public double weight(Product product, String brand, Instant now) {
        double[] values = model.contributionValues(product, now);
        double total = 0;
        for (double v : values) {
            total += v;
        }
        double utility = WEIGHT / (1 + Math.exp(-total));
        double positive = Arrays.stream(values).map(v -> Math.max(0, v)).sum();
        if (positive <= 0) {
            return 0;
        }
        double[] shown = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (v > 0) {
                double weight = utility * v / positive;
                if (weight > Scoring.SHOWN_WEIGHT) {
                    shown[n++] = weight;
                }
            }
        }
        return Arrays.stream(shown, 0, n).sum();
    }

    @Override
    public List<Need> needs(Instant now, int max) {
        List<Need> needs = new ArrayList<>();
        for (DueItem due : model.dueItems(now)) {
            if (needs.size() >= max) {
                break;
            }
            needs.add(new Need(null, due.sku(), null, List.of(), "due again: bought " + due.timesBought() + " times"));
        }
        for (List<String> category : favouriteCategories) {
            if (needs.size() >= max) {
                break;
            }
            needs.add(new Need(null, null, null, category, "a category you often buy from"));
        }
        return needs;
    }
}
