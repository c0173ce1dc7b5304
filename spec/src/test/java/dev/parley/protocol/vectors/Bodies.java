package dev.parley.protocol.vectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.MessageType;

/** A schema-valid example body for every message type, as the vectors carry them. */
final class Bodies {
    private Bodies() {}

    static ObjectNode of(MessageType type, String twinDid) {
        String json = switch (type) {
            case DESCRIPTOR -> """
                    {"name":"Shop Example","versions":["0.1"]}""";
            case CATALOG_PAGE -> """
                    {"seq":42,"products":[]}""";
            case CATALOG_DELTA -> """
                    {"seq":43,"changes":[]}""";
            case OFFER -> """
                    {"offer_id":"off-1"}""";
            case OFFER_SET -> """
                    {"offers":[]}""";
            case QUOTE -> """
                    {"quote_id":"q-1"}""";
            case ORDER_CONFIRMED -> """
                    {"order_id":"o-1"}""";
            case ORDER_STATE -> """
                    {"order_id":"o-1","state":"shipped"}""";
            case CREDENTIAL -> """
                    {"claims":{"tier":"gold"}}""";
            case INTENT -> """
                    {"wants":[{"query":"candles","quantity":2}]}""";
            case NEGOTIATE_PROPOSE, NEGOTIATE_COUNTER -> """
                    {"round":1}""";
            case NEGOTIATE_ACCEPT, NEGOTIATE_REJECT -> """
                    {}""";
            case ORDER_PLACE -> """
                    {"idempotency_key":"k-1"}""";
            case ORDER_STATUS, ORDER_CANCEL -> """
                    {"order_id":"o-1"}""";
            case FEEDBACK -> """
                    {"signal":"too_expensive"}""";
            case INTEREST_SUBSCRIBE -> """
                    {"categories":[["Home"]]}""";
            case INTEREST_REVOKE -> """
                    {"subscription_id":"s-1"}""";
            case ACK -> """
                    {}""";
            case ERROR -> """
                    {"code":"expired","detail":"quote expired"}""";
        };
        try {
            return ParleyJson.readObject(json.replace("${twin}", twinDid));
        } catch (ProtocolException e) {
            throw new IllegalStateException("example body of " + type + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
