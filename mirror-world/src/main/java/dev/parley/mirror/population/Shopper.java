package dev.parley.mirror.population;

import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A person choosing a basket from the options shown on one visit, by the {@link UserModel}:
 * sequential multinomial logit with a no-buy option and the visit's money budget.
 */
public final class Shopper {

    /** A product shown at a unit price for a quantity; its position is its index in the list shown. */
    public record Shown(Sku sku, Money unitPrice, Money listPrice, int quantity) {
        public Shown {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(unitPrice, "unit_price");
            Objects.requireNonNull(listPrice, "list_price");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be at least 1");
            }
        }

        public Money total() {
            return unitPrice.times(quantity);
        }
    }

    /**
     * One bought option: its index in the list shown and the utility it gave over not buying at
     * that pick (systematic plus the moment's Gumbel draws, so positive): the consumer surplus in
     * utility.
     */
    public record Pick(int index, double utility) {}

    private final UserModel model;

    public Shopper(UserModel model) {
        this.model = model;
    }

    public UserModel model() {
        return model;
    }

    /** The systematic utility of showing {@code option} at {@code position} to {@code person}. */
    public double utility(Person person, Shown option, int position, Map<Sku, Instant> lastBought, Instant now) {
        Instant last = lastBought.get(option.sku());
        double since = last == null ? 0 : Math.max(0, (now.toEpochMilli() - last.toEpochMilli()) / 86_400_000.0);
        // A ratio of two prices is unitless: a double is the right type for it.
        double ratio = option.listPrice().amount().signum() == 0 ? 1.0
                : option.unitPrice().amount().doubleValue() / option.listPrice().amount().doubleValue();
        return model.utility(person.taste(option.sku(), model.tasteSd()), last != null, since, position, ratio);
    }

    /**
     * The basket: options picked one after another, each pick a logit draw among the options left
     * that fit the money left against not buying, until not buying wins or nothing fits. Drawn
     * in the equivalent form: the order among the options is one Gumbel-perturbed sort
     * (Plackett-Luce, which stays logit on any subset), and before each pick not buying wins with
     * probability {@code 1 / (1 + Σ exp(V))} over the options still open.
     */
    public List<Pick> basket(Person person, List<Shown> shown, Map<Sku, Instant> lastBought, Instant now, RandomGenerator random) {
        int n = shown.size();
        double[] v = new double[n];
        double[] weight = new double[n];
        Integer[] order = new Integer[n];
        double[] key = new double[n];
        boolean[] open = new boolean[n];
        Money[] totals = new Money[n];
        for (int i = 0; i < n; i++) {
            v[i] = utility(person, shown.get(i), i, lastBought, now);
            totals[i] = shown.get(i).total();
            weight[i] = Math.exp(v[i]);
            key[i] = v[i] + gumbel(random);
            order[i] = i;
            open[i] = true;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(key[b], key[a]));
        // Options by total, dearest first: as the money left shrinks, the ones that no longer fit leave from the front.
        Integer[] byTotal = new Integer[n];
        for (int i = 0; i < n; i++) {
            byTotal[i] = i;
        }
        java.util.Arrays.sort(byTotal, (a, b) -> totals[b].compareTo(totals[a]));
        double sum = 0;
        for (double w : weight) {
            sum += w;
        }
        Money left = person.budget();
        List<Pick> picks = new ArrayList<>();
        int next = 0;
        int dearest = 0;
        int openCount = n;
        while (true) {
            while (dearest < n && totals[byTotal[dearest]].isGreaterThan(left)) {
                if (open[byTotal[dearest]]) {
                    open[byTotal[dearest]] = false;
                    sum -= weight[byTotal[dearest]];
                    openCount--;
                }
                dearest++;
            }
            if (openCount == 0 || random.nextDouble() * (1 + Math.max(0, sum)) < 1) {
                return picks;
            }
            while (!open[order[next]]) {
                next++;
            }
            int chosen = order[next];
            open[chosen] = false;
            openCount--;
            sum -= weight[chosen];
            left = left.minus(totals[chosen]);
            picks.add(new Pick(chosen, v[chosen]));
        }
    }

    /**
     * The basket drawn pick by pick with fresh Gumbel draws for every option and for not buying
     * (the same distribution as {@link #basket}), so each pick knows the utility it realised over
     * not buying. Costs a draw per open option per pick: for the short lists a twin shows.
     */
    public List<Pick> basketWithSurplus(Person person, List<Shown> shown, Map<Sku, Instant> lastBought, Instant now, RandomGenerator random) {
        int n = shown.size();
        double[] v = new double[n];
        boolean[] open = new boolean[n];
        for (int i = 0; i < n; i++) {
            v[i] = utility(person, shown.get(i), i, lastBought, now);
            open[i] = true;
        }
        Money left = person.budget();
        List<Pick> picks = new ArrayList<>();
        while (true) {
            double none = gumbel(random);
            double best = none;
            int chosen = -1;
            for (int i = 0; i < n; i++) {
                if (!open[i]) {
                    continue;
                }
                if (shown.get(i).total().isGreaterThan(left)) {
                    open[i] = false;
                    continue;
                }
                double u = v[i] + gumbel(random);
                if (u > best) {
                    best = u;
                    chosen = i;
                }
            }
            if (chosen < 0) {
                return picks;
            }
            open[chosen] = false;
            left = left.minus(shown.get(chosen).total());
            picks.add(new Pick(chosen, best - none));
        }
    }

    /**
     * The consumer surplus in money of buying {@code quantity} units of a product of list price
     * {@code r} that gave {@code utility} over not buying: {@code r·utility / priceSensitivity · quantity}
     * (utility is money through the price term of the user model).
     */
    public double surplus(double utility, Money listPrice, int quantity) {
        return listPrice.amount().doubleValue() * utility / model.priceSensitivity() * quantity;
    }

    private static double gumbel(RandomGenerator random) {
        double u = random.nextDouble();
        return -Math.log(-Math.log(u == 0 ? Double.MIN_VALUE : u));
    }
}
