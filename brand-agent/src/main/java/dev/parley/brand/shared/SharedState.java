package dev.parley.brand.shared;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The state the nodes of one brand share: replay records, negotiation threads, inventory
 * reservations, idempotency records, goal counters. One node keeps it in memory
 * ({@link LocalSharedState}); a cluster keeps it in Hazelcast ({@link HazelcastSharedState}).
 * Values are strings (JSON where structured) so that every node reads what any node wrote.
 *
 * <p>Calls may block on the network in a cluster: callers run on worker threads, never on an
 * event loop. Thread-safe.
 */
public interface SharedState extends AutoCloseable {

    Optional<String> get(String map, String key);

    void put(String map, String key, String value);

    /** Stores the value unless the key is present; true if it stored. {@code ttl} null keeps it forever. */
    boolean putIfAbsent(String map, String key, String value, Duration ttl);

    void remove(String map, String key);

    /**
     * Runs {@code action} holding the cluster-wide lock of one key of one map, so that reads and
     * writes of that key by concurrent callers on any node do not interleave.
     */
    <T> T locked(String map, String key, Supplier<T> action);

    /**
     * Whether every call returns without waiting on the network or on another process: true for
     * state in this process's memory, whose locks guard only memory.
     */
    default boolean inProcess() {
        return false;
    }

    /** Number of entries of a map, for limits and metrics. */
    int size(String map);

    @Override
    void close();
}
