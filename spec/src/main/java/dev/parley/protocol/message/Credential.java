package dev.parley.protocol.message;

import java.time.Instant;
import java.util.Objects;

/**
 * A brand-signed claim about one twin key (e.g. its loyalty tier), addressed to that key. The twin
 * may present it later in an {@code intent} instead of revealing its history.
 */
public record Credential(String credentialId, String subject, Claims claims) {
    public Credential {
        Checks.id("credential_id", credentialId);
        Checks.matching("subject", subject, Checks.DID_KEY);
        Objects.requireNonNull(claims, "claims");
    }

    /** What the brand asserts about the subject. */
    public record Claims(String tier, Instant since, Integer orders) {
        public Claims {
            Checks.text("tier", tier, 64);
            Checks.optionalAtLeast("orders", orders, 0);
        }
    }
}
