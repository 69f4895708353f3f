package dev.ecsguard.rego.types;

import dev.ecsguard.rego.types.RegoType.AnyT;
import dev.ecsguard.rego.types.RegoType.Arr;
import dev.ecsguard.rego.types.RegoType.Fn;
import dev.ecsguard.rego.types.RegoType.Obj;
import dev.ecsguard.rego.types.RegoType.Prop;
import dev.ecsguard.rego.types.RegoType.Sc;
import dev.ecsguard.rego.types.RegoType.SetT;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operations of OPA's {@code v1/types} package on {@link RegoType}s: order, union
 * ({@code types.Or}), containment, the type of a constant, and selecting keys and values.
 * What only the type checker needs (unification, how rule clauses merge) stays in the checker.
 */
public final class RegoTypes {
    private RegoTypes() {}

    /** OPA's {@code types.A}: any type. */
    public static final AnyT ANY = new AnyT(List.of());

    private static int order(RegoType t) {
        return switch (t) {
            case null -> -1;
            case Sc s -> s.ordinal();
            case Arr a -> 4;
            case Obj o -> 5;
            case SetT s -> 6;
            case AnyT a -> 7;
            case Fn f -> 8;
        };
    }

    /** types.Compare: a total order of types (used to sort and dedupe the alternatives of a union). */
    public static int compare(RegoType a, RegoType b) {
        int x = order(a), y = order(b);
        if (x != y) return Integer.compare(x, y);
        switch (a) {
            case null -> { return 0; }
            case Sc s -> { return 0; }
            case Arr aa -> {
                Arr bb = (Arr) b;
                if (aa.dyn() != null && bb.dyn() == null) return 1;
                if (bb.dyn() != null && aa.dyn() == null) return -1;
                if (aa.dyn() != null) {
                    int c = compare(aa.dyn(), bb.dyn());
                    if (c != 0) return c;
                }
                return compareList(aa.stat(), bb.stat());
            }
            case Obj oa -> {
                Obj ob = (Obj) b;
                if (oa.hasDynamic() && !ob.hasDynamic()) return 1;
                if (ob.hasDynamic() && !oa.hasDynamic()) return -1;
                if (oa.hasDynamic()) {
                    int c = compare(oa.dynKey(), ob.dynKey());
                    if (c != 0) return c;
                    c = compare(oa.dynValue(), ob.dynValue());
                    if (c != 0) return c;
                }
                int n = Math.min(oa.stat().size(), ob.stat().size());
                for (int i = 0; i < n; i++) {
                    int c = oa.stat().get(i).key().compareTo(ob.stat().get(i).key());
                    if (c != 0) return c;
                    c = compare(oa.stat().get(i).value(), ob.stat().get(i).value());
                    if (c != 0) return c;
                }
                return Integer.compare(oa.stat().size(), ob.stat().size());
            }
            case SetT sa -> { return compare(sa.of(), ((SetT) b).of()); }
            case AnyT xa -> { return compareList(xa.of(), ((AnyT) b).of()); }
            case Fn fa -> {
                Fn fb = (Fn) b;
                if (fa.args().size() != fb.args().size()) return Integer.compare(fa.args().size(), fb.args().size());
                int c = compareList(fa.args(), fb.args());
                return c != 0 ? c : compare(fa.result(), fb.result());
            }
        }
    }

