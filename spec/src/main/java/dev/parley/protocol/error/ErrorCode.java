package dev.parley.protocol.error;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Parley error registry (spec/PROTOCOL.md, "Error registry"): every wire code with the HTTP
 * status the HTTP binding answers it with. This enum is the only place either is written down.
 */
public enum ErrorCode {
    // Envelope verification, in the order the verifier applies its checks.
    TOO_LARGE("too_large", 413),
    MALFORMED("malformed", 400),
    ALG_NOT_ALLOWED("alg_not_allowed", 401),
    BAD_TYPE("bad_type", 400),
    UNSUPPORTED_VERSION("unsupported_version", 400),
    UNKNOWN_TYPE("unknown_type", 400),
    UNKNOWN_KEY("unknown_key", 401),
    BAD_SIGNATURE("bad_signature", 401),
    WRONG_AUDIENCE("wrong_audience", 403),
    NOT_YET_VALID("not_yet_valid", 400),
    EXPIRED("expired", 410),
    LIFETIME_TOO_LONG("lifetime_too_long", 400),
    REPLAYED("replayed", 409),
    SCHEMA_INVALID("schema_invalid", 400),

    // Transport.
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    RATE_LIMITED("rate_limited", 429),

    // Application.
    INVALID_REQUEST("invalid_request", 400),
    NOT_FOUND("not_found", 404),
    NOT_ELIGIBLE("not_eligible", 403),
    UNSUPPORTED_CAPABILITY("unsupported_capability", 404),
    THREAD_CLOSED("thread_closed", 409),
    QUOTE_INVALID("quote_invalid", 403),
    QUOTE_EXPIRED("quote_expired", 410),
    INSUFFICIENT_STOCK("insufficient_stock", 409),
    IDEMPOTENCY_CONFLICT("idempotency_conflict", 409),
    ORDER_NOT_CANCELLABLE("order_not_cancellable", 409),

    // Server side.
    INTERNAL_ERROR("internal_error", 500),
    UNAVAILABLE("unavailable", 503);

    private static final Map<String, ErrorCode> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::wire, Function.identity()));

    private final String wire;
    private final int httpStatus;

    ErrorCode(String wire, int httpStatus) {
        this.wire = wire;
        this.httpStatus = httpStatus;
    }

    /** The code as it appears on the wire, e.g. {@code replayed}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return wire;
    }

    /** The HTTP status the HTTP binding answers this code with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry entry for a wire code, if the code is registered. */
    public static Optional<ErrorCode> fromWire(String wire) {
        return Optional.ofNullable(BY_WIRE.get(wire));
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    static ErrorCode bindWire(String wire) {
        return fromWire(wire).orElseThrow(() -> new IllegalArgumentException("unregistered error code: " + wire));
    }

    @Override
    public String toString() {
        return wire;
    }
}
