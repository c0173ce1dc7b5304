package dev.parley.brand.negotiation;

import dev.parley.protocol.negotiation.ConcessionFit;
import dev.parley.brand.policy.BrandPolicy;
import dev.parley.brand.policy.ConcessionCurve;
import dev.parley.brand.policy.LineTerms;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.RejectReason;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The brand's side of alternating-offers negotiation (spec §6): opening, counter-offers along a
 * time-dependent concession curve between each line's offer price and its limit, acceptance,
 * and the round limit and deadline. Pure and deterministic: the same thread, move and instant
 * give the same outcome, in a live node and in a simulation alike.
 *
 * <p>The curve is held back by a model of the twin: its proposals so far are fitted to a
 * time-dependent concession ({@link ConcessionFit}) to estimate the most it will pay, and the
 * brand does not concede below {@link #CLAIM} of the room that estimate leaves above the limit,
 * nor below the best the twin has already proposed. It accepts a proposal worth at least its own
 * next counter (AC-next) and, at its last chance, any proposal at or above the limits (AC-time).
 *
 * <p>Invariants: no agreement and no counter is ever below a line's limit (itself never below
 * the floor); no agreement on a closed or expired thread.
 */
public final class Negotiator {

    /**
     * The share of the estimated zone of agreement (between the limit and what the twin will pay)
     * the brand holds on to: enough to claim most of the surplus, not so much that it leaves the
     * twin too little to agree (the Nash product of a split {@code s} is {@code 4s(1 − s)} of the
     * best, 0.84 at 0.7).
     */
    static final double CLAIM = 0.7;

    private final int maxRounds;
    private final Duration window;
    private final ConcessionCurve curve;

    public Negotiator(BrandPolicy.Negotiation policy) {
        this(policy.maxRounds(), Duration.ofSeconds(policy.seconds()), policy.strategy());
    }

    public Negotiator(int maxRounds, Duration window, ConcessionCurve curve) {
        this.maxRounds = maxRounds;
        this.window = window;
        this.curve = curve;
    }

    public int maxRounds() {
        return maxRounds;
    }

    public Duration window() {
        return window;
    }

    /** Opens a thread with the twin's first proposal (round 1) and answers it. */
    public Outcome open(String threadId, String twin, String offerId, String tier, List<LineTerms> terms,
                        List<Money> proposed, String messageId, Instant now) {
        NegotiationThread thread = new NegotiationThread(threadId, twin, offerId, tier, terms, 0,
                NegotiationThread.Party.BRAND, terms.stream().map(LineTerms::offerPrice).toList(), null, now, now.plus(window),
                NegotiationThread.Status.OPEN, null, List.of());
        return answer(thread.proposedByTwin(1, checkedPrices(terms, proposed), messageId), now);
    }

