package dev.parley.protocol.sign;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.parley.protocol.Protocol;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.DidKey;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.keys.SigningKey;
import dev.parley.protocol.keys.VerificationKey;
import dev.parley.protocol.message.MessageType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Signs Parley messages for one issuer with one private key: builds the envelope (id, iat, exp
 * from the injected clock), serializes the payload with {@link ParleyJson} and produces the JWS
 * compact serialization with header {@code {"alg","typ":"parley+jws","kid"}}. Ed25519 keys sign
 * as {@code "alg":"Ed25519"} (RFC 9864). The header is encoded once per signer; each message
 * costs its serialization, its base64url encoding and one {@link SigningKey} signature.
 * Thread-safe.
 */
public final class MessageSigner {
    private static final JOSEObjectType TYP = new JOSEObjectType(Protocol.JWS_TYP);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final String kid;
    private final Keys.Algorithm algorithm;
    private final SigningKey signingKey;
    /** The protected header, base64url-encoded, with the '.' that ends it, as ASCII bytes. */
    private final byte[] headerPrefix;
    private final VerificationKey verificationKey;
    private final Clock clock;
    private final MessageIds ids;

    private MessageSigner(JWK privateKey, String issuer, Clock clock, RandomGenerator random) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = new MessageIds(clock, Objects.requireNonNull(random, "random"));
        Objects.requireNonNull(privateKey, "privateKey");
        if (!privateKey.isPrivate()) {
            throw new IllegalArgumentException("signing needs a private key; key " + privateKey.getKeyID() + " is public");
        }
        this.algorithm = Keys.algorithmOf(privateKey);
        if (issuer.startsWith(DidKey.PREFIX)) {
            if (!issuer.equals(DidKey.of(privateKey))) {
                throw new IllegalArgumentException("issuer " + issuer + " is not the did:key of this key");
            }
            this.kid = DidKey.keyId(issuer);
        } else {
            this.kid = privateKey.getKeyID();
            if (kid == null || kid.isEmpty()) {
                throw new IllegalArgumentException("a brand key needs a kid (issuer " + issuer + ")");
            }
        }
        this.signingKey = SigningKey.fromJwk(privateKey);
        JWSHeader header = new JWSHeader.Builder(algorithm == Keys.Algorithm.ED25519 ? JWSAlgorithm.Ed25519 : JWSAlgorithm.ES256)
                .type(TYP).keyID(kid).build();
        this.headerPrefix = (header.toBase64URL() + ".").getBytes(StandardCharsets.US_ASCII);
        this.verificationKey = VerificationKey.fromJwk(withKid(privateKey.toPublicJWK(), kid));
    }

    /** A signer for a brand (HTTPS origin, key id from the JWK) or a twin (did:key of the key). */
    public static MessageSigner create(JWK privateKey, String issuer, Clock clock, RandomGenerator random) {
        return new MessageSigner(privateKey, issuer, clock, random);
    }

    /** A twin's signer: the issuer is the did:key of the Ed25519 key. */
    public static MessageSigner forDidKey(JWK ed25519PrivateKey, Clock clock, RandomGenerator random) {
        return new MessageSigner(ed25519PrivateKey, DidKey.of(ed25519PrivateKey), clock, random);
    }

    private static JWK withKid(JWK jwk, String kid) {
        if (kid.equals(jwk.getKeyID())) {
            return jwk;
        }
        if (jwk instanceof OctetKeyPair okp) {
            return new OctetKeyPair.Builder(okp).keyID(kid).build();
        }
        return new ECKey.Builder((ECKey) jwk).keyID(kid).build();
    }

    public String issuer() {
        return issuer;
    }

    public String kid() {
        return kid;
    }

    public Keys.Algorithm algorithm() {
        return algorithm;
    }

    /** The public key that checks this signer's signatures. */
    public VerificationKey verificationKey() {
        return verificationKey;
    }

    public Clock clock() {
        return clock;
    }

    /** Starts a message of {@code type} whose body is a record (bound by ParleyJson) or a JSON object. */
    public Draft message(MessageType type, Object body) {
        return new Draft(type, body);
    }

    /**
     * Signs an arbitrary payload object as it is, without checking it: for tools and test
     * vectors that must produce invalid messages too. Agents use {@link #message}.
     */
    public String signPayload(ObjectNode payload) {
        return sign(ParleyJson.writeBytes(payload));
    }

    /** Signs raw payload bytes as they are (for test vectors: duplicate keys, deep nesting …). */
    public String signRawPayload(byte[] payload) {
        return sign(payload);
    }

    private String sign(byte[] payload) {
        byte[] encoded = B64URL.encode(payload);
        byte[] signingInput = Arrays.copyOf(headerPrefix, headerPrefix.length + encoded.length);
        System.arraycopy(encoded, 0, signingInput, headerPrefix.length, encoded.length);
        byte[] signature = signingKey.sign(signingInput);
        return new String(signingInput, StandardCharsets.US_ASCII) + '.' + B64URL.encodeToString(signature);
    }

    /** A message being built; {@link #sign()} sets id, iat and exp unless given. */
    public final class Draft {
        private final MessageType type;
        private final Object body;
        private String aud;
        private String thread;
        private String re;
        private String id;
        private Duration ttl;

        private Draft(MessageType type, Object body) {
            this.type = Objects.requireNonNull(type, "type");
            this.body = Objects.requireNonNull(body, "body");
        }

        public Draft to(String audience) {
            this.aud = audience;
            return this;
        }

        public Draft thread(String thread) {
            this.thread = thread;
            return this;
        }

        public Draft re(String re) {
            this.re = re;
            return this;
        }

        public Draft id(String id) {
            this.id = id;
            return this;
        }

        /** How long the message stays valid; default: 5 minutes, capped at the type's maximum. */
        public Draft ttl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(type.maxLifetime()) > 0) {
                throw new IllegalArgumentException("ttl for " + type + " must be in (0, " + type.maxLifetime() + "], not " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        public SignedMessage sign() {
            if (type.requiresAudience() && aud == null) {
                throw new IllegalStateException(type + " messages need an audience: call to(...)");
            }
            if (!type.requiresAudience() && aud != null) {
                throw new IllegalStateException(type + " is a broadcast document and carries no audience");
            }
            long iat = clock.instant().getEpochSecond();
            Duration lifetime = ttl != null ? ttl : min(Duration.ofMinutes(5), type.maxLifetime());
            long exp = iat + lifetime.getSeconds();
            String messageId = id != null ? id : ids.next();
            return new SignedMessage(MessageSigner.this.sign(payload(messageId, iat, exp)), type, messageId, iat, exp);
        }

        /**
         * The payload's bytes, written field by field with the body serialized straight into
         * them: the same JSON as building the payload as a tree first, without the tree (whose
         * building cost about as much as the writing). One difference in form, not in value: a
         * decimal in a body (an attribute value) is written plainly ({@code 120}) where the tree
         * wrote it with an exponent ({@code 1.2E+2}).
         */
        private byte[] payload(String messageId, long iat, long exp) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            try (JsonGenerator g = ParleyJson.writer().createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("parley", Protocol.VERSION);
                g.writeStringField("type", type.wire());
                g.writeStringField("id", messageId);
                g.writeStringField("iss", issuer);
                if (aud != null) {
                    g.writeStringField("aud", aud);
                }
                g.writeNumberField("iat", iat);
                g.writeNumberField("exp", exp);
                if (thread != null) {
                    g.writeStringField("thread", thread);
                }
                if (re != null) {
                    g.writeStringField("re", re);
                }
                g.writeFieldName("body");
                ParleyJson.writer().writeValue(g, body);
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serialize a " + type.wire() + " body", e);
            }
            return out.toByteArray();
        }

        private static Duration min(Duration a, Duration b) {
            return a.compareTo(b) <= 0 ? a : b;
        }
    }
}
