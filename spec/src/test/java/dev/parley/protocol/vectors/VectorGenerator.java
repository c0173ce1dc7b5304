package dev.parley.protocol.vectors;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.RSAKey;
import dev.parley.protocol.Protocol;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.DidKey;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.sign.MessageIds;
import dev.parley.protocol.sign.MessageSigner;
import dev.parley.protocol.sign.SignedMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.util.BigIntegers;

/**
 * Generates spec/vectors: the test keys and every valid and invalid vector. Deterministic: a
 * fixed clock, message ids drawn from a generator seeded with the vector's name, keys derived
 * from fixed labels, and Ed25519 signatures (deterministic by design). ES256 signatures are
 * randomized, so vectors that carry one are marked {@code "deterministic": false} and are
 * compared without their signature. Run {@link #main} to rewrite the files after a deliberate
 * change; {@code VectorFilesTest} fails while the files and the generator disagree.
 */
public final class VectorGenerator {
    /** The verifiers' clock in every vector. */
    static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    static final long NOW_S = NOW.getEpochSecond();
    /** When the vectors' messages are issued: shortly before NOW. */
    static final long ISSUED = NOW_S - 10;
    static final String SHOP_JWKS = "keys/shop.jwks.json";

    private static final Set<MessageType> TWIN_ISSUED = EnumSet.of(MessageType.INTENT, MessageType.NEGOTIATE_PROPOSE,
            MessageType.NEGOTIATE_ACCEPT, MessageType.NEGOTIATE_REJECT, MessageType.ORDER_PLACE, MessageType.ORDER_STATUS,
            MessageType.ORDER_CANCEL, MessageType.FEEDBACK, MessageType.INTEREST_SUBSCRIBE, MessageType.INTEREST_REVOKE);

    private final TestKeys keys = new TestKeys();
    private final String twinA = keys.twinADid();
    private final String twinB = keys.twinBDid();
    private final List<VectorCase> cases = new ArrayList<>();
    /** Placeholder values for {@link Bodies}: the twin, and signed messages other bodies carry. */
    private final Map<String, String> bodyValues = new LinkedHashMap<>();

    VectorGenerator() {
        bodyValues.put("twin", twinA);
        valid();
        invalidStructure();
        invalidAlgorithmAndHeader();
        invalidKeysAndSignatures();
        invalidEnvelope();
        invalidAudienceTimeReplay();
        invalidSchema();
        presented();
    }

