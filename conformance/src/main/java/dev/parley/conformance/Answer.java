package dev.parley.conformance;

import dev.parley.protocol.verify.VerifiedMessage;

/**
 * An HTTP answer to a posted message or a GET, with its verification: {@code message} when the
 * body is a signed Parley message the core verifies, else {@code problem} says why not.
 */
public record Answer(int status, String contentType, String etag, String cacheControl, String body, VerifiedMessage message, String problem) {

    public boolean verified() {
        return message != null;
    }

    /** A short account of the answer for failure details. */
    public String describe() {
        if (message != null) {
            String code = message.type() == dev.parley.protocol.message.MessageType.ERROR ? " " + message.bodyTree().path("code").asText() : "";
            return "HTTP " + status + " " + message.type().wire() + code;
        }
        String excerpt = body == null ? "" : body.length() > 120 ? body.substring(0, 120) + "…" : body;
        return "HTTP " + status + " not a verified message (" + problem + "): " + excerpt;
    }
}
