package dev.parley.cli;

/** A mistake in how the command was called (exit code 2), reported in one line without a stack trace. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message, null, false, false);
    }
}