    /** The twin's counter-proposal at {@code round}, implicitly rejecting the brand's standing one. */
    public Outcome counter(NegotiationThread thread, int round, List<Money> proposed, String messageId, Instant now) throws ProtocolException {
        requireOpen(thread, now);
        if (round > maxRounds) {
            throw new ProtocolException(ErrorCode.THREAD_CLOSED, "round " + round + " is beyond the limit of " + maxRounds + " rounds");
        }
        if (thread.lastBy() != NegotiationThread.Party.BRAND || round != thread.round() + 1) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "the next round of thread " + thread.threadId() + " is "
                    + (thread.round() + 1) + " and it is " + (thread.lastBy() == NegotiationThread.Party.BRAND ? "the twin's" : "the brand's") + " move");
        }
        return answer(thread.proposedByTwin(round, checkedPrices(thread.terms(), proposed), messageId), now);
    }

    /** The twin accepts the brand's standing proposal of {@code round}. */
    public Outcome accept(NegotiationThread thread, int round, Instant now) throws ProtocolException {
        requireOpen(thread, now);
        if (thread.lastBy() != NegotiationThread.Party.BRAND || round != thread.round()) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "thread " + thread.threadId() + " has no brand proposal of round " + round + " to accept");
        }
        return new Outcome.Agreed(thread, lines(thread.terms(), thread.standing()));
    }

    /** Checks a thread may still move; a thread past its deadline is closed by the check. */
    public void requireOpen(NegotiationThread thread, Instant now) throws ProtocolException {
        if (thread.status() != NegotiationThread.Status.OPEN) {
            throw new ProtocolException(ErrorCode.THREAD_CLOSED, "thread " + thread.threadId() + " is " + thread.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!now.isBefore(thread.deadline())) {
            throw new ProtocolException(ErrorCode.THREAD_CLOSED, "thread " + thread.threadId() + " passed its deadline " + thread.deadline());
        }
    }

    /** The share of the room between offer and limit the brand has conceded at {@code round} and {@code now}. */
    private double conceded(NegotiationThread thread, int round, Instant now) {
        double byRounds = (double) round / maxRounds;
        double byClock = (double) Duration.between(thread.openedAt(), now).toMillis() / Math.max(1, window.toMillis());
        return Math.min(curve.conceded(Math.max(byRounds, byClock)), 1 - heldBack(thread, round >= maxRounds));
    }

    /** The unit prices the brand aims at having conceded this share of the room. */
    private static List<Money> prices(NegotiationThread thread, double conceded) {
        BigDecimal share = BigDecimal.valueOf(conceded).setScale(6, RoundingMode.DOWN);
        List<Money> prices = new ArrayList<>();
        for (LineTerms t : thread.terms()) {
            Money room = t.offerPrice().minus(t.limit());
            Money price = t.offerPrice().minus(room.times(share, RoundingMode.DOWN));
            prices.add(price.max(t.limit()));
        }
        return prices;
    }

    /**
     * How much of the room between offer and limit (as a share, 0 to 1) the brand keeps whatever
     * the time: {@link #CLAIM} of the twin's estimated reach (except in its last counter), and at
     * least the best the twin proposed (there is no point conceding past a price the twin has
     * already offered).
     */
    private double heldBack(NegotiationThread thread, boolean last) {
        List<Money> received = thread.received();
        int n = received.size();
        if (n == 0 || Double.isNaN(utility(thread, received.get(0)))) {
            return 0;
        }
        double[] times = new double[n];
        double[] utilities = new double[n];
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            // The twin proposes every other round, its latest in the thread's current round.
            int round = thread.round() - 2 * (n - 1 - i);
            times[i] = maxRounds <= 1 ? 1 : Math.max(0, Math.min(1, (round - 1) / (double) (maxRounds - 1)));
            utilities[i] = utility(thread, received.get(i));
            best = Math.max(best, utilities[i]);
        }
        // The last counter holds on to no more than the twin has offered: a final price above it risks the deal.
        double reach = last ? 0 : ConcessionFit.limit(times, utilities).orElse(0);
        return Math.max(0, Math.min(1, Math.max(best, CLAIM * reach)));
    }

    /** A total's utility to the brand: 1 at the offer prices, 0 at the limits; NaN when there is no room between them. */
    private static double utility(NegotiationThread thread, Money total) {
        // A ratio of amounts of money is unitless: a double is the right type for it; prices stay Money.
        double offer = 0;
        double limit = 0;
        for (LineTerms t : thread.terms()) {
            offer += t.offerPrice().times(t.quantity()).amount().doubleValue();
            limit += t.limit().times(t.quantity()).amount().doubleValue();
        }
        return offer <= limit ? Double.NaN : (total.amount().doubleValue() - limit) / (offer - limit);
    }

    private Outcome answer(NegotiationThread thread, Instant now) {
        int brandRound = thread.round() + 1;
        List<LineTerms> terms = thread.terms();
        List<Money> proposed = thread.standing();
        double conceded = conceded(thread, Math.min(brandRound, maxRounds), now);
        List<Money> aim = prices(thread, conceded);
        boolean aboveLimits = true;
        Money proposedTotal = null;
        Money aimTotal = null;
        for (int i = 0; i < terms.size(); i++) {
            aboveLimits &= !proposed.get(i).isLessThan(terms.get(i).limit());
            proposedTotal = add(proposedTotal, proposed.get(i).times(terms.get(i).quantity()));
            aimTotal = add(aimTotal, aim.get(i).times(terms.get(i).quantity()));
        }
        // AC-next, and at the brand's last chance (no counter left) AC-time: anything within the limits.
        // A proposal the brand holds out for exactly (its best so far) is reached whatever the rounding of the aim's prices.
        boolean reached = !proposedTotal.isLessThan(aimTotal) || utility(thread, proposedTotal) >= 1 - conceded;
        if (aboveLimits && (reached || brandRound > maxRounds)) {
            List<Money> agreed = new ArrayList<>();
            for (int i = 0; i < terms.size(); i++) {
                agreed.add(proposed.get(i).min(terms.get(i).offerPrice()));
            }
            return new Outcome.Agreed(thread, lines(terms, agreed));
        }
        if (brandRound > maxRounds) {
            return new Outcome.Closed(thread.closed(), RejectReason.NO_AGREEMENT,
                    "no agreement within " + maxRounds + " rounds");
        }
        boolean atLimits = true;
        for (int i = 0; i < terms.size(); i++) {
            atLimits &= aim.get(i).compareTo(terms.get(i).limit()) == 0;
        }
        NegotiationThread countered = thread.next(brandRound, NegotiationThread.Party.BRAND, aim, thread.lastMessageId(),
                NegotiationThread.Status.OPEN, null);
        return new Outcome.Counter(countered, lines(terms, aim), atLimits || brandRound == maxRounds);
    }

    private static List<Money> checkedPrices(List<LineTerms> terms, List<Money> proposed) {
        if (proposed.size() != terms.size()) {
            throw new IllegalArgumentException("one proposed unit price per line");
        }
        for (int i = 0; i < terms.size(); i++) {
            if (!proposed.get(i).currency().equals(terms.get(i).offerPrice().currency())) {
                throw new IllegalArgumentException("the price of " + terms.get(i).sku() + " is in " + terms.get(i).offerPrice().currencyCode());
            }
        }
        return List.copyOf(proposed);
    }

    private static List<PricedLine> lines(List<LineTerms> terms, List<Money> prices) {
        List<PricedLine> lines = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            LineTerms t = terms.get(i);
            lines.add(new PricedLine(t.sku(), t.quantity(), prices.get(i), t.listPrice()));
        }
        return lines;
    }

    private static Money add(Money sum, Money value) {
        return sum == null ? value : sum.plus(value);
    }
}
