package dev.parley.brand.negotiation;

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
 * <p>Invariants: no agreement and no counter is ever below a line's limit (itself never below
 * the floor); no agreement on a closed or expired thread.
 */
public final class Negotiator {

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
        NegotiationThread thread = new NegotiationThread(threadId, twin, offerId, tier, terms, 1,
                NegotiationThread.Party.TWIN, checkedPrices(terms, proposed), messageId, now, now.plus(window),
                NegotiationThread.Status.OPEN, null);
        return answer(thread, now);
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
        NegotiationThread moved = thread.next(round, NegotiationThread.Party.TWIN, checkedPrices(thread.terms(), proposed), messageId,
                NegotiationThread.Status.OPEN, null);
        return answer(moved, now);
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

    /** The unit prices the brand aims at for its move at {@code round} and {@code now}. */
    public List<Money> aspiration(NegotiationThread thread, int round, Instant now) {
        double byRounds = (double) round / maxRounds;
        double byClock = (double) Duration.between(thread.openedAt(), now).toMillis() / Math.max(1, window.toMillis());
        double conceded = curve.conceded(Math.max(byRounds, byClock));
        BigDecimal share = BigDecimal.valueOf(conceded).setScale(6, RoundingMode.DOWN);
        List<Money> prices = new ArrayList<>();
        for (LineTerms t : thread.terms()) {
            Money room = t.offerPrice().minus(t.limit());
            Money price = t.offerPrice().minus(room.times(share, RoundingMode.DOWN));
            prices.add(price.max(t.limit()));
        }
        return prices;
    }

    private Outcome answer(NegotiationThread thread, Instant now) {
        int brandRound = thread.round() + 1;
        List<LineTerms> terms = thread.terms();
        List<Money> proposed = thread.standing();
        List<Money> aim = aspiration(thread, Math.min(brandRound, maxRounds), now);
        boolean aboveLimits = true;
        Money proposedTotal = null;
        Money aimTotal = null;
        for (int i = 0; i < terms.size(); i++) {
            aboveLimits &= !proposed.get(i).isLessThan(terms.get(i).limit());
            proposedTotal = add(proposedTotal, proposed.get(i).times(terms.get(i).quantity()));
            aimTotal = add(aimTotal, aim.get(i).times(terms.get(i).quantity()));
        }
        if (aboveLimits && !proposedTotal.isLessThan(aimTotal)) {
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
