package dev.ecsguard.rego.value;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable object with keys of any type, stored as parallel arrays sorted by key.
 * Iteration is in key order (as OPA iterates); lookup is a binary search, which beats hashing
 * for the small objects that dominate ECS documents.
 */
public final class ObjectValue implements Value {
    public static final ObjectValue EMPTY = new ObjectValue(new Value[0], new Value[0]);

    private final Value[] keys;
    private final Value[] values;
    private int hash;
    private int weight;

    @Override
    public int weight() {
        int w = weight;
        if (w == 0) weight = w = Value.weightOf(keys, values);
        return w;
    }

    private ObjectValue(Value[] keys, Value[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** Wraps arrays that are already sorted by key with unique keys (no copy, no check). */
    public static ObjectValue wrapSorted(Value[] keys, Value[] values) {
        return keys.length == 0 ? EMPTY : new ObjectValue(keys, values);
    }

    public static ObjectValue of(Map<? extends Value, ? extends Value> map) {
        Builder b = new Builder(map.size());
        map.forEach(b::put);
        return b.build();
    }

    public static Builder builder() { return new Builder(8); }

    public static Builder builder(int expected) { return new Builder(expected); }

    public int size() { return keys.length; }

    public boolean isEmpty() { return keys.length == 0; }

    /** The i-th key in sorted order. */
    public Value keyAt(int i) { return keys[i]; }

    /** The value of the i-th key in sorted order. */
    public Value valueAt(int i) { return values[i]; }

    /** The value for key, or null when absent. */
    public Value get(Value key) {
        int i = find(key);
        return i >= 0 ? values[i] : null;
    }

    /** The value for a string key, or null when absent. */
    public Value get(String key) {
        int lo = 0, hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Value k = keys[mid];
            int c;
            if (k instanceof StringValue s) c = StringValue.compareCodePoints(s.value(), key);
            else c = Integer.compare(k.typeRank(), RANK_STRING);
            if (c < 0) lo = mid + 1;
            else if (c > 0) hi = mid - 1;
            else return values[mid];
        }
        return null;
    }

    public boolean containsKey(Value key) { return find(key) >= 0; }

    /** Objects up to this size are searched by hash code and equality rather than by order. */
    private static final int LINEAR_SEARCH_MAX = 8;

    /**
     * Open-addressing index (slot = entry index + 1, 0 = empty) of a larger object, built on its
     * first lookup. Volatile: values are shared between threads, and a reader must never see a
     * table that is not filled in yet.
     */
    private volatile int[] hashIndex;

    /**
     * The index of key, or -1. Lookups go by cached hash codes and equality, which is cheaper
     * than ordering strings that share long prefixes: a scan for small objects (most of an ECS
     * document), a hash index for larger ones.
     */
    private int find(Value key) {
        Value[] ks = keys;
        int h = key.hashCode();
        if (ks.length <= LINEAR_SEARCH_MAX) {
            for (int i = 0; i < ks.length; i++) {
                if (ks[i].hashCode() == h && ks[i].equals(key)) return i;
            }
            return -1;
        }
        int[] table = hashIndex;
        if (table == null) table = buildHashIndex();
        int mask = table.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            int slot = table[i];
            if (slot == 0) return -1;
            if (ks[slot - 1].hashCode() == h && ks[slot - 1].equals(key)) return slot - 1;
        }
    }

    private int[] buildHashIndex() {
        int[] table = new int[Integer.highestOneBit(keys.length * 2 - 1) << 1];
        int mask = table.length - 1;
        for (int k = 0; k < keys.length; k++) {
            int i = spread(keys[k].hashCode()) & mask;
            while (table[i] != 0) i = (i + 1) & mask;
            table[i] = k + 1;
        }
        hashIndex = table;
        return table;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** Binary search: the index of key, or -(insertion point + 1). */
    private int indexOf(Value key) {
        int lo = 0, hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = keys[mid].compareTo(key);
            if (c < 0) lo = mid + 1;
            else if (c > 0) hi = mid - 1;
            else return mid;
        }
        return -(lo + 1);
    }

    /**
     * This object with other's entries added, in one pass over both sorted key arrays. For a key
     * in both, {@code both} gives the value (for example: other's, or a deep merge).
     */
    public ObjectValue union(ObjectValue other, java.util.function.BinaryOperator<Value> both) {
        if (other.keys.length == 0) return this;
        if (keys.length == 0) return other;
        Value[] k = new Value[keys.length + other.keys.length];
        Value[] v = new Value[k.length];
        int i = 0, j = 0, n = 0;
        while (i < keys.length && j < other.keys.length) {
            int c = keys[i].compareTo(other.keys[j]);
            if (c < 0) { k[n] = keys[i]; v[n++] = values[i++]; }
            else if (c > 0) { k[n] = other.keys[j]; v[n++] = other.values[j++]; }
            else { k[n] = keys[i]; v[n++] = both.apply(values[i++], other.values[j++]); }
        }
        while (i < keys.length) { k[n] = keys[i]; v[n++] = values[i++]; }
        while (j < other.keys.length) { k[n] = other.keys[j]; v[n++] = other.values[j++]; }
        return n == k.length ? new ObjectValue(k, v) : new ObjectValue(Arrays.copyOf(k, n), Arrays.copyOf(v, n));
    }

    public void forEach(BiConsumer<Value, Value> action) {
        for (int i = 0; i < keys.length; i++) action.accept(keys[i], values[i]);
    }

