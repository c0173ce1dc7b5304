package dev.parley.protocol.message;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every Parley message type with the two properties the verifier needs from the spec's table
 * (spec/PROTOCOL.md, "Message types"): whether it is a broadcast document or a conversational
 * message, and its maximum lifetime ({@code exp - iat}).
 *
 * <p>Broadcast documents ({@link Kind#DOCUMENT}) are published for anyone, carry no {@code aud}
 * and are not replay-checked: they are meant to be stored and presented again. Conversational
 * messages ({@link Kind#CONVERSATIONAL}) must carry {@code aud} and are replay-checked by their
 * receiver. Binding artifacts addressed to one party ({@link Kind#ADDRESSED_DOCUMENT}: quotes,
 * offer sets, credentials, receipts) carry {@code aud} but are not replay-checked, since their
 * holder presents them again later (a quote inside {@code order.place}, say).
 */
public enum MessageType {
    DESCRIPTOR("descriptor", Kind.DOCUMENT, Duration.ofDays(30)),
    CATALOG_PAGE("catalog.page", Kind.DOCUMENT, Duration.ofDays(7)),
    CATALOG_DELTA("catalog.delta", Kind.DOCUMENT, Duration.ofDays(7)),
    OFFER("offer", Kind.DOCUMENT, Duration.ofDays(90)),
    INTENT("intent", Kind.CONVERSATIONAL, Duration.ofMinutes(10)),
    OFFER_SET("offer.set", Kind.ADDRESSED_DOCUMENT, Duration.ofDays(30)),
    NEGOTIATE_PROPOSE("negotiate.propose", Kind.CONVERSATIONAL, Duration.ofMinutes(10)),
    NEGOTIATE_COUNTER("negotiate.counter", Kind.CONVERSATIONAL, Duration.ofMinutes(10)),
    NEGOTIATE_ACCEPT("negotiate.accept", Kind.CONVERSATIONAL, Duration.ofMinutes(10)),
    NEGOTIATE_REJECT("negotiate.reject", Kind.CONVERSATIONAL, Duration.ofMinutes(10)),
    QUOTE("quote", Kind.ADDRESSED_DOCUMENT, Duration.ofDays(7)),
    ORDER_PLACE("order.place", Kind.CONVERSATIONAL, Duration.ofMinutes(10)),
    ORDER_CONFIRMED("order.confirmed", Kind.ADDRESSED_DOCUMENT, Duration.ofDays(400)),
    ORDER_STATUS("order.status", Kind.CONVERSATIONAL, Duration.ofMinutes(10)),
    ORDER_CANCEL("order.cancel", Kind.CONVERSATIONAL, Duration.ofMinutes(10)),
    ORDER_STATE("order.state", Kind.ADDRESSED_DOCUMENT, Duration.ofDays(1)),
    FEEDBACK("feedback", Kind.CONVERSATIONAL, Duration.ofMinutes(10)),
    CREDENTIAL("credential", Kind.ADDRESSED_DOCUMENT, Duration.ofDays(400)),
    INTEREST_SUBSCRIBE("interest.subscribe", Kind.CONVERSATIONAL, Duration.ofMinutes(10)),
    INTEREST_REVOKE("interest.revoke", Kind.CONVERSATIONAL, Duration.ofMinutes(10)),
    ACK("ack", Kind.CONVERSATIONAL, Duration.ofMinutes(10)),
    ERROR("error", Kind.CONVERSATIONAL, Duration.ofMinutes(10));

    /** How a type is addressed and whether its receiver checks it for replay. */
    public enum Kind {
        /** Published for anyone: no {@code aud}, no replay check. */
        DOCUMENT,
        /** Addressed to one party and presented again later: {@code aud} required, no replay check. */
        ADDRESSED_DOCUMENT,
        /** One exchange between two parties: {@code aud} required, replay-checked. */
        CONVERSATIONAL
    }

    private static final Map<String, MessageType> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(MessageType::wire, Function.identity()));

    private final String wire;
    private final Kind kind;
    private final Duration maxLifetime;

    MessageType(String wire, Kind kind, Duration maxLifetime) {
        this.wire = wire;
        this.kind = kind;
        this.maxLifetime = maxLifetime;
    }

    /** The type's name on the wire, e.g. {@code negotiate.counter}. */
    public String wire() {
        return wire;
    }

    public Kind kind() {
        return kind;
    }

    /** The longest {@code exp - iat} a verifier accepts for this type. */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** Whether messages of this type must carry {@code aud}. */
    public boolean requiresAudience() {
        return kind != Kind.DOCUMENT;
    }

    /** Whether a receiver checks messages of this type for replay. */
    public boolean replayChecked() {
        return kind == Kind.CONVERSATIONAL;
    }

    public static Optional<MessageType> fromWire(String wire) {
        return Optional.ofNullable(BY_WIRE.get(wire));
    }

    @Override
    public String toString() {
        return wire;
    }
}
