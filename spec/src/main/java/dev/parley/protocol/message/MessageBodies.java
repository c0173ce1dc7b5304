package dev.parley.protocol.message;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The body record of every message type: the one place that maps a type to its Java model. */
public final class MessageBodies {
    private static final Map<MessageType, Class<? extends Record>> BY_TYPE = new EnumMap<>(MessageType.class);

    static {
        BY_TYPE.put(MessageType.DESCRIPTOR, Descriptor.class);
        BY_TYPE.put(MessageType.CATALOG_PAGE, CatalogPage.class);
        BY_TYPE.put(MessageType.CATALOG_DELTA, CatalogDelta.class);
        BY_TYPE.put(MessageType.OFFER, Offer.class);
        BY_TYPE.put(MessageType.OFFER_SET, OfferSet.class);
        BY_TYPE.put(MessageType.QUOTE, Quote.class);
        BY_TYPE.put(MessageType.ORDER_CONFIRMED, OrderConfirmed.class);
        BY_TYPE.put(MessageType.ORDER_STATE, OrderState.class);
        BY_TYPE.put(MessageType.CREDENTIAL, Credential.class);
        BY_TYPE.put(MessageType.INTENT, Intent.class);
        BY_TYPE.put(MessageType.NEGOTIATE_PROPOSE, NegotiatePropose.class);
        BY_TYPE.put(MessageType.NEGOTIATE_COUNTER, NegotiateCounter.class);
        BY_TYPE.put(MessageType.NEGOTIATE_ACCEPT, NegotiateAccept.class);
        BY_TYPE.put(MessageType.NEGOTIATE_REJECT, NegotiateReject.class);
        BY_TYPE.put(MessageType.ORDER_PLACE, OrderPlace.class);
        BY_TYPE.put(MessageType.ORDER_STATUS, OrderStatusQuery.class);
        BY_TYPE.put(MessageType.ORDER_CANCEL, OrderCancel.class);
        BY_TYPE.put(MessageType.FEEDBACK, Feedback.class);
        BY_TYPE.put(MessageType.INTEREST_SUBSCRIBE, InterestSubscribe.class);
        BY_TYPE.put(MessageType.INTEREST_REVOKE, InterestRevoke.class);
        BY_TYPE.put(MessageType.ACK, Ack.class);
        BY_TYPE.put(MessageType.ERROR, ErrorBody.class);
        if (BY_TYPE.size() != MessageType.values().length) {
            throw new ExceptionInInitializerError("a message type has no body record");
        }
    }

    private MessageBodies() {}

    /** The record class of {@code type}'s body. */
    public static Class<? extends Record> bodyClass(MessageType type) {
        return BY_TYPE.get(Objects.requireNonNull(type, "type"));
    }

    /** The message type whose body is {@code body}'s class. */
    public static MessageType typeOf(Record body) {
        for (Map.Entry<MessageType, Class<? extends Record>> e : BY_TYPE.entrySet()) {
            if (e.getValue() == body.getClass()) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("not a message body: " + body.getClass().getName());
    }
}
