package dev.parley.conformance;

import java.util.Objects;

/** What one check found. */
public record Result(String id, Tier tier, String section, String description, Status status, String detail) {
    public Result {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }
}
