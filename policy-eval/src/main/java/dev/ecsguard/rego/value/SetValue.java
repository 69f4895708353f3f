package dev.ecsguard.rego.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** An immutable set, stored as a sorted array of unique elements (OPA's iteration order). */
public final class SetValue implements Value {
    public static final SetValue EMPTY = new SetValue(new Value[0]);

    private final Value[] elems;
    private int hash;
    private int weight;

    @Override
    public int weight() {
        int w = weight;
        if (w == 0) weight = w = Value.weightOf(elems, null);
        return w;
    }

    private SetValue(Value[] elems) { this.elems = elems; }

    /** Wraps an array already sorted with unique elements (no copy, no check). */
    public static SetValue wrapSorted(Value[] sortedUnique) {
        return sortedUnique.length == 0 ? EMPTY : new SetValue(sortedUnique);
    }

    public static SetValue of(Value... elems) { return of(Arrays.asList(elems)); }

    public static SetValue of(Collection<? extends Value> elems) {
        if (elems.isEmpty()) return EMPTY;
        Value[] a = elems.toArray(new Value[0]);
        return fromUnsorted(a);
    }

    /** Sorts and de-duplicates the array in place and wraps it. */
    public static SetValue fromUnsorted(Value[] a) {
        if (a.length == 0) return EMPTY;
        Arrays.sort(a);
        int w = 1;
        for (int r = 1; r < a.length; r++) {
            if (a[r].compareTo(a[w - 1]) != 0) a[w++] = a[r];
        }
        return new SetValue(w == a.length ? a : Arrays.copyOf(a, w));
    }

    public static Builder builder() { return new Builder(); }

    public int size() { return elems.length; }

    public boolean isEmpty() { return elems.length == 0; }

    public Value get(int i) { return elems[i]; }

    public boolean contains(Value v) { return Arrays.binarySearch(elems, v) >= 0; }

    public List<Value> asList() { return ArrayValue.wrap(elems).asList(); }

    public Value[] toArray() { return elems.clone(); }

    public SetValue union(SetValue o) {
        if (o.elems.length == 0) return this;
        if (elems.length == 0) return o;
        Value[] out = new Value[elems.length + o.elems.length];
        int i = 0, j = 0, w = 0;
        while (i < elems.length && j < o.elems.length) {
            int c = elems[i].compareTo(o.elems[j]);
            if (c < 0) out[w++] = elems[i++];
            else if (c > 0) out[w++] = o.elems[j++];
            else { out[w++] = elems[i++]; j++; }
        }
        while (i < elems.length) out[w++] = elems[i++];
        while (j < o.elems.length) out[w++] = o.elems[j++];
        return new SetValue(w == out.length ? out : Arrays.copyOf(out, w));
    }

    public SetValue intersect(SetValue o) {
        List<Value> out = new ArrayList<>();
        int i = 0, j = 0;
        while (i < elems.length && j < o.elems.length) {
            int c = elems[i].compareTo(o.elems[j]);
            if (c < 0) i++;
            else if (c > 0) j++;
            else { out.add(elems[i]); i++; j++; }
        }
        return wrapSorted(out.toArray(new Value[0]));
    }

    public SetValue minus(SetValue o) {
        List<Value> out = new ArrayList<>();
        for (Value v : elems) if (!o.contains(v)) out.add(v);
        return out.size() == elems.length ? this : wrapSorted(out.toArray(new Value[0]));
    }

    public SetValue with(Value v) {
        int i = Arrays.binarySearch(elems, v);
        if (i >= 0) return this;
        int at = -(i + 1);
        Value[] out = new Value[elems.length + 1];
        System.arraycopy(elems, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(elems, at, out, at + 1, elems.length - at);
        return new SetValue(out);
    }

    @Override public int typeRank() { return RANK_SET; }
    @Override public String typeName() { return "set"; }

    @Override
    public int compareSameType(Value other) {
        return ArrayValue.compareLexicographically(elems, ((SetValue) other).elems);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof SetValue s) || s.elems.length != elems.length) return false;
        return compareSameType(s) == 0;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 17 + Arrays.hashCode(elems);
            if (h == 0) h = 1;
            hash = h;
        }
        return h;
    }

    @Override public String toString() { return toRego(); }

    /** Collects elements in any order. */
    public static final class Builder {
        private final ArrayList<Value> items = new ArrayList<>();

        public Builder add(Value v) { items.add(v); return this; }

        public int size() { return items.size(); }

        public SetValue build() { return fromUnsorted(items.toArray(new Value[0])); }
    }
}
