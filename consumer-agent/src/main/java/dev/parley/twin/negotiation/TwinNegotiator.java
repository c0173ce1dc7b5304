package dev.parley.twin.negotiation;

import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The twin's side of alternating offers within its mandate: it opens below the offer, concedes
 * linearly in time toward its reservation price (never above it, never above the offer) over at
 * most {@code maxRounds} rounds, and accepts a counter once it is no worse than what the twin
 * would propose next. Pure and deterministic.
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
        BigDecimal progress = maxRounds <= 1 ? BigDecimal.ONE
                : BigDecimal.valueOf(round - 1).divide(BigDecimal.valueOf(Math.max(1, maxRounds - 1)), 6, RoundingMode.DOWN).min(BigDecimal.ONE);
        List<Money> prices = new ArrayList<>();
        for (int i = 0; i < offered.size(); i++) {
            Money opening = offered.get(i).times(openingShare, RoundingMode.DOWN).min(reservation.get(i));
            Money room = reservation.get(i).minus(opening);
            prices.add(opening.plus(room.times(progress, RoundingMode.DOWN)));
        }
        return prices;
    }

    /**
     * The answer to a brand counter at {@code brandRound}: accept when it costs no more than the
     * twin's next proposal would (or it is final and within the reservation), walk away when the
     * rounds are used up or a final counter is beyond the reservation, else propose again.
     */
    public Move respond(List<Money> counter, int brandRound, boolean finalOffer) {
        Money counterTotal = total(counter);
        boolean withinReservation = !counterTotal.isGreaterThan(total(reservation));
        int next = brandRound + 1;
        if (withinReservation && (finalOffer || next > maxRounds || !counterTotal.isGreaterThan(total(pricesAt(next))))) {
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
