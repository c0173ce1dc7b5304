package dev.parley.mirror.tournament;

import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One negotiation problem between a seller and a buyer: the price range (list price at the top),
 * and optionally quantity and delivery options; each side's additive utility, normalised to
 * [0, 1] (1 is its best outcome), and its reservation utility. Price is linear for both sides in
 * opposite directions; quantity and delivery values are private tables.
 *
 * <p>A scenario always has a zone of agreement: an outcome both sides prefer to no deal by at
 * least one cent of price.
 */
public record Scenario(int id, Money low, Money high, List<Integer> quantities, List<Integer> deliveries,
                       Side seller, Side buyer) {

    /**
     * One side's preferences.
     *
     * @param priceWeight    weight of price (linear: the seller's rises with price, the buyer's falls)
     * @param quantityWeight weight of the quantity table
     * @param deliveryWeight weight of the delivery table
     * @param quantityValue  value in [0, 1] of each quantity option (max 1)
     * @param deliveryValue  value in [0, 1] of each delivery option (max 1)
     * @param reservation    the utility of no deal
     */
    public record Side(double priceWeight, double quantityWeight, double deliveryWeight, List<Double> quantityValue,
                       List<Double> deliveryValue, double reservation) {
        public Side {
            quantityValue = List.copyOf(quantityValue);
            deliveryValue = List.copyOf(deliveryValue);
            if (Math.abs(priceWeight + quantityWeight + deliveryWeight - 1) > 1e-9 || priceWeight <= 0) {
                throw new IllegalArgumentException("weights must sum to 1 with a positive price weight");
            }
            if (!(reservation >= 0 && reservation < 1)) {
                throw new IllegalArgumentException("reservation must be in [0, 1)");
            }
        }

        double nonPrice(int q, int d) {
            return quantityWeight * quantityValue.get(q) + deliveryWeight * deliveryValue.get(d);
        }
    }

    public Scenario {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        quantities = List.copyOf(quantities);
        deliveries = List.copyOf(deliveries);
        if (!high.isGreaterThan(low)) {
            throw new IllegalArgumentException("the price range must not be empty");
        }
    }

    /** Whether more than price is negotiated. */
    public boolean multiIssue() {
        return quantities.size() > 1 || deliveries.size() > 1;
    }

    public Side side(Role role) {
        return role == Role.SELLER ? seller : buyer;
    }

    /** A side's utility of an outcome; prices outside the range count as its ends. */
    public double utility(Role role, Bid bid) {
        Side s = side(role);
        double share = share(bid.price());
        double price = role == Role.SELLER ? share : 1 - share;
        return s.priceWeight() * price + s.nonPrice(bid.quantity(), bid.delivery());
    }

    /** Where a price lies in the range, 0 at the low end and 1 at the list price, clamped. */
    double share(Money price) {
        double span = high.amount().subtract(low.amount()).doubleValue();
        return Math.max(0, Math.min(1, price.amount().subtract(low.amount()).doubleValue() / span));
    }

    /**
     * The price at which {@code role}'s utility is {@code target} with the given quantity and
     * delivery, rounded to the cent in that side's favour; null when no price in range reaches it.
     */
    public Money priceFor(Role role, double target, int q, int d) {
        Side s = side(role);
        double needed = (target - s.nonPrice(q, d)) / s.priceWeight();
        double share = role == Role.SELLER ? needed : 1 - needed;
        // Out of range on the side's own end: no price reaches the target; on the other end: every price does.
        if (role == Role.SELLER ? share > 1 + 1e-12 : share < -1e-12) {
            return null;
        }
        share = Math.max(0, Math.min(1, share));
        BigDecimal span = high.amount().subtract(low.amount());
        BigDecimal raw = low.amount().add(span.multiply(BigDecimal.valueOf(share)));
        BigDecimal cents = raw.setScale(2, role == Role.SELLER ? RoundingMode.CEILING : RoundingMode.FLOOR);
        cents = cents.max(low.amount()).min(high.amount());
        return new Money(cents, low.currency());
    }

    /**
     * The most a side can get from a deal the other side would take: its greatest utility over the
     * outcomes, at a price on the cent, that leave the other side at least its reservation. The top
     * of the side's part of the zone of agreement, the {@code u_max} of its advantage.
     */
    public double bestDeal(Role role) {
        Role other = role.other();
        double best = side(role).reservation();
        for (int q = 0; q < quantities.size(); q++) {
            for (int d = 0; d < deliveries.size(); d++) {
                Money price = priceFor(other, side(other).reservation(), q, d);
                if (price != null) {
                    best = Math.max(best, utility(role, new Bid(price, q, d)));
                }
            }
        }
        return best;
    }

    /** The greatest product of both sides' gains over their reservations, over all outcomes. */
    public double bestNashProduct() {
        double best = 0;
        double span = high.amount().subtract(low.amount()).doubleValue();
        for (int q = 0; q < quantities.size(); q++) {
            for (int d = 0; d < deliveries.size(); d++) {
                // gains as functions of the price share x: seller a + b·x, buyer c − e·x
                double a = seller.nonPrice(q, d) - seller.reservation();
                double b = seller.priceWeight();
                double c = buyer.nonPrice(q, d) + buyer.priceWeight() - buyer.reservation();
                double e = buyer.priceWeight();
                double x = Math.max(0, Math.min(1, (b * c - e * a) / (2 * b * e)));
                for (double candidate : new double[] {x, Math.floor(x * span * 100) / (span * 100), Math.ceil(x * span * 100) / (span * 100)}) {
                    double xs = Math.max(0, Math.min(1, candidate));
                    double gs = a + b * xs;
                    double gb = c - e * xs;
                    if (gs >= 0 && gb >= 0) {
                        best = Math.max(best, gs * gb);
                    }
                }
            }
        }
        return best;
    }

    /** Whether some outcome, at a price on the cent, leaves both sides at or above their reservations. */
    public boolean hasZoneOfAgreement() {
        for (int q = 0; q < quantities.size(); q++) {
            for (int d = 0; d < deliveries.size(); d++) {
                Money sellerMin = priceFor(Role.SELLER, seller.reservation(), q, d);
                Money buyerMax = priceFor(Role.BUYER, buyer.reservation(), q, d);
                if (sellerMin != null && buyerMax != null && !sellerMin.isGreaterThan(buyerMax)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Random scenarios, every other one multi-issue, each redrawn until it has a zone of agreement. */
    public static List<Scenario> generate(int count, RandomGenerator random) {
        List<Scenario> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Scenario s;
            do {
                s = draw(i + 1, i % 2 == 1, random);
            } while (!s.hasZoneOfAgreement());
            out.add(s);
        }
        return out;
    }

    private static Scenario draw(int id, boolean multi, RandomGenerator random) {
        BigDecimal lowAmount = BigDecimal.valueOf(500 + random.nextInt(9_500), 2);
        BigDecimal highAmount = lowAmount.multiply(BigDecimal.valueOf(1.5 + random.nextDouble() * 1.5)).setScale(2, RoundingMode.HALF_EVEN);
        Money low = Money.of(lowAmount.toPlainString(), "EUR");
        Money high = Money.of(highAmount.toPlainString(), "EUR");
        List<Integer> quantities = multi ? List.of(1, 5, 10, 20) : List.of(1);
        List<Integer> deliveries = multi ? List.of(1, 3, 7, 14) : List.of(7);
        return new Scenario(id, low, high, quantities, deliveries,
                side(multi, random, true, quantities.size(), deliveries.size()),
                side(multi, random, false, quantities.size(), deliveries.size()));
    }

    private static Side side(boolean multi, RandomGenerator random, boolean seller, int nq, int nd) {
        double reservation = 0.05 + random.nextDouble() * 0.55;
        if (!multi) {
            return new Side(1, 0, 0, List.of(1.0), List.of(1.0), reservation);
        }
        double p = 0.3 + random.nextDouble();
        double q = random.nextDouble();
        double d = random.nextDouble();
        double sum = p + q + d;
        List<Double> qv = table(random, nq, seller ? 1 : 0);
        // The seller prefers later delivery, the buyer sooner: opposed, with noise.
        List<Double> dv = table(random, nd, seller ? 1 : -1);
        return new Side(p / sum, q / sum, 1 - p / sum - q / sum, qv, dv, reservation);
    }

    private static List<Double> table(RandomGenerator random, int n, int trend) {
        double[] v = new double[n];
        double max = 0;
        for (int i = 0; i < n; i++) {
            v[i] = Math.max(0, 0.5 * random.nextDouble() + (trend == 0 ? 0.5 * random.nextDouble() : trend > 0 ? 0.5 * i / (n - 1.0) : 0.5 * (n - 1 - i) / (n - 1.0)));
            max = Math.max(max, v[i]);
        }
        List<Double> out = new ArrayList<>(n);
        for (double x : v) {
            out.add(max == 0 ? 1.0 : x / max);
        }
        return out;
    }
}
