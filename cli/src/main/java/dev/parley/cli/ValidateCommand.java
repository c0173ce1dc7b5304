package dev.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Protocol;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.schema.ParleySchemas;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "validate", description = {
        "Validate one payload JSON object read on stdin against the protocol's schemas (envelope and the body of its type),",
        "without any signature. Prints the same JSON line as verify; exit 0 if valid, 1 if not, 2 on a usage error."})
final class ValidateCommand implements Callable<Integer> {
    private final Main.Io io;

    ValidateCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        byte[] in = Inputs.readBounded(io.in(), Protocol.MAX_MESSAGE_BYTES);
        try {
            if (in.length > Protocol.MAX_MESSAGE_BYTES) {
                throw new ProtocolException(ErrorCode.TOO_LARGE, "payload longer than " + Protocol.MAX_MESSAGE_BYTES + " bytes");
            }
            ObjectNode payload = ParleyJson.readObject(in);
            JsonNode version = payload.get("parley");
            if (version == null || !version.isTextual()) {
                throw new ProtocolException(ErrorCode.MALFORMED, "payload has no parley version");
            }
            if (!Protocol.VERSION.equals(version.asText())) {
                throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION, "protocol version " + version.asText() + " is not supported");
            }
            JsonNode type = payload.get("type");
            if (type == null || !type.isTextual()) {
                throw new ProtocolException(ErrorCode.MALFORMED, "payload has no type");
            }
            MessageType messageType = MessageType.fromWire(type.asText()).orElseThrow(() ->
                    new ProtocolException(ErrorCode.UNKNOWN_TYPE, "message type \"" + type.asText() + "\" is not registered"));
            List<String> violations = ParleySchemas.standard().validate(messageType, payload);
            if (!violations.isEmpty()) {
                throw new ProtocolException(ErrorCode.SCHEMA_INVALID, String.join("; ", violations));
            }
            Results.ok(io.out(), payload);
            return 0;
        } catch (ProtocolException e) {
            Results.rejected(io.out(), e);
            return Main.EXIT_REJECTED;
        }
    }
}