    /** A copy with key set to value (replacing any existing value). */
    public ObjectValue with(Value key, Value value) {
        int i = indexOf(key);
        if (i >= 0) {
            Value[] v = values.clone();
            v[i] = value;
            return new ObjectValue(keys, v);
        }
        int at = -(i + 1);
        Value[] k = new Value[keys.length + 1];
        Value[] v = new Value[keys.length + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(values, 0, v, 0, at);
        k[at] = key;
        v[at] = value;
        System.arraycopy(keys, at, k, at + 1, keys.length - at);
        System.arraycopy(values, at, v, at + 1, keys.length - at);
        return new ObjectValue(k, v);
    }

    /** A copy without key. */
    public ObjectValue without(Value key) {
        int i = indexOf(key);
        if (i < 0) return this;
        Value[] k = new Value[keys.length - 1];
        Value[] v = new Value[keys.length - 1];
        System.arraycopy(keys, 0, k, 0, i);
        System.arraycopy(values, 0, v, 0, i);
        System.arraycopy(keys, i + 1, k, i, keys.length - i - 1);
        System.arraycopy(values, i + 1, v, i, keys.length - i - 1);
        return wrapSorted(k, v);
    }

    /** The keys as a set. */
    public SetValue keySet() { return SetValue.wrapSorted(keys); }

    @Override public int typeRank() { return RANK_OBJECT; }
    @Override public String typeName() { return "object"; }

    /** OPA orders objects by their sorted (key, value) pairs. */
    @Override
    public int compareSameType(Value other) {
        ObjectValue b = (ObjectValue) other;
        int n = Math.min(keys.length, b.keys.length);
        for (int i = 0; i < n; i++) {
            int c = keys[i].compareTo(b.keys[i]);
            if (c != 0) return c;
            c = values[i].compareTo(b.values[i]);
            if (c != 0) return c;
        }
        return Integer.compare(keys.length, b.keys.length);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ObjectValue b) || b.keys.length != keys.length) return false;
        return compareSameType(b) == 0;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 31 * Arrays.hashCode(keys) + Arrays.hashCode(values);
            if (h == 0) h = 1;
            hash = h;
        }
        return h;
    }

    @Override public String toString() { return toRego(); }

    /**
     * Collects entries in any order; {@link #build()} sorts them. Entries are appended to
     * parallel arrays: keys that arrive in ascending order (JSON written by a sorted encoder,
     * object terms, copies of other objects) never touch a hash table. Once keys arrive out of
     * order, small builders find duplicates by a linear scan and larger ones build a key index,
     * so that a put still replaces in constant time.
     */
    public static final class Builder {
        private Value[] keys;
        private Value[] values;
        private int size;
        private boolean sorted = true;
        private HashMap<Value, Integer> index;   // built once keys arrive out of order
        private boolean shared;                  // arrays handed to a built object: copy before writing

        Builder(int expected) {
            keys = new Value[Math.max(4, expected)];
            values = new Value[keys.length];
        }

        /** Puts key/value; returns the previous value for key, or null. Last put wins. */
        public Value put(Value key, Value value) {
            if (shared) {
                keys = keys.clone();
                values = values.clone();
                shared = false;
            }
            if (sorted) {
                int c = size == 0 ? 1 : key.compareTo(keys[size - 1]);
                if (c > 0) {
                    append(key, value);
                    return null;
                }
                if (c == 0) {
                    Value prev = values[size - 1];
                    values[size - 1] = value;
                    return prev;
                }
                sorted = false;
            }
            if (index == null && size < LINEAR_SEARCH_MAX) {
                int h = key.hashCode();
                for (int i = 0; i < size; i++) {
                    if (keys[i].hashCode() == h && keys[i].equals(key)) {
                        Value prev = values[i];
                        values[i] = value;
                        return prev;
                    }
                }
                append(key, value);
                return null;
            }
            if (index == null) {
                index = new HashMap<>(Math.max(16, size * 2));
                for (int i = 0; i < size; i++) index.put(keys[i], i);
            }
            Integer at = index.putIfAbsent(key, size);
            if (at != null) {
                Value prev = values[at];
                values[at] = value;
                return prev;
            }
            append(key, value);
            return null;
        }

        private void append(Value key, Value value) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size] = value;
            size++;
        }

        public Value get(Value key) {
            if (!sorted) {
                if (index == null) {
                    for (int i = 0; i < size; i++) if (keys[i].equals(key)) return values[i];
                    return null;
                }
                Integer at = index.get(key);
                return at == null ? null : values[at];
            }
            int lo = 0, hi = size - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = keys[mid].compareTo(key);
                if (c < 0) lo = mid + 1;
                else if (c > 0) hi = mid - 1;
                else return values[mid];
            }
            return null;
        }

        public int size() { return size; }

        public ObjectValue build() {
            int n = size;
            if (n == 0) return EMPTY;
            if (sorted) {
                if (n < keys.length) return new ObjectValue(Arrays.copyOf(keys, n), Arrays.copyOf(values, n));
                shared = true;
                return new ObjectValue(keys, values);
            }
            // Entries are unique (the index replaced duplicates): sort the pairs by key. Object
            // terms and documents are small, so an insertion sort on the copies does it.
            Value[] k = Arrays.copyOf(keys, n);
            Value[] v = Arrays.copyOf(values, n);
            if (n <= 32) {
                for (int i = 1; i < n; i++) {
                    Value kk = k[i], vv = v[i];
                    int j = i - 1;
                    while (j >= 0 && k[j].compareTo(kk) > 0) {
                        k[j + 1] = k[j];
                        v[j + 1] = v[j];
                        j--;
                    }
                    k[j + 1] = kk;
                    v[j + 1] = vv;
                }
            } else {
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) order[i] = i;
                Value[] ks = keys;
                Arrays.sort(order, (a, b) -> ks[a].compareTo(ks[b]));
                for (int i = 0; i < n; i++) {
                    k[i] = keys[order[i]];
                    v[i] = values[order[i]];
                }
            }
            return new ObjectValue(k, v);
        }
    }
}
