package dev.parley.examples;

import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import dev.parley.protocol.message.Descriptor;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a brand node from a CSV catalog and a policy file (examples/brand/), then reads its signed
 * descriptor the way any client would: fetch the JWKS, verify, print what the brand declares.
 *
 * <pre>java -cp ... dev.parley.examples.RunBrandNode [examples/brand/brand.json]</pre>
 */
public final class RunBrandNode {

    private RunBrandNode() {}

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args.length > 0 ? args[0] : "examples/brand/brand.json");
        Path data = Files.createTempDirectory("parley-brand-example");
        // any port, and a throw-away data folder: the file's settings, overridden as a deployment would
        BrandConfig loaded = BrandConfig.load(config, Map.of("PARLEY_PORT", "0", "PARLEY_DATA_DIR", data.toString()));
        BrandNode node = BrandNode.start(loaded, BrandNode.Options.defaults()).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String jwks = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/.well-known/jwks.json")).build(), HttpResponse.BodyHandlers.ofString()).body();
            String signed = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/.well-known/parley")).build(), HttpResponse.BodyHandlers.ofString()).body();
            dev.parley.protocol.keys.JwksKeyResolver keys = dev.parley.protocol.keys.JwksKeyResolver.fixed(Clock.systemUTC());
            keys.put(node.origin(), jwks);
            Verifier verifier = Verifier.builder().keys(keys).ignoreAudience().replayGuard(new InMemoryReplayGuard(16, Clock.systemUTC())).clock(Clock.systemUTC())
                    .allowLoopbackHttpIssuers().build();
            VerifiedMessage message = verifier.verify(signed);
            if (message.type() != MessageType.DESCRIPTOR) {
                throw new IllegalStateException("expected a descriptor, got " + message.type());
            }
            Descriptor d = message.body(Descriptor.class);
            System.out.println("brand \"" + d.name() + "\" at " + d.origin() + " — descriptor signed by key " + message.kid());
            System.out.println("  capabilities: " + String.join(", ", d.capabilities()));
            System.out.println("  tiers: " + String.join(", ", d.policies().tiers()) + "; up to " + d.policies().maxRounds() + " negotiation rounds");
            System.out.println("  catalog: " + node.catalog().size() + " products, pages at " + d.endpoints().catalog());
        } finally {
            node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
