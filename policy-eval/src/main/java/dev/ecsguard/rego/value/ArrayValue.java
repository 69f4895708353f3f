package dev.ecsguard.rego.value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/** An immutable array; ordered lexicographically. */
public final class ArrayValue implements Value {
    public static final ArrayValue EMPTY = new ArrayValue(new Value[0]);

    private final Value[] elems;
    private int hash;
    private int weight;

    @Override
    public int weight() {
        int w = weight;
        if (w == 0) weight = w = Value.weightOf(elems, null);
        return w;
    }

    private ArrayValue(Value[] elems) { this.elems = elems; }

    /** Wraps the array without copying: the caller hands over ownership. */
    public static ArrayValue wrap(Value[] elems) {
        return elems.length == 0 ? EMPTY : new ArrayValue(elems);
    }

    public static ArrayValue of(Value... elems) { return wrap(elems.clone()); }

    public static ArrayValue of(List<? extends Value> elems) {
        return wrap(elems.toArray(new Value[0]));
    }

    public int size() { return elems.length; }

    public Value get(int i) { return elems[i]; }

    /** Read-only view of the elements. */
    public List<Value> asList() { return new View(elems); }

    /** Copy of the elements. */
    public Value[] toArray() { return elems.clone(); }

    @Override public int typeRank() { return RANK_ARRAY; }
    @Override public String typeName() { return "array"; }

    @Override
    public int compareSameType(Value other) {
        return compareLexicographically(elems, ((ArrayValue) other).elems);
    }

    /** Element by element, then shorter first: OPA's order for arrays and (sorted) sets. */
    static int compareLexicographically(Value[] a, Value[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) return c;
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ArrayValue a) || a.elems.length != elems.length) return false;
        return compareSameType(a) == 0;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(elems);
            if (h == 0) h = 1;
            hash = h;
        }
        return h;
    }

    @Override public String toString() { return toRego(); }

    private static final class View extends AbstractList<Value> implements RandomAccess {
        private final Value[] a;
        View(Value[] a) { this.a = a; }
        @Override public Value get(int i) { return a[i]; }
        @Override public int size() { return a.length; }
    }
}
