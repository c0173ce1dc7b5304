package dev.parley.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import java.io.PrintStream;

/** The one-line JSON results of verify and validate. */
final class Results {
    private Results() {}

    static void ok(PrintStream out, ObjectNode payload) {
        ObjectNode line = ParleyJson.object();
        line.put("ok", true);
        line.set("type", payload.get("type"));
        line.set("id", payload.get("id"));
        line.set("iss", payload.get("iss"));
        line.set("payload", payload);
        out.println(ParleyJson.writeString(line));
    }

    static void rejected(PrintStream out, ProtocolException e) {
        ObjectNode line = ParleyJson.object();
        line.put("ok", false);
        line.put("error", e.code().wire());
        line.put("detail", e.detail());
        out.println(ParleyJson.writeString(line));
    }
}
