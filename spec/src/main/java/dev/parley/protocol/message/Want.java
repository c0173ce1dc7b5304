package dev.parley.protocol.message;

import dev.parley.protocol.money.Money;
import java.util.List;
import java.util.Map;

/**
 * One thing a person wants, in their own terms: free text ({@code "coffee beans"}) and/or
 * structured constraints (a SKU or GTIN, a category subtree, attribute constraints, exclusions),
 * a quantity and an optional ceiling per unit.
 */
public record Want(
        String query,
        Sku sku,
        String gtin,
        List<String> category,
        Map<String, Constraint> attributes,
        List<String> exclude,
        int quantity,
        Money maxUnitPrice) {

    public Want {
        Checks.optionalText("query", query, 500);
        if (gtin != null && !gtin.matches("[0-9]{8,14}")) {
            throw new IllegalArgumentException("gtin must be 8 to 14 digits");
        }
        category = Checks.list("category", category, 0, 12);
        attributes = Checks.map(attributes);
        exclude = Checks.list("exclude", exclude, 0, 50);
        Checks.atLeast("quantity", quantity, 1);
    }

    public static Want text(String query, int quantity) {
        return new Want(query, null, null, null, null, null, quantity, null);
    }

    public static Want sku(Sku sku, int quantity) {
        return new Want(null, sku, null, null, null, null, quantity, null);
    }
}
