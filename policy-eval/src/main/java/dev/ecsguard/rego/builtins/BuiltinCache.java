package dev.ecsguard.rego.builtins;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The per-policy cache behind {@link BuiltinContext#cached}: one least-recently-used map per
 * namespace, bounded in entries and in weight, so patterns taken from input (a new one per event)
 * evict old ones instead of growing the heap. Thread-safe; a value is computed outside the lock
 * (two threads may compute the same entry; one result is kept).
 *
 * <p>Bounds (README, "Limits"): per namespace of compiled artefacts (regular expressions, globs,
 * regex templates, string templates) {@value #PATTERNS} entries (OPA caps its regex cache at 100
 * too) and {@value #PATTERN_WEIGHT} units of weight (a compiled pattern weighs its program size
 * in instructions, about 60 bytes each); the match-answer memo ({@link MatchMemo}) {@value #ANSWERS}
 * answers. A key longer than {@value #MAX_KEY_LENGTH} characters is never cached: its value is
 * computed on every call.
 */
public final class BuiltinCache {
    /** Entries per namespace of compiled patterns and templates. */
    public static final int PATTERNS = 100;
    /** Total weight per namespace of compiled patterns (program instructions). */
    public static final long PATTERN_WEIGHT = 500_000;
    /** Entries of the match-answer memo (all patterns together). */
    public static final int ANSWERS = 8192;
    /** Keys (pattern text) longer than this are not cached. */
    public static final int MAX_KEY_LENGTH = 4096;

    /** System property that switches the match-answer memo off ({@code -Decsguard.matchMemo=off}), for benchmarks. */
    public static final String MEMO_PROPERTY = "ecsguard.matchMemo";

    /** A cached value that weighs more than one unit. */
    public interface Weighed {
        long weight();
    }

    /** A composite key whose text length decides whether it is cached (String keys use their length). */
    public interface Sized {
        int keyLength();
    }

    private final ConcurrentHashMap<String, Lru> spaces = new ConcurrentHashMap<>();
    private final boolean memo;

    /** A cache with the match memo on unless {@value #MEMO_PROPERTY} is {@code off}. */
    public BuiltinCache() {
        this(!"off".equalsIgnoreCase(System.getProperty(MEMO_PROPERTY, "on")));
    }

    public BuiltinCache(boolean matchMemo) {
        this.memo = matchMemo;
    }

    /** Whether the match-answer memo is on. */
    public boolean matchMemo() { return memo; }

    /** The value for key in namespace, computing (and keeping, within the bounds) it when absent. */
    @SuppressWarnings("unchecked")
    public <K, V> V get(String namespace, K key, Function<K, V> compute) {
        boolean isMemo = MatchMemo.NAMESPACE.equals(namespace);
        if ((isMemo && !memo) || keyLength(key) > MAX_KEY_LENGTH) return compute.apply(key);
        Lru lru = spaces.computeIfAbsent(namespace, ns -> isMemo ? new Lru(ANSWERS, ANSWERS) : new Lru(PATTERNS, PATTERN_WEIGHT));
        Object v = lru.get(key);
        if (v != null) return (V) v;
        V computed = compute.apply(key);
        return (V) lru.putIfAbsent(key, computed);
    }

    /** Entries held in a namespace (tests). */
    public int size(String namespace) {
        Lru lru = spaces.get(namespace);
        return lru == null ? 0 : lru.size();
    }

    private static int keyLength(Object key) {
        if (key instanceof String s) return s.length();
        if (key instanceof Sized s) return s.keyLength();
        return 0;
    }

    private static long weight(Object value) {
        return value instanceof Weighed w ? Math.max(1, w.weight()) : 1;
    }

    /** A LinkedHashMap in access order that drops its eldest entries beyond its bounds. */
    private static final class Lru {
        private final LinkedHashMap<Object, Object> map = new LinkedHashMap<>(64, 0.75f, true);
        private final int capacity;
        private final long maxWeight;
        private long weight;

        Lru(int capacity, long maxWeight) {
            this.capacity = capacity;
            this.maxWeight = maxWeight;
        }

        synchronized Object get(Object key) { return map.get(key); }

        synchronized Object putIfAbsent(Object key, Object value) {
            Object prev = map.get(key);
            if (prev != null) return prev;
            long w = weight(value);
            if (w > maxWeight) return value;                 // too heavy to keep at all
            map.put(key, value);
            weight += w;
            Iterator<Map.Entry<Object, Object>> it = map.entrySet().iterator();
            while ((map.size() > capacity || weight > maxWeight) && it.hasNext()) {
                Map.Entry<Object, Object> eldest = it.next();
                if (eldest.getKey().equals(key)) continue;
                weight -= weight(eldest.getValue());
                it.remove();
            }
            return value;
        }

        synchronized int size() { return map.size(); }
    }
}
