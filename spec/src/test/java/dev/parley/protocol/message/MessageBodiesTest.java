package dev.parley.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.money.Money;
import dev.parley.protocol.schema.ParleySchemas;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageBodiesTest {

    private static ObjectNode payload(MessageType type, ObjectNode body) {
        ObjectNode p = ParleyJson.object();
        p.put("parley", "0.1").put("type", type.wire()).put("id", "01JD0000000000000000000000")
                .put("iss", "https://shop.example").put("aud", ExampleBodies.TWIN)
                .put("iat", 1_795_000_000L).put("exp", 1_795_000_300L);
        p.set("body", body);
        return p;
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void body_roundTripsThroughJson_andMatchesItsSchema(MessageType type) throws ProtocolException {
        Record body = ExampleBodies.of(type);
        assertEquals(type, MessageBodies.typeOf(body));
        ObjectNode tree = ParleyJson.toTree(body);
        assertEquals(List.of(), ParleySchemas.standard().validate(type, payload(type, tree)), "schema of " + type);
        Record back = ParleyJson.bind(tree, MessageBodies.bodyClass(type));
        assertEquals(body, back);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void body_withUndefinedField_isSchemaInvalid_butExtensionIsAccepted(MessageType type) {
        ObjectNode tree = ParleyJson.toTree(ExampleBodies.of(type));
        ObjectNode extended = tree.deepCopy();
        extended.put("x_loyalty_program", "gold-club");
        assertEquals(List.of(), ParleySchemas.standard().validate(type, payload(type, extended)));
        tree.put("priority", "high");
        assertFalse(ParleySchemas.standard().validate(type, payload(type, tree)).isEmpty());
    }

    @Test
    void money_asJsonNumber_isSchemaInvalid() {
        ObjectNode tree = ParleyJson.toTree(ExampleBodies.quote());
        ((ObjectNode) tree.get("total")).put("amount", new BigDecimal("16.80"));
        assertFalse(ParleySchemas.standard().validate(MessageType.QUOTE, payload(MessageType.QUOTE, tree)).isEmpty());
    }

    @Test
    void quote_whoseTotalIsNotTheSumOfItsLines_isRejectedAtConstruction() {
        Quote q = ExampleBodies.quote();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new Quote(q.quoteId(), q.twin(), q.offerId(), q.items(), Money.of("10.00", "GBP"), null, q.validUntil(), null));
        assertTrue(e.getMessage().contains("not the sum"));
    }

    @Test
    void binding_aTotalThatIsNotTheSum_givesSchemaInvalid() {
        ObjectNode tree = ParleyJson.toTree(ExampleBodies.quote());
        ((ObjectNode) tree.get("total")).put("amount", "1.00");
        ProtocolException e = assertThrows(ProtocolException.class, () -> ParleyJson.bind(tree, Quote.class));
        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
    }

    @Test
    void twinOffer_withoutTwin_isRejected_andPublicOfferNamingATwin_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Eligibility(Eligibility.Audience.TWIN, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Eligibility(Eligibility.Audience.PUBLIC, ExampleBodies.TWIN, null, null, null));
    }

    @Test
    void records_copyTheirCollections() {
        java.util.ArrayList<Want> wants = new java.util.ArrayList<>(List.of(Want.text("coffee beans", 1)));
        Intent intent = Intent.of(wants, null);
        wants.add(Want.text("milk", 1));
        assertEquals(1, intent.wants().size());
        assertThrows(UnsupportedOperationException.class, () -> intent.wants().add(Want.text("tea", 1)));
    }

    @Test
    void intent_withoutWants_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> Intent.of(List.of(), null));
    }

    @Test
    void constraints_testAttributeValues() {
        assertTrue(new Constraint.Equals(AttributeValue.of(true)).test(AttributeValue.of(true)));
        assertFalse(new Constraint.Equals(AttributeValue.of(true)).test(null));
        assertTrue(new Constraint.In(List.of(AttributeValue.of("M"), AttributeValue.of("L"))).test(AttributeValue.of("m")));
        assertTrue(new Constraint.Range(new BigDecimal("100"), null).test(AttributeValue.of(new BigDecimal("250"))));
        assertFalse(new Constraint.Range(null, new BigDecimal("100")).test(AttributeValue.of(new BigDecimal("250"))));
        assertFalse(new Constraint.Range(null, new BigDecimal("100")).test(AttributeValue.of("small")));
    }

    @Test
    void errorBody_carriesEveryRegisteredCode() {
        for (ErrorCode code : ErrorCode.values()) {
            ObjectNode tree = ParleyJson.toTree(new ErrorBody(code, "x", null));
            assertEquals(List.of(), ParleySchemas.standard().validate(MessageType.ERROR, payload(MessageType.ERROR, tree)), code.wire());
        }
    }
}
