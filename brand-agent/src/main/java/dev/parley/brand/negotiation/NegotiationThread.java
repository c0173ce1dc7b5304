package dev.parley.brand.negotiation;

import dev.parley.brand.policy.LineTerms;
import dev.parley.protocol.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The brand's record of one negotiation: the terms it negotiates within (private: limits and
 * floors are never disclosed), the last round, who made it and at which unit prices, whether
 * the thread is still open, and the totals the twin proposed so far (oldest first: its rounds
 * 1, 3, 5…), from which the brand models where the twin is heading. Immutable; every step makes a
 * new one. Serialised as JSON when threads are shared between the nodes of a cluster (a thread
 * stored without {@code received} reads as one with none).
 */
public record NegotiationThread(
        String threadId,
        String twin,
        String offerId,
        String tier,
        List<LineTerms> terms,
        int round,
        Party lastBy,
        List<Money> standing,
        String lastMessageId,
        Instant openedAt,
        Instant deadline,
        Status status,
        String quoteId,
        List<Money> received) {

    public enum Party { TWIN, BRAND }

    public enum Status { OPEN, AGREED, CLOSED }

    public NegotiationThread {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(twin, "twin");
        terms = List.copyOf(terms);
        standing = List.copyOf(standing);
        if (terms.isEmpty() || standing.size() != terms.size()) {
            throw new IllegalArgumentException("a thread has one standing unit price per line");
        }
        Objects.requireNonNull(lastBy, "lastBy");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(status, "status");
        received = received == null ? List.of() : List.copyOf(received);
    }

    NegotiationThread next(int newRound, Party by, List<Money> prices, String messageId, Status newStatus, String newQuoteId) {
        return new NegotiationThread(threadId, twin, offerId, tier, terms, newRound, by, prices, messageId, openedAt, deadline, newStatus,
                newQuoteId, received);
    }

    /** This thread with the twin's proposal of these unit prices as its latest move. */
    NegotiationThread proposedByTwin(int newRound, List<Money> prices, String messageId) {
        Money total = null;
        for (int i = 0; i < terms.size(); i++) {
            Money line = prices.get(i).times(terms.get(i).quantity());
            total = total == null ? line : total.plus(line);
        }
        List<Money> history = new ArrayList<>(received);
        history.add(total);
        return new NegotiationThread(threadId, twin, offerId, tier, terms, newRound, Party.TWIN, prices, messageId, openedAt, deadline,
                Status.OPEN, null, history);
    }

    /** This thread, closed. */
    public NegotiationThread closed() {
        return next(round, lastBy, standing, lastMessageId, Status.CLOSED, quoteId);
    }

    /** This thread, agreed, with the quote that binds the agreement. */
    public NegotiationThread agreed(String newQuoteId) {
        return next(round, lastBy, standing, lastMessageId, Status.AGREED, newQuoteId);
    }

    /** This thread with the id of the brand's answer recorded, so the twin's next message can name it. */
    public NegotiationThread answeredBy(String messageId) {
        return next(round, lastBy, standing, messageId, status, quoteId);
    }
}
