package dev.parley.brand.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * {@link SharedState} of a single node, in memory. Entries with a time to live are dropped once
 * expired (lazily, and by a sweep on a thread of its own each time a map grows by a step).
 */
public final class LocalSharedState implements SharedState {

    private record Entry(String value, Instant expiresAt) {
        boolean expired(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    private static final int SWEEP_EVERY = 10_000;

    private final Clock clock;
    private final Map<String, ConcurrentHashMap<String, Entry>> maps = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Maps being swept now; the thread that sweeps them, started at the first sweep. */
    private final java.util.Set<String> sweeping = ConcurrentHashMap.newKeySet();
    private java.util.concurrent.ExecutorService sweeper;

    public LocalSharedState(Clock clock) {
        this.clock = clock;
    }

    private ConcurrentHashMap<String, Entry> map(String name) {
        return maps.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public Optional<String> get(String map, String key) {
        Entry e = map(map).get(key);
        return e == null || e.expired(clock.instant()) ? Optional.empty() : Optional.of(e.value());
    }

    @Override
    public void put(String map, String key, String value) {
        map(map).put(key, new Entry(value, null));
    }

    @Override
    public boolean putIfAbsent(String map, String key, String value, Duration ttl) {
        Instant now = clock.instant();
        ConcurrentHashMap<String, Entry> m = map(map);
        Entry fresh = new Entry(value, ttl == null ? null : now.plus(ttl));
        boolean[] stored = {false};
        m.compute(key, (k, old) -> {
            if (old == null || old.expired(now)) {
                stored[0] = true;
                return fresh;
            }
            return old;
        });
        if (stored[0] && m.size() % SWEEP_EVERY == 0) {
            sweep(map, m);
        }
        return stored[0];
    }

    /**
     * Drops a map's expired entries on the sweeper thread, once at a time per map: a sweep visits
     * the whole map (millions of replay records), which a caller on an event loop must not wait for.
     */
    private void sweep(String name, ConcurrentHashMap<String, Entry> m) {
        if (!sweeping.add(name)) {
            return;
        }
        try {
            sweeper().execute(() -> {
                try {
                    Instant at = clock.instant();
                    m.values().removeIf(e -> e.expired(at));
                } finally {
                    sweeping.remove(name);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            sweeping.remove(name);
        }
    }

    private synchronized java.util.concurrent.ExecutorService sweeper() {
        if (sweeper == null) {
            sweeper = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "parley-state-sweeper");
                thread.setDaemon(true);
                return thread;
            });
        }
        return sweeper;
    }

    /** Waits until the sweeps asked for so far are done (tests). */
    void awaitSweeps() throws InterruptedException, java.util.concurrent.ExecutionException {
        sweeper().submit(() -> { }).get();
    }

    @Override
    public void remove(String map, String key) {
        map(map).remove(key);
    }

    @Override
    public <T> T locked(String map, String key, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(map + '\u0000' + key, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size(String map) {
        return map(map).size();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
        }
        maps.clear();
    }
}
