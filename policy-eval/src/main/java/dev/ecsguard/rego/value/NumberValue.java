package dev.ecsguard.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An arbitrary-precision number. Integers that fit in a long are kept as a long (the fast path
 * for indexes and counts); everything else as a BigDecimal. A number read from source or JSON
 * keeps its literal text, because OPA prints {@code 1.0} and {@code 1e3} as written, while
 * equality and ordering are numeric.
 */
public final class NumberValue implements Value {
    private static final NumberValue[] SMALL = new NumberValue[1024 + 128];
    static {
        for (int i = 0; i < SMALL.length; i++) SMALL[i] = new NumberValue(i - 128, null, null);
    }
    public static final NumberValue ZERO = of(0);
    public static final NumberValue ONE = of(1);

    private final long small;       // valid when big == null
    private final BigDecimal big;   // null for long integers
    private final String text;      // literal text to print, or null for the canonical form
    private int hash;

    private NumberValue(long small, BigDecimal big, String text) {
        this.small = small;
        this.big = big;
        this.text = text;
    }

    public static NumberValue of(long v) {
        if (v >= -128 && v < SMALL.length - 128) return SMALL[(int) v + 128];
        return new NumberValue(v, null, null);
    }

    public static NumberValue of(int v) { return of((long) v); }

    public static NumberValue of(BigInteger v) {
        if (v.bitLength() < 64) return of(v.longValue());
        return new NumberValue(0, new BigDecimal(v), null);
    }

    public static NumberValue of(BigDecimal v) {
        return normalise(v, null);
    }

    /** A number from a double (builtins that compute in floating point). NaN/infinite are rejected. */
    public static NumberValue of(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) throw new ArithmeticException("number is not finite: " + d);
        if (d == Math.rint(d) && Math.abs(d) < 9.0e15) return of((long) d);
        return normalise(new BigDecimal(Double.toString(d)), null);
    }

    /**
     * Parses a JSON/Rego number literal, keeping its text for printing.
     * @throws NumberFormatException if the text is not a number
     */
    public static NumberValue parse(String literal) {
        int len = literal.length();
        if (len > 0 && len <= 18) {
            boolean digits = true;
            int start = literal.charAt(0) == '-' ? 1 : 0;
            if (start == len) digits = false;
            for (int i = start; i < len && digits; i++) {
                char c = literal.charAt(i);
                if (c < '0' || c > '9') digits = false;
            }
            // "-0" and leading zeros print as written; plain canonical integers need no text.
            if (digits && !(literal.equals("-0")) && !(len - start > 1 && literal.charAt(start) == '0')) {
                return of(Long.parseLong(literal));
            }
        }
        BigDecimal bd = new BigDecimal(literal);
        return normalise(bd, literal);
    }

    private static NumberValue normalise(BigDecimal v, String text) {
        if (v.signum() == 0) return text == null ? ZERO : new NumberValue(0, null, text);
        // Guard: giant exponents (1e1000000) stay as BigDecimal without expanding.
        if (v.scale() <= 0 && v.precision() - v.scale() <= 18) {
            return new NumberValue(v.longValueExact(), null, text);
        }
        if (v.scale() > 0) {
            BigDecimal stripped = v.stripTrailingZeros();
            if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
                return new NumberValue(stripped.longValueExact(), null, text);
            }
        }
        return new NumberValue(0, v, text);
    }

    /** True when the value is an integer (1.0 counts, as OPA's int checks accept it). */
    public boolean isInteger() {
        if (big == null) return true;
        return big.signum() == 0 || big.scale() <= 0 || big.stripTrailingZeros().scale() <= 0;
    }

    /** True when the value is an integer that fits in a long. */
    public boolean isLong() { return big == null; }

    /** The long value; only meaningful when {@link #isLong()}. */
    public long longValue() { return big == null ? small : big.longValue(); }

    /** The value as an int if it is an integer in int range, else null. */
    public Integer intValueExact() {
        if (big == null && small >= Integer.MIN_VALUE && small <= Integer.MAX_VALUE) return (int) small;
        return null;
    }

    public BigDecimal bigDecimal() { return big != null ? big : BigDecimal.valueOf(small); }

    /** The integer value; callers check {@link #isInteger()} first. */
    public BigInteger bigInteger() {
        return big != null ? big.toBigInteger() : BigInteger.valueOf(small);
    }

    public double doubleValue() { return big != null ? big.doubleValue() : (double) small; }

    public int signum() { return big != null ? big.signum() : Long.signum(small); }

    /** Literal text, if the number came from source or JSON with a non-canonical spelling. */
    public String literal() { return text; }

    /** The same number without its literal spelling (arithmetic results print canonically). */
    public NumberValue canonical() {
        return text == null ? this : (big == null ? of(small) : new NumberValue(0, big, null));
    }

    @Override public int typeRank() { return RANK_NUMBER; }
    @Override public String typeName() { return "number"; }

    @Override
    public int compareSameType(Value other) {
        NumberValue o = (NumberValue) other;
        if (big == null && o.big == null) return Long.compare(small, o.small);
        return bigDecimal().compareTo(o.bigDecimal());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumberValue n && compareSameType(n) == 0;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = big == null ? Long.hashCode(small) : big.stripTrailingZeros().hashCode();
            if (h == 0) h = 1;
            hash = h;
        }
        return h;
    }

    /** How OPA prints the number in JSON output: literal text when it has one, else canonical. */
    @Override
    public String toString() {
        if (text != null) return text;
        if (big == null) return Long.toString(small);
        return formatCanonical(big);
    }

    static String formatCanonical(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() <= 0) return s.toBigInteger().toString();
        int exp = s.precision() - s.scale() - 1;      // decimal exponent of the leading digit
        if (exp < -4 || exp >= 21) {
            String digits = s.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder();
            if (s.signum() < 0) sb.append('-');
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
            sb.append('e').append(exp < 0 ? "-" : "+");
            int a = Math.abs(exp);
            if (a < 10) sb.append('0');
            sb.append(a);
            return sb.toString();
        }
        return s.toPlainString();
    }
}