    private static int compareList(List<RegoType> a, List<RegoType> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    public static AnyT anyOf(List<RegoType> ts) {
        List<RegoType> out = new ArrayList<>();
        for (RegoType t : ts) {
            boolean dup = false;
            for (RegoType u : out) if (compare(t, u) == 0) dup = true;
            if (!dup) out.add(t);
        }
        out.sort(RegoTypes::compare);
        return new AnyT(List.copyOf(out));
    }

    /** types.Contains: a is a superset of, or equal to, b. */
    public static boolean contains(RegoType a, RegoType b) {
        if (a instanceof AnyT x) {
            if (b instanceof Fn) return false;
            if (x.of().isEmpty()) return true;
            for (RegoType t : x.of()) if (compare(t, b) == 0) return true;
            return false;
        }
        return compare(a, b) == 0;
    }

    /** types.Or. */
    public static RegoType or(RegoType a, RegoType b) {
        if (a == null) return b;
        if (b == null) return a;
        if (a instanceof Fn fa && b instanceof Fn fb) {
            if (fa.args().size() != fb.args().size()) return null;
            List<RegoType> args = new ArrayList<>();
            for (int i = 0; i < fa.args().size(); i++) args.add(or(fa.args().get(i), fb.args().get(i)));
            return new Fn(args, or(fa.result(), fb.result()));
        }
        if (a instanceof Fn || b instanceof Fn) return null;
        if (a instanceof AnyT x) return merge(x, b);
        if (b instanceof AnyT y) return merge(y, a);
        if (compare(a, b) == 0) return a;
        return anyOf(List.of(a, b));
    }

    private static AnyT merge(AnyT a, RegoType other) {
        if (a.of().isEmpty()) return a;
        if (other instanceof AnyT o) {
            if (o.of().isEmpty()) return o;
            List<RegoType> all = new ArrayList<>(a.of());
            all.addAll(o.of());
            return anyOf(all);
        }
        if (contains(a, other)) return a;
        List<RegoType> all = new ArrayList<>(a.of());
        all.add(other);
        return anyOf(all);
    }

    /** types.TypeOf for a constant value. */
    public static RegoType typeOf(Value v) {
        return switch (v) {
            case NullValue n -> Sc.NULL;
            case BooleanValue b -> Sc.BOOLEAN;
            case NumberValue n -> Sc.NUMBER;
            case StringValue s -> Sc.STRING;
            case dev.ecsguard.rego.value.ArrayValue a -> {
                List<RegoType> st = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) st.add(typeOf(a.get(i)));
                yield new Arr(st, null);
            }
            case dev.ecsguard.rego.value.ObjectValue o -> {
                List<Prop> ps = new ArrayList<>();
                for (int i = 0; i < o.size(); i++) ps.add(new Prop(o.keyAt(i), typeOf(o.valueAt(i))));
                yield new Obj(ps, null, null);
            }
            case dev.ecsguard.rego.value.SetValue s -> {
                // JSON turns sets into arrays
                List<RegoType> st = new ArrayList<>();
                for (int i = 0; i < s.size(); i++) st.add(typeOf(s.get(i)));
                yield new Arr(st, null);
            }
        };
    }

    /** types.Select: the type of the element at a constant key. */
    public static RegoType select(RegoType t, Value k) {
        switch (t) {
            case Arr a -> {
                if (!(k instanceof NumberValue n) || !n.isLong() || n.literal() != null) return null;
                long pos = n.longValue();
                return pos > Integer.MAX_VALUE ? null : a.select((int) pos);
            }
            case Obj o -> { return o.select(k); }
            case SetT s -> {
                RegoType kt = typeOf(k);
                if (compare(s.of(), kt) == 0) return s.of();
                if (s.of() instanceof AnyT x && contains(x, kt)) return kt;
                return null;
            }
            case AnyT x -> {
                if (x.of().isEmpty()) return ANY;
                RegoType out = null;
                for (RegoType u : x.of()) out = or(select(u, k), out);
                return out;
            }
            case null, default -> { return null; }
        }
    }

    /** types.Keys. */
    public static RegoType keys(RegoType t) {
        switch (t) {
            case Arr a -> { return Sc.NUMBER; }
            case Obj o -> {
                RegoType out = null;
                for (Prop p : o.stat()) out = or(out, typeOf(p.key()));
                if (o.hasDynamic()) out = or(out, o.dynKey());
                return out;
            }
            case SetT s -> { return s.of(); }
            case AnyT x -> {
                if (x.of().isEmpty()) return ANY;
                RegoType out = null;
                for (RegoType u : x.of()) out = or(keys(u), out);
                return out;
            }
            case null, default -> { return null; }
        }
    }

