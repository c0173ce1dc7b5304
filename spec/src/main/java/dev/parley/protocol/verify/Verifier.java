package dev.parley.protocol.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Protocol;
import dev.parley.protocol.Syntax;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.DidKey;
import dev.parley.protocol.keys.KeyResolver;
import dev.parley.protocol.keys.VerificationKey;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.schema.ParleySchemas;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Applies the verification procedure of spec/PROTOCOL.md in its order — size, JWS structure,
 * {@code alg}, {@code typ}, envelope, key, signature, audience, time, replay, schema — and returns
 * a {@link VerifiedMessage} or throws a {@link ProtocolException} carrying the code of the first
 * check that failed. Strict by default; each relaxation is a builder method that says what it
 * relaxes. Thread-safe; never blocks (keys and replay state are answered from memory).
 */
public final class Verifier {
    private static final Pattern HTTPS_ORIGIN = Pattern.compile("https://[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?");
    private static final Pattern LOOPBACK_ORIGIN = Pattern.compile("http://(127\\.0\\.0\\.1|localhost)(:[0-9]{1,5})?");
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();
    /** 9999-12-31T23:59:59Z: the latest NumericDate accepted. */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    private final KeyResolver keys;
    private final String audience;
    private final boolean ignoreAudience;
    private final ReplayGuard replayGuard;
    private final Clock clock;
    private final Duration skew;
    private final int maxBytes;
    private final boolean allowLoopbackIssuers;
    private final ParleySchemas schemas;

