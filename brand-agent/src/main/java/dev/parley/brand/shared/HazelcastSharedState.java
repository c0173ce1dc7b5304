package dev.parley.brand.shared;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link SharedState} of a cluster: Hazelcast maps of the instance Vert.x clusters on, with
 * Hazelcast's per-key locks. Every call may wait on the network; callers are worker threads.
 */
public final class HazelcastSharedState implements SharedState {

    private final HazelcastInstance hazelcast;

    public HazelcastSharedState(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    private IMap<String, String> map(String name) {
        return hazelcast.getMap(name);
    }

    @Override
    public Optional<String> get(String map, String key) {
        return Optional.ofNullable(map(map).get(key));
    }

    @Override
    public void put(String map, String key, String value) {
        map(map).set(key, value);
    }

    @Override
    public boolean putIfAbsent(String map, String key, String value, Duration ttl) {
        IMap<String, String> m = map(map);
        String previous = ttl == null ? m.putIfAbsent(key, value)
                : m.putIfAbsent(key, value, Math.max(1, ttl.toMillis()), TimeUnit.MILLISECONDS);
        return previous == null;
    }

    @Override
    public void remove(String map, String key) {
        map(map).delete(key);
    }

    @Override
    public <T> T locked(String map, String key, Supplier<T> action) {
        IMap<String, String> m = map(map);
        m.lock(key);
        try {
            return action.get();
        } finally {
            m.unlock(key);
        }
    }

    @Override
    public int size(String map) {
        return map(map).size();
    }

    @Override
    public void close() {
        // the instance belongs to the Vert.x cluster manager, which shuts it down
    }
}
