package dev.parley.protocol.vectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.MessageType;
import java.util.Map;

/**
 * The bodies the vectors carry: one realistic, schema-valid body per message type, telling one
 * story (twin A asks the shop for vegan candles, gets an offer, negotiates, orders). Written as
 * JSON text, as an implementer reads them. {@code ${name}} placeholders take values the
 * generator knows only while it runs: the twin's did:key and signed messages other bodies carry.
 */
final class Bodies {
    static final String CANDLE = """
            {"sku":"CND-001","gtin":"4006381333931","title":"Beeswax pillar candle",
             "description":"Hand-poured beeswax, about 40 hours of burn time.","brand":"Shop Example",
             "category":["Home & Garden","Decor","Candles"],
             "attributes":{"colour":"honey","vegan":false,"burn_hours":40,"scents":["honey"]},
             "images":["https://shop.example/img/cnd-001.jpg"],"url":"https://shop.example/p/cnd-001",
             "list_price":{"amount":"12.50","currency":"EUR"},"availability":"in_stock","stock":120}""";
    static final String SOY_CANDLE = """
            {"sku":"CND-002","title":"Soy container candle, unscented","brand":"Shop Example",
             "category":["Home & Garden","Decor","Candles"],
             "attributes":{"colour":"cream","vegan":true,"burn_hours":35},
             "list_price":{"amount":"8.90","currency":"EUR"},"availability":"in_stock","stock":300}""";
    static final String PUBLIC_OFFER = """
            {"offer_id":"off-cnd-001-w03",
             "items":[{"sku":"CND-001","quantity":1,"unit_price":{"amount":"10.90","currency":"EUR"},
                       "list_price":{"amount":"12.50","currency":"EUR"}}],
             "valid_from":"2026-01-15T00:00:00Z","valid_until":"2026-01-22T00:00:00Z",
             "eligibility":{"audience":"public"},"negotiable":false,"terms":"One per order while stock lasts."}""";
    static final String LINE_7_20 = """
            {"sku":"CND-002","quantity":4,"unit_price":{"amount":"7.20","currency":"EUR"},
             "list_price":{"amount":"8.90","currency":"EUR"}}""";

    private Bodies() {}

