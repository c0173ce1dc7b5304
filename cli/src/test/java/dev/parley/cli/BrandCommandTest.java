package dev.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.brand.keys.KeyRing;
import dev.parley.protocol.keys.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrandCommandTest {

    @TempDir
    Path dir;

    @Test
    void aWrongConfiguration_isOneClearLine_andExitCode2() throws Exception {
        Path config = dir.resolve("brand.json");
        Files.writeString(config, "{\"name\": \"Hearth\", \"catalog\": {\"format\": \"xml\", \"path\": \"c.xml\"}, \"policy\": \"p.json\"}");
        CliTest.Run r = CliTest.run("", "brand", "--config", config.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("parley: configuration ") && r.err().contains("catalog.format must be one of"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void rotateKey_addsAKeyThatSignsAfterTheLead() throws Exception {
        Path config = dir.resolve("brand.json");
        Files.writeString(config, "{\"name\": \"Hearth\", \"catalog\": {\"format\": \"csv\", \"path\": \"c.csv\"}, \"policy\": \"p.json\"}");
        CliTest.Run missing = CliTest.run("", "brand", "rotate-key", "--config", config.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("start the node once"), missing.err());

        Path keys = dir.resolve("brand-data/keys.json");
        Instant now = Instant.ofEpochSecond(1_795_000_000L);
        KeyRing.generate(Keys.Algorithm.ED25519, now.minusSeconds(86_400)).save(keys);
        CliTest.Run r = CliTest.run("", "brand", "rotate-key", "--config", config.toString(), "--lead", "PT10M", "--grace", "P2D");
        assertEquals(0, r.exit(), r.err());
        KeyRing ring = KeyRing.load(keys);
        assertEquals(2, ring.entries().size());
        assertEquals(now.plusSeconds(600), ring.entries().get(1).activeFrom());
        assertEquals(now.plusSeconds(600).plusSeconds(2 * 86_400), ring.entries().get(0).retireAfter());
        assertTrue(r.out().contains(ring.entries().get(1).key().getKeyID()), r.out());
    }
}
