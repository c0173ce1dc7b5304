package dev.parley.brand.keys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.ECKey;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A brand's signing keys over time, persisted in one file (private: mode 600). Rotation by
 * overlap (spec §2.1): a new key is published at once but signs only after a lead time that lets
 * verifiers' JWKS caches refresh; the key it replaces stays published for a grace period so
 * that documents it signed (quotes, receipts, credentials) still verify, and is then dropped.
 */
public final class KeyRing {

    /** One key with the instants it starts signing and stops being published (null: not retiring). */
    public record Entry(JWK key, Instant activeFrom, Instant retireAfter) {
        public Entry {
            if (!key.isPrivate()) {
                throw new IllegalArgumentException("a key ring holds private keys; " + key.getKeyID() + " is public");
            }
        }
    }

    private final List<Entry> entries;

    public KeyRing(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::activeFrom));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a key ring needs a key");
        }
        this.entries = List.copyOf(sorted);
    }

    /** A ring of one fresh key of {@code algorithm}, signing from {@code now}. */
    public static KeyRing generate(Keys.Algorithm algorithm, Instant now) {
        return new KeyRing(List.of(new Entry(fresh(algorithm), now, null)));
    }

    private static JWK fresh(Keys.Algorithm algorithm) {
        JWK key = Keys.generate(algorithm, null);
        try {
            String kid = key.computeThumbprint().toString();
            return key instanceof OctetKeyPair okp ? new OctetKeyPair.Builder(okp).keyID(kid).build() : new ECKey.Builder((ECKey) key).keyID(kid).build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the key's thumbprint", e);
        }
    }

    /** Reads the ring in {@code file}, or creates the file with a fresh key if there is none. */
    public static KeyRing loadOrCreate(Path file, Keys.Algorithm algorithm, Instant now) {
        if (Files.exists(file)) {
            return load(file);
        }
        KeyRing ring = generate(algorithm, now);
        ring.save(file);
        return ring;
    }

    public static KeyRing load(Path file) {
        try {
            ObjectNode root = ParleyJson.readObject(Files.readAllBytes(file));
            List<Entry> entries = new ArrayList<>();
            for (var node : root.withArray("keys")) {
                JWK key = JWK.parse(ParleyJson.writeString(node.get("jwk")));
                Instant from = Instant.parse(node.get("active_from").asText());
                Instant retire = node.hasNonNull("retire_after") ? Instant.parse(node.get("retire_after").asText()) : null;
                entries.add(new Entry(key, from, retire));
            }
            return new KeyRing(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        } catch (ProtocolException | ParseException | RuntimeException e) {
            throw new IllegalArgumentException("key file " + file + " is not a Parley key ring: " + e.getMessage(), e);
        }
    }

    /** Writes the ring atomically, readable by the owner only where the file system allows. */
    public void save(Path file) {
        ObjectNode root = ParleyJson.object();
        ArrayNode keys = root.putArray("keys");
        for (Entry e : entries) {
            ObjectNode node = keys.addObject();
            node.set("jwk", ParleyJson.toTree(e.key().toJSONObject()));
            node.put("active_from", e.activeFrom().toString());
            if (e.retireAfter() != null) {
                node.put("retire_after", e.retireAfter().toString());
            }
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".keys", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // permissions are the platform's business where POSIX modes do not exist
            }
            Files.write(tmp, ParleyJson.writer().withDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key file " + file, e);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The key that signs at {@code now}: the newest one already active. */
    public JWK signingKey(Instant now) {
        JWK current = entries.get(0).key();
        for (Entry e : entries) {
            if (!e.activeFrom().isAfter(now)) {
                current = e.key();
            }
        }
        return current;
    }

    /** The public keys published at {@code now}: every key not yet past its retirement. */
    public JWKSet publicJwks(Instant now) {
        return Keys.publicJwks(published(now).stream().map(Entry::key).toList());
    }

    private List<Entry> published(Instant now) {
        return entries.stream().filter(e -> e.retireAfter() == null || now.isBefore(e.retireAfter())).toList();
    }

    /**
     * A ring with a new key that signs from {@code now + lead}; the keys it replaces retire
     * {@code grace} after that. Keys already retired are dropped.
     */
    public KeyRing rotate(Keys.Algorithm algorithm, Instant now, Duration lead, Duration grace) {
        Instant from = now.plus(lead);
        List<Entry> next = new ArrayList<>();
        for (Entry e : published(now)) {
            next.add(e.retireAfter() == null ? new Entry(e.key(), e.activeFrom(), from.plus(grace)) : e);
        }
        next.add(new Entry(fresh(algorithm), from, null));
        return new KeyRing(next);
    }

    /** The earliest instant after {@code now} at which the signing key or the published set changes. */
    public Optional<Instant> nextChange(Instant now) {
        return entries.stream()
                .flatMap(e -> java.util.stream.Stream.of(e.activeFrom(), e.retireAfter()))
                .filter(t -> t != null && t.isAfter(now))
                .min(Comparator.naturalOrder());
    }
}
