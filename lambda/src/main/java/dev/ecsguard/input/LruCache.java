package dev.ecsguard.input;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread-safe map of at most {@code maxEntries}, least recently used evicted first, that counts
 * hits and misses for the log. What to keep and for how long is the caller's policy; this only
 * holds it.
 */
final class LruCache<K, V> {
    private final Map<K, V> map;
    private long hits;
    private long misses;

    LruCache(int maxEntries) {
        this.map = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The entry for key, or null (counted as a hit or a miss). */
    synchronized V get(K key) {
        return get(key, v -> true);
    }

    /** The entry for key if it is still {@code live}, else null; a dead entry is dropped (a miss). */
    synchronized V get(K key, java.util.function.Predicate<V> live) {
        V v = map.get(key);
        if (v != null && !live.test(v)) {
            map.remove(key);
            v = null;
        }
        if (v != null) hits++;
        else misses++;
        return v;
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }

    synchronized int size() {
        return map.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
