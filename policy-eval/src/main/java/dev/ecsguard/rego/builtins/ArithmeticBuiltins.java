package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Signature;
import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.Value;

import java.math.BigInteger;

/**
 * {@code + - * / %}, abs, round, ceil, floor, numbers.range, numbers.range_step, with OPA 1.4.2's
 * number semantics ({@code topdown/arithmetic.go}): integers in (-1000, 1000) use int math,
 * everything else Go's {@code big.Float} with a 64-bit mantissa ({@link ArithmeticFloat});
 * division, abs and rounding always take the float path. Results are what OPA prints:
 * integral results as integers, others in Go's shortest %g form.
 *
 * <p>Where both operands are longs and the float path would be exact, the result is computed
 * with long math; the float emulation runs only where rounding can happen.
 */
public final class ArithmeticBuiltins implements BuiltinNamespace {
    private static final Type NUMBER_OR_SET = Type.anyOf(Type.NUMBER, Type.SET_ANY);

    @Override
    public void register(BuiltinRegistry r) {
        infix(r, "plus", "+", Type.NUMBER, (a, ctx) -> plus(num("plus", a, 0), num("plus", a, 1)));
        r.register(new Builtin("minus", Signature.of(NUMBER_OR_SET, NUMBER_OR_SET, NUMBER_OR_SET),
                (a, ctx) -> minusValues(a[0], a[1]), true, "-"));
        infix(r, "mul", "*", Type.NUMBER, (a, ctx) -> mul(num("mul", a, 0), num("mul", a, 1)));
        infix(r, "div", "/", Type.NUMBER, (a, ctx) -> div(num("div", a, 0), num("div", a, 1)));
        infix(r, "rem", "%", Type.NUMBER, (a, ctx) -> rem(num("rem", a, 0), num("rem", a, 1)));
        r.register("abs", Type.NUMBER, (a, ctx) -> abs(num("abs", a, 0)), Type.NUMBER);
        r.register("round", Type.NUMBER, (a, ctx) -> round(num("round", a, 0)), Type.NUMBER);
        r.register("ceil", Type.NUMBER, (a, ctx) -> ceil(num("ceil", a, 0)), Type.NUMBER);
        r.register("floor", Type.NUMBER, (a, ctx) -> floor(num("floor", a, 0)), Type.NUMBER);
        r.register("numbers.range", Type.arrayOf(Type.NUMBER), (a, ctx) -> range("numbers.range",
                bigIntOperand("numbers.range", a[0], 1), bigIntOperand("numbers.range", a[1], 2),
                BigInteger.ONE, ctx), Type.NUMBER, Type.NUMBER);
        r.register("numbers.range_step", Type.arrayOf(Type.NUMBER), (a, ctx) -> {
            String name = "numbers.range_step";
            BigInteger x = bigIntOperand(name, a[0], 1);
            BigInteger y = bigIntOperand(name, a[1], 2);
            BigInteger step = bigIntOperand(name, a[2], 3);
            if (step.signum() <= 0) {
                throw BuiltinException.failure(name, name + ": step must be a positive number above zero");
            }
            return range(name, x, y, step, ctx);
        }, Type.NUMBER, Type.NUMBER, Type.NUMBER);
    }

    private static void infix(BuiltinRegistry r, String name, String op, Type result, BuiltinFunction f) {
        r.register(new Builtin(name, Signature.of(result, Type.NUMBER, Type.NUMBER), f, true, op));
    }

    static NumberValue num(String builtin, Value[] args, int i) {
        if (args[i] instanceof NumberValue n) return n;
        throw BuiltinException.operand(builtin, i + 1, "number", args[i]);
    }

    // ---- the operations, reusable by other namespaces (sum, product...) ------------------------

    /** Go's {@code Number.Int()} succeeds: the text is a plain integer (not 1.0 or 1e3). */
    private static boolean goInt(NumberValue n) {
        return goInt64(n) != null;
    }

    /**
     * Go's ast.Number.Int(): the number's text (as written, else canonical) parsed by
     * strconv.ParseInt(text, 10, 64), so {@code 1.0} and {@code 1e3} as written are not integers,
     * while {@code 9223372036854775807} is; null when it does not parse.
     */
    static Long goInt64(NumberValue n) {
        String lit = n.literal();
        if (lit == null && n.isLong()) return n.longValue();
        String text = lit != null ? lit : n.toString();
        int len = text.length();
        int i = len > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        if (i == len || len - i > 19) return null;
        for (int k = i; k < len; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;  // out of int64 range
        }
    }

