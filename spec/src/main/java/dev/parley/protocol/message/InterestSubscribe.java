package dev.parley.protocol.message;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A twin consents to pushed offers matching an interest profile, at most {@code maxPerWeek}, until
 * {@code expiresAt}; the brand may push nothing else and must stop at once on {@code interest.revoke}.
 */
public record InterestSubscribe(String subscriptionId, List<List<String>> categories, Map<String, Constraint> attributes,
                                int maxPerWeek, Instant expiresAt, URI inbox) {
    public InterestSubscribe {
        Checks.id("subscription_id", subscriptionId);
        categories = Checks.list("categories", categories, 1, 20).stream().map(List::copyOf).toList();
        attributes = Checks.map(attributes);
        Checks.atLeast("max_per_week", maxPerWeek, 1);
        Objects.requireNonNull(expiresAt, "expires_at");
    }
}
