package dev.parley.protocol.message;

import dev.parley.protocol.money.Money;
import java.util.List;
import java.util.Map;

/**
 * A twin's request for offers: what the person wants, a budget ceiling, and only what the person
 * chose to disclose — credentials this brand issued earlier (JWS compact) and plain claims.
 */
public record Intent(
        List<Want> wants,
        Money budget,
        String currency,
        List<String> credentials,
        Map<String, String> claims,
        Integer maxOffers) {

    public Intent {
        wants = Checks.list("wants", wants, 1, 50);
        if (currency != null) {
            Checks.matching("currency", currency, Checks.CURRENCY);
        }
        credentials = Checks.list("credentials", credentials, 0, 5);
        claims = Checks.map(claims);
        Checks.optionalAtLeast("max_offers", maxOffers, 1);
    }

    public static Intent of(List<Want> wants, Money budget) {
        return new Intent(wants, budget, null, null, null, null);
    }
}
