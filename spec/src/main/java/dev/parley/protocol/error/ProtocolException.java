package dev.parley.protocol.error;

import java.util.Objects;

/**
 * A protocol failure with exactly one registry code and a human-readable detail. Thrown by the
 * verifier and by agents; translated to a signed {@code error} message in one place per binding.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String detail;

    public ProtocolException(ErrorCode code, String detail) {
        super(code.wire() + ": " + detail);
        this.code = Objects.requireNonNull(code, "code");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public ProtocolException(ErrorCode code, String detail, Throwable cause) {
        super(code.wire() + ": " + detail, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return detail;
    }
}
