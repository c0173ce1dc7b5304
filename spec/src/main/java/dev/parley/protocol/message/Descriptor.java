package dev.parley.protocol.message;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A brand's signed self-description, served at {@code /.well-known/parley}: where to send
 * messages and fetch the catalog and keys, which protocol versions and capabilities it supports,
 * and a summary of its negotiation policies.
 */
public record Descriptor(
        String name,
        String origin,
        List<String> versions,
        Endpoints endpoints,
        List<String> capabilities,
        List<String> currencies,
        PolicySummary policies,
        String contact) {

    /** Capability names defined by this version of the protocol. */
    public static final String CAP_NEGOTIATION = "negotiation";
    public static final String CAP_ORDERS = "orders";
    public static final String CAP_CATALOG_STREAM = "catalog.stream";
    public static final String CAP_CREDENTIALS = "credentials";
    public static final String CAP_INTEREST = "interest";
    public static final String CAP_TEST_MODE = "test_mode";

    public Descriptor {
        Checks.text("name", name, 200);
        Objects.requireNonNull(origin, "origin");
        versions = Checks.list("versions", versions, 1, 10);
        Objects.requireNonNull(endpoints, "endpoints");
        capabilities = Checks.list("capabilities", capabilities, 0, 50);
        currencies = Checks.list("currencies", currencies, 0, 20);
        Checks.optionalText("contact", contact, 300);
    }

    public boolean supports(String capability) {
        return capabilities.contains(capability);
    }

    /** Absolute URLs of the brand's endpoints. */
    public record Endpoints(URI messages, URI catalog, URI catalogStream, URI jwks) {
        public Endpoints {
            Objects.requireNonNull(messages, "messages");
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(jwks, "jwks");
        }
    }

    /** What a twin may expect of negotiations with this brand. */
    public record PolicySummary(List<String> tiers, Integer maxRounds, Long negotiationSeconds, Long quoteSeconds,
                                Boolean credentialTiers) {
        public PolicySummary {
            tiers = Checks.list("tiers", tiers, 0, 20);
            Checks.optionalAtLeast("max_rounds", maxRounds, 1);
        }
    }
}
