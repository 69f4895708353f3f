package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.Value;

import java.math.BigInteger;

/** bits.and/or/xor/negate/lsh/rsh on arbitrary-size integers (OPA converts operands as BigIntOperand). */
public final class BitsBuiltins implements BuiltinNamespace {
    /** A left shift past this many bits is refused (Go would try to allocate it). */
    static final long MAX_SHIFT = 1L << 24;

    @Override
    public void register(BuiltinRegistry r) {
        r.register("bits.and", Type.NUMBER, (a, ctx) -> {
            if (longs(a)) return NumberValue.of(l(a, 0) & l(a, 1));
            return NumberValue.of(op("bits.and", a, 0).and(op("bits.and", a, 1)));
        }, Type.NUMBER, Type.NUMBER);
        r.register("bits.or", Type.NUMBER, (a, ctx) -> {
            if (longs(a)) return NumberValue.of(l(a, 0) | l(a, 1));
            return NumberValue.of(op("bits.or", a, 0).or(op("bits.or", a, 1)));
        }, Type.NUMBER, Type.NUMBER);
        r.register("bits.xor", Type.NUMBER, (a, ctx) -> {
            if (longs(a)) return NumberValue.of(l(a, 0) ^ l(a, 1));
            return NumberValue.of(op("bits.xor", a, 0).xor(op("bits.xor", a, 1)));
        }, Type.NUMBER, Type.NUMBER);
        r.register("bits.negate", Type.NUMBER, (a, ctx) -> {
            if (a[0] instanceof NumberValue n && n.isLong()) return NumberValue.of(~n.longValue());
            return NumberValue.of(op("bits.negate", a, 0).not());
        }, Type.NUMBER);
        r.register("bits.lsh", Type.NUMBER, (a, ctx) -> {
            BigInteger x = op("bits.lsh", a, 0);
            long s = shift("bits.lsh", op("bits.lsh", a, 1));
            if (x.signum() == 0) return NumberValue.ZERO;
            if (s > MAX_SHIFT) throw BuiltinException.failure("bits.lsh", "shift count too large");
            if (x.bitLength() + s > ArithmeticFloat.MAX_EXP) throw ArithmeticFloat.tooBig();
            ctx.charge(s / 64);
            if (x.bitLength() + s < 63) return NumberValue.of(x.longValue() << s);
            return NumberValue.of(x.shiftLeft((int) s));
        }, Type.NUMBER, Type.NUMBER);
        r.register("bits.rsh", Type.NUMBER, (a, ctx) -> {
            BigInteger x = op("bits.rsh", a, 0);
            long s = shift("bits.rsh", op("bits.rsh", a, 1));
            if (s >= x.bitLength()) return NumberValue.of(x.signum() < 0 ? -1 : 0);
            return NumberValue.of(x.shiftRight((int) s));
        }, Type.NUMBER, Type.NUMBER);
    }

    private static boolean longs(Value[] a) {
        return a[0] instanceof NumberValue x && x.isLong() && a[1] instanceof NumberValue y && y.isLong();
    }

    private static long l(Value[] a, int i) { return ((NumberValue) a[i]).longValue(); }

    private static BigInteger op(String name, Value[] a, int i) {
        return ArithmeticBuiltins.bigIntOperand(name, a[i], i + 1);
    }

    /** Go: negative counts are refused; otherwise the low 64 bits as unsigned. */
    private static long shift(String name, BigInteger b) {
        if (b.signum() < 0) {
            throw BuiltinException.type(name, "operand 2 must be an unsigned integer number but got a negative integer");
        }
        if (b.bitLength() > 62) return Long.MAX_VALUE;
        return b.longValue();
    }
}
