package dev.parley.examples;

import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.keys.DidKeyResolver;
import dev.parley.protocol.message.Intent;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Verifies a message signed by another implementation: examples/messages/intent-by-openssl.jws
 * was made by OpenSSL and a shell script (sign-with-openssl.sh), no Parley code. The brand it is
 * addressed to checks it as any message: the did:key names the key, the signature, audience,
 * time, replay and schema.
 *
 * <pre>java -cp ... dev.parley.examples.VerifyForeignMessage [FILE.jws]</pre>
 */
public final class VerifyForeignMessage {

    private VerifyForeignMessage() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "examples/messages/intent-by-openssl.jws");
        String jws = Files.readString(file).trim();
        // the example message was issued at 2026-01-15T12:00:00Z for five minutes: verify it then
        Clock then = Clock.fixed(Instant.ofEpochSecond(1768478400L + 60), ZoneOffset.UTC);
        Verifier verifier = Verifier.builder().keys(new DidKeyResolver()).expectAudience("https://hearth-and-home.example")
                .replayGuard(new InMemoryReplayGuard(16, then)).clock(then).build();
        try {
            VerifiedMessage message = verifier.verify(jws);
            Intent intent = message.body(Intent.class);
            System.out.println("verified " + message.type().wire() + " " + message.id() + " from " + message.issuer());
            System.out.println("  wants: " + intent.wants().get(0).quantity() + " × \"" + intent.wants().get(0).query() + "\"");
            verifier.verify(jws);
        } catch (ProtocolException e) {
            System.out.println("refused: " + e.code().wire() + " — " + e.detail());
        }
    }
}
