package dev.parley.protocol.message;

import java.util.Objects;

/** Ends a negotiation thread without agreement. */
public record NegotiateReject(RejectReason reason, String detail) {
    public NegotiateReject {
        Objects.requireNonNull(reason, "reason");
        Checks.optionalText("detail", detail, 1000);
    }
}