    /**
     * The body of {@code type}; {@code values} supplies the placeholders: {@code twin} always,
     * {@code offer_set} for negotiate.propose and {@code quote} for order.place.
     */
    static ObjectNode of(MessageType type, Map<String, String> values) {
        String json = switch (type) {
            case DESCRIPTOR -> """
                    {"name":"Shop Example","origin":"https://shop.example","versions":["0.1"],
                     "endpoints":{"messages":"https://shop.example/parley/messages","catalog":"https://shop.example/parley/catalog",
                                  "catalog_stream":"https://shop.example/parley/catalog/stream",
                                  "jwks":"https://shop.example/.well-known/jwks.json"},
                     "capabilities":["negotiation","orders","credentials"],"currencies":["EUR"],
                     "policies":{"tiers":["regular","best"],"max_rounds":6,"negotiation_seconds":900,"quote_seconds":86400,
                                 "credential_tiers":true},
                     "contact":"parley@shop.example"}""";
            case CATALOG_PAGE -> """
                    {"seq":42,"page":0,"pages":1,"total":2,"products":[%s,%s],"offers":[%s]}""".formatted(CANDLE, SOY_CANDLE, PUBLIC_OFFER);
            case CATALOG_DELTA -> """
                    {"from_seq":42,"to_seq":43,"upserts":[%s],"removals":["CND-009"],"offers":[],"offer_removals":["off-cnd-009-w02"]}"""
                    .formatted(SOY_CANDLE.replace("\"stock\":300", "\"stock\":296"));
            case OFFER -> PUBLIC_OFFER;
            case OFFER_SET -> """
                    {"offers":[{"offer_id":"off-7f3a-1",
                                "items":[{"sku":"CND-002","quantity":4,"unit_price":{"amount":"7.60","currency":"EUR"},
                                          "list_price":{"amount":"8.90","currency":"EUR"}}],
                                "total":{"amount":"30.40","currency":"EUR"},
                                "valid_from":"2026-01-15T11:59:50Z","valid_until":"2026-01-16T11:59:50Z",
                                "eligibility":{"audience":"twin","twin":"${twin}","tier":"best"},
                                "redemption_limit":1,"negotiable":true,"terms":"Returns within 30 days.",
                                "incentives":["15% below list for best customers"]}],
                     "tier":"best"}""";
            case QUOTE -> """
                    {"quote_id":"q-7f3a-1","twin":"${twin}","offer_id":"off-7f3a-1","items":[%s],
                     "total":{"amount":"28.80","currency":"EUR"},"list_total":{"amount":"35.60","currency":"EUR"},
                     "valid_until":"2026-01-16T11:59:50Z","terms":"Returns within 30 days."}""".formatted(LINE_7_20);
            case ORDER_CONFIRMED -> """
                    {"order_id":"o-20260115-0001","quote_id":"q-7f3a-1","twin":"${twin}","idempotency_key":"order-2f9c0d41",
                     "items":[%s],"total":{"amount":"28.80","currency":"EUR"},"status":"confirmed",
                     "placed_at":"2026-01-15T11:59:50Z"}""".formatted(LINE_7_20);
            case ORDER_STATE -> """
                    {"order_id":"o-20260115-0001","status":"shipped","updated_at":"2026-01-15T11:59:50Z",
                     "tracking_url":"https://shop.example/track/o-20260115-0001"}""";
            case CREDENTIAL -> """
                    {"credential_id":"cred-2026-0001","subject":"${twin}",
                     "claims":{"tier":"best","since":"2025-06-01T00:00:00Z","orders":7}}""";
            case INTENT -> """
                    {"wants":[{"query":"unscented vegan candles","category":["Home & Garden","Decor","Candles"],
                               "attributes":{"vegan":true,"burn_hours":{"min":30},"colour":{"in":["white","cream"]}},
                               "exclude":["paraffin"],"quantity":4,"max_unit_price":{"amount":"8.00","currency":"EUR"}}],
                     "budget":{"amount":"40.00","currency":"EUR"},"currency":"EUR","max_offers":5}""";
            case NEGOTIATE_PROPOSE -> """
                    {"offer":{"offer_set":"${offer_set}","offer_id":"off-7f3a-1"},
                     "items":[{"sku":"CND-002","quantity":4,"unit_price":{"amount":"6.90","currency":"EUR"}}],
                     "round":1,"note":"I would take four at 6.90."}""";
            case NEGOTIATE_COUNTER -> """
                    {"items":[{"sku":"CND-002","quantity":4,"unit_price":{"amount":"7.20","currency":"EUR"}}],"round":2,"final":false}""";
            case NEGOTIATE_ACCEPT -> """
                    {"round":3}""";
            case NEGOTIATE_REJECT -> """
                    {"reason":"price","detail":"above my ceiling"}""";
            case ORDER_PLACE -> """
                    {"quote":"${quote}","idempotency_key":"order-2f9c0d41",
                     "delivery":{"method":"standard","country":"DE","postal_code":"10115"}}""";
            case ORDER_STATUS -> """
                    {"order_id":"o-20260115-0001"}""";
            case ORDER_CANCEL -> """
                    {"order_id":"o-20260115-0001","reason":"ordered twice by mistake"}""";
            case FEEDBACK -> """
                    {"signal":"too_expensive","sku":"CND-001","offer_id":"off-cnd-001-w03"}""";
            case INTEREST_SUBSCRIBE -> """
                    {"subscription_id":"sub-candles-1","categories":[["Home & Garden","Decor","Candles"]],
                     "attributes":{"vegan":true},"max_per_week":2,"expires_at":"2026-04-15T00:00:00Z"}""";
            case INTEREST_REVOKE -> """
                    {"subscription_id":"sub-candles-1"}""";
            case ACK -> """
                    {"note":"feedback recorded"}""";
            case ERROR -> """
                    {"code":"quote_expired","detail":"quote q-7f3a-1 expired at 2026-01-16T11:59:50Z"}""";
        };
        for (Map.Entry<String, String> value : values.entrySet()) {
            json = json.replace("${" + value.getKey() + "}", value.getValue());
        }
        if (json.contains("${")) {
            throw new IllegalArgumentException("body of " + type + " needs a value not given: " + json);
        }
        try {
            return ParleyJson.readObject(json);
        } catch (ProtocolException e) {
            throw new IllegalStateException("body of " + type + " is not valid JSON: " + e.detail(), e);
        }
    }
}
