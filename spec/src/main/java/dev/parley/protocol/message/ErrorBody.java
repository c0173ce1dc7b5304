package dev.parley.protocol.message;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import java.util.Objects;

/** The body of a signed {@code error} message: a registry code, a human-readable detail, and when to retry. */
public record ErrorBody(ErrorCode code, String detail, Long retryAfter) {
    public ErrorBody {
        Objects.requireNonNull(code, "code");
        detail = detail == null ? "" : detail.length() > 2000 ? detail.substring(0, 2000) : detail;
    }

    public static ErrorBody of(ProtocolException e) {
        return new ErrorBody(e.code(), e.detail(), null);
    }
}
