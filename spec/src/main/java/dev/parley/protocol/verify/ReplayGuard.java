package dev.parley.protocol.verify;

import dev.parley.protocol.error.ProtocolException;
import java.time.Instant;

/**
 * Remembers which messages an agent has already accepted, so that none is accepted twice.
 * Called on every conversational message, possibly on an event loop: implementations answer
 * without blocking on I/O (a clustered implementation uses an asynchronous map behind a local
 * near cache, or is called from a worker). Thread-safe.
 */
public interface ReplayGuard {

    /**
     * Records the message {@code id} of {@code issuer}, to be remembered until {@code forgetAfter}.
     *
     * @throws ProtocolException {@code replayed} if that pair was recorded before and is still
     *     remembered; {@code unavailable} if the guard cannot remember more right now
     */
    void record(String issuer, String id, Instant forgetAfter) throws ProtocolException;
}
