package dev.parley.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParleyJsonTest {

    private static ErrorCode codeOf(String json) {
        return assertThrows(ProtocolException.class, () -> ParleyJson.readObject(json)).code();
    }

    @Test
    void readObject_duplicateKeys_isMalformed() {
        assertEquals(ErrorCode.MALFORMED, codeOf("{\"a\":1,\"a\":2}"));
        assertEquals(ErrorCode.MALFORMED, codeOf("{\"o\":{\"x\":1,\"x\":1}}"));
    }

    @Test
    void readObject_nestingBeyondTheBound_isMalformed() {
        String deep = "{\"a\":".repeat(ParleyJson.MAX_DEPTH + 1) + "1" + "}".repeat(ParleyJson.MAX_DEPTH + 1);
        assertEquals(ErrorCode.MALFORMED, codeOf(deep));
        String ok = "{\"a\":".repeat(ParleyJson.MAX_DEPTH - 1) + "1" + "}".repeat(ParleyJson.MAX_DEPTH - 1);
        assertTrue(assertDoesNotThrow(ok).has("a"));
    }

    private static ObjectNode assertDoesNotThrow(String json) {
        try {
            return ParleyJson.readObject(json);
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readObject_hugeNumbersAndStrings_areMalformed() {
        assertEquals(ErrorCode.MALFORMED, codeOf("{\"n\":" + "9".repeat(ParleyJson.MAX_NUMBER_LENGTH + 1) + "}"));
        assertEquals(ErrorCode.MALFORMED, codeOf("{\"s\":\"" + "x".repeat(ParleyJson.MAX_STRING_LENGTH + 1) + "\"}"));
    }

    @Test
    void readObject_trailingTokensAndNonObjects_areMalformed() {
        assertEquals(ErrorCode.MALFORMED, codeOf("{} {}"));
        assertEquals(ErrorCode.MALFORMED, codeOf("[1,2]"));
        assertEquals(ErrorCode.MALFORMED, codeOf(""));
        assertEquals(ErrorCode.MALFORMED, codeOf("{\"n\":NaN}"));
        assertEquals(ErrorCode.MALFORMED, codeOf("{'single':1}"));
    }

    @Test
    void decimals_stayExact() throws ProtocolException {
        ObjectNode node = ParleyJson.readObject("{\"x\":0.1000000000000000055511151231257827}");
        assertEquals(new BigDecimal("0.1000000000000000055511151231257827"), node.get("x").decimalValue());
    }

    @Test
    void product_roundTrips_withSnakeCaseMoneyAsStringsAndTypedAttributes() throws ProtocolException {
        Product product = new Product(Sku.of("85123A"), "05012345678900", "White hanging heart t-light holder", null, "Acme",
                List.of("Home", "Lighting"),
                Map.of("vegan", AttributeValue.of(true), "size", AttributeValue.of("M"),
                        "weight_g", AttributeValue.of(new BigDecimal("250")), "labels", AttributeValue.of(List.of("organic"))),
                List.of(URI.create("https://brand.example/i/1.jpg")), null, Money.of("2.55", "GBP"), Availability.IN_STOCK, 12L);
        String json = ParleyJson.writeString(product);
        assertTrue(json.contains("\"list_price\":{\"amount\":\"2.55\",\"currency\":\"GBP\"}"), json);
        assertTrue(json.contains("\"availability\":\"in_stock\""), json);
        assertTrue(json.contains("\"vegan\":true") && json.contains("\"weight_g\":250"), json);
        assertTrue(!json.contains("\"description\""), "nulls are omitted: " + json);
        assertEquals(product, ParleyJson.bind(ParleyJson.readObject(json), Product.class));
    }

    @Test
    void bind_moneyAsJsonNumber_isSchemaInvalid() throws ProtocolException {
        ObjectNode node = ParleyJson.readObject("{\"sku\":\"A1\",\"title\":\"t\",\"list_price\":{\"amount\":2.55,\"currency\":\"GBP\"},\"availability\":\"in_stock\"}");
        ProtocolException e = assertThrows(ProtocolException.class, () -> ParleyJson.bind(node, Product.class));
        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
    }

    @Test
    void bind_recordRuleViolation_isSchemaInvalidNamingTheRule() throws ProtocolException {
        ObjectNode node = ParleyJson.readObject("{\"sku\":\"A1\",\"title\":\" \",\"list_price\":{\"amount\":\"2.55\",\"currency\":\"GBP\"},\"availability\":\"in_stock\"}");
        ProtocolException e = assertThrows(ProtocolException.class, () -> ParleyJson.bind(node, Product.class));
        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
        assertTrue(e.detail().contains("title"), e.detail());
    }

    @Test
    void attributeValues_bindToTheirTypes() throws ProtocolException {
        record Holder(Map<String, AttributeValue> attributes) {}
        Holder h = ParleyJson.bind(ParleyJson.readObject("{\"attributes\":{\"a\":\"x\",\"b\":false,\"c\":1.5,\"d\":[\"p\",\"q\"]}}"), Holder.class);
        assertInstanceOf(AttributeValue.Text.class, h.attributes().get("a"));
        assertInstanceOf(AttributeValue.Flag.class, h.attributes().get("b"));
        assertEquals(new BigDecimal("1.5"), ((AttributeValue.Number) h.attributes().get("c")).value());
        assertEquals(List.of("p", "q"), ((AttributeValue.TextList) h.attributes().get("d")).values());
        assertTrue(h.attributes().get("d").matches("Q"));
    }
}
