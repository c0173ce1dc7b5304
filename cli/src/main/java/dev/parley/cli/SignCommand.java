package dev.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import dev.parley.protocol.Protocol;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.DidKey;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.sign.MessageSigner;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sign", description = {
        "Sign the payload JSON object read on stdin, as it is, and print the JWS compact serialization.",
        "Header: alg Ed25519 or ES256 (from the key), typ parley+jws, kid. When the payload's iss is the",
        "did:key of the (Ed25519) key, kid is the did:key's fragment form; otherwise kid is the JWK's kid."})
final class SignCommand implements Runnable {
    @Option(names = "--key", required = true, paramLabel = "FILE", description = "private JWK to sign with")
    Path keyFile;

    private final Main.Io io;

    SignCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public void run() {
        JWK key = Inputs.privateKey(keyFile);
        byte[] in = Inputs.readBounded(io.in(), Protocol.MAX_MESSAGE_BYTES);
        if (in.length > Protocol.MAX_MESSAGE_BYTES) {
            throw new UsageError("stdin: payload larger than " + Protocol.MAX_MESSAGE_BYTES + " bytes");
        }
        ObjectNode payload;
        try {
            payload = ParleyJson.readObject(in);
        } catch (ProtocolException e) {
            throw new UsageError("stdin: not a JSON object: " + e.detail());
        }
        RandomGenerator random = new SecureRandom();
        MessageSigner signer;
        JsonNode iss = payload.get("iss");
        boolean ed25519 = Keys.algorithmOf(key) == Keys.Algorithm.ED25519;
        if (ed25519 && (iss == null || (iss.isTextual() && iss.asText().equals(DidKey.of(key))))) {
            signer = MessageSigner.forDidKey(key, io.clock(), random);
        } else {
            if (key.getKeyID() == null || key.getKeyID().isEmpty()) {
                throw new UsageError(keyFile + ": a key without kid can sign only as its own did:key (Ed25519)");
            }
            signer = MessageSigner.create(key, iss != null && iss.isTextual() ? iss.asText() : "https://unnamed.invalid", io.clock(), random);
        }
        io.out().println(signer.signPayload(payload));
    }
}