    /** Writes every file under the given directory (default {@code spec/vectors}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "spec/vectors");
        Map<String, String> files = new VectorGenerator().files();
        int written = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            if (Files.exists(target) && VectorFiles.equivalent(Files.readString(target, StandardCharsets.UTF_8), file.getValue())) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            written++;
        }
        int removed = 0;
        for (String stale : VectorFiles.stale(dir, files.keySet())) {
            Files.delete(dir.resolve(stale));
            removed++;
        }
        System.out.println(files.size() + " files under " + dir + ": " + written + " written, " + removed + " stale removed");
    }

    List<VectorCase> cases() {
        return List.copyOf(cases);
    }

    /** Every generated file: relative path under spec/vectors to content. */
    Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(SHOP_JWKS, pretty(TestKeys.jwksFile(keys.shopJwks())));
        files.put("keys/shop-ed25519.private.jwk.json", pretty(TestKeys.privateKeyFile(keys.shopEd25519)));
        files.put("keys/shop-es256.private.jwk.json", pretty(TestKeys.privateKeyFile(keys.shopEs256)));
        files.put("keys/twin-a.private.jwk.json", pretty(TestKeys.privateKeyFile(keys.twinA)));
        files.put("keys/twin-b.private.jwk.json", pretty(TestKeys.privateKeyFile(keys.twinB)));
        files.put("keys/mallory.private.jwk.json", pretty(TestKeys.privateKeyFile(keys.mallory)));
        for (VectorCase c : cases) {
            files.put(c.name() + ".json", pretty(c.toJson()));
        }
        files.put("INDEX.md", index());
        return files;
    }

    /** A table of every vector and its expected outcome, for readers browsing the folder. */
    private String index() {
        StringBuilder md = new StringBuilder();
        md.append("# Vector index\n\n")
                .append("Generated with the vectors (see README.md); one row per file, messages in order.\n\n")
                .append("| vector | expected | description |\n|---|---|---|\n");
        List<VectorCase> sorted = new ArrayList<>(cases);
        sorted.sort(Comparator.comparing((VectorCase c) -> c.name().startsWith("invalid/")).thenComparing(VectorCase::name));
        for (VectorCase c : sorted) {
            List<String> outcomes = new ArrayList<>();
            for (VectorCase.Step step : c.steps()) {
                String outcome = step.error() == null ? "ok (" + step.type().wire() + ")" : "`" + step.error().wire() + "`";
                outcomes.add(step.presentedBy() == null ? outcome : outcome + " when presented");
            }
            md.append("| [").append(c.name()).append("](").append(c.name()).append(".json) | ")
                    .append(String.join(", then ", outcomes)).append(" | ")
                    .append(c.description().replace("|", "\\|")).append(c.deterministic() ? "" : " (ES256: not reproducible)")
                    .append(" |\n");
        }
        return md.toString();
    }

    static String pretty(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return ParleyJson.writer().with(printer).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ building blocks

    private static SplittableRandom random(String caseName) {
        return new SplittableRandom(caseName.hashCode());
    }

    private static Clock at(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    private static String id(String caseName, long iat) {
        return new MessageIds(at(iat), random(caseName + "#id")).next();
    }

    private VectorCase.Settings verifierAtShop() {
        return new VectorCase.Settings(NOW_S, TestKeys.SHOP, Map.of(TestKeys.SHOP, SHOP_JWKS));
    }

    private VectorCase.Settings verifierAtTwinA() {
        return new VectorCase.Settings(NOW_S, twinA, Map.of(TestKeys.SHOP, SHOP_JWKS));
    }

    private void add(String name, String description, VectorCase.Settings settings, VectorCase.Step... steps) {
        cases.add(new VectorCase(name, description, true, settings, List.of(steps)));
    }

    private void addRandomized(String name, String description, VectorCase.Settings settings, VectorCase.Step... steps) {
        cases.add(new VectorCase(name, description, false, settings, List.of(steps)));
    }

    private static VectorCase.Step refused(String jws, ErrorCode code) {
        return VectorCase.Step.refused(jws, code);
    }

    private static ObjectNode header(String alg, String kid) {
        ObjectNode header = ParleyJson.object();
        header.put("alg", alg);
        header.put("typ", Protocol.JWS_TYP);
        header.put("kid", kid);
        return header;
    }

    private ObjectNode shopHeader() {
        return header("Ed25519", TestKeys.SHOP_ED25519_KID);
    }

    private ObjectNode twinAHeader() {
        return header("Ed25519", DidKey.keyId(twinA));
    }

    /** A complete, valid payload of {@code type}; tweak it to make one defect. */
    private ObjectNode payload(String caseName, MessageType type, String iss, String aud, long iat, long exp) {
        ObjectNode payload = ParleyJson.object();
        payload.put("parley", Protocol.VERSION);
        payload.put("type", type.wire());
        payload.put("id", id(caseName, iat));
        payload.put("iss", iss);
        if (aud != null) {
            payload.put("aud", aud);
        }
        payload.put("iat", iat);
        payload.put("exp", exp);
        payload.set("body", Bodies.of(type, bodyValues));
        return payload;
    }

    /** A valid intent from twin A to the shop, issued at ISSUED for five minutes. */
    private ObjectNode intent(String caseName) {
        return payload(caseName, MessageType.INTENT, twinA, TestKeys.SHOP, ISSUED, ISSUED + 300);
    }

    /** A valid quote from the shop to twin A, issued at ISSUED for a day. */
    private ObjectNode quote(String caseName) {
        return payload(caseName, MessageType.QUOTE, TestKeys.SHOP, twinA, ISSUED, ISSUED + 86_400);
    }

    private String signByTwinA(ObjectNode payload) {
        return RawJws.ed25519(keys.twinA, RawJws.json(twinAHeader()), RawJws.json(payload));
    }

    private String signByShop(ObjectNode payload) {
        return RawJws.ed25519(keys.shopEd25519, RawJws.json(shopHeader()), RawJws.json(payload));
    }

    /** An intent refused with {@code code} after {@code defect} is applied to an otherwise valid payload. */
    private void intentCase(String name, String description, ErrorCode code, Consumer<ObjectNode> defect) {
        ObjectNode payload = intent(name);
        defect.accept(payload);
        add(name, description, verifierAtShop(), refused(signByTwinA(payload), code));
    }

    private void quoteCase(String name, String description, ErrorCode code, Consumer<ObjectNode> defect) {
        ObjectNode payload = quote(name);
        defect.accept(payload);
        add(name, description, verifierAtTwinA(), refused(signByShop(payload), code));
    }

    private static ObjectNode body(ObjectNode payload) {
        return (ObjectNode) payload.get("body");
    }

    // ------------------------------------------------------------------ valid

    private void valid() {
        // Enum order issues offer.set before negotiate.propose and quote before order.place, whose bodies carry them.
        for (MessageType type : MessageType.values()) {
            String name = "valid/" + type.wire();
            boolean byTwin = TWIN_ISSUED.contains(type);
            MessageSigner signer = byTwin
                    ? MessageSigner.forDidKey(keys.twinA, at(ISSUED), random(name))
                    : MessageSigner.create(keys.shopEd25519, TestKeys.SHOP, at(ISSUED), random(name));
            MessageSigner.Draft draft = signer.message(type, Bodies.of(type, bodyValues));
            if (type.requiresAudience()) {
                draft.to(byTwin ? TestKeys.SHOP : twinA);
            }
            if (type.kind() != MessageType.Kind.CONVERSATIONAL) {
                draft.ttl(Duration.ofDays(1));
            }
            if (type.wire().startsWith("negotiate.")) {
                draft.thread("neg-7f3a-1");
            }
            SignedMessage message = draft.sign();
            if (type == MessageType.OFFER_SET) {
                bodyValues.put("offer_set", message.compact());
            } else if (type == MessageType.QUOTE) {
                bodyValues.put("quote", message.compact());
            } else if (type == MessageType.CREDENTIAL) {
                bodyValues.put("credential", message.compact());
            }
            String who = byTwin ? "twin A (did:key) to the shop" : type.requiresAudience() ? "the shop to twin A" : "the shop, for anyone";
            add(name, "A valid " + type.wire() + " (" + type.kind().name().toLowerCase().replace('_', ' ') + "), Ed25519, from " + who + ".",
                    byTwin ? verifierAtShop() : verifierAtTwinA(),
                    VectorCase.Step.accepted(message.compact(), type, message.id(), signer.issuer()));
        }

        ObjectNode withCredential = intent("valid/intent-with-credential");
        body(withCredential).putArray("credentials").add(bodyValues.get("credential"));
        add("valid/intent-with-credential", "An intent presenting the loyalty credential the shop issued to twin A earlier (valid/credential), "
                + "instead of revealing purchase history.", verifierAtShop(),
                VectorCase.Step.accepted(signByTwinA(withCredential), MessageType.INTENT, withCredential.get("id").asText(), twinA));

        ObjectNode es256Quote = quote("valid/quote-es256");
        String es256 = RawJws.es256(keys.shopEs256, RawJws.json(header("ES256", TestKeys.SHOP_ES256_KID)), RawJws.json(es256Quote));
        addRandomized("valid/quote-es256", "A valid quote signed with the shop's ES256 (P-256) key.", verifierAtTwinA(),
                VectorCase.Step.accepted(es256, MessageType.QUOTE, es256Quote.get("id").asText(), TestKeys.SHOP));

        ObjectNode eddsa = intent("valid/alg-eddsa-alias");
        add("valid/alg-eddsa-alias", "alg \"EdDSA\" (the polymorphic name RFC 9864 deprecates) with an Ed25519 key is accepted for compatibility.",
                verifierAtShop(), VectorCase.Step.accepted(
                        RawJws.ed25519(keys.twinA, RawJws.json(header("EdDSA", DidKey.keyId(twinA))), RawJws.json(eddsa)),
                        MessageType.INTENT, eddsa.get("id").asText(), twinA));

        ObjectNode mediaTyp = intent("valid/typ-media-type-form");
        ObjectNode longTyp = twinAHeader();
        longTyp.put("typ", "application/" + Protocol.JWS_TYP);
        add("valid/typ-media-type-form", "typ may also be written as the full media type application/parley+jws.", verifierAtShop(),
                VectorCase.Step.accepted(RawJws.ed25519(keys.twinA, RawJws.json(longTyp), RawJws.json(mediaTyp)),
                        MessageType.INTENT, mediaTyp.get("id").asText(), twinA));

        ObjectNode upper = intent("valid/typ-upper-case");
        ObjectNode upperTyp = twinAHeader();
        upperTyp.put("typ", "PARLEY+JWS");
        add("valid/typ-upper-case", "typ is compared case-insensitively, as media types are.", verifierAtShop(),
                VectorCase.Step.accepted(RawJws.ed25519(keys.twinA, RawJws.json(upperTyp), RawJws.json(upper)),
                        MessageType.INTENT, upper.get("id").asText(), twinA));

        ObjectNode ignored = quote("valid/header-key-members-ignored");
        ObjectNode keyMembers = shopHeader();
        keyMembers.set("jwk", ParleyJson.toTree(keys.mallory.toPublicJWK().toJSONObject()));
        keyMembers.put("jku", "https://attacker.example/jwks.json");
        keyMembers.put("x5u", "https://attacker.example/cert.pem");
        add("valid/header-key-members-ignored", "A quote genuinely signed by the shop whose header also carries jwk, jku and x5u naming "
                + "an attacker's key: they do not make the message invalid, and they are ignored.", verifierAtTwinA(),
                VectorCase.Step.accepted(RawJws.ed25519(keys.shopEd25519, RawJws.json(keyMembers), RawJws.json(ignored)),
                        MessageType.QUOTE, ignored.get("id").asText(), TestKeys.SHOP));

        ObjectNode early = payload("valid/iat-within-clock-skew", MessageType.INTENT, twinA, TestKeys.SHOP, NOW_S + 50, NOW_S + 350);
        add("valid/iat-within-clock-skew", "iat 50 s after the verifier's clock: within the 60 s skew tolerance.", verifierAtShop(),
                VectorCase.Step.accepted(signByTwinA(early), MessageType.INTENT, early.get("id").asText(), twinA));

        ObjectNode late = payload("valid/exp-within-clock-skew", MessageType.INTENT, twinA, TestKeys.SHOP, NOW_S - 300, NOW_S - 30);
        add("valid/exp-within-clock-skew", "exp 30 s before the verifier's clock: within the 60 s skew tolerance.", verifierAtShop(),
                VectorCase.Step.accepted(signByTwinA(late), MessageType.INTENT, late.get("id").asText(), twinA));

        ObjectNode twinBIntent = payload("valid/intent-from-twin-b", MessageType.INTENT, twinB, TestKeys.SHOP, ISSUED, ISSUED + 300);
        add("valid/intent-from-twin-b", "A valid intent from a second twin: did:key issuers need no trust configuration.", verifierAtShop(),
                VectorCase.Step.accepted(RawJws.ed25519(keys.twinB, RawJws.json(header("Ed25519", DidKey.keyId(twinB))), RawJws.json(twinBIntent)),
                        MessageType.INTENT, twinBIntent.get("id").asText(), twinB));

        ObjectNode extended = intent("valid/x-extension-fields");
        extended.put("x_trace", "abc-123");
        body(extended).put("x_note", "extensions start with x_ and are ignored by those who do not know them");
        add("valid/x-extension-fields", "Unknown fields whose names start with x_ are extensions: accepted, in the envelope and in the body.",
                verifierAtShop(), VectorCase.Step.accepted(signByTwinA(extended), MessageType.INTENT, extended.get("id").asText(), twinA));
    }

    private VectorCase.Step firstStep(String caseName) {
        return cases.stream().filter(c -> c.name().equals(caseName)).findFirst().orElseThrow().steps().get(0);
    }

    /** Documents presented again inside other messages: verified without replay, for the presenter. */
    private void presented() {
        String quote = bodyValues.get("quote");
        VectorCase.Step placeStep = firstStep("valid/order.place");
        VectorCase.Step quoteStep = firstStep("valid/quote");
        add("valid/quote-presented-in-order-place", "The shop receives twin A's order.place, then verifies the quote it carries as a "
                + "document presented by twin A: steps 1-9 and 11, audience twin A, no replay check.", verifierAtShop(),
                placeStep, quoteStep.presentedBy(twinA));
        add("invalid/presented-quote-for-another-twin", "Twin B presents the quote the shop made for twin A: the presented document "
                + "must be addressed to its presenter.", verifierAtShop(), refused(quote, ErrorCode.WRONG_AUDIENCE).presentedBy(twinB));
        ObjectNode old = payload("invalid/presented-quote-expired", MessageType.QUOTE, TestKeys.SHOP, twinA, NOW_S - 3 * 86_400,
                NOW_S - 86_400);
        body(old).put("valid_until", Instant.ofEpochSecond(NOW_S - 86_400).toString());
        add("invalid/presented-quote-expired", "Twin A presents a quote that expired a day ago.", verifierAtShop(),
                refused(signByShop(old), ErrorCode.EXPIRED).presentedBy(twinA));
    }

    // ------------------------------------------------------------------ invalid: size and JWS structure

    private void invalidStructure() {
        String good = signByTwinA(intent("invalid/structure-base"));
        String[] parts = good.split("\\.");
        add("invalid/empty-message", "An empty message.", verifierAtShop(), refused("", ErrorCode.MALFORMED));
        add("invalid/two-segments", "Only header and payload, no signature segment.", verifierAtShop(),
                refused(parts[0] + "." + parts[1], ErrorCode.MALFORMED));
        add("invalid/four-segments", "Four dot-separated segments.", verifierAtShop(),
                refused(good + "." + parts[2], ErrorCode.MALFORMED));
        add("invalid/jwe-five-segments", "A JWE-shaped message (five segments): Parley messages are JWS, never encrypted JWE.", verifierAtShop(),
                refused(RawJws.b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + "..AAAAAAAAAAAAAAAA." + parts[1] + ".AAAAAAAAAAAAAAAAAAAAAA",
                        ErrorCode.MALFORMED));
        add("invalid/empty-signature", "A signature segment of zero length.", verifierAtShop(),
                refused(parts[0] + "." + parts[1] + ".", ErrorCode.MALFORMED));
        add("invalid/empty-payload", "A detached (empty) payload segment (RFC 7515 Appendix F): Parley payloads travel in the message.",
                verifierAtShop(), refused(parts[0] + ".." + parts[2], ErrorCode.MALFORMED));
        add("invalid/base64-padding", "The signature segment carries base64 '=' padding, which JWS forbids.", verifierAtShop(),
                refused(good + "==", ErrorCode.MALFORMED));
        add("invalid/base64-standard-alphabet", "The signature segment written in the standard base64 alphabet ('+' and '/') instead of "
                + "base64url ('-' and '_').", verifierAtShop(), refused(parts[0] + "." + parts[1] + "." + standardAlphabet(parts[2]),
                        ErrorCode.MALFORMED));
        add("invalid/base64-impossible-length", "A header segment whose length (4n+1 characters) no base64url encoding can have.",
                verifierAtShop(), refused(parts[0] + "A." + parts[1] + "." + parts[2], ErrorCode.MALFORMED));
        add("invalid/whitespace-in-message", "A line break inside the compact serialization.", verifierAtShop(),
                refused(parts[0] + ".\n" + parts[1] + "." + parts[2], ErrorCode.MALFORMED));

        ObjectNode flattened = ParleyJson.object();
        flattened.put("protected", parts[0]);
        flattened.put("payload", parts[1]);
        flattened.put("signature", parts[2]);
        add("invalid/json-serialization", "The same signed intent in the flattened JWS JSON serialization: Parley uses the compact serialization only.",
                verifierAtShop(), refused(ParleyJson.writeString(flattened), ErrorCode.MALFORMED));

        add("invalid/header-not-json", "The header segment decodes to text that is not JSON.", verifierAtShop(),
                refused(RawJws.b64("alg=Ed25519") + "." + parts[1] + "." + parts[2], ErrorCode.MALFORMED));
        add("invalid/payload-not-json", "A correctly signed payload that is not JSON.", verifierAtShop(),
                refused(RawJws.ed25519(keys.twinA, RawJws.json(twinAHeader()), "intent: two candles".getBytes(StandardCharsets.UTF_8)),
                        ErrorCode.MALFORMED));
        add("invalid/payload-json-array", "A correctly signed payload that is a JSON array, not an object.", verifierAtShop(),
                refused(RawJws.ed25519(keys.twinA, RawJws.json(twinAHeader()), ("[" + ParleyJson.writeString(intent("invalid/payload-json-array")) + "]")
                        .getBytes(StandardCharsets.UTF_8)), ErrorCode.MALFORMED));
        add("invalid/payload-trailing-data", "A correctly signed payload with a second JSON value after the object.", verifierAtShop(),
                refused(RawJws.ed25519(keys.twinA, RawJws.json(twinAHeader()), (ParleyJson.writeString(intent("invalid/payload-trailing-data")) + " {}")
                        .getBytes(StandardCharsets.UTF_8)), ErrorCode.MALFORMED));

        String payloadJson = ParleyJson.writeString(intent("invalid/duplicate-key-in-payload"));
        String duplicated = payloadJson.replaceFirst("\"aud\":\"https://shop.example\"",
                "\"aud\":\"https://shop.example\",\"aud\":\"https://other-shop.example\"");
        add("invalid/duplicate-key-in-payload", "The payload names aud twice (RFC 8259 leaves duplicates undefined; Parley refuses them, "
                + "since two parsers could read two different audiences).", verifierAtShop(),
                refused(RawJws.ed25519(keys.twinA, RawJws.json(twinAHeader()), duplicated.getBytes(StandardCharsets.UTF_8)), ErrorCode.MALFORMED));

        String headerJson = ParleyJson.writeString(twinAHeader()).replace("{\"alg\":\"Ed25519\"", "{\"alg\":\"Ed25519\",\"alg\":\"none\"");
        add("invalid/duplicate-key-in-header", "The header names alg twice.", verifierAtShop(),
                refused(RawJws.ed25519(keys.twinA, headerJson.getBytes(StandardCharsets.UTF_8),
                        RawJws.json(intent("invalid/duplicate-key-in-header"))), ErrorCode.MALFORMED));

        ObjectNode deep = intent("invalid/nesting-too-deep");
        ObjectNode level = body(deep);
        for (int i = 0; i < 40; i++) {
            level = level.putObject("x_nested");
        }
        add("invalid/nesting-too-deep", "A payload nested 42 levels deep (in an x_ extension field); the limit is 32.", verifierAtShop(),
                refused(signByTwinA(deep), ErrorCode.MALFORMED));

        ObjectNode longNumber = intent("invalid/number-too-long");
        body(longNumber).put("x_count", new BigDecimal("1" + "0".repeat(40)));
        add("invalid/number-too-long", "A number literal of 41 digits (in an x_ extension field); the limit is 40 characters.",
                verifierAtShop(), refused(signByTwinA(longNumber), ErrorCode.MALFORMED));
        ObjectNode longString = intent("invalid/string-too-long");
        body(longString).put("x_note", "n".repeat(65_537));
        add("invalid/string-too-long", "A string of 65,537 characters (in an x_ extension field); the limit is 65,536.",
                verifierAtShop(), refused(signByTwinA(longString), ErrorCode.MALFORMED));

        ObjectNode big = payload("invalid/too-large", MessageType.CATALOG_PAGE, TestKeys.SHOP, null, ISSUED, ISSUED + 86_400);
        ArrayNode padding = body(big).putArray("x_padding");
        for (int i = 0; padding.size() * 1_000 < 200_000; i++) {
            padding.add("x".repeat(990) + String.format("%010d", i));
        }
        add("invalid/too-large", "A catalog page of about 270 KiB in compact form; the limit is 256 KiB (262144 bytes) and is checked first.",
                verifierAtTwinA(), refused(signByShop(big), ErrorCode.TOO_LARGE));
    }

    // ------------------------------------------------------------------ invalid: alg, typ and other header fields

    private void invalidAlgorithmAndHeader() {
        byte[] payload = RawJws.json(quote("invalid/alg-none"));
        ObjectNode none = header("none", TestKeys.SHOP_ED25519_KID);
        add("invalid/alg-none", "alg \"none\" (an unsecured JWS) with a non-empty signature segment.", verifierAtTwinA(),
                refused(RawJws.signingInput(RawJws.json(none), payload) + "." + RawJws.b64(new byte[64]), ErrorCode.ALG_NOT_ALLOWED));
        byte[] payloadEmpty = RawJws.json(quote("invalid/alg-none-empty-signature"));
        add("invalid/alg-none-empty-signature", "alg \"none\" with the empty signature RFC 7515 prescribes for unsecured JWS: refused "
                + "as malformed, since a Parley message always has a signature segment.", verifierAtTwinA(),
                refused(RawJws.signingInput(RawJws.json(none), payloadEmpty) + ".", ErrorCode.MALFORMED));

        byte[] shopPublic = keys.shopEd25519.getDecodedX();
        add("invalid/alg-hs256", "alg HS256 with the shop's public Ed25519 key used as the HMAC secret (the algorithm-confusion attack).",
                verifierAtTwinA(), refused(RawJws.hs256(shopPublic, RawJws.json(header("HS256", TestKeys.SHOP_ED25519_KID)),
                        RawJws.json(quote("invalid/alg-hs256"))), ErrorCode.ALG_NOT_ALLOWED));
        add("invalid/alg-rs256", "alg RS256, signed with the RSA key of RFC 7515 Appendix A.2: RSA is not a Parley algorithm.",
                verifierAtTwinA(), refused(RawJws.rs256(rfc7515RsaKey(), RawJws.json(header("RS256", TestKeys.SHOP_ED25519_KID)),
                        RawJws.json(quote("invalid/alg-rs256"))), ErrorCode.ALG_NOT_ALLOWED));
        add("invalid/alg-lowercase", "alg \"ed25519\": algorithm names are case-sensitive.", verifierAtTwinA(),
                refused(RawJws.ed25519(keys.shopEd25519, RawJws.json(header("ed25519", TestKeys.SHOP_ED25519_KID)),
                        RawJws.json(quote("invalid/alg-lowercase"))), ErrorCode.ALG_NOT_ALLOWED));
        ObjectNode noAlg = shopHeader();
        noAlg.remove("alg");
        add("invalid/alg-missing", "A header without alg.", verifierAtTwinA(),
                refused(RawJws.ed25519(keys.shopEd25519, RawJws.json(noAlg), RawJws.json(quote("invalid/alg-missing"))), ErrorCode.MALFORMED));
        add("invalid/alg-eddsa-with-es256-key", "alg EdDSA naming the shop's ES256 (P-256) key: the alg must fit the key's type.",
                verifierAtTwinA(), refused(RawJws.ed25519(keys.shopEd25519, RawJws.json(header("EdDSA", TestKeys.SHOP_ES256_KID)),
                        RawJws.json(quote("invalid/alg-eddsa-with-es256-key"))), ErrorCode.ALG_NOT_ALLOWED));
        add("invalid/alg-es256-with-ed25519-key", "alg ES256 naming the shop's Ed25519 key.", verifierAtTwinA(),
                refused(RawJws.ed25519(keys.shopEd25519, RawJws.json(header("ES256", TestKeys.SHOP_ED25519_KID)),
                        RawJws.json(quote("invalid/alg-es256-with-ed25519-key"))), ErrorCode.ALG_NOT_ALLOWED));

        ObjectNode noTyp = shopHeader();
        noTyp.remove("typ");
        add("invalid/typ-missing", "A header without typ: Parley messages say typ \"parley+jws\" so they cannot be confused with other JWS.",
                verifierAtTwinA(), refused(RawJws.ed25519(keys.shopEd25519, RawJws.json(noTyp), RawJws.json(quote("invalid/typ-missing"))),
                        ErrorCode.BAD_TYPE));
        ObjectNode jwt = shopHeader();
        jwt.put("typ", "JWT");
        add("invalid/typ-jwt", "typ \"JWT\": a JWT is not a Parley message, even with the same claims.", verifierAtTwinA(),
                refused(RawJws.ed25519(keys.shopEd25519, RawJws.json(jwt), RawJws.json(quote("invalid/typ-jwt"))), ErrorCode.BAD_TYPE));

        ObjectNode crit = shopHeader();
        crit.put("x_policy", "strict");
        crit.putArray("crit").add("x_policy");
        add("invalid/crit-header", "A crit header naming an extension the verifier must understand: Parley defines none, so it refuses.",
                verifierAtTwinA(), refused(RawJws.ed25519(keys.shopEd25519, RawJws.json(crit), RawJws.json(quote("invalid/crit-header"))),
                        ErrorCode.MALFORMED));
        ObjectNode b64 = shopHeader();
        b64.put("b64", false);
        b64.putArray("crit").add("b64");
        byte[] rawPayload = RawJws.json(quote("invalid/b64-false"));
        String unencodedInput = RawJws.b64(RawJws.json(b64)) + "." + new String(rawPayload, StandardCharsets.UTF_8);
        String b64Jws = RawJws.b64(RawJws.json(b64)) + "." + RawJws.b64(rawPayload) + "."
                + RawJws.b64(RawJws.ed25519Signature(keys.shopEd25519, unencodedInput));
        add("invalid/b64-false", "RFC 7797 unencoded payload (b64:false, crit [\"b64\"]), signed over the raw payload as that RFC says: "
                + "not supported by Parley.", verifierAtTwinA(), refused(b64Jws, ErrorCode.MALFORMED));

        ObjectNode numericAlg = shopHeader();
        numericAlg.put("alg", 25519);
        add("invalid/alg-not-string", "alg as a JSON number.", verifierAtTwinA(),
                refused(RawJws.ed25519(keys.shopEd25519, RawJws.json(numericAlg), RawJws.json(quote("invalid/alg-not-string"))), ErrorCode.MALFORMED));
        ObjectNode numericTyp = shopHeader();
        numericTyp.put("typ", 1);
        add("invalid/typ-not-string", "typ as a JSON number.", verifierAtTwinA(),
                refused(RawJws.ed25519(keys.shopEd25519, RawJws.json(numericTyp), RawJws.json(quote("invalid/typ-not-string"))), ErrorCode.BAD_TYPE));
        ObjectNode emptyKid = shopHeader();
        emptyKid.put("kid", "");
        add("invalid/kid-empty", "An empty kid.", verifierAtTwinA(),
                refused(RawJws.ed25519(keys.shopEd25519, RawJws.json(emptyKid), RawJws.json(quote("invalid/kid-empty"))), ErrorCode.MALFORMED));
        ObjectNode noKid = shopHeader();
        noKid.remove("kid");
        add("invalid/kid-missing", "A header without kid.", verifierAtTwinA(),
                refused(RawJws.ed25519(keys.shopEd25519, RawJws.json(noKid), RawJws.json(quote("invalid/kid-missing"))), ErrorCode.MALFORMED));

        ObjectNode jwk = shopHeader();
        jwk.set("jwk", ParleyJson.toTree(keys.mallory.toPublicJWK().toJSONObject()));
        add("invalid/jwk-header-injection", "Signed by an attacker's key that the header carries as jwk, under the shop's kid: keys named "
                + "in a message's own header are never trusted, so the signature does not verify with the shop's key.", verifierAtTwinA(),
                refused(RawJws.ed25519(keys.mallory, RawJws.json(jwk), RawJws.json(quote("invalid/jwk-header-injection"))), ErrorCode.BAD_SIGNATURE));
        ObjectNode jku = shopHeader();
        jku.put("jku", "https://attacker.example/jwks.json");
        add("invalid/jku-header-injection", "Signed by an attacker's key, with a jku header pointing at the attacker's JWKS: never followed.",
                verifierAtTwinA(), refused(RawJws.ed25519(keys.mallory, RawJws.json(jku), RawJws.json(quote("invalid/jku-header-injection"))),
                        ErrorCode.BAD_SIGNATURE));
    }

    private static RSAKey rfc7515RsaKey() {
        try (InputStream in = VectorGenerator.class.getClassLoader().getResourceAsStream("external/jose/rfc7515/rfc7515-appendix-a.json")) {
            JsonNode examples = new ObjectMapper().readTree(in).get("examples");
            for (JsonNode example : examples) {
                if ("RS256".equals(example.get("alg").asText(""))) {
                    return (RSAKey) Keys.parseJwk(example.get("key").toString());
                }
            }
            throw new IllegalStateException("RFC 7515 A.2 RSA key not found");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ invalid: keys and signatures

    private void invalidKeysAndSignatures() {
        String good = signByShop(quote("invalid/tampered-payload"));
        String[] parts = good.split("\\.");
        ObjectNode changed = quote("invalid/tampered-payload");
        changed.put("exp", changed.get("exp").asLong() + 86_400 * 6);
        add("invalid/tampered-payload", "The payload of a signed quote replaced by one with a later exp, the signature kept.", verifierAtTwinA(),
                refused(parts[0] + "." + RawJws.b64(RawJws.json(changed)) + "." + parts[2], ErrorCode.BAD_SIGNATURE));
        add("invalid/tampered-signature", "One bit of the signature flipped.", verifierAtTwinA(),
                refused(parts[0] + "." + parts[1] + "." + flipBit(parts[2]), ErrorCode.BAD_SIGNATURE));
        ObjectNode reordered = ParleyJson.object();
        reordered.put("kid", TestKeys.SHOP_ED25519_KID);
        reordered.put("typ", Protocol.JWS_TYP);
        reordered.put("alg", "Ed25519");
        add("invalid/tampered-header", "The header re-encoded with its members in another order (same meaning, other bytes): the signature "
                + "covers the exact header bytes.", verifierAtTwinA(),
                refused(RawJws.b64(RawJws.json(reordered)) + "." + parts[1] + "." + parts[2], ErrorCode.BAD_SIGNATURE));
        String spaced = ParleyJson.writeString(quote("invalid/tampered-payload")).replace(",\"", ", \"");
        add("invalid/payload-reformatted", "The payload re-serialized with spaces (same JSON value, other bytes): the signature covers the "
                + "exact payload bytes, so a relay must never re-serialize a message.", verifierAtTwinA(),
                refused(parts[0] + "." + RawJws.b64(spaced) + "." + parts[2], ErrorCode.BAD_SIGNATURE));

        add("invalid/wrong-key", "A quote in the shop's name, signed by another Ed25519 key under the shop's kid.", verifierAtTwinA(),
                refused(RawJws.ed25519(keys.mallory, RawJws.json(shopHeader()), RawJws.json(quote("invalid/wrong-key"))), ErrorCode.BAD_SIGNATURE));
        add("invalid/unknown-kid", "A kid the shop's JWKS does not hold.", verifierAtTwinA(),
                refused(RawJws.ed25519(keys.shopEd25519, RawJws.json(header("Ed25519", "shop-ed25519-2099")),
                        RawJws.json(quote("invalid/unknown-kid"))), ErrorCode.UNKNOWN_KEY));
        ObjectNode other = quote("invalid/untrusted-issuer");
        other.put("iss", TestKeys.OTHER_SHOP);
        add("invalid/untrusted-issuer", "A quote from an HTTPS issuer whose keys the verifier does not have.", verifierAtTwinA(),
                refused(RawJws.ed25519(keys.mallory, RawJws.json(header("Ed25519", "mallory")), RawJws.json(other)), ErrorCode.UNKNOWN_KEY));
        ObjectNode impersonation = intent("invalid/did-key-impersonation");
        add("invalid/did-key-impersonation", "An intent in twin A's name (iss and kid of twin A) signed with twin B's key.", verifierAtShop(),
                refused(RawJws.ed25519(keys.twinB, RawJws.json(twinAHeader()), RawJws.json(impersonation)), ErrorCode.BAD_SIGNATURE));
        ObjectNode mismatch = intent("invalid/did-key-kid-mismatch");
        add("invalid/did-key-kid-mismatch", "iss is twin A's did:key but kid names twin B's key: a did:key issuer's kid must be its own "
                + "did#fragment.", verifierAtShop(),
                refused(RawJws.ed25519(keys.twinB, RawJws.json(header("Ed25519", DidKey.keyId(twinB))), RawJws.json(mismatch)), ErrorCode.UNKNOWN_KEY));

        byte[] smallOrder = new byte[32];
        smallOrder[0] = 1;
        String identityDid = DidKey.of(smallOrder);
        ObjectNode forged = payload("invalid/did-key-small-order", MessageType.INTENT, identityDid, TestKeys.SHOP, ISSUED, ISSUED + 300);
        byte[] trivialSignature = new byte[64];
        trivialSignature[0] = 1;
        add("invalid/did-key-small-order", "A did:key whose Ed25519 public key is the identity point (a small-order point), with the "
                + "signature R = identity, S = 0 that a cofactorless check would accept for any message: such keys are refused.",
                verifierAtShop(), refused(RawJws.signingInput(RawJws.json(header("Ed25519", DidKey.keyId(identityDid))), RawJws.json(forged))
                        + "." + RawJws.b64(trivialSignature), ErrorCode.UNKNOWN_KEY));
        String p256Did = p256DidKey(keys.shopEs256.getX().decode(), keys.shopEs256.getY().decode());
        ObjectNode p256Intent = payload("invalid/did-key-p256", MessageType.INTENT, p256Did, TestKeys.SHOP, ISSUED, ISSUED + 300);
        addRandomized("invalid/did-key-p256", "A did:key of a P-256 key (multicodec 0x1200), signed ES256 with that key: twin keys are Ed25519 "
                + "did:keys only.", verifierAtShop(), refused(RawJws.es256(keys.shopEs256,
                        RawJws.json(header("ES256", DidKey.keyId(p256Did))), RawJws.json(p256Intent)), ErrorCode.UNKNOWN_KEY));

        String goodEd = signByTwinA(intent("invalid/ed25519-non-canonical-s"));
        String[] ed = goodEd.split("\\.");
        add("invalid/ed25519-non-canonical-s", "A valid Ed25519 signature with the group order L added to S: RFC 8032 verification requires "
                + "S < L, which rules out this malleability.", verifierAtShop(),
                refused(ed[0] + "." + ed[1] + "." + RawJws.b64(addGroupOrder(Base64.getUrlDecoder().decode(ed[2]))), ErrorCode.BAD_SIGNATURE));

        ObjectNode psychic = quote("invalid/es256-zero-signature");
        add("invalid/es256-zero-signature", "An ES256 signature of 64 zero bytes (r = s = 0), which some ECDSA implementations once accepted "
                + "for any message and key (CVE-2022-21449).", verifierAtTwinA(),
                refused(RawJws.signingInput(RawJws.json(header("ES256", TestKeys.SHOP_ES256_KID)), RawJws.json(psychic)) + "."
                        + RawJws.b64(new byte[64]), ErrorCode.BAD_SIGNATURE));
        String shortEd = signByTwinA(intent("invalid/ed25519-short-signature"));
        add("invalid/ed25519-short-signature", "An Ed25519 signature cut to 63 bytes (it has 64).", verifierAtShop(),
                refused(shortEd.substring(0, shortEd.lastIndexOf('.') + 1) + RawJws.b64(Arrays.copyOf(
                        Base64.getUrlDecoder().decode(shortEd.substring(shortEd.lastIndexOf('.') + 1)), 63)), ErrorCode.BAD_SIGNATURE));

        ObjectNode es = quote("invalid/es256-der-signature");
        String es256 = RawJws.es256(keys.shopEs256, RawJws.json(header("ES256", TestKeys.SHOP_ES256_KID)), RawJws.json(es));
        String[] esParts = es256.split("\\.");
        addRandomized("invalid/es256-der-signature", "A correct ES256 signature in ASN.1 DER form, as Java and OpenSSL produce it; JWS "
                + "(RFC 7518 section 3.4) requires the 64-byte r || s form.", verifierAtTwinA(),
                refused(esParts[0] + "." + esParts[1] + "." + RawJws.b64(toDer(Base64.getUrlDecoder().decode(esParts[2]))), ErrorCode.BAD_SIGNATURE));
    }

    /** did:key of a P-256 public key: multicodec 0x1200 (varint 0x80 0x24), compressed point, base58btc. */
    private static String p256DidKey(byte[] x, byte[] y) {
        byte[] bytes = new byte[2 + 33];
        bytes[0] = (byte) 0x80;
        bytes[1] = 0x24;
        bytes[2] = (byte) ((y[31] & 1) == 0 ? 0x02 : 0x03);
        System.arraycopy(x, 0, bytes, 3, 32);
        return DidKey.PREFIX + "z" + base58(bytes);
    }

    private static String base58(byte[] bytes) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder out = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        BigInteger radix = BigInteger.valueOf(58);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(radix);
            out.append(alphabet.charAt(qr[1].intValue()));
            value = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    private static String standardAlphabet(String b64url) {
        if (b64url.indexOf('-') < 0 && b64url.indexOf('_') < 0) {
            throw new IllegalStateException("segment has no character that differs between the alphabets: " + b64url);
        }
        return b64url.replace('-', '+').replace('_', '/');
    }

    private static String flipBit(String b64) {
        byte[] bytes = Base64.getUrlDecoder().decode(b64);
        bytes[bytes.length / 2] ^= 0x01;
        return RawJws.b64(bytes);
    }

    /** S + L, little-endian, as RFC 8032 encodes S (fits in 32 bytes since S < L < 2^253). */
    private static byte[] addGroupOrder(byte[] signature) {
        BigInteger l = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
        byte[] sLittle = Arrays.copyOfRange(signature, 32, 64);
        BigInteger s = new BigInteger(1, reverse(sLittle));
        byte[] sum = BigIntegers.asUnsignedByteArray(32, s.add(l));
        byte[] out = signature.clone();
        System.arraycopy(reverse(sum), 0, out, 32, 32);
        return out;
    }

    private static byte[] reverse(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    private static byte[] toDer(byte[] rs) {
        try {
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 0, 32))));
            v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 32, 64))));
            return new DERSequence(v).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ invalid: envelope

    private void invalidEnvelope() {
        intentCase("invalid/unsupported-version", "parley \"0.2\": a version this verifier does not speak.", ErrorCode.UNSUPPORTED_VERSION,
                p -> p.put("parley", "0.2"));
        intentCase("invalid/version-missing", "A payload without the parley version.", ErrorCode.MALFORMED, p -> p.remove("parley"));
        intentCase("invalid/unknown-type", "type \"intent.bulk\": not a registered message type.", ErrorCode.UNKNOWN_TYPE,
                p -> p.put("type", "intent.bulk"));
        intentCase("invalid/id-missing", "A payload without id.", ErrorCode.MALFORMED, p -> p.remove("id"));
        intentCase("invalid/id-bad-characters", "An id with a space and a slash: ids are 1-128 characters of [A-Za-z0-9._:-].",
                ErrorCode.MALFORMED, p -> p.put("id", "intent 1/2"));
        intentCase("invalid/thread-bad-characters", "A thread id containing a space.", ErrorCode.MALFORMED,
                p -> p.put("thread", "neg 7f3a"));
        intentCase("invalid/re-not-string", "re as a number.", ErrorCode.MALFORMED, p -> p.put("re", 42));
        intentCase("invalid/iss-missing", "A payload without iss.", ErrorCode.MALFORMED, p -> p.remove("iss"));
        quoteCase("invalid/iss-http-origin", "iss \"http://shop.example\": brand issuers are HTTPS origins.", ErrorCode.MALFORMED,
                p -> p.put("iss", "http://shop.example"));
        quoteCase("invalid/iss-with-path", "iss \"https://shop.example/parley\": an issuer is an origin, without a path.", ErrorCode.MALFORMED,
                p -> p.put("iss", "https://shop.example/parley"));
        intentCase("invalid/iat-string", "iat as a string: envelope times are NumericDate (integer epoch seconds).", ErrorCode.MALFORMED,
                p -> p.put("iat", String.valueOf(ISSUED)));
        intentCase("invalid/iat-fraction", "iat with a fraction of a second.", ErrorCode.MALFORMED,
                p -> p.put("iat", new BigDecimal(ISSUED + ".5")));
        intentCase("invalid/iat-negative", "A negative iat.", ErrorCode.MALFORMED, p -> p.put("iat", -1));
        intentCase("invalid/exp-beyond-year-9999", "exp of 2^63 - 1 seconds: NumericDates after the year 9999 are refused as malformed, "
                + "before any time arithmetic could overflow.", ErrorCode.MALFORMED, p -> p.put("exp", Long.MAX_VALUE));
        String hugeExponent = ParleyJson.writeString(intent("invalid/iat-huge-exponent"))
                .replace("\"iat\":" + ISSUED, "\"iat\":1e9999999999");
        add("invalid/iat-huge-exponent", "iat written as 1e9999999999: not an integer NumericDate, and a number no exact decimal type "
                + "holds; a verifier must refuse it without failing.", verifierAtShop(),
                refused(RawJws.ed25519(keys.twinA, RawJws.json(twinAHeader()), hugeExponent.getBytes(StandardCharsets.UTF_8)), ErrorCode.MALFORMED));
        intentCase("invalid/exp-missing", "A payload without exp: every Parley message expires.", ErrorCode.MALFORMED, p -> p.remove("exp"));
        intentCase("invalid/body-missing", "A payload without body.", ErrorCode.MALFORMED, p -> p.remove("body"));
        intentCase("invalid/body-not-object", "A body that is a string.", ErrorCode.MALFORMED, p -> p.put("body", "two candles"));
        intentCase("invalid/aud-not-string", "aud as an array (JWT allows it; Parley addresses one party).", ErrorCode.MALFORMED,
                p -> p.putArray("aud").add(TestKeys.SHOP));
    }

    // ------------------------------------------------------------------ invalid: audience, time, replay

    private void invalidAudienceTimeReplay() {
        intentCase("invalid/wrong-audience", "An intent addressed to another shop.", ErrorCode.WRONG_AUDIENCE,
                p -> p.put("aud", TestKeys.OTHER_SHOP));
        intentCase("invalid/aud-missing-conversational", "An intent (conversational) without aud.", ErrorCode.WRONG_AUDIENCE,
                p -> p.remove("aud"));
        quoteCase("invalid/quote-for-another-twin", "A genuine quote addressed to twin B, presented to twin A's verifier.",
                ErrorCode.WRONG_AUDIENCE, p -> {
                    p.put("aud", twinB);
                    body(p).put("twin", twinB);
                });
        intentCase("invalid/expired", "An intent whose exp passed 10 minutes ago.", ErrorCode.EXPIRED, p -> {
            p.put("iat", NOW_S - 900);
            p.put("exp", NOW_S - 600);
        });
        intentCase("invalid/expired-beyond-skew", "exp 61 s before the verifier's clock: just outside the 60 s skew tolerance.",
                ErrorCode.EXPIRED, p -> {
                    p.put("iat", NOW_S - 361);
                    p.put("exp", NOW_S - 61);
                });
        intentCase("invalid/not-yet-valid", "iat 5 minutes after the verifier's clock.", ErrorCode.NOT_YET_VALID, p -> {
            p.put("iat", NOW_S + 300);
            p.put("exp", NOW_S + 600);
        });
        intentCase("invalid/lifetime-too-long", "An intent valid for one hour; intents may live at most 10 minutes.", ErrorCode.LIFETIME_TOO_LONG,
                p -> p.put("exp", ISSUED + 3_600));
        quoteCase("invalid/quote-lifetime-too-long", "A quote valid for 30 days; quotes may live at most 7 days.", ErrorCode.LIFETIME_TOO_LONG,
                p -> p.put("exp", ISSUED + 30 * 86_400));
        intentCase("invalid/exp-before-iat", "exp earlier than iat.", ErrorCode.MALFORMED, p -> {
            p.put("iat", NOW_S);
            p.put("exp", NOW_S - 10);
        });

        String once = signByTwinA(intent("invalid/replayed-message"));
        ObjectNode first = intent("invalid/replayed-message");
        add("invalid/replayed-message", "The same intent delivered twice to one verifier: the first is accepted, the second is a replay.",
                verifierAtShop(), VectorCase.Step.accepted(once, MessageType.INTENT, first.get("id").asText(), twinA),
                refused(once, ErrorCode.REPLAYED));
        ObjectNode a = intent("invalid/replayed-id");
        ObjectNode b = intent("invalid/replayed-id");
        ((ObjectNode) b.get("body")).put("x_note", "a different message under the same id");
        add("invalid/replayed-id", "Two different intents from the same twin under the same id: ids are unique per issuer, so the second "
                + "is refused as a replay.", verifierAtShop(),
                VectorCase.Step.accepted(signByTwinA(a), MessageType.INTENT, a.get("id").asText(), twinA),
                refused(signByTwinA(b), ErrorCode.REPLAYED));
        ObjectNode ofA = intent("invalid/same-id-other-issuer");
        ObjectNode ofB = intent("invalid/same-id-other-issuer");
        ofB.put("iss", twinB);
        add("valid/same-id-other-issuers", "Two twins happen to use the same id: ids are unique per issuer, so both are accepted.",
                verifierAtShop(),
                VectorCase.Step.accepted(signByTwinA(ofA), MessageType.INTENT, ofA.get("id").asText(), twinA),
                VectorCase.Step.accepted(RawJws.ed25519(keys.twinB, RawJws.json(header("Ed25519", DidKey.keyId(twinB))), RawJws.json(ofB)),
                        MessageType.INTENT, ofB.get("id").asText(), twinB));
        String quote = signByShop(quote("valid/quote-presented-twice"));
        ObjectNode q = quote("valid/quote-presented-twice");
        add("valid/quote-presented-twice", "A quote (an addressed document, not replay-checked) verified twice: both accepted, since its "
                + "holder presents it again later.", verifierAtTwinA(),
                VectorCase.Step.accepted(quote, MessageType.QUOTE, q.get("id").asText(), TestKeys.SHOP),
                VectorCase.Step.accepted(quote, MessageType.QUOTE, q.get("id").asText(), TestKeys.SHOP));
    }

    // ------------------------------------------------------------------ invalid: schema

    private void invalidSchema() {
        intentCase("invalid/schema-unknown-envelope-field", "An envelope field that is neither defined nor an x_ extension.",
                ErrorCode.SCHEMA_INVALID, p -> p.put("priority", "high"));
        intentCase("invalid/schema-unknown-body-field", "A body field that is neither defined nor an x_ extension.",
                ErrorCode.SCHEMA_INVALID, p -> body(p).put("priority", "high"));
        intentCase("invalid/schema-bad-extension-name", "An extension field x_Trace: extension names are x_ followed by lower-case "
                + "letters, digits and underscores.", ErrorCode.SCHEMA_INVALID, p -> body(p).put("x_Trace", "abc"));
        intentCase("invalid/schema-missing-required-field", "An intent body without wants.", ErrorCode.SCHEMA_INVALID,
                p -> body(p).remove("wants"));
        intentCase("invalid/schema-empty-array", "An intent whose wants list is empty (at least one is required).",
                ErrorCode.SCHEMA_INVALID, p -> body(p).putArray("wants"));
        intentCase("invalid/schema-wrong-field-type", "A quantity written as the string \"4\".", ErrorCode.SCHEMA_INVALID,
                p -> want(p).put("quantity", "4"));
        intentCase("invalid/schema-quantity-zero", "A quantity of 0 (at least 1).", ErrorCode.SCHEMA_INVALID, p -> want(p).put("quantity", 0));
        intentCase("invalid/money-amount-as-number", "A money amount written as the JSON number 40.00: money is always a decimal string.",
                ErrorCode.SCHEMA_INVALID, p -> ((ObjectNode) body(p).get("budget")).put("amount", new BigDecimal("40.00")));
        intentCase("invalid/money-as-number", "A budget written as the bare JSON number 40: money is {\"amount\": string, \"currency\": code}.",
                ErrorCode.SCHEMA_INVALID, p -> body(p).put("budget", 40));
        intentCase("invalid/money-too-many-decimals", "A money amount with five fraction digits (at most four).", ErrorCode.SCHEMA_INVALID,
                p -> ((ObjectNode) want(p).get("max_unit_price")).put("amount", "7.99999"));
        intentCase("invalid/money-negative", "A negative money amount.", ErrorCode.SCHEMA_INVALID,
                p -> ((ObjectNode) body(p).get("budget")).put("amount", "-40.00"));
        intentCase("invalid/money-currency-lowercase", "Currency \"eur\": ISO 4217 codes are three upper-case letters.",
                ErrorCode.SCHEMA_INVALID, p -> ((ObjectNode) body(p).get("budget")).put("currency", "eur"));
        intentCase("invalid/schema-body-of-another-type", "type intent carrying a quote's body.", ErrorCode.SCHEMA_INVALID,
                p -> p.set("body", Bodies.of(MessageType.QUOTE, bodyValues)));
        quoteCase("invalid/schema-timestamp-not-utc", "A quote's valid_until with a +01:00 offset: body times are RFC 3339 in UTC (Z).",
                ErrorCode.SCHEMA_INVALID, p -> body(p).put("valid_until", "2026-01-16T12:59:50+01:00"));
        quoteCase("invalid/schema-twin-not-did-key", "A quote whose twin is an HTTPS origin instead of a did:key.", ErrorCode.SCHEMA_INVALID,
                p -> body(p).put("twin", TestKeys.OTHER_SHOP));
        ObjectNode feedback = payload("invalid/schema-enum-violation", MessageType.FEEDBACK, twinA, TestKeys.SHOP, ISSUED, ISSUED + 300);
        body(feedback).put("signal", "meh");
        add("invalid/schema-enum-violation", "A feedback signal outside its enumeration.", verifierAtShop(),
                refused(signByTwinA(feedback), ErrorCode.SCHEMA_INVALID));
    }

    private static ObjectNode want(ObjectNode payload) {
        return (ObjectNode) body(payload).get("wants").get(0);
    }
}