    private static boolean small(NumberValue n) {
        long v = n.longValue();
        return v > -1000 && v < 1000 && goInt(n);
    }

    /** Sign of zero as Go's SetString reads the text ("-0" and "-0.0" are negative zero). */
    private static boolean negZero(NumberValue n) {
        String lit = n.literal();
        return n.signum() == 0 && lit != null && lit.startsWith("-");
    }

    private static final NumberValue NEG_ZERO = NumberValue.parse("-0");

    static NumberValue plus(NumberValue x, NumberValue y) {
        if (x.isLong() && y.isLong()) {
            long a = x.longValue(), b = y.longValue();
            if (small(x) && small(y)) return NumberValue.of(a + b);
            if (a == 0 && b == 0) return negZero(x) && negZero(y) ? NEG_ZERO : NumberValue.ZERO;
            if (a == 0) return y.canonical();
            if (b == 0) return x.canonical();
            long s = a + b;
            if (((a ^ s) & (b ^ s)) >= 0) return NumberValue.of(s);
        }
        return ArithmeticFloat.add(ArithmeticFloat.of(x), ArithmeticFloat.of(y)).toNumber();
    }

    static NumberValue minus(NumberValue x, NumberValue y) {
        if (x.isLong() && y.isLong()) {
            long a = x.longValue(), b = y.longValue();
            if (small(x) && small(y)) return NumberValue.of(a - b);
            if (a == 0 && b == 0) return negZero(x) && !negZero(y) ? NEG_ZERO : NumberValue.ZERO;
            long d = a - b;
            if (((a ^ b) & (a ^ d)) >= 0 && b != 0) return NumberValue.of(d);
            if (b == 0) return x.canonical();
        }
        return ArithmeticFloat.sub(ArithmeticFloat.of(x), ArithmeticFloat.of(y)).toNumber();
    }

