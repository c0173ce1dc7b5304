package dev.parley.brand.negotiation;

import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.RejectReason;
import java.util.List;

/** What the brand answers to a twin's move in a negotiation, with the thread as it now stands. */
public sealed interface Outcome {

    NegotiationThread thread();

    /** The brand proposes these lines at round {@code thread().round()}. */
    record Counter(NegotiationThread thread, List<PricedLine> lines, boolean finalOffer) implements Outcome {
        public Counter {
            lines = List.copyOf(lines);
        }
    }

    /** Agreement on these lines: the brand issues a quote for them. */
    record Agreed(NegotiationThread thread, List<PricedLine> lines) implements Outcome {
        public Agreed {
            lines = List.copyOf(lines);
        }
    }

    /** The thread ends without agreement. */
    record Closed(NegotiationThread thread, RejectReason reason, String detail) implements Outcome {}
}
