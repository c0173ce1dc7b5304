package dev.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.DidKey;
import dev.parley.protocol.message.ExampleBodies;
import dev.parley.protocol.message.MessageType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private static final long NOW = 1_795_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String SHOP = "https://shop.example";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<JsonNode> lines() {
            return out.lines().map(l -> {
                try {
                    return (JsonNode) ParleyJson.readObject(l);
                } catch (Exception e) {
                    throw new AssertionError("not a JSON line: " + l, e);
                }
            }).toList();
        }
    }

    static Run run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path keygen(String name, String... args) throws IOException {
        Run r = run("", concat(new String[] {"keygen"}, args));
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().lines().count(), "one JSON line");
        Path file = dir.resolve(name);
        Files.writeString(file, r.out());
        return file;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static ObjectNode payload(MessageType type, String iss, String aud, String id) {
        ObjectNode p = ParleyJson.object();
        p.put("parley", "0.1").put("type", type.wire()).put("id", id).put("iss", iss);
        if (aud != null) {
            p.put("aud", aud);
        }
        p.put("iat", NOW - 10).put("exp", NOW + 290);
        p.set("body", ParleyJson.toTree(ExampleBodies.of(type)));
        return p;
    }

    private String did(Path key) {
        Run r = run("", "did", key.toString());
        assertEquals(0, r.exit(), r.err());
        return r.out().trim();
    }

    private String sign(Path key, ObjectNode payload) {
        Run r = run(ParleyJson.writeString(payload), "sign", "--key", key.toString());
        assertEquals(0, r.exit(), r.err());
        return r.out().trim();
    }

    @Test
    void keygen_printsPrivateJwkOfEachAlgorithm_withKidDefaultingToThumbprint() throws Exception {
        JWK ed = JWK.parse(Files.readString(keygen("ed.jwk")));
        assertTrue(ed instanceof OctetKeyPair && ed.isPrivate());
        assertEquals(ed.computeThumbprint().toString(), ed.getKeyID());
        JWK eddsa = JWK.parse(Files.readString(keygen("eddsa.jwk", "--alg", "EdDSA", "--kid", "k1")));
        assertTrue(eddsa instanceof OctetKeyPair);
        assertEquals("k1", eddsa.getKeyID());
        JWK es = JWK.parse(Files.readString(keygen("es.jwk", "--alg", "ES256", "--kid", "k2")));
        assertTrue(es instanceof ECKey && es.isPrivate());
    }

    @Test
    void keygen_unknownAlgorithm_isUsageError() {
        Run r = run("", "keygen", "--alg", "RS256");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("RS256"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void jwks_printsOnlyPublicParts_ofJwksAndJwkFiles() throws Exception {
        Path a = keygen("a.jwk", "--kid", "a");
        Path b = keygen("b.jwk", "--alg", "ES256", "--kid", "b");
        Run r = run("", "jwks", a.toString(), b.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("\"d\""), "no private part");
        Path set = dir.resolve("set.json");
        Files.writeString(set, r.out());
        Run again = run("", "jwks", set.toString());
        assertEquals(r.out(), again.out());
        assertEquals(2, com.nimbusds.jose.jwk.JWKSet.parse(r.out()).getKeys().size());
    }

    @Test
    void did_ofEd25519Key_isItsDidKey_andES256IsUsageError() throws Exception {
        Path ed = keygen("ed.jwk");
        assertEquals(DidKey.of(JWK.parse(Files.readString(ed))), did(ed));
        Run r = run("", "did", keygen("es.jwk", "--alg", "ES256", "--kid", "x").toString());
        assertEquals(2, r.exit());
        Run missing = run("", "did", dir.resolve("nope.jwk").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.jwk"));
    }

    @Test
    void signThenVerify_didKeyIssuer_needsNoTrust_andReplayWithinOneRunIsRejected() throws Exception {
        Path key = keygen("twin.jwk");
        String twin = did(key);
        String jws = sign(key, payload(MessageType.INTENT, twin, SHOP, "m-1"));
        Run r = run(jws + "\n\n" + jws + "\n", "verify", "--aud", SHOP, "--now", Long.toString(NOW));
        assertEquals(1, r.exit());
        List<JsonNode> lines = r.lines();
        assertEquals(2, lines.size(), "empty lines are skipped");
        assertTrue(lines.get(0).get("ok").asBoolean());
        assertEquals("intent", lines.get(0).get("type").asText());
        assertEquals("m-1", lines.get(0).get("id").asText());
        assertEquals(twin, lines.get(0).get("iss").asText());
        assertEquals("intent", lines.get(0).get("payload").get("type").asText());
        assertFalse(lines.get(1).get("ok").asBoolean());
        assertEquals("replayed", lines.get(1).get("error").asText());
    }

    @Test
    void verify_httpsIssuer_usesTrustedJwks_andIsUnknownKeyWithoutIt() throws Exception {
        Path key = keygen("shop.jwk", "--alg", "ES256", "--kid", "shop-1");
        Path jwks = dir.resolve("shop.jwks");
        Files.writeString(jwks, run("", "jwks", key.toString()).out());
        String jws = sign(key, payload(MessageType.QUOTE, SHOP, ExampleBodies.TWIN, "q-1"));
        Run trusted = run(jws, "verify", "--trust", SHOP + "=" + jwks, "--now", Long.toString(NOW));
        assertEquals(0, trusted.exit(), trusted.out());
        Run untrusted = run(jws, "verify", "--now", Long.toString(NOW));
        assertEquals(1, untrusted.exit());
        assertEquals("unknown_key", untrusted.lines().get(0).get("error").asText());
        Run wrongAud = run(jws, "verify", "--trust", SHOP + "=" + jwks, "--aud", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "--now", Long.toString(NOW));
        assertEquals("wrong_audience", wrongAud.lines().get(0).get("error").asText());
    }

    @Test
    void verify_expiredAndFuture_areRejectedWithTheirCodes() throws Exception {
        Path key = keygen("twin.jwk");
        String jws = sign(key, payload(MessageType.INTENT, did(key), SHOP, "m-2"));
        assertEquals("expired", run(jws, "verify", "--now", Long.toString(NOW + 3600)).lines().get(0).get("error").asText());
        assertEquals("not_yet_valid", run(jws, "verify", "--now", Long.toString(NOW - 3600)).lines().get(0).get("error").asText());
    }

    @Test
    void verify_hostileLines_eachGetACode_andNeverAStackTrace() throws Exception {
        byte[] huge = new byte[300_000];
        java.util.Arrays.fill(huge, (byte) 'A');
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write("garbage\n".getBytes(StandardCharsets.UTF_8));
        in.write(new byte[] {(byte) 0xff, (byte) 0xfe, '.', (byte) 0xc3, '.', 'x', '\n'});
        in.write("eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.c2ln\n".getBytes(StandardCharsets.UTF_8));
        in.write(huge);
        in.write('\n');
        in.write("a.b.c.d.e".getBytes(StandardCharsets.UTF_8));
        Run r = run(in.toByteArray(), "verify", "--now", Long.toString(NOW));
        assertEquals(1, r.exit());
        List<String> codes = r.lines().stream().map(l -> l.get("error").asText()).toList();
        assertEquals(List.of("malformed", "malformed", "alg_not_allowed", "too_large", "malformed"), codes);
        assertEquals("", r.err());
    }

    @Test
    void verify_badTrustSyntax_isUsageError() {
        assertEquals(2, run("", "verify", "--trust", "no-equals-sign").exit());
        assertEquals(2, run("", "verify", "--trust", SHOP + "=" + dir.resolve("missing.jwks")).exit());
        assertEquals(2, run("", "verify", "--now", "yesterday").exit());
        assertEquals(2, run("", "verify", "--frobnicate").exit());
    }

    @Test
    void validate_reportsSchemaViolations_unknownTypes_andAcceptsValidPayloads() {
        ObjectNode good = payload(MessageType.QUOTE, SHOP, ExampleBodies.TWIN, "q-2");
        Run ok = run(ParleyJson.writeString(good), "validate");
        assertEquals(0, ok.exit(), ok.out());
        assertEquals("quote", ok.lines().get(0).get("type").asText());
        ObjectNode bad = good.deepCopy();
        ((ObjectNode) bad.get("body")).put("total", 16.80);
        Run schema = run(ParleyJson.writeString(bad), "validate");
        assertEquals(1, schema.exit());
        assertEquals("schema_invalid", schema.lines().get(0).get("error").asText());
        ObjectNode unknown = good.deepCopy().put("type", "coupon.blast");
        assertEquals("unknown_type", run(ParleyJson.writeString(unknown), "validate").lines().get(0).get("error").asText());
        assertEquals("malformed", run("{\"a\":1,\"a\":2}", "validate").lines().get(0).get("error").asText());
        assertEquals("unsupported_version", run(ParleyJson.writeString(good.deepCopy().put("parley", "9.0")), "validate").lines().get(0).get("error").asText());
    }

    @Test
    void signedByCli_verifiesWithPlainNimbus_forBothAlgorithms() throws Exception {
        Path ed = keygen("ed.jwk");
        JWSObject edJws = JWSObject.parse(sign(ed, payload(MessageType.INTENT, did(ed), SHOP, "n-1")));
        assertEquals(JWSAlgorithm.Ed25519, edJws.getHeader().getAlgorithm());
        assertEquals("parley+jws", edJws.getHeader().getType().getType());
        assertTrue(edJws.verify(new Ed25519Verifier(((OctetKeyPair) JWK.parse(Files.readString(ed))).toPublicJWK())));
        Path es = keygen("es.jwk", "--alg", "ES256", "--kid", "s1");
        JWSObject esJws = JWSObject.parse(sign(es, payload(MessageType.QUOTE, SHOP, ExampleBodies.TWIN, "n-2")));
        assertEquals(JWSAlgorithm.ES256, esJws.getHeader().getAlgorithm());
        assertEquals("s1", esJws.getHeader().getKeyID());
        assertTrue(esJws.verify(new ECDSAVerifier(((ECKey) JWK.parse(Files.readString(es))).toPublicJWK())));
    }

    @Test
    void signedByPlainNimbus_verifiesWithCli_includingTheEdDSAAlias() throws Exception {
        OctetKeyPair ed = (OctetKeyPair) JWK.parse(Files.readString(keygen("ed.jwk")));
        String twin = DidKey.of(ed);
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.Ed25519, JWSAlgorithm.EdDSA)) {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).type(new JOSEObjectType("parley+jws")).keyID(DidKey.keyId(twin)).build(),
                    new Payload(ParleyJson.writeString(payload(MessageType.INTENT, twin, SHOP, "nim-" + alg.getName()))));
            jws.sign(new Ed25519Signer(ed));
            Run r = run(jws.serialize(), "verify", "--aud", SHOP, "--now", Long.toString(NOW));
            assertEquals(0, r.exit(), r.out());
        }
        ECKey es = (ECKey) JWK.parse(Files.readString(keygen("es.jwk", "--alg", "ES256", "--kid", "s9")));
        Path jwks = dir.resolve("es.jwks");
        Files.writeString(jwks, run("", "jwks", dir.resolve("es.jwk").toString()).out());
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("parley+jws")).keyID("s9").build(),
                new Payload(ParleyJson.writeString(payload(MessageType.QUOTE, SHOP, ExampleBodies.TWIN, "nim-es"))));
        jws.sign(new ECDSASigner(es));
        Run r = run(jws.serialize(), "verify", "--trust", SHOP + "=" + jwks, "--now", Long.toString(NOW));
        assertEquals(0, r.exit(), r.out());
    }

    @Test
    void sign_nonObjectInput_andPublicKey_areUsageErrors() throws Exception {
        Path key = keygen("k.jwk");
        assertEquals(2, run("[1,2]", "sign", "--key", key.toString()).exit());
        Path pub = dir.resolve("pub.jwk");
        Files.writeString(pub, JWK.parse(Files.readString(key)).toPublicJWK().toJSONString());
        assertEquals(2, run("{}", "sign", "--key", pub.toString()).exit());
    }

    @Test
    void everySubcommand_hasHelp_exitingZero() {
        for (String command : List.of("keygen", "jwks", "did", "sign", "verify", "validate", "demo", "brand", "twin-eval")) {
            Run r = run("", command, "--help");
            assertEquals(0, r.exit(), command);
            assertTrue(r.out().contains("Usage: parley " + command), command);
        }
    }

    @Test
    void noCommand_isUsageError() {
        assertEquals(2, run("").exit());
    }
}