    static NumberValue mul(NumberValue x, NumberValue y) {
        if (x.isLong() && y.isLong()) {
            long a = x.longValue(), b = y.longValue();
            if (small(x) && small(y)) return NumberValue.of(a * b);
            if (a == 0 || b == 0) {
                boolean nx = a < 0 || (a == 0 && negZero(x)), ny = b < 0 || (b == 0 && negZero(y));
                return nx != ny ? NEG_ZERO : NumberValue.ZERO;
            }
            long hi = Math.multiplyHigh(a, b), lo = a * b;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) return NumberValue.of(lo);
        }
        return ArithmeticFloat.mul(ArithmeticFloat.of(x), ArithmeticFloat.of(y)).toNumber();
    }

    static NumberValue div(NumberValue x, NumberValue y) {
        if (y.signum() == 0) throw BuiltinException.failure("div", "divide by zero");
        if (x.isLong() && y.isLong()) {
            long a = x.longValue(), b = y.longValue();
            if (a == 0) return (negZero(x) != (b < 0)) ? NEG_ZERO : NumberValue.ZERO;
            if (a % b == 0 && !(a == Long.MIN_VALUE && b == -1)) return NumberValue.of(a / b);
        }
        return ArithmeticFloat.quo(ArithmeticFloat.of(x), ArithmeticFloat.of(y)).toNumber();
    }

    static NumberValue rem(NumberValue x, NumberValue y) {
        if (x.isLong() && y.isLong()) {
            long b = y.longValue();
            if (b == 0) throw BuiltinException.failure("rem", "modulo by zero");
            return NumberValue.of(x.longValue() % b);
        }
        BigInteger a = exactInt(x), b = exactInt(y);
        if (a == null || b == null) throw BuiltinException.failure("rem", "modulo on floating-point number");
        // Go's big.Int.Int64() is the low 64 bits: a multiple of 2^64 reads as zero (OPA 1.4.2).
        if (b.longValue() == 0) throw BuiltinException.failure("rem", "modulo by zero");
        return NumberValue.of(a.remainder(b));
    }

    /** OPA's NumberToInt: through a 64-bit big.Float, then exact truncation; null if not integral. */
    static BigInteger exactInt(NumberValue n) {
        if (n.isLong()) return BigInteger.valueOf(n.longValue());
        ArithmeticFloat f = ArithmeticFloat.of(n);
        return f.isInt() ? f.toBigInteger() : null;
    }

    static NumberValue abs(NumberValue x) {
        if (x.isLong()) {
            long v = x.longValue();
            return v == Long.MIN_VALUE ? NumberValue.of(BigInteger.valueOf(v).negate()) : NumberValue.of(Math.abs(v));
        }
        return ArithmeticFloat.of(x).abs().toNumber();
    }

    private static final ArithmeticFloat HALF = ArithmeticFloat.round(false, BigInteger.ONE, -1, 53);
    private static final ArithmeticFloat ONE_53 = ArithmeticFloat.round(false, BigInteger.ONE, 0, 53);

    static NumberValue round(NumberValue x) {
        if (x.isLong()) return NumberValue.of(x.longValue());
        ArithmeticFloat a = ArithmeticFloat.of(x);
        ArithmeticFloat t = a.neg ? ArithmeticFloat.sub(a, HALF) : ArithmeticFloat.add(a, HALF);
        return ArithmeticFloat.ofInt(t.toBigInteger()).toNumber();
    }

    static NumberValue ceil(NumberValue x) {
        if (x.isLong()) return NumberValue.of(x.longValue());
        ArithmeticFloat a = ArithmeticFloat.of(x);
        BigInteger i = a.toBigInteger();
        ArithmeticFloat f = ArithmeticFloat.ofInt(i);
        // OPA 1.4.2 checks the sign of the truncated value: ceil(-0.5) is 1.
        if (i.signum() < 0 || a.compareTo(f) == 0) return f.toNumber();
        return ArithmeticFloat.add(f, ONE_53).toNumber();
    }

    static NumberValue floor(NumberValue x) {
        if (x.isLong()) return NumberValue.of(x.longValue());
        ArithmeticFloat a = ArithmeticFloat.of(x);
        BigInteger i = a.toBigInteger();
        ArithmeticFloat f = ArithmeticFloat.ofInt(i);
        // ... and floor(-0.5) is 0.
        if (i.signum() >= 0 || a.compareTo(f) == 0) return f.toNumber();
        return ArithmeticFloat.sub(f, ONE_53).toNumber();
    }

    private static Value minusValues(Value a, Value b) {
        if (a instanceof NumberValue x && b instanceof NumberValue y) return minus(x, y);
        if (a instanceof SetValue s && b instanceof SetValue t) return s.minus(t);
        if (!(a instanceof NumberValue) && !(a instanceof SetValue)) throw new BuiltinException(BuiltinException.Kind.TYPE,
                "minus: operand 1 must be one of {number, set} but got " + a.typeName());
        if (b instanceof NumberValue) throw BuiltinException.operand("minus", 2, "set", b);
        throw BuiltinException.operand("minus", 2, "number", b);
    }

    /**
     * OPA's IntOperand: a number whose text parses as a Go int ({@code 1.0} and {@code 1e3} do not):
     * "operand N must be number but got T" / "...must be integer number but got floating-point number".
     */
    static long intOperand(String builtin, Value v, int pos) {
        if (!(v instanceof NumberValue n)) throw BuiltinException.operand(builtin, pos, "number", v);
        Long i = goInt64(n);
        if (i == null) {
            throw BuiltinException.type(builtin, "operand " + pos + " must be integer number but got floating-point number");
        }
        return i;
    }

    /** OPA's BigIntOperand: "operand N must be integer but got T", or "...integer number but got floating-point number". */
    static BigInteger bigIntOperand(String builtin, Value v, int pos) {
        if (!(v instanceof NumberValue n)) throw BuiltinException.operand(builtin, pos, "integer", v);
        BigInteger i = exactInt(n);
        if (i == null) {
            throw BuiltinException.type(builtin, "operand " + pos + " must be integer number but got floating-point number");
        }
        return i;
    }

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static Value range(String name, BigInteger x, BigInteger y, BigInteger step, BuiltinContext ctx) {
        BigInteger span = x.subtract(y).abs();
        BigInteger n = span.divide(step).add(BigInteger.ONE);
        WorkLimits.checkCollection(ctx, n.min(LONG_MAX).longValue());   // before allocating it
        int count = n.intValue();
        ctx.charge(count);
        Value[] out = new Value[count];
        boolean up = x.compareTo(y) <= 0;
        if (x.compareTo(LONG_MIN) >= 0 && x.compareTo(LONG_MAX) <= 0 && y.compareTo(LONG_MIN) >= 0
                && y.compareTo(LONG_MAX) <= 0 && step.bitLength() < 62) {
            long v = x.longValue(), s = step.longValue();
            for (int i = 0; i < count; i++) {
                out[i] = NumberValue.of(v);
                if (i + 1 < count) v = up ? v + s : v - s;
            }
        } else {
            BigInteger v = x;
            for (int i = 0; i < count; i++) {
                out[i] = NumberValue.of(v);
                v = up ? v.add(step) : v.subtract(step);
            }
        }
        return ArrayValue.wrap(out);
    }
}
