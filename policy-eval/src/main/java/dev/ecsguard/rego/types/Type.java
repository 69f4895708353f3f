package dev.ecsguard.rego.types;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Types of builtin arguments and results, used by the compiler to reject calls OPA rejects at
 * compile time ({@code count(5)}) and by builtins to word run-time type errors as OPA does.
 */
public sealed interface Type {
    Type ANY = new Any();
    Type NULL = new Scalar("null");
    Type BOOLEAN = new Scalar("boolean");
    Type NUMBER = new Scalar("number");
    Type STRING = new Scalar("string");
    Type ARRAY_ANY = new ArrayOf(ANY);
    Type SET_ANY = new SetOf(ANY);
    Type OBJECT_ANY = new ObjectOf(ANY, ANY);

    /** Whether a value of this type is acceptable (checking nested element types too). */
    boolean accepts(Value v);

    static Type arrayOf(Type elem) { return new ArrayOf(elem); }
    static Type setOf(Type elem) { return new SetOf(elem); }
    static Type objectOf(Type key, Type value) { return new ObjectOf(key, value); }
    static Type anyOf(Type... alternatives) { return new AnyOf(List.of(alternatives)); }
    /** A fixed-length array typed per position (OPA's {@code types.NewArray(static, nil)}). */
    static Type tuple(Type... elems) { return new Tuple(List.of(elems)); }
    /** An object whose listed keys have their own types, other keys the dynamic key/value types. */
    static Type object(Map<String, Type> props, Type key, Type value) { return new StaticObject(new TreeMap<>(props), key, value); }

    record Any() implements Type {
        public boolean accepts(Value v) { return true; }
        @Override public String toString() { return "any"; }
    }

    record Scalar(String name) implements Type {
        public boolean accepts(Value v) {
            return switch (name) {
                case "null" -> v instanceof NullValue;
                case "boolean" -> v instanceof BooleanValue;
                case "number" -> v instanceof NumberValue;
                case "string" -> v instanceof StringValue;
                default -> false;
            };
        }
        @Override public String toString() { return name; }
    }

    record ArrayOf(Type elem) implements Type {
        public boolean accepts(Value v) {
            if (!(v instanceof ArrayValue a)) return false;
            if (elem instanceof Any) return true;
            for (int i = 0; i < a.size(); i++) if (!elem.accepts(a.get(i))) return false;
            return true;
        }
        @Override public String toString() { return "array[" + elem + "]"; }
    }

    record SetOf(Type elem) implements Type {
        public boolean accepts(Value v) {
            if (!(v instanceof SetValue s)) return false;
            if (elem instanceof Any) return true;
            for (int i = 0; i < s.size(); i++) if (!elem.accepts(s.get(i))) return false;
            return true;
        }
        @Override public String toString() { return "set[" + elem + "]"; }
    }

    record ObjectOf(Type key, Type value) implements Type {
        public boolean accepts(Value v) {
            if (!(v instanceof ObjectValue o)) return false;
            if (key instanceof Any && value instanceof Any) return true;
            for (int i = 0; i < o.size(); i++) {
                if (!key.accepts(o.keyAt(i)) || !value.accepts(o.valueAt(i))) return false;
            }
            return true;
        }
        @Override public String toString() {
            return key instanceof Any && value instanceof Any ? "object" : "object[" + key + ": " + value + "]";
        }
    }

    record Tuple(List<Type> elems) implements Type {
        public boolean accepts(Value v) {
            if (!(v instanceof ArrayValue a) || a.size() != elems.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!elems.get(i).accepts(a.get(i))) return false;
            return true;
        }
        @Override public String toString() {
            return "array<" + elems.stream().map(Type::toString).collect(Collectors.joining(", ")) + ">";
        }
    }

    record StaticObject(Map<String, Type> props, Type key, Type value) implements Type {
        public boolean accepts(Value v) {
            if (!(v instanceof ObjectValue o)) return false;
            for (int i = 0; i < o.size(); i++) {
                Value k = o.keyAt(i);
                Type t = k instanceof StringValue s ? props.get(s.value()) : null;
                if (t != null ? !t.accepts(o.valueAt(i)) : !key.accepts(k) || !value.accepts(o.valueAt(i))) return false;
            }
            return true;
        }
        @Override public String toString() {
            return "object<" + props.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", ")) + ">[" + key + ": " + value + "]";
        }
    }

    record AnyOf(List<Type> alternatives) implements Type {
        public boolean accepts(Value v) {
            for (Type t : alternatives) if (t.accepts(v)) return true;
            return false;
        }
        @Override public String toString() {
            return "any<" + alternatives.stream().map(Type::toString).collect(Collectors.joining(", ")) + ">";
        }
    }
}
