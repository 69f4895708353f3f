package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * object.get/keys/union/union_n/filter/remove/subset and json.filter/remove/patch
 * (topdown/object.go, subset.go, json.go).
 */
public final class ObjectBuiltins implements BuiltinNamespace {
    private static final Type KEYS = Type.anyOf(Type.ARRAY_ANY, Type.OBJECT_ANY, Type.SET_ANY);
    private static final Type PATHS = Type.anyOf(Type.arrayOf(Type.anyOf(Type.STRING, Type.ARRAY_ANY)),
            Type.setOf(Type.anyOf(Type.STRING, Type.ARRAY_ANY)));

    @Override
    public void register(BuiltinRegistry r) {
        r.register("object.get", Type.ANY, (a, ctx) -> get(object("object.get", a[0], 1), a[1], a[2]),
                Type.OBJECT_ANY, Type.ANY, Type.ANY);
        r.register("object.keys", Type.SET_ANY, (a, ctx) -> object("object.keys", a[0], 1).keySet(), Type.OBJECT_ANY);
        r.register("object.union", Type.ANY, (a, ctx) -> {
            ObjectValue x = object("object.union", a[0], 1), y = object("object.union", a[1], 2);
            if (x.compareTo(y) == 0) return x;
            return merge(x, y);
        }, Type.OBJECT_ANY, Type.OBJECT_ANY);
        r.register("object.union_n", Type.ANY, (a, ctx) -> {
            ArrayValue arr = ArrayBuiltins.array("object.union_n", a[0], 1);
            ObjectValue acc = ObjectValue.EMPTY;
            for (int i = arr.size() - 1; i >= 0; i--) {
                if (!(arr.get(i) instanceof ObjectValue)) {
                    throw BuiltinException.type("object.union_n",
                            "operand 1 must be array of objects but got array containing " + arr.get(i).typeName());
                }
            }
            for (int i = 0; i < arr.size(); i++) acc = i == 0 ? (ObjectValue) arr.get(0) : merge(acc, (ObjectValue) arr.get(i));
            return acc;
        }, Type.arrayOf(Type.OBJECT_ANY));
        r.register("object.filter", Type.ANY, (a, ctx) -> {
            ObjectValue o = object("object.filter", a[0], 1);
            SetValue keys = keysParam("object.filter", a[1]);
            ObjectValue.Builder b = ObjectValue.builder();
            for (int i = 0; i < keys.size(); i++) {
                Value v = o.get(keys.get(i));
                if (v != null) b.put(keys.get(i), v);
            }
            return b.build();
        }, Type.OBJECT_ANY, KEYS);
        r.register("object.remove", Type.ANY, (a, ctx) -> {
            ObjectValue o = object("object.remove", a[0], 1);
            SetValue keys = keysParam("object.remove", a[1]);
            List<Value> k = new ArrayList<>(), v = new ArrayList<>();
            for (int i = 0; i < o.size(); i++) {
                if (!keys.contains(o.keyAt(i))) {
                    k.add(o.keyAt(i));
                    v.add(o.valueAt(i));
                }
            }
            if (k.size() == o.size()) return o;
            return ObjectValue.wrapSorted(k.toArray(new Value[0]), v.toArray(new Value[0]));
        }, Type.OBJECT_ANY, KEYS);
        r.register("object.subset", Type.ANY, (a, ctx) -> BooleanValue.of(subset(a[0], a[1])), KEYS, KEYS);
        r.register("json.filter", Type.ANY, (a, ctx) -> {
            ObjectValue o = object("json.filter", a[0], 1);
            Value filter = pathsToObject(jsonPaths("json.filter", a[1]));
            return filterValue(o, filter);
        }, Type.OBJECT_ANY, PATHS);
        r.register("json.remove", Type.ANY, (a, ctx) -> {
            object("json.remove", a[0], 1);
            ObjectValue paths = pathsToObject(jsonPaths("json.remove", a[1]));
            return remove(a[0], paths);
        }, Type.OBJECT_ANY, PATHS);
        r.register("json.patch", Type.ANY, (a, ctx) -> {
            ArrayValue ops = ArrayBuiltins.array("json.patch", a[1], 2);
            return ObjectPatch.apply(a[0], ops);
        }, Type.ANY, Type.arrayOf(Type.OBJECT_ANY));
    }

    static ObjectValue object(String builtin, Value v, int pos) {
        if (v instanceof ObjectValue o) return o;
        throw BuiltinException.operand(builtin, pos, "object", v);
    }

    // ---- object.get -------------------------------------------------------------------------

    private static Value get(ObjectValue o, Value key, Value dflt) {
        if (!(key instanceof ArrayValue path)) {
            Value v = o.get(key);
            return v != null ? v : dflt;
        }
        if (path.size() == 0) return o;
        Value v = find(o, path, 0);
        return v != null ? v : dflt;
    }

