package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

/**
 * json.patch (RFC 6902 as OPA's edit tree applies it): add, remove, replace, move, copy, test on
 * objects, arrays (index, "-" to append, no leading zeros) and sets (the member is its own key).
 * Any failing operation makes the whole call undefined, as in OPA.
 */
final class ObjectPatch {
    private ObjectPatch() {}

    /** Thrown internally for a patch that does not apply; never escapes. */
    private static final class Fail extends RuntimeException {
        Fail() { super(null, null, false, false); }
    }

    private static final Fail FAIL = new Fail();

    static Value apply(Value doc, ArrayValue ops) {
        try {
            for (int i = 0; i < ops.size(); i++) {
                if (!(ops.get(i) instanceof ObjectValue op)) return null;
                doc = applyOne(doc, op);   // null: the root was removed
            }
            return doc;   // null when the last operation removed the root (OPA crashes there)
        } catch (Fail f) {
            return null;
        }
    }

    private static Value attr(ObjectValue op, String name) {
        Value v = op.get(name);
        if (v == null) throw FAIL;
        return v;
    }

    private static Value[] path(Value p) {
        if (p instanceof StringValue || p instanceof ArrayValue) return ObjectBuiltins.parsePath("json.patch", p);
        throw FAIL;
    }

    private static Value applyOne(Value doc, ObjectValue op) {
        if (!(attr(op, "op") instanceof StringValue kind)) throw FAIL;
        String k = kind.value();
        if (!k.equals("add") && !k.equals("remove") && !k.equals("replace") && !k.equals("move")
                && !k.equals("copy") && !k.equals("test")) throw FAIL;
        Value pathTerm = attr(op, "path");
        Value from = k.equals("move") || k.equals("copy") ? attr(op, "from") : null;
        Value value = k.equals("add") || k.equals("replace") || k.equals("test") ? attr(op, "value") : null;
        Value[] path = path(pathTerm);
        if (doc == null) {
            // After the root was removed only an add at the root applies: it supplies the new document.
            if (k.equals("add") && path.length == 0) return value;
            throw FAIL;
        }
        switch (k) {
            case "add" -> {
                return insert(doc, path, 0, value);
            }
            case "remove" -> {
                return delete(doc, path, 0);
            }
            case "replace" -> {
                Value d = delete(doc, path, 0);
                if (d == null) return value;
                return insert(d, path, 0, value);
            }
            case "move" -> {
                Value[] f = path(from);
                Value chunk = render(doc, f);
                Value d = delete(doc, f, 0);
                if (d == null) return path.length == 0 ? chunk : null;
                return insert(d, path, 0, chunk);
            }
            case "copy" -> {
                Value chunk = render(doc, path(from));
                return insert(doc, path, 0, chunk);
            }
            default -> {
                Value chunk = render(doc, path);
                if (chunk.compareTo(value) != 0) throw FAIL;
                return doc;
            }
        }
    }

    /** The value at path; every step must exist. */
    private static Value render(Value doc, Value[] path) {
        Value v = doc;
        for (Value k : path) v = child(v, k);
        return v;
    }

    private static Value child(Value v, Value k) {
        switch (v) {
            case ObjectValue o -> {
                Value c = o.get(k);
                if (c == null) throw FAIL;
                return c;
            }
            case SetValue s -> {
                if (!s.contains(k)) throw FAIL;
                return k;
            }
            case ArrayValue a -> {
                int i = index(a.size(), k);
                if (i < 0 || i >= a.size()) throw FAIL;
                return a.get(i);
            }
            default -> throw FAIL;
        }
    }

    /** A copy of container v with child k replaced by c (c was reached through child(v, k)). */
    private static Value replaceChild(Value v, Value k, Value c) {
        return switch (v) {
            case ObjectValue o -> o.with(k, c);
            case SetValue s -> {
                SetValue without = s.minus(SetValue.of(k));
                yield without.with(c);
            }
            case ArrayValue a -> {
                Value[] e = a.toArray();
                e[index(a.size(), k)] = c;
                yield ArrayValue.wrap(e);
            }
            default -> throw FAIL;
        };
    }

    private static Value insert(Value v, Value[] path, int at, Value value) {
        if (path.length == 0) return value;
        Value k = path[at];
        if (at < path.length - 1) return replaceChild(v, k, insert(child(v, k), path, at + 1, value));
        switch (v) {
            case ObjectValue o -> {
                return o.with(k, value);
            }
            case SetValue s -> {
                if (k.compareTo(value) != 0) throw FAIL;
                return s.with(value);
            }
            case ArrayValue a -> {
                int i = index(a.size(), k);
                if (i < 0 || i > a.size()) throw FAIL;
                Value[] e = new Value[a.size() + 1];
                for (int j = 0, w = 0; j <= a.size(); j++) {
                    if (j == i) e[w++] = value;
                    if (j < a.size()) e[w++] = a.get(j);
                }
                return ArrayValue.wrap(e);
            }
            default -> throw FAIL;
        }
    }

    /** Returns the document without the value at path, or null when the root is removed. */
    private static Value delete(Value v, Value[] path, int at) {
        if (path.length == 0) return null;
        Value k = path[at];
        if (at < path.length - 1) return replaceChild(v, k, delete(child(v, k), path, at + 1));
        switch (v) {
            case ObjectValue o -> {
                if (!o.containsKey(k)) throw FAIL;
                return o.without(k);
            }
            case SetValue s -> {
                if (!s.contains(k)) throw FAIL;
                return s.minus(SetValue.of(k));
            }
            case ArrayValue a -> {
                int i = index(a.size(), k);
                if (i < 0 || i >= a.size()) throw FAIL;
                Value[] e = new Value[a.size() - 1];
                for (int j = 0, w = 0; j < a.size(); j++) if (j != i) e[w++] = a.get(j);
                return ArrayValue.wrap(e);
            }
            default -> throw FAIL;
        }
    }

    /** edittree toIndex: an integer number, "-" (the length), or an integer string without leading zeros. */
    private static int index(int length, Value k) {
        if (k instanceof NumberValue n) {
            if (!n.isLong() || (n.literal() != null && !n.literal().equals("-0"))) throw FAIL;
            return clamp(n.longValue());
        }
        if (k instanceof StringValue s) {
            String str = s.value();
            if (str.equals("-")) return length;
            long i;
            try {
                i = Long.parseLong(str);
            } catch (NumberFormatException e) {
                throw FAIL;
            }
            if (!str.equals("0") && str.startsWith("0")) throw FAIL;
            return clamp(i);
        }
        throw FAIL;
    }

    private static int clamp(long i) {
        return i < -1 ? -1 : (i > Integer.MAX_VALUE - 1 ? Integer.MAX_VALUE - 1 : (int) i);
    }
}
