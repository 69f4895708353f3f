package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.Arrays;

/** count, sum, product, max, min, sort, and the v0-only any/all (topdown/aggregates.go). */
public final class AggregateBuiltins implements BuiltinNamespace {
    private static final Type ARRAY_OR_SET = Type.anyOf(Type.ARRAY_ANY, Type.SET_ANY);
    private static final Type NUMBERS = Type.anyOf(Type.arrayOf(Type.NUMBER), Type.setOf(Type.NUMBER));

    @Override
    public void register(BuiltinRegistry r) {
        r.register("count", Type.NUMBER, (a, ctx) -> count(a[0]),
                Type.anyOf(Type.STRING, Type.ARRAY_ANY, Type.OBJECT_ANY, Type.SET_ANY));
        r.register("sum", Type.NUMBER, (a, ctx) -> sum(a[0]), NUMBERS);
        r.register("product", Type.NUMBER, (a, ctx) -> product(a[0]), NUMBERS);
        r.register("max", Type.ANY, (a, ctx) -> max(a[0]), ARRAY_OR_SET);
        r.register("min", Type.ANY, (a, ctx) -> min(a[0]), ARRAY_OR_SET);
        r.register("sort", Type.ARRAY_ANY, (a, ctx) -> sort(a[0]), ARRAY_OR_SET);
        // Deprecated: the compiler rejects them in Rego v1.
        r.register("any", Type.BOOLEAN, (a, ctx) -> any(a[0]), ARRAY_OR_SET);
        r.register("all", Type.BOOLEAN, (a, ctx) -> all(a[0]), ARRAY_OR_SET);
    }

    private static BuiltinException setOrArray(String name, Value v) {
        return new BuiltinException(BuiltinException.Kind.TYPE,
                name + ": operand 1 must be one of {set, array} but got " + v.typeName());
    }

    private static BuiltinException arrayOrSet(String name, Value v) {
        return new BuiltinException(BuiltinException.Kind.TYPE,
                name + ": operand 1 must be one of {array, set} but got " + v.typeName());
    }

    static Value count(Value v) {
        return switch (v) {
            case ArrayValue a -> NumberValue.of(a.size());
            case ObjectValue o -> NumberValue.of(o.size());
            case SetValue s -> NumberValue.of(s.size());
            case StringValue s -> NumberValue.of(s.codePointLength());
            default -> throw new BuiltinException(BuiltinException.Kind.TYPE,
                    "count: operand 1 must be one of {array, object, set, string} but got " + v.typeName());
        };
    }

    /** The elements of an array or set (no copy), or null for other values. */
    private static Value[] elements(Value v) {
        if (v instanceof ArrayValue a) return a.asList().toArray(new Value[0]);
        if (v instanceof SetValue s) return s.asList().toArray(new Value[0]);
        return null;
    }

    private static int size(Value v) {
        return v instanceof ArrayValue a ? a.size() : ((SetValue) v).size();
    }

    private static Value at(Value v, int i) {
        return v instanceof ArrayValue a ? a.get(i) : ((SetValue) v).get(i);
    }

    private static BuiltinException notNumber(String name, Value coll, Value elem) {
        String t = coll.typeName();
        return BuiltinException.type(name, "operand 1 must be " + t + " of numbers but got " + t + " containing " + elem.typeName());
    }

    static Value sum(Value v) {
        if (!(v instanceof ArrayValue) && !(v instanceof SetValue)) throw setOrArray("sum", v);
        int n = size(v);
        long acc = 0;
        int i = 0;
        for (; i < n; i++) {
            if (!(at(v, i) instanceof NumberValue x) || !x.isLong()) break;
            long y = x.longValue(), s = acc + y;
            if (((acc ^ s) & (y ^ s)) < 0) break;
            acc = s;
        }
        if (i == n) return NumberValue.of(acc);
        // Go: new(big.Float) accumulating with Add (64-bit mantissa from the operands).
        ArithmeticFloat f = ArithmeticFloat.ofLong(acc, ArithmeticFloat.DEFAULT_PREC);
        for (; i < n; i++) {
            if (!(at(v, i) instanceof NumberValue x)) throw notNumber("sum", v, at(v, i));
            f = ArithmeticFloat.add(f, ArithmeticFloat.of(x));
        }
        return f.toNumber();
    }

    static Value product(Value v) {
        if (!(v instanceof ArrayValue) && !(v instanceof SetValue)) throw setOrArray("product", v);
        int n = size(v);
        long acc = 1;
        int i = 0;
        for (; i < n; i++) {
            if (!(at(v, i) instanceof NumberValue x) || !x.isLong() || x.signum() == 0) break;
            long y = x.longValue(), hi = Math.multiplyHigh(acc, y), lo = acc * y;
            if (!((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))) break;
            acc = lo;
        }
        if (i == n) return NumberValue.of(acc);
        ArithmeticFloat f = ArithmeticFloat.ofLong(acc, ArithmeticFloat.DEFAULT_PREC);
        for (; i < n; i++) {
            if (!(at(v, i) instanceof NumberValue x)) throw notNumber("product", v, at(v, i));
            f = ArithmeticFloat.mul(f, ArithmeticFloat.of(x));
        }
        return f.toNumber();
    }

    static Value max(Value v) {
        if (v instanceof ArrayValue a) {
            if (a.size() == 0) return null;
            Value m = a.get(0);
            for (int i = 1; i < a.size(); i++) if (m.compareTo(a.get(i)) <= 0) m = a.get(i);
            return m;
        }
        if (v instanceof SetValue s) return s.isEmpty() ? null : s.get(s.size() - 1);
        throw setOrArray("max", v);
    }

    static Value min(Value v) {
        if (v instanceof ArrayValue a) {
            if (a.size() == 0) return null;
            Value m = a.get(0);
            for (int i = 1; i < a.size(); i++) if (m.compareTo(a.get(i)) >= 0) m = a.get(i);
            return m;
        }
        if (v instanceof SetValue s) {
            if (s.isEmpty()) return null;
            // OPA reduces a set from null and lets the next member replace a null running minimum:
            // null, the least value, is only the minimum of {null} itself.
            return s.get(0) instanceof NullValue && s.size() > 1 ? s.get(1) : s.get(0);
        }
        throw setOrArray("min", v);
    }

    static Value sort(Value v) {
        if (v instanceof ArrayValue a) {
            Value[] e = a.toArray();
            Arrays.sort(e);
            return ArrayValue.wrap(e);
        }
        if (v instanceof SetValue s) return ArrayValue.wrap(s.toArray());
        throw setOrArray("sort", v);
    }

    private static Value any(Value v) {
        Value[] e = elements(v);
        if (e == null) throw arrayOrSet("any", v);
        for (Value x : e) if (x == BooleanValue.TRUE) return BooleanValue.TRUE;
        return BooleanValue.FALSE;
    }

    private static Value all(Value v) {
        Value[] e = elements(v);
        if (e == null) throw arrayOrSet("all", v);
        for (Value x : e) if (x != BooleanValue.TRUE) return BooleanValue.FALSE;
        return BooleanValue.TRUE;
    }
}
