package dev.parley.twin;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Constraint;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.money.Money;
import dev.parley.twin.brand.BrandCatalog;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the Daily Me scores an item: the learned factors of {@link Preferences}, the person's stated
 * wishes, the price against the mandate, the negotiated saving and the incentives the brand
 * disclosed. Each term that adds to the utility becomes a reason in words; nothing else is said.
 */
final class Scoring {

    static final double WISH = 1.0;
    static final double PRICE_FIT = 0.3;
    static final double SAVING = 0.5;
    static final double INCENTIVE = 0.05;
    /** The least weight a learned reason has to be shown (and counted). */
    static final double SHOWN_WEIGHT = 0.001;

    private static final Pattern WISH_WORDS = Pattern.compile("[^a-z0-9]+");

    private Scoring() {}

    /** Whether a product meets every requirement and no exclusion the person stated. */
    static boolean allowed(Product product, List<Wish> wishes) {
        return allowed(product, BrandCatalog.fullText(product), wishes);
    }

    /** {@link #allowed(Product, List)} given the product's {@link BrandCatalog#fullText}. */
    static boolean allowed(Product product, String text, List<Wish> wishes) {
        for (Wish wish : wishes) {
            if (wish.kind() == Wish.Kind.EXCLUDE && text.contains(wish.query().toLowerCase(Locale.ROOT))) {
                return false;
            }
            if (wish.kind() == Wish.Kind.REQUIRE) {
                for (Map.Entry<String, Constraint> c : wish.attributes().entrySet()) {
                    AttributeValue value = product.attributes().get(c.getKey());
                    if (!c.getValue().test(value)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The stated want a product with this {@link BrandCatalog#fullText} answers, if any: every word of its query is in the text. */
    static Optional<Wish> wantMatched(String text, List<Wish> wishes) {
        for (Wish wish : wishes) {
            if (wish.kind() != Wish.Kind.WANT) {
                continue;
            }
            boolean all = true;
            for (String word : WISH_WORDS.split(wish.query().toLowerCase(Locale.ROOT))) {
                if (word.length() > 2 && !text.contains(stem(word))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return Optional.of(wish);
            }
        }
        return Optional.empty();
    }

    private static String stem(String word) {
        return word.endsWith("es") && word.length() > 4 ? word.substring(0, word.length() - 2)
                : word.endsWith("s") && word.length() > 3 ? word.substring(0, word.length() - 1) : word;
    }

    /** The reasons and their weights for one item, given its product's {@link BrandCatalog#fullText}; the utility is their sum. */
    static List<DailyMe.Reason> reasons(Product product, String text, String brand, Preferences preferences, List<Wish> wishes, Money total,
                                        Money listTotal, Money perItem, List<String> incentives, Instant now) {
        return reasons(learned(product, brand, preferences, now), text, wishes, total, listTotal, perItem, incentives);
    }

    /** The reasons the learned preferences give for a product (those that weigh anything). */
    static List<DailyMe.Reason> learned(Product product, String brand, Preferences preferences, Instant now) {
        List<DailyMe.Reason> learned = new ArrayList<>();
        for (DailyMe.Reason reason : preferences.reasons(product, brand, now)) {
            if (reason.weight() > SHOWN_WEIGHT) {
                learned.add(reason);
            }
        }
        return learned;
    }

    /** The reasons for one item given the learned ones already found for its product and the product's {@link BrandCatalog#fullText}. */
    private static List<DailyMe.Reason> reasons(List<DailyMe.Reason> learned, String text, List<Wish> wishes, Money total, Money listTotal,
                                                Money perItem, List<String> incentives) {
        List<DailyMe.Reason> reasons = new ArrayList<>(learned);
        wantMatched(text, wishes).ifPresent(w -> reasons.add(new DailyMe.Reason("stated_wish", WISH,
                "you asked for \u201c" + w.text() + "\u201d")));
        double budget = budgetShare(total, perItem);
        if (!Double.isNaN(budget)) {
            reasons.add(new DailyMe.Reason("price_vs_budget", PRICE_FIT * (1 - budget),
                    total + " of your " + perItem + " per-item budget"));
        }
        double saved = savedShare(total, listTotal);
        if (!Double.isNaN(saved)) {
            reasons.add(new DailyMe.Reason("saving", SAVING * saved,
                    "saves " + listTotal.minus(total) + " (" + BigDecimal.valueOf(saved * 100).setScale(0, java.math.RoundingMode.HALF_UP) + "% off list)"));
        }
        for (String incentive : incentives) {
            reasons.add(new DailyMe.Reason("brand_incentive", INCENTIVE, "brand incentive disclosed: " + incentive));
        }
        reasons.sort((a, b) -> Double.compare(b.weight(), a.weight()));
        return reasons;
    }

    /**
     * The utility {@link #reasons} would give an item without an incentive, computed without
     * putting it in words: {@code base} is what does not depend on the price (the learned reasons
     * and a stated wish).
     */
    static double utilityAt(double base, Money total, Money listTotal, Money perItem) {
        double utility = base;
        double budget = budgetShare(total, perItem);
        if (!Double.isNaN(budget)) {
            utility += PRICE_FIT * (1 - budget);
        }
        double saved = savedShare(total, listTotal);
        if (!Double.isNaN(saved)) {
            utility += SAVING * saved;
        }
        return utility;
    }

    /**
     * What does not depend on the price in an item's utility: the weight of its learned reasons
     * ({@link Preferences#weight}) and a stated wish its {@link BrandCatalog#fullText} answers.
     */
    static double base(double learned, String text, List<Wish> wishes) {
        return learned + (wantMatched(text, wishes).isPresent() ? WISH : 0);
    }

    /** The share of the per-item budget a total takes, or NaN when it is over the budget (or there is none). */
    private static double budgetShare(Money total, Money perItem) {
        if (perItem == null || total.isGreaterThan(perItem) || perItem.amount().signum() <= 0) {
            return Double.NaN;
        }
        return total.amount().divide(perItem.amount(), MathContext.DECIMAL64).doubleValue();
    }

    /** The share of the list total saved, or NaN when nothing is. */
    private static double savedShare(Money total, Money listTotal) {
        if (listTotal == null || !listTotal.isGreaterThan(total)) {
            return Double.NaN;
        }
        return listTotal.minus(total).amount().divide(listTotal.amount(), MathContext.DECIMAL64).doubleValue();
    }

    static double utility(List<DailyMe.Reason> reasons) {
        return reasons.stream().mapToDouble(DailyMe.Reason::weight).sum();
    }
}