    /** ast Value.Find: descend by keys (objects), integer indexes (arrays), members (sets). */
    static Value find(Value v, ArrayValue path, int from) {
        for (int i = from; i < path.size(); i++) {
            Value k = path.get(i);
            switch (v) {
                case ObjectValue o -> {
                    v = o.get(k);
                    if (v == null) return null;
                }
                case ArrayValue a -> {
                    if (!(k instanceof dev.ecsguard.rego.value.NumberValue n) || !n.isLong()
                            || (n.literal() != null && !n.literal().equals("-0"))) return null;
                    long idx = n.longValue();
                    if (idx < 0 || idx >= a.size()) return null;
                    v = a.get((int) idx);
                }
                case SetValue s -> {
                    if (!s.contains(k)) return null;
                    v = k;
                }
                default -> {
                    return null;
                }
            }
        }
        return v;
    }

    // ---- object.union -----------------------------------------------------------------------

    /** mergeWithOverwrite: b's values win; nested objects on both sides merge recursively. */
    static ObjectValue merge(ObjectValue a, ObjectValue b) {
        return a.union(b, (v1, v2) -> v1 instanceof ObjectValue o1 && v2 instanceof ObjectValue o2 ? merge(o1, o2) : v2);
    }

    private static SetValue keysParam(String builtin, Value v) {
        return switch (v) {
            case ArrayValue a -> SetValue.fromUnsorted(a.toArray());
            case SetValue s -> s;
            case ObjectValue o -> o.keySet();
            default -> throw BuiltinException.type(builtin,
                    "operand 2 must be one of {object, set, array} but got " + v.typeName());
        };
    }

    // ---- object.subset ----------------------------------------------------------------------

    private static boolean subset(Value sup, Value sub) {
        if (sup instanceof ObjectValue a && sub instanceof ObjectValue b) return objectSubset(a, b);
        if (sup instanceof SetValue a && sub instanceof SetValue b) return setSubset(a, b);
        if (sup instanceof ArrayValue a && sub instanceof ArrayValue b) return arraySubset(a, b);
        if (sup instanceof ArrayValue a && sub instanceof SetValue b) {
            // OPA counts matches per super element (duplicates count twice) and stops at zero.
            int unmatched = b.size();
            for (int i = 0; i < a.size(); i++) {
                if (b.contains(a.get(i))) unmatched--;
                if (unmatched == 0) return true;
            }
            return false;
        }
        throw BuiltinException.type("object.subset", "both arguments object.subset must be of the same type or array and set");
    }

    private static boolean objectSubset(ObjectValue sup, ObjectValue sub) {
        for (int i = 0; i < sub.size(); i++) {
            Value s = sup.get(sub.keyAt(i));
            if (s == null) return false;
            Value t = sub.valueAt(i);
            if (s.compareTo(t) == 0) continue;
            boolean ok;
            if (s instanceof ObjectValue a && t instanceof ObjectValue b) ok = objectSubset(a, b);
            else if (s instanceof SetValue a && t instanceof SetValue b) ok = setSubset(a, b);
            else if (s instanceof ArrayValue a && t instanceof ArrayValue b) ok = arraySubset(a, b);
            else ok = false;
            if (!ok) return false;
        }
        return true;
    }

    private static boolean setSubset(SetValue sup, SetValue sub) {
        for (int i = 0; i < sub.size(); i++) if (!sup.contains(sub.get(i))) return false;
        return true;
    }

    private static boolean arraySubset(ArrayValue sup, ArrayValue sub) {
        if (sub.size() > sup.size()) return false;
        if (sub.compareTo(sup) == 0) return true;
        int superCursor = 0, subCursor = 0;
        while (true) {
            if (subCursor == sub.size()) return true;
            if (superCursor + subCursor == sup.size()) return false;
            if (sup.get(superCursor + subCursor).compareTo(sub.get(subCursor)) == 0) {
                subCursor++;
            } else {
                superCursor++;
                subCursor = 0;
            }
        }
    }

    // ---- json.filter / json.remove ----------------------------------------------------------

    /** getJSONPaths: each path a "/a/b" string (~1 and ~0 unescaped) or an array of segments. */
    static List<Value[]> jsonPaths(String builtin, Value v) {
        List<Value[]> out = new ArrayList<>();
        List<Value> items;
        if (v instanceof ArrayValue a) items = a.asList();
        else if (v instanceof SetValue s) items = s.asList();
        else throw BuiltinException.type(builtin, "operand 2 must be one of {set, array} but got " + v.typeName());
        for (Value p : items) out.add(parsePath(builtin, p));
        return out;
    }

