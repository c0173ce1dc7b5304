package dev.parley.twin.negotiation;

import dev.parley.protocol.negotiation.ConcessionFit;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The twin's side of alternating offers within its mandate: it opens below the offer and
 * concedes in time toward its reservation price, Boulware-fashion (little at first, most near
 * the last round), never above the reservation nor the offer, over at most {@code maxRounds}
 * rounds. It models the brand: the brand's counters so far are fitted to a time-dependent
 * concession ({@link ConcessionFit}) to estimate the lowest the brand will go, and the twin does
 * not concede past {@link #CLAIM} of the room that estimate leaves below the reservation, nor past
 * the best counter the brand has made. It accepts a counter that costs no more than its own next
 * proposal would (AC-next), and at its last chance (a final counter, or no round left) any
 * counter within the reservation (AC-time). Deterministic; it remembers the counters of one
 * negotiation, so it takes one instance per negotiation and is not thread-safe.
 *
 * <p>Prices are per line; the decision looks at the total of the lines (unit price × quantity).
 */
public final class TwinNegotiator {

    /** What the twin does next. */
    public sealed interface Move {}

    /** Propose these unit prices at round {@code round}. */
    public record Propose(List<Money> prices, int round) implements Move {
        public Propose {
            prices = List.copyOf(prices);
        }
    }

    /** Accept the brand's standing proposal of {@code round}. */
    public record Accept(int round) implements Move {}

    /** Walk away: the brand will not come within the reservation price in the rounds left. */
    public record Walk(String why) implements Move {}

    private final List<Money> offered;
    private final List<Money> reservation;
    private final List<Integer> quantities;
    private final int maxRounds;
    private final BigDecimal openingShare;
    /** The brand's counters: round and total, in the order received. */
    private final List<Integer> counterRounds = new ArrayList<>();
    private final List<Money> counterTotals = new ArrayList<>();

    /**
     * The share of the estimated zone of agreement (between the reservation and the lowest the
     * brand will go) the twin holds on to: most of the surplus, while leaving the brand enough to
     * agree.
     */
    static final double CLAIM = 0.7;

    /** The exponent of the twin's Boulware concession: it has given up {@code progress^(1/β)} of its room. */
    private static final double BETA = 0.2;

    /**
     * @param offered      the offer's unit prices
     * @param reservation  the most the twin pays per unit of each line (capped at the offer)
     * @param quantities   units per line
     * @param maxRounds    rounds the mandate allows (both parties' messages count)
     * @param openingShare the share of the offer price the twin opens at (e.g. 0.8)
     */
    public TwinNegotiator(List<Money> offered, List<Money> reservation, List<Integer> quantities, int maxRounds, BigDecimal openingShare) {
        this.offered = List.copyOf(offered);
        this.quantities = List.copyOf(quantities);
        List<Money> capped = new ArrayList<>();
        for (int i = 0; i < offered.size(); i++) {
            capped.add(reservation.get(i).min(offered.get(i)));
        }
        this.reservation = List.copyOf(capped);
        if (offered.size() != reservation.size() || offered.size() != quantities.size() || offered.isEmpty()) {
            throw new IllegalArgumentException("one offered price, reservation and quantity per line");
        }
        if (maxRounds < 1) {
            throw new IllegalArgumentException("at least one round");
        }
        this.maxRounds = maxRounds;
        this.openingShare = Objects.requireNonNull(openingShare, "openingShare");
    }

    /** The first proposal (round 1). */
    public Propose open() {
        return new Propose(pricesAt(1), 1);
    }

    /** What the twin proposes at its round {@code round}: from the opening toward the reservation. */
    List<Money> pricesAt(int round) {
        BigDecimal progress = BigDecimal.valueOf(conceded(round)).setScale(6, RoundingMode.DOWN);
        List<Money> prices = new ArrayList<>();
        for (int i = 0; i < offered.size(); i++) {
            Money room = reservation.get(i).minus(opening(i));
            prices.add(opening(i).plus(room.times(progress, RoundingMode.DOWN)));
        }
        return prices;
    }

    /** The share of the room between opening and reservation the twin has conceded at its round {@code round}. */
    private double conceded(int round) {
        double time = maxRounds <= 1 ? 1 : Math.max(0, Math.min(1, (round - 1) / (double) (maxRounds - 1)));
        return Math.max(0, Math.min(Math.pow(time, 1 / BETA), 1 - heldBack(round >= maxRounds - 1)));
    }

    /** A total's utility to the twin: 1 at its opening, 0 at its reservation; NaN when there is no room between them. */
    private double utility(Money total) {
        // A ratio of amounts of money is unitless: a double is the right type for it; prices stay Money.
        double open = 0;
        double limit = 0;
        for (int i = 0; i < offered.size(); i++) {
            open += opening(i).times(quantities.get(i)).amount().doubleValue();
            limit += reservation.get(i).times(quantities.get(i)).amount().doubleValue();
        }
        return limit <= open ? Double.NaN : (limit - total.amount().doubleValue()) / (limit - open);
    }

    private Money opening(int line) {
        return offered.get(line).times(openingShare, RoundingMode.DOWN).min(reservation.get(line));
    }

    /**
     * How much of the room between opening and reservation (as a share, 0 to 1) the twin keeps
     * whatever the time: {@link #CLAIM} of the brand's estimated reach (except in the twin's last
     * proposal, where a price the brand will not take would lose the deal), and at least the best
     * counter the brand made (there is no point offering more than the brand already asked).
     */
    private double heldBack(boolean last) {
        int n = counterTotals.size();
        if (n == 0 || Double.isNaN(utility(counterTotals.get(0)))) {
            return 0;
        }
        double[] times = new double[n];
        double[] utilities = new double[n];
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int round = counterRounds.get(i);
            times[i] = maxRounds <= 1 ? 1 : Math.max(0, Math.min(1, (round - 1) / (double) (maxRounds - 1)));
            utilities[i] = utility(counterTotals.get(i));
            best = Math.max(best, utilities[i]);
        }
        double reach = last ? 0 : ConcessionFit.limit(times, utilities).orElse(0);
        return Math.max(0, Math.min(1, Math.max(best, CLAIM * reach)));
    }

    /**
     * The answer to a brand counter at {@code brandRound}: accept when it costs no more than the
     * twin's next proposal would (or it is final and within the reservation), walk away when the
     * rounds are used up or a final counter is beyond the reservation, else propose again.
     */
    public Move respond(List<Money> counter, int brandRound, boolean finalOffer) {
        Money counterTotal = total(counter);
        if (counterRounds.isEmpty() || counterRounds.get(counterRounds.size() - 1) < brandRound) {
            counterRounds.add(brandRound);
            counterTotals.add(counterTotal);
        }
        boolean withinReservation = !counterTotal.isGreaterThan(total(reservation));
        int next = brandRound + 1;
        // A counter the twin holds out for exactly (the brand's best so far) is reached whatever the rounding of its prices.
        boolean reached = !counterTotal.isGreaterThan(total(pricesAt(next))) || utility(counterTotal) >= 1 - conceded(next);
        if (withinReservation && (finalOffer || next > maxRounds || reached)) {
            return new Accept(brandRound);
        }
        if (finalOffer) {
            return new Walk("the brand's final price " + counterTotal + " is above the " + total(reservation) + " the mandate allows");
        }
        if (next > maxRounds) {
            return new Walk("no agreement within " + maxRounds + " rounds");
        }
        return new Propose(pricesAt(next), next);
    }

    private Money total(List<Money> prices) {
        Money sum = null;
        for (int i = 0; i < prices.size(); i++) {
            Money line = prices.get(i).times(quantities.get(i));
            sum = sum == null ? line : sum.plus(line);
        }
        return sum;
    }
}
