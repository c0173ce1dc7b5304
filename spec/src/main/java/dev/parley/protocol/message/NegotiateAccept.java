package dev.parley.protocol.message;

/** Accepts the standing proposal of a thread (the message named by the envelope's {@code re}). */
public record NegotiateAccept(int round) {
    public NegotiateAccept {
        Checks.atLeast("round", round, 1);
    }
}
