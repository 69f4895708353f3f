package dev.ecsguard.rego.types;

import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * A type of OPA's type system ({@code v1/types}), as the compiler's type checker infers it for
 * rules, vars and refs. Java {@code null} is OPA's unknown type ({@code nil}); {@link AnyT} with no
 * alternatives is OPA's {@code any}. The operations on types ({@code types.Or},
 * {@code types.Select}, ...) are in {@link RegoTypes}. {@link Type} is the language builtin
 * declarations are written in; {@link RegoTypes#of(Type)} turns a declaration into this model.
 */
public sealed interface RegoType permits RegoType.Sc, RegoType.Arr, RegoType.Obj, RegoType.SetT, RegoType.AnyT, RegoType.Fn {

    /** The scalar types. */
    enum Sc implements RegoType {
        NULL("null"), BOOLEAN("boolean"), NUMBER("number"), STRING("string");
        private final String name;
        Sc(String n) { name = n; }
        @Override public String toString() { return name; }
    }

    /** An array: per-position types, then {@code dyn} for any further element (null: none). */
    record Arr(List<RegoType> stat, RegoType dyn) implements RegoType {
        public RegoType select(int pos) {
            if (pos < 0) return null;
            if (pos < stat.size()) return stat.get(pos);
            return dyn;
        }
    }

    /** A static property of an object type: a constant key and its value's type. */
    record Prop(Value key, RegoType value) {}

    /** An object: static properties sorted by key, and dynamic key/value types (both null: none). */
    record Obj(List<Prop> stat, RegoType dynKey, RegoType dynValue) implements RegoType {
        public Obj {
            stat = new ArrayList<>(stat);
            stat.sort((a, b) -> a.key().compareTo(b.key()));
            stat = List.copyOf(stat);
        }
        public boolean hasDynamic() { return dynKey != null || dynValue != null; }
        public RegoType select(Value k) {
            for (Prop p : stat) if (p.key().compareTo(k) == 0) return p.value();
            if (hasDynamic() && RegoTypes.contains(dynKey, RegoTypes.typeOf(k))) return dynValue;
            return null;
        }
    }

    /** A set of elements of one type. */
    record SetT(RegoType of) implements RegoType {}

    /** A union; empty is OPA's {@code any} (every type). Sorted, without duplicates. */
    record AnyT(List<RegoType> of) implements RegoType {}

    /** A function: argument types and result type (null result: void). */
    record Fn(List<RegoType> args, RegoType result) implements RegoType {}
}
