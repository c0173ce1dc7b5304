package dev.parley.mirror.tournament;

/**
 * One side of one negotiation in the tournament: asked for its move at each of its turns of
 * stacked alternating offers. Proposals are numbered from 1 to the deadline; after the proposal
 * at the deadline the other side may still accept it (its move is then numbered deadline + 1, and
 * anything but an acceptance ends the negotiation without a deal), as in the protocol, where an
 * acceptance names the round it accepts and is not a round of its own.
 */
public interface Negotiant {

    /** A move. */
    sealed interface Action permits Propose, Accept, Walk {}

    /** Proposes an outcome. */
    record Propose(Bid bid) implements Action {}

    /** Accepts the other side's standing proposal. */
    record Accept() implements Action {}

    /** Ends the negotiation without a deal. */
    record Walk() implements Action {}

    /**
     * @param last  the other side's standing proposal, null before it made one
     * @param round the number of the message this move is
     */
    Action move(Bid last, int round);
}