    private Verifier(Builder b) {
        this.keys = b.keys;
        this.audience = b.audience;
        this.ignoreAudience = b.ignoreAudience;
        this.replayGuard = b.replayGuard;
        this.clock = b.clock;
        this.skew = b.skew;
        this.maxBytes = b.maxBytes;
        this.allowLoopbackIssuers = b.allowLoopbackIssuers;
        this.schemas = b.schemas;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The identity this verifier accepts as audience (null if it ignores audiences). */
    public String audience() {
        return audience;
    }

    /**
     * Verifies a message received in an exchange: every check, replay included for
     * conversational types.
     */
    public VerifiedMessage verify(String compact) throws ProtocolException {
        return run(compact, audience, true);
    }

    /**
     * Verifies a document presented again inside another message (a quote inside
     * {@code order.place}, a credential inside an {@code intent}): every check but replay, with
     * the audience that document must name (the presenting twin), or none for broadcast ones.
     */
    public VerifiedMessage verifyPresented(String compact, String expectedAudience) throws ProtocolException {
        return run(compact, expectedAudience, false);
    }

    private VerifiedMessage run(String compact, String expectedAudience, boolean checkReplay) throws ProtocolException {
        // 1. size
        if (compact == null) {
            throw new ProtocolException(ErrorCode.MALFORMED, "no message");
        }
        if (compact.length() > maxBytes) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "message has " + compact.length() + " bytes; the limit is " + maxBytes);
        }
        // 2. JWS structure
        int dot1 = compact.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : compact.indexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 < 0 || compact.indexOf('.', dot2 + 1) >= 0) {
            throw new ProtocolException(ErrorCode.MALFORMED, "not a JWS compact serialization (three base64url parts separated by '.')");
        }
        if (dot2 == dot1 + 1 || dot2 == compact.length() - 1) {
            throw new ProtocolException(ErrorCode.MALFORMED, "JWS payload and signature must not be empty");
        }
        byte[] signingInput = compact.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
        ObjectNode header = ParleyJson.readObject(decode(compact, 0, dot1, "header"));
        byte[] payloadBytes = decode(compact, dot1 + 1, dot2, "payload");
        byte[] signature = decode(compact, dot2 + 1, compact.length(), "signature");
        // 3. alg
        JsonNode algNode = header.get("alg");
        if (algNode == null || !algNode.isTextual()) {
            throw new ProtocolException(ErrorCode.MALFORMED, "JWS header has no alg");
        }
        String alg = algNode.asText();
        if (!alg.equals("Ed25519") && !alg.equals("EdDSA") && !alg.equals("ES256")) {
            throw new ProtocolException(ErrorCode.ALG_NOT_ALLOWED, "alg \"" + alg + "\" is not allowed; use Ed25519 or ES256");
        }
        // 4. typ
        JsonNode typ = header.get("typ");
        if (typ == null || !typ.isTextual() || !isParleyTyp(typ.asText())) {
            throw new ProtocolException(ErrorCode.BAD_TYPE, "JWS typ must be \"" + Protocol.JWS_TYP + "\"");
        }
        if (header.has("crit") || header.has("b64")) {
            throw new ProtocolException(ErrorCode.MALFORMED, "JWS header parameters crit and b64 are not supported");
        }
        JsonNode kidNode = header.get("kid");
        if (kidNode == null || !kidNode.isTextual() || kidNode.asText().isEmpty()) {
            throw new ProtocolException(ErrorCode.MALFORMED, "JWS header has no kid");
        }
        String kid = kidNode.asText();
        // 5. envelope
        ObjectNode payload = ParleyJson.readObject(payloadBytes);
        JsonNode version = payload.get("parley");
        if (version == null || !version.isTextual()) {
            throw new ProtocolException(ErrorCode.MALFORMED, "payload has no parley version");
        }
        if (!Protocol.VERSION.equals(version.asText())) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION, "parley version \"" + version.asText() + "\" is not supported; this agent speaks " + Protocol.VERSION);
        }
        JsonNode typeNode = payload.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new ProtocolException(ErrorCode.MALFORMED, "payload has no type");
        }
        MessageType type = MessageType.fromWire(typeNode.asText()).orElseThrow(() ->
                new ProtocolException(ErrorCode.UNKNOWN_TYPE, "message type \"" + typeNode.asText() + "\" is not registered"));
        String id = requiredId(payload, "id");
        String iss = requiredText(payload, "iss");
        if (!validIssuer(iss)) {
            throw new ProtocolException(ErrorCode.MALFORMED, "iss must be a did:key or an https origin: \"" + iss + "\"");
        }
        String aud = optionalText(payload, "aud");
        long iat = requiredTime(payload, "iat");
        long exp = requiredTime(payload, "exp");
        String thread = optionalId(payload, "thread");
        String re = optionalId(payload, "re");
        JsonNode body = payload.get("body");
        if (body == null || !body.isObject()) {
            throw new ProtocolException(ErrorCode.MALFORMED, "payload has no body object");
        }
        // 6. key
        VerificationKey key = keys.resolve(iss, kid);
        if (!key.fits(alg)) {
            throw new ProtocolException(ErrorCode.ALG_NOT_ALLOWED, "alg " + alg + " does not fit key " + kid + " (" + key.type() + ")");
        }
        // 7. signature
        if (!key.verify(signingInput, signingInput.length, signature)) {
            throw new ProtocolException(ErrorCode.BAD_SIGNATURE, "signature does not verify with key " + kid);
        }
        // 8. audience
        if (type.requiresAudience() && !ignoreAudience) {
            if (aud == null) {
                throw new ProtocolException(ErrorCode.WRONG_AUDIENCE, type + " must name its audience");
            }
            if (!aud.equals(expectedAudience)) {
                throw new ProtocolException(ErrorCode.WRONG_AUDIENCE, "addressed to " + aud + ", not to " + expectedAudience);
            }
        }
        // 9. time
        long now = clock.instant().getEpochSecond();
        long skewSeconds = skew.getSeconds();
        if (iat > now + skewSeconds) {
            throw new ProtocolException(ErrorCode.NOT_YET_VALID, "issued at " + Instant.ofEpochSecond(iat) + ", in the future");
        }
        if (now >= exp + skewSeconds) {
            throw new ProtocolException(ErrorCode.EXPIRED, "expired at " + Instant.ofEpochSecond(exp));
        }
        if (exp <= iat) {
            throw new ProtocolException(ErrorCode.MALFORMED, "exp must be after iat");
        }
        if (exp - iat > type.maxLifetime().getSeconds()) {
            throw new ProtocolException(ErrorCode.LIFETIME_TOO_LONG, type + " may live at most " + type.maxLifetime().getSeconds() + " s; this one " + (exp - iat) + " s");
        }
        // 10. replay
        if (checkReplay && type.replayChecked()) {
            replayGuard.record(iss, id, Instant.ofEpochSecond(exp + skewSeconds));
        }
        // 11. schema
        List<String> violations = schemas.validate(type, payload);
        if (!violations.isEmpty()) {
            throw new ProtocolException(ErrorCode.SCHEMA_INVALID, String.join("; ", violations));
        }
        return new VerifiedMessage(compact, alg, kid, type, id, iss, aud, iat, exp, thread, re, payload);
    }

    private static boolean isParleyTyp(String typ) {
        return typ.equalsIgnoreCase(Protocol.JWS_TYP) || typ.equalsIgnoreCase("application/" + Protocol.JWS_TYP);
    }

    private boolean validIssuer(String iss) {
        if (iss.startsWith(DidKey.PREFIX)) {
            return DidKey.looksLike(iss);
        }
        return HTTPS_ORIGIN.matcher(iss).matches() || (allowLoopbackIssuers && LOOPBACK_ORIGIN.matcher(iss).matches());
    }

    private static byte[] decode(String compact, int from, int to, String part) throws ProtocolException {
        for (int i = from; i < to; i++) {
            char c = compact.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                throw new ProtocolException(ErrorCode.MALFORMED, "JWS " + part + " is not unpadded base64url");
            }
        }
        try {
            return B64URL.decode(compact.substring(from, to));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.MALFORMED, "JWS " + part + " is not valid base64url");
        }
    }

    private static String requiredText(ObjectNode payload, String field) throws ProtocolException {
        JsonNode node = payload.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new ProtocolException(ErrorCode.MALFORMED, "payload field " + field + " must be a non-empty string");
        }
        return node.asText();
    }

    private static String optionalText(ObjectNode payload, String field) throws ProtocolException {
        JsonNode node = payload.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ProtocolException(ErrorCode.MALFORMED, "payload field " + field + " must be a string");
        }
        return node.asText();
    }

    private static String requiredId(ObjectNode payload, String field) throws ProtocolException {
        String value = requiredText(payload, field);
        if (!Syntax.id(value)) {
            throw new ProtocolException(ErrorCode.MALFORMED, "payload field " + field + " must be 1-128 characters of [A-Za-z0-9._:-]");
        }
        return value;
    }

    private static String optionalId(ObjectNode payload, String field) throws ProtocolException {
        String value = optionalText(payload, field);
        if (value != null && !Syntax.id(value)) {
            throw new ProtocolException(ErrorCode.MALFORMED, "payload field " + field + " must be 1-128 characters of [A-Za-z0-9._:-]");
        }
        return value;
    }

    private static long requiredTime(ObjectNode payload, String field) throws ProtocolException {
        JsonNode node = payload.get(field);
        // Bounded to year 9999 so that time arithmetic and Instant cannot overflow on hostile values.
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0 || node.asLong() > MAX_NUMERIC_DATE) {
            throw new ProtocolException(ErrorCode.MALFORMED, "payload field " + field
                    + " must be a NumericDate (non-negative integer seconds, before the year 10000)");
        }
        return node.asLong();
    }

    /** Builds a {@link Verifier}; fails at once, naming the setting, when one is missing or wrong. */
    public static final class Builder {
        private KeyResolver keys;
        private String audience;
        private boolean ignoreAudience;
        private ReplayGuard replayGuard;
        private Clock clock;
        private Duration skew = Protocol.CLOCK_SKEW;
        private int maxBytes = Protocol.MAX_MESSAGE_BYTES;
        private boolean allowLoopbackIssuers;
        private ParleySchemas schemas;

        private Builder() {}

        /** Where issuers' keys come from (required). */
        public Builder keys(KeyResolver keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** This agent's own identity: addressed messages must name it in {@code aud}. */
        public Builder expectAudience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /** Relaxation: accept addressed messages whatever their {@code aud} (tools, relays). */
        public Builder ignoreAudience() {
            this.ignoreAudience = true;
            return this;
        }

        /** Where accepted message ids are remembered (required). */
        public Builder replayGuard(ReplayGuard replayGuard) {
            this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
            return this;
        }

        /** The clock that decides validity (required). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Relaxation or tightening of the clock skew tolerated on iat and exp (default 60 s). */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("clockSkew must be between 0 and 5 minutes, not " + skew);
            }
            this.skew = skew;
            return this;
        }

        /** Tightens the size limit below the protocol's 256 KiB. */
        public Builder maxBytes(int maxBytes) {
            if (maxBytes < 256 || maxBytes > Protocol.MAX_MESSAGE_BYTES) {
                throw new IllegalArgumentException("maxBytes must be between 256 and " + Protocol.MAX_MESSAGE_BYTES + ", not " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /** Relaxation for local testing: accept {@code http://127.0.0.1:PORT} and {@code http://localhost:PORT} issuers. */
        public Builder allowLoopbackHttpIssuers() {
            this.allowLoopbackIssuers = true;
            return this;
        }

        /** The schemas to check bodies with (default: the spec's). */
        public Builder schemas(ParleySchemas schemas) {
            this.schemas = Objects.requireNonNull(schemas, "schemas");
            return this;
        }

        public Verifier build() {
            if (keys == null) {
                throw new IllegalStateException("Verifier needs keys(...): where issuers' keys come from");
            }
            if (clock == null) {
                throw new IllegalStateException("Verifier needs clock(...)");
            }
            if (replayGuard == null) {
                throw new IllegalStateException("Verifier needs replayGuard(...): e.g. new InMemoryReplayGuard(100_000, clock)");
            }
            if (audience == null && !ignoreAudience) {
                throw new IllegalStateException("Verifier needs expectAudience(ownId), or ignoreAudience() to accept any audience");
            }
            if (audience != null && ignoreAudience) {
                throw new IllegalStateException("expectAudience(" + audience + ") and ignoreAudience() contradict each other");
            }
            if (schemas == null) {
                schemas = ParleySchemas.standard();
            }
            return new Verifier(this);
        }
    }
}