    static Value[] parsePath(String builtin, Value p) {
        if (p instanceof StringValue s) {
            String str = s.value();
            if (str.isEmpty()) return new Value[0];
            int start = 0;
            while (start < str.length() && str.charAt(start) == '/') start++;
            List<Value> segs = new ArrayList<>();
            int from = start;
            while (true) {
                int slash = str.indexOf('/', from);
                String part = slash < 0 ? str.substring(from) : str.substring(from, slash);
                if (part.indexOf('~') >= 0) part = part.replace("~1", "/").replace("~0", "~");
                segs.add(StringValue.of(part));
                if (slash < 0) break;
                from = slash + 1;
            }
            return segs.toArray(new Value[0]);
        }
        if (p instanceof ArrayValue a) return a.toArray();
        throw BuiltinException.type(builtin, "operand 2 must be one of {set, array} containing string paths or array of path segments but got " + p.typeName());
    }

    /** pathsToObject: a tree of objects whose leaves are null. */
    static ObjectValue pathsToObject(List<Value[]> paths) {
        Node root = new Node();
        for (Value[] path : paths) {
            if (path.length == 0) continue;
            Node node = root;
            boolean done = false;
            for (int i = 0; i < path.length - 1 && !done; i++) {
                Object child = node.get(path[i]);
                if (child == null) {
                    Node n = new Node();
                    node.put(path[i], n);
                    node = n;
                } else if (child instanceof Node n) {
                    node = n;
                } else {
                    done = true;
                }
            }
            if (!done) node.put(path[path.length - 1], NullValue.INSTANCE);
        }
        return root.build();
    }

    private static final class Node {
        final List<Value> keys = new ArrayList<>();
        final List<Object> vals = new ArrayList<>();

        Object get(Value k) {
            for (int i = 0; i < keys.size(); i++) if (keys.get(i).compareTo(k) == 0) return vals.get(i);
            return null;
        }

        void put(Value k, Object v) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).compareTo(k) == 0) {
                    vals.set(i, v);
                    return;
                }
            }
            keys.add(k);
            vals.add(v);
        }

        ObjectValue build() {
            ObjectValue.Builder b = ObjectValue.builder();
            for (int i = 0; i < keys.size(); i++) {
                Object v = vals.get(i);
                b.put(keys.get(i), v instanceof Node n ? n.build() : (Value) v);
            }
            return b.build();
        }
    }

    /** ast filterObject: keep what the filter tree selects (null = the whole value). */
    static Value filterValue(Value o, Value filter) {
        if (filter instanceof NullValue) return o;
        ObjectValue f = (ObjectValue) filter;
        switch (o) {
            case ArrayValue a -> {
                List<Value> out = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    Value sub = f.get(Integer.toString(i));
                    if (sub != null) out.add(filterValue(a.get(i), sub));
                }
                return ArrayValue.of(out);
            }
            case SetValue s -> {
                SetValue.Builder b = SetValue.builder();
                for (int i = 0; i < s.size(); i++) {
                    Value sub = f.get(s.get(i));
                    if (sub != null) b.add(filterValue(s.get(i), sub));
                }
                return b.build();
            }
            case ObjectValue obj -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (int i = 0; i < f.size(); i++) {
                    Value v = obj.get(f.keyAt(i));
                    if (v != null) b.put(f.keyAt(i), filterValue(v, f.valueAt(i)));
                }
                return b.build();
            }
            default -> {
                return o;
            }
        }
    }

    /** jsonRemove: drop the values at the null leaves of b; null result = removed. */
    static Value remove(Value a, Value b) {
        if (b == null) return a;
        if (b instanceof NullValue) return null;
        if (!(b instanceof ObjectValue bo)) return a;
        switch (a) {
            case ObjectValue o -> {
                ObjectValue.Builder out = ObjectValue.builder();
                for (int i = 0; i < o.size(); i++) {
                    Value d = remove(o.valueAt(i), bo.get(o.keyAt(i)));
                    if (d != null) out.put(o.keyAt(i), d);
                }
                return out.build();
            }
            case SetValue s -> {
                SetValue.Builder out = SetValue.builder();
                for (int i = 0; i < s.size(); i++) {
                    Value d = remove(s.get(i), bo.get(s.get(i)));
                    if (d != null) out.add(d);
                }
                return out.build();
            }
            case ArrayValue arr -> {
                List<Value> out = new ArrayList<>();
                for (int i = 0; i < arr.size(); i++) {
                    Value d = remove(arr.get(i), bo.get(Integer.toString(i)));
                    if (d != null) out.add(d);
                }
                return ArrayValue.of(out);
            }
            default -> {
                return a;
            }
        }
    }
}
