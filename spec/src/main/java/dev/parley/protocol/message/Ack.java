package dev.parley.protocol.message;

/** Acknowledges a message that needs no other answer (feedback, interest changes). */
public record Ack(String note) {
    public Ack {
        Checks.optionalText("note", note, 1000);
    }
}
