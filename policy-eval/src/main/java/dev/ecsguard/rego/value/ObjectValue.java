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
        int i = indexOf(key);
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

    public boolean containsKey(Value key) { return indexOf(key) >= 0; }

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
     * object terms, copies of other objects) never touch a hash table; the first key out of
     * order builds a key index so that later puts still replace in constant time.
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
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Value[] ks = keys;
            Arrays.sort(order, (a, b) -> ks[a].compareTo(ks[b]));
            Value[] k = new Value[n];
            Value[] v = new Value[n];
            for (int i = 0; i < n; i++) {
                k[i] = keys[order[i]];
                v[i] = values[order[i]];
            }
            return new ObjectValue(k, v);
        }
    }
}
