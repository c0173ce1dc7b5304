package dev.parley.mirror.world;

import dev.parley.brand.policy.BrandPolicy;
import dev.parley.brand.policy.PolicyFile;
import java.nio.file.Path;
import java.util.Objects;

/** A brand strategy under test: a policy file's policy and the name it is reported by (the file's base name). */
public record Strategy(String name, BrandPolicy policy) {

    public Strategy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
    }

    public static Strategy load(Path file) throws PolicyFile.InvalidPolicyException {
        String base = file.getFileName().toString();
        return new Strategy(base.endsWith(".json") ? base.substring(0, base.length() - 5) : base, PolicyFile.load(file));
    }
}