    /** types.Values. */
    public static RegoType values(RegoType t) {
        switch (t) {
            case Arr a -> {
                RegoType out = null;
                for (RegoType u : a.stat()) out = or(out, u);
                return or(out, a.dyn());
            }
            case Obj o -> {
                RegoType out = null;
                for (Prop p : o.stat()) out = or(out, p.value());
                if (o.hasDynamic()) out = or(out, o.dynValue());
                return out;
            }
            case SetT s -> { return s.of(); }
            case AnyT x -> {
                if (x.of().isEmpty()) return ANY;
                RegoType out = null;
                for (RegoType u : x.of()) out = or(values(u), out);
                return out;
            }
            case null, default -> { return null; }
        }
    }

    /** types.Nil: the type is unknown somewhere. */
    public static boolean isNil(RegoType t) {
        switch (t) {
            case null -> { return true; }
            case Fn f -> {
                for (RegoType a : f.args()) if (isNil(a)) return true;
                return isNil(f.result());
            }
            case Arr a -> {
                for (RegoType u : a.stat()) if (isNil(u)) return true;
                return a.dyn() != null && isNil(a.dyn());
            }
            case Obj o -> {
                for (Prop p : o.stat()) if (isNil(p.value())) return true;
                return o.hasDynamic() && (isNil(o.dynKey()) || isNil(o.dynValue()));
            }
            case SetT s -> { return isNil(s.of()); }
            default -> { return false; }
        }
    }

    /** A builtin declaration's type in OPA's terms. */
    public static RegoType of(Type t) {
        return switch (t) {
            case null -> null;
            case Type.Any a -> ANY;
            case Type.Scalar s -> switch (s.name()) {
                case "null" -> Sc.NULL;
                case "boolean" -> Sc.BOOLEAN;
                case "number" -> Sc.NUMBER;
                case "string" -> Sc.STRING;
                default -> ANY;
            };
            case Type.ArrayOf a -> new Arr(List.of(), of(a.elem()));
            case Type.SetOf s -> new SetT(of(s.elem()));
            case Type.ObjectOf o -> new Obj(List.of(), of(o.key()), of(o.value()));
            case Type.Tuple tu -> {
                List<RegoType> st = new ArrayList<>();
                for (Type e : tu.elems()) st.add(of(e));
                yield new Arr(st, null);
            }
            case Type.StaticObject so -> {
                List<Prop> ps = new ArrayList<>();
                for (Map.Entry<String, Type> e : so.props().entrySet()) ps.add(new Prop(StringValue.of(e.getKey()), of(e.getValue())));
                yield new Obj(ps, of(so.key()), of(so.value()));
            }
            case Type.AnyOf ao -> {
                List<RegoType> alts = new ArrayList<>();
                for (Type e : ao.alternatives()) alts.add(of(e));
                yield anyOf(alts);
            }
        };
    }

    /** For tests: a readable type. */
    public static String show(RegoType t) {
        return switch (t) {
            case null -> "???";
            case Sc s -> s.toString();
            case Arr a -> "array" + (a.stat().isEmpty() ? "" : "<" + String.join(", ", a.stat().stream().map(RegoTypes::show).toList()) + ">")
                    + (a.dyn() != null ? "[" + show(a.dyn()) + "]" : "");
            case Obj o -> "object" + (o.stat().isEmpty() ? "" : "<" + String.join(", ", o.stat().stream().map(p -> p.key().toRego() + ": " + show(p.value())).toList()) + ">")
                    + (o.hasDynamic() ? "[" + show(o.dynKey()) + ": " + show(o.dynValue()) + "]" : "");
            case SetT s -> "set[" + show(s.of()) + "]";
            case AnyT a -> a.of().isEmpty() ? "any" : "any<" + String.join(", ", a.of().stream().map(RegoTypes::show).toList()) + ">";
            case Fn f -> "(" + String.join(", ", f.args().stream().map(RegoTypes::show).toList()) + ") => " + show(f.result());
        };
    }
}
