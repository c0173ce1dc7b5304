package dev.parley.cli;

import dev.parley.protocol.Protocol;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.keys.DidKeyResolver;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.keys.KeyResolver;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", description = {
        "Verify JWS compact messages read on stdin, one per line (empty lines are skipped), and print one JSON line each:",
        "  {\"ok\":true,\"type\":…,\"id\":…,\"iss\":…,\"payload\":{…}}  or  {\"ok\":false,\"error\":\"CODE\",\"detail\":\"…\"}",
        "All checks of the protocol run, in order; replay is checked across the messages of one run.",
        "A did:key issuer needs no --trust; an https issuer's keys come from --trust.",
        "Without --aud, the audience of addressed messages is not checked.",
        "Exit 0 if every message verified, 1 otherwise, 2 on a usage error."})
final class VerifyCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--trust", paramLabel = "ISS=JWKS_FILE", description = "keys of an https issuer (repeatable)")
    List<String> trust = new ArrayList<>();

    @Option(names = "--aud", paramLabel = "ID", description = "this verifier's identity: addressed messages must name it")
    String audience;

    @Option(names = "--now", paramLabel = "EPOCH_SECONDS", description = "the time to verify at (default: now)")
    Long now;

    private final Main.Io io;

    VerifyCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Clock clock = now == null ? io.clock() : Clock.fixed(Instant.ofEpochSecond(now), java.time.ZoneOffset.UTC);
        JwksKeyResolver trusted = JwksKeyResolver.fixed(clock);
        boolean loopback = false;
        for (String entry : trust) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new UsageError("--trust expects ISS=JWKS_FILE, not \"" + entry + "\"");
            }
            String issuer = entry.substring(0, eq);
            if (!issuer.startsWith("https://") && !issuer.startsWith("http://127.0.0.1") && !issuer.startsWith("http://localhost")) {
                throw new UsageError("--trust issuer must be an https origin: \"" + issuer + "\"");
            }
            loopback |= issuer.startsWith("http://");
            Path file = Path.of(entry.substring(eq + 1));
            trusted.put(issuer, Keys.publicJwks(Inputs.keys(file)));
        }
        Verifier.Builder builder = Verifier.builder()
                .keys(KeyResolver.firstOf(new DidKeyResolver(), trusted))
                .replayGuard(new InMemoryReplayGuard(1_000_000, clock))
                .clock(clock);
        if (audience != null) {
            builder.expectAudience(audience);
        } else {
            builder.ignoreAudience();
        }
        if (loopback) {
            builder.allowLoopbackHttpIssuers();
        }
        Verifier verifier = builder.build();
        boolean allOk = true;
        LineReader lines = new LineReader(io.in(), Protocol.MAX_MESSAGE_BYTES);
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.empty()) {
                continue;
            }
            try {
                if (line.tooLong()) {
                    throw new ProtocolException(ErrorCode.TOO_LARGE, "message longer than " + Protocol.MAX_MESSAGE_BYTES + " bytes");
                }
                VerifiedMessage message = verifier.verify(line.text());
                Results.ok(io.out(), message.payload());
            } catch (ProtocolException e) {
                allOk = false;
                Results.rejected(io.out(), e);
            }
        }
        return allOk ? 0 : Main.EXIT_REJECTED;
    }

    /** Splits input into lines without ever holding more than {@code limit} bytes of one line. */
    static final class LineReader {
        record Line(String text, boolean tooLong) {
            boolean empty() {
                return !tooLong && text.isBlank();
            }
        }

        private final InputStream in;
        private final int limit;
        private final byte[] buffer;
        private boolean done;

        LineReader(InputStream in, int limit) {
            this.in = new BufferedInputStream(in, 64 * 1024);
            this.limit = limit;
            this.buffer = new byte[limit];
        }

        Line next() {
            if (done) {
                return null;
            }
            int length = 0;
            boolean tooLong = false;
            boolean any = false;
            try {
                while (true) {
                    int b = in.read();
                    if (b < 0) {
                        done = true;
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                    any = true;
                    if (b == '\n') {
                        break;
                    }
                    if (length < limit) {
                        buffer[length++] = (byte) b;
                    } else {
                        tooLong = true;
                    }
                }
            } catch (IOException e) {
                throw new UsageError("cannot read input: " + e.getMessage());
            }
            if (length > 0 && buffer[length - 1] == '\r') {
                length--;
            }
            return new Line(tooLong ? "" : new String(buffer, 0, length, StandardCharsets.UTF_8), tooLong);
        }
    }
}
