package dev.parley.protocol.message;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A realistic, valid body record for every message type, for tests of this and other modules. */
public final class ExampleBodies {
    /** The twin key the examples address (the published did:key test vector). */
    public static final String TWIN = "did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th";
    public static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    private ExampleBodies() {}

    public static Product candle() {
        return new Product(Sku.of("84879"), "5012345678900", "Assorted colour bird ornament",
                "Hand-painted ornament, assorted colours.", "Example Gifts",
                List.of("Home & Garden", "Decor", "Ornaments"),
                Map.of("colour", AttributeValue.of(List.of("red", "blue")), "vegan", AttributeValue.of(true),
                        "weight_g", AttributeValue.of(new BigDecimal("120"))),
                List.of(URI.create("https://shop.example/img/84879.jpg")), URI.create("https://shop.example/p/84879"),
                Money.of("1.69", "GBP"), Availability.IN_STOCK, 1450L);
    }

    public static Offer offer() {
        return new Offer("off-84879-a", List.of(new PricedLine(Sku.of("84879"), 12, Money.of("1.45", "GBP"), Money.of("1.69", "GBP"))),
                Money.of("17.40", "GBP"), NOW, NOW.plusSeconds(86_400), Eligibility.forTwin(TWIN), 1, true,
                "Returns within 30 days.", List.of("12% below list for returning customers"));
    }

    public static Quote quote() {
        return new Quote("q-0001", TWIN, "off-84879-a", List.of(new PricedLine(Sku.of("84879"), 12, Money.of("1.40", "GBP"), Money.of("1.69", "GBP"))),
                Money.of("16.80", "GBP"), Money.of("20.28", "GBP"), NOW.plusSeconds(3600), null);
    }

    public static Record of(MessageType type) {
        return switch (type) {
            case DESCRIPTOR -> new Descriptor("Example Gifts", "https://shop.example", List.of("0.1"),
                    new Descriptor.Endpoints(URI.create("https://shop.example/parley/messages"), URI.create("https://shop.example/parley/catalog"),
                            URI.create("https://shop.example/parley/catalog/stream"), URI.create("https://shop.example/parley/jwks.json")),
                    List.of(Descriptor.CAP_NEGOTIATION, Descriptor.CAP_ORDERS), List.of("GBP"),
                    new Descriptor.PolicySummary(List.of("regular", "best"), 6, 900L, 3600L, true), "parley@shop.example");
            case CATALOG_PAGE -> new CatalogPage(42, 0, 3, 2500L, List.of(candle()), List.of());
            case CATALOG_DELTA -> new CatalogDelta(42, 45, List.of(candle()), List.of(Sku.of("22423")), List.of(), List.of("off-old"));
            case OFFER -> new Offer("off-public-1", List.of(new PricedLine(Sku.of("84879"), 1, Money.of("1.59", "GBP"), Money.of("1.69", "GBP"))),
                    null, null, NOW.plusSeconds(7 * 86_400), Eligibility.publicOffer(), null, false, null, List.of());
            case OFFER_SET -> new OfferSet(List.of(offer()), "best", null);
            case QUOTE -> quote();
            case ORDER_CONFIRMED -> new OrderConfirmed("o-0001", "q-0001", TWIN, "order-7f3a9c21", quote().items(),
                    Money.of("16.80", "GBP"), OrderStatus.CONFIRMED, NOW, null);
            case ORDER_STATE -> new OrderState("o-0001", OrderStatus.SHIPPED, NOW, URI.create("https://shop.example/track/o-0001"), null);
            case CREDENTIAL -> new Credential("cred-0001", TWIN, new Credential.Claims("best", NOW.minusSeconds(86_400 * 90), 7));
            case INTENT -> new Intent(List.of(
                    new Want("bird ornament", null, null, List.of("Home & Garden"),
                            Map.of("vegan", new Constraint.Equals(AttributeValue.of(true)),
                                    "colour", new Constraint.In(List.of(AttributeValue.of("red"), AttributeValue.of("blue"))),
                                    "weight_g", new Constraint.Range(null, new BigDecimal("200"))),
                            List.of("glitter"), 12, Money.of("1.60", "GBP"))),
                    Money.of("25.00", "GBP"), "GBP", List.of(), Map.of("size", "M"), 5);
            case NEGOTIATE_PROPOSE -> new NegotiatePropose(new OfferRef(null, "off-84879-a"),
                    List.of(new PricedLine(Sku.of("84879"), 12, Money.of("1.30", "GBP"), null)), 1, null);
            case NEGOTIATE_COUNTER -> new NegotiateCounter(List.of(new PricedLine(Sku.of("84879"), 12, Money.of("1.40", "GBP"), null)), 2, false, null);
            case NEGOTIATE_ACCEPT -> new NegotiateAccept(3);
            case NEGOTIATE_REJECT -> new NegotiateReject(RejectReason.PRICE, "above my ceiling");
            case ORDER_PLACE -> new OrderPlace("eyJhbGciOiJFZDI1NTE5In0.eyJ0eXBlIjoicXVvdGUifQ.c2ln", "order-7f3a9c21",
                    new OrderPlace.Delivery("standard", "GB", "SW1A 1AA"), null);
            case ORDER_STATUS -> new OrderStatusQuery("o-0001");
            case ORDER_CANCEL -> new OrderCancel("o-0001", "ordered twice by mistake");
            case FEEDBACK -> new Feedback(FeedbackSignal.TOO_EXPENSIVE, Sku.of("84879"), "off-84879-a", null, null);
            case INTEREST_SUBSCRIBE -> new InterestSubscribe("sub-1", List.of(List.of("Home & Garden", "Decor")),
                    Map.of("vegan", new Constraint.Equals(AttributeValue.of(true))), 2, NOW.plusSeconds(30L * 86_400), null);
            case INTEREST_REVOKE -> new InterestRevoke("sub-1");
            case ACK -> new Ack(null);
            case ERROR -> new ErrorBody(ErrorCode.QUOTE_EXPIRED, "quote q-0001 expired at 2026-11-23T10:00:00Z", null);
        };
    }
}
