package dev.parley.protocol.message;

/** Withdraws an interest subscription; effective immediately. */
public record InterestRevoke(String subscriptionId) {
    public InterestRevoke {
        Checks.id("subscription_id", subscriptionId);
    }
}
