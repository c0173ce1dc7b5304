package dev.parley.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import dev.parley.protocol.keys.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keygen", description = {"Print a new private JWK (one JSON line).",
        "Ed25519 (the default; EdDSA is read as Ed25519) or ES256. Without --kid the key id is the key's RFC 7638 thumbprint."})
final class KeygenCommand implements Runnable {
    @Option(names = "--alg", defaultValue = "Ed25519", paramLabel = "ALG", description = "Ed25519 (default) or ES256")
    String alg;

    @Option(names = "--kid", paramLabel = "KID", description = "key id")
    String kid;

    private final Main.Io io;

    KeygenCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public void run() {
        Keys.Algorithm algorithm;
        try {
            algorithm = Keys.Algorithm.parse(alg);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        if (kid != null && (kid.isBlank() || kid.length() > 128)) {
            throw new UsageError("--kid must be 1 to 128 characters");
        }
        JWK key = Keys.generate(algorithm, kid);
        if (kid == null) {
            key = withThumbprintKid(key);
        }
        io.out().println(key.toJSONString());
    }

    private static JWK withThumbprintKid(JWK key) {
        try {
            String thumbprint = key.computeThumbprint().toString();
            return Keys.parseJwk(JsonKid.set(key.toJSONObject(), thumbprint));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets "kid" in a JWK's JSON members. */
    private static final class JsonKid {
        static String set(java.util.Map<String, Object> members, String kid) {
            java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>(members);
            copy.put("kid", kid);
            return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(copy);
        }
    }
}
