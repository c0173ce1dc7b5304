package dev.parley.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A counter-proposal in a negotiation thread; it implicitly rejects the standing proposal.
 * {@code finalOffer} (wire name {@code final}) says the sender will not move further.
 */
public record NegotiateCounter(List<PricedLine> items, int round, @JsonProperty("final") Boolean finalOffer, String note) {
    public NegotiateCounter {
        items = Checks.list("items", items, 1, 100);
        Checks.atLeast("round", round, 1);
        Checks.optionalText("note", note, 1000);
    }
}
