package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.NumberValue;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A binary floating-point number with a per-value mantissa precision, rounding to nearest even:
 * the arithmetic of Go's {@code math/big.Float} as OPA uses it. OPA converts number text with
 * {@code SetString} (64-bit mantissa), computes with {@code Add/Sub/Mul/Quo}, and prints with
 * {@code Text('g' or 'f', -1)}, the shortest decimal that reads back to the same value at the
 * value's precision. Reproducing those steps bit for bit is what makes {@code 1/3} print as
 * {@code 0.33333333333333333334} and {@code 1.1 + 2.2} as {@code 3.3000000000000000002}.
 *
 * <p>Value = (neg ? -1 : 1) * mant * 2^exp; {@code mant} is zero for (signed) zero.
 */
final class ArithmeticFloat {
    static final int DEFAULT_PREC = 64;
    /**
     * The largest binary exponent of a value (of its mantissa normalised to 0.1xxx): OPA's parser
     * refuses literals beyond +-100,000 ("number too big", about 1e30103) because printing bigger
     * ones costs more than linear time; the engine holds every number it computes to the same
     * bound, where Go's big.Float would go on to 2^2147483647 (OPA takes 38 s for 1e10000000 + 1).
     */
    static final long MAX_EXP = 100_000, MIN_EXP = -100_000;

    final boolean neg;
    final BigInteger mant;
    final long exp;
    final int prec;

    private ArithmeticFloat(boolean neg, BigInteger mant, long exp, int prec) {
        this.neg = neg;
        this.mant = mant;
        this.exp = exp;
        this.prec = prec;
    }

    /** The error for a number beyond {@link #MAX_EXP} (a limit: raised in every mode). */
    static BuiltinException tooBig() {
        return BuiltinException.limit("number too big");
    }

    /** Throws {@link #tooBig} when an integer has more bits than {@link #MAX_EXP}. */
    static BigInteger checkBits(BigInteger i) {
        if (i.bitLength() > MAX_EXP) throw tooBig();
        return i;
    }

    /** Throws {@link #tooBig} when a decimal's magnitude is beyond 10^+-30103 (2^+-100,000). */
    static java.math.BigDecimal checkDecimal(java.math.BigDecimal d) {
        if (d.signum() == 0) return d;
        // digits of the unscaled value from its bit length (precision() would compute a power of ten)
        long digits = (long) (d.unscaledValue().bitLength() * 0.30103) + 1;
        long magnitude = digits - d.scale();
        if (magnitude > 30_104 || magnitude < -30_104) throw tooBig();
        return d;
    }

    static ArithmeticFloat zero(boolean neg, int prec) {
        return new ArithmeticFloat(neg, BigInteger.ZERO, 0, prec);
    }

    boolean isZero() { return mant.signum() == 0; }

    /** Rounds the exact value (neg, m * 2^e) to prec bits, nearest even. */
    static ArithmeticFloat round(boolean neg, BigInteger m, long e, int prec) {
        if (m.signum() == 0) return zero(neg, prec);
        int bl = m.bitLength();
        if (bl > prec) {
            int shift = bl - prec;
            BigInteger q = m.shiftRight(shift);
            boolean half = m.testBit(shift - 1);
            boolean sticky = shift >= 2 && m.getLowestSetBit() < shift - 1;
            if (half && (sticky || q.testBit(0))) q = q.add(BigInteger.ONE);
            m = q;
            e += shift;
        }
        int tz = m.getLowestSetBit();
        if (tz > 0) {
            m = m.shiftRight(tz);
            e += tz;
        }
        long top = e + m.bitLength();
        if (top > MAX_EXP || top < MIN_EXP) throw tooBig();
        return new ArithmeticFloat(neg, m, e, prec);
    }

    static ArithmeticFloat ofLong(long v, int prec) {
        if (v == 0) return zero(false, prec);
        boolean neg = v < 0;
        BigInteger m = neg ? BigInteger.valueOf(v).negate() : BigInteger.valueOf(v);
        return round(neg, m, 0, prec);
    }

    /** Go's {@code SetInt}: precision becomes max(64, bit length). */
    static ArithmeticFloat ofInt(BigInteger i) {
        int prec = Math.max(DEFAULT_PREC, i.bitLength());
        if (i.signum() == 0) return zero(false, prec);
        return round(i.signum() < 0, i.abs(), 0, prec);
    }

    /** OPA's {@code NumberToFloat}: {@code new(big.Float).SetString(text)}. */
    static ArithmeticFloat of(NumberValue n) {
        String lit = n.literal();
        if (n.signum() == 0) {
            return zero(lit != null && lit.startsWith("-"), DEFAULT_PREC);
        }
        if (n.isLong()) return ofLong(n.longValue(), DEFAULT_PREC);
        BigDecimal bd = lit != null ? new BigDecimal(lit) : n.bigDecimal();
        return parse(bd.signum() < 0, bd.unscaledValue().abs(), bd.scale());
    }

    /** digits * 10^-scale, as Go's Float.scan computes it: mantissa exact, then times/divided by 5^k. */
    private static ArithmeticFloat parse(boolean neg, BigInteger digits, int scale) {
        long exp2 = -(long) scale;
        if (scale == 0) return round(neg, digits, 0, DEFAULT_PREC);
        ArithmeticFloat z = new ArithmeticFloat(neg, digits, exp2, DEFAULT_PREC); // not yet rounded
        ArithmeticFloat p = pow5(Math.abs((long) scale), DEFAULT_PREC + 64);
        return scale > 0 ? quo(z, p, DEFAULT_PREC) : mul(z, p, DEFAULT_PREC);
    }

    private static final BigInteger FIVE_27 = BigInteger.valueOf(7450580596923828125L);

    /** Go's Float.pow5 at precision prec (5^27 fits a uint64; beyond that, repeated squaring). */
    private static ArithmeticFloat pow5(long n, int prec) {
        if (n <= 27) return round(false, BigInteger.valueOf(5).pow((int) n), 0, prec);
        ArithmeticFloat z = round(false, FIVE_27, 0, prec);
        n -= 27;
        ArithmeticFloat f = round(false, BigInteger.valueOf(5), 0, prec + 64);
        while (n > 0) {
            if ((n & 1) != 0) z = mul(z, f, z.prec);
            f = mul(f, f, f.prec);
            n >>= 1;
        }
        return z;
    }

    // ---- arithmetic (each rounds to the given precision; Go: z.prec 0 -> max of operands) ----

    static ArithmeticFloat add(ArithmeticFloat x, ArithmeticFloat y) {
        return addSigned(x, y, y.neg, Math.max(x.prec, y.prec));
    }

    static ArithmeticFloat sub(ArithmeticFloat x, ArithmeticFloat y) {
        return addSigned(x, y, !y.neg, Math.max(x.prec, y.prec));
    }

    private static ArithmeticFloat addSigned(ArithmeticFloat x, ArithmeticFloat y, boolean yneg, int prec) {
        if (x.isZero() && y.isZero()) return zero(x.neg && yneg, prec);
        if (y.isZero()) return round(x.neg, x.mant, x.exp, prec);
        if (x.isZero()) return round(yneg, y.mant, y.exp, prec);
        long e = Math.min(x.exp, y.exp);
        BigInteger a = x.mant.shiftLeft(checkedShift(x.exp - e));
        BigInteger b = y.mant.shiftLeft(checkedShift(y.exp - e));
        if (x.neg == yneg) return round(x.neg, a.add(b), e, prec);
        int c = a.compareTo(b);
        if (c == 0) return zero(false, prec);
        return c > 0 ? round(x.neg, a.subtract(b), e, prec) : round(!x.neg, b.subtract(a), e, prec);
    }

    static ArithmeticFloat mul(ArithmeticFloat x, ArithmeticFloat y) {
        return mul(x, y, Math.max(x.prec, y.prec));
    }

    private static ArithmeticFloat mul(ArithmeticFloat x, ArithmeticFloat y, int prec) {
        boolean neg = x.neg != y.neg;
        if (x.isZero() || y.isZero()) return zero(neg, prec);
        return round(neg, x.mant.multiply(y.mant), x.exp + y.exp, prec);
    }

    /** x / y; y must not be zero. */
    static ArithmeticFloat quo(ArithmeticFloat x, ArithmeticFloat y) {
        return quo(x, y, Math.max(x.prec, y.prec));
    }

    private static ArithmeticFloat quo(ArithmeticFloat x, ArithmeticFloat y, int prec) {
        boolean neg = x.neg != y.neg;
        if (x.isZero()) return zero(neg, prec);
        // Scale x so the quotient carries at least prec + 2 bits, then fold the remainder into a
        // sticky bit: the rounding of q is then the rounding of the exact quotient.
        int shift = Math.max(0, prec + 2 + y.mant.bitLength() - x.mant.bitLength());
        BigInteger[] qr = x.mant.shiftLeft(shift).divideAndRemainder(y.mant);
        BigInteger q = qr[0];
        long e = x.exp - y.exp - shift;
        if (qr[1].signum() != 0) {
            q = q.shiftLeft(1).setBit(0);
            e -= 1;
        }
        return round(neg, q, e, prec);
    }

    ArithmeticFloat abs() {
        return neg ? new ArithmeticFloat(false, mant, exp, prec) : this;
    }

    /** Go's {@code Int}: truncated toward zero. */
    BigInteger toBigInteger() {
        if (isZero()) return BigInteger.ZERO;
        BigInteger v;
        if (exp >= 0) v = mant.shiftLeft(checkedShift(exp));
        else if (-exp >= mant.bitLength()) v = BigInteger.ZERO;
        else v = mant.shiftRight((int) -exp);
        return neg ? v.negate() : v;
    }

    /** True when the value is an integer (Go's IsInt). */
    boolean isInt() {
        return isZero() || exp >= 0;   // mantissa is kept without trailing zero bits
    }

    int compareTo(ArithmeticFloat o) {
        int s1 = isZero() ? 0 : (neg ? -1 : 1), s2 = o.isZero() ? 0 : (o.neg ? -1 : 1);
        if (s1 != s2 || s1 == 0) return Integer.compare(s1, s2);
        long e = Math.min(exp, o.exp);
        int c = mant.shiftLeft(checkedShift(exp - e)).compareTo(o.mant.shiftLeft(checkedShift(o.exp - e)));
        return neg ? -c : c;
    }

    private static int checkedShift(long s) {
        if (s > 4 * MAX_EXP) throw tooBig();
        return (int) s;
    }

    // ---- output ------------------------------------------------------------------------------

    /** OPA's {@code FloatToNumber}: integers as %f, others as %g, both shortest. */
    NumberValue toNumber() {
        String text = text(isInt() ? 'f' : 'g');
        if (isInt()) {
            if (text.equals("-0")) return NumberValue.parse("-0");
            return NumberValue.of(new BigInteger(text));
        }
        NumberValue canonical = NumberValue.of(new BigDecimal(text));
        return canonical.toString().equals(text) ? canonical : NumberValue.parse(text);
    }

    /** Go's {@code Text(fmt, -1)} for 'f', 'g' and 'e'. */
    String text(char fmt) {
        StringBuilder sb = new StringBuilder();
        if (neg) sb.append('-');
        // decimal digits (trailing zeros trimmed) and point position: value = 0.digits * 10^dexp
        char[] digits;
        int dexp;
        if (isZero()) {
            digits = new char[0];
            dexp = 0;
        } else {
            Decimal d = Decimal.exact(mant, exp);
            d.roundShortest(this);
            digits = d.digits;
            dexp = d.exp;
        }
        int n = digits.length;
        switch (fmt) {
            case 'e' -> fmtE(sb, n - 1, digits, dexp);
            case 'f' -> fmtF(sb, Math.max(n - dexp, 0), digits, dexp);
            default -> {
                int exp10 = dexp - 1;
                if (n > 0 && (exp10 < -4 || exp10 >= 6)) fmtE(sb, n - 1, digits, dexp);
                else if (n == 0) fmtF(sb, 0, digits, dexp);
                else fmtF(sb, Math.max(n - dexp, 0), digits, dexp);
            }
        }
        return sb.toString();
    }

    private static void fmtF(StringBuilder sb, int prec, char[] d, int dexp) {
        if (dexp > 0) {
            int m = Math.min(d.length, dexp);
            sb.append(d, 0, m);
            for (; m < dexp; m++) sb.append('0');
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 0; i < prec; i++) {
                int at = dexp + i;
                sb.append(at >= 0 && at < d.length ? d[at] : '0');
            }
        }
    }

    private static void fmtE(StringBuilder sb, int prec, char[] d, int dexp) {
        sb.append(d.length > 0 ? d[0] : '0');
        if (prec > 0) {
            sb.append('.');
            int i = 1;
            int m = Math.min(d.length, prec + 1);
            if (i < m) {
                sb.append(d, i, m - i);
                i = m;
            }
            for (; i <= prec; i++) sb.append('0');
        }
        sb.append('e');
        long e = d.length > 0 ? dexp - 1L : 0;
        sb.append(e < 0 ? '-' : '+');
        e = Math.abs(e);
        if (e < 10) sb.append('0');
        sb.append(e);
    }

    /** A multi-precision decimal as Go's math/big decimal: digits without trailing zeros. */
    private static final class Decimal {
        char[] digits;
        int exp;

        private Decimal(char[] digits, int exp) {
            this.digits = digits;
            this.exp = exp;
        }

        /** The exact decimal value of m * 2^e (m > 0). */
        static Decimal exact(BigInteger m, long e) {
            String s;
            int pointFromRight;   // number of digits after the decimal point
            if (e >= 0) {
                s = m.shiftLeft(checkedShift(e)).toString();
                pointFromRight = 0;
            } else {
                // m * 2^e = m * 5^-e / 10^-e
                int k = checkedShift(-e);
                s = m.multiply(BigInteger.valueOf(5).pow(k)).toString();
                pointFromRight = k;
            }
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == '0') end--;
            char[] d = s.substring(0, end).toCharArray();
            return new Decimal(d, s.length() - pointFromRight);
        }

        char at(int i) { return i >= 0 && i < digits.length ? digits[i] : '0'; }

        /** Go's roundShortest. */
        void roundShortest(ArithmeticFloat x) {
            if (digits.length == 0) return;
            BigInteger m = x.mant;
            long e = x.exp;
            int s = m.bitLength() - (x.prec + 1);
            if (s < 0) m = m.shiftLeft(-s);
            else if (s > 0) m = m.shiftRight(s);
            e += s;
            Decimal lower = exact(m.subtract(BigInteger.ONE), e);
            Decimal upper = exact(m.add(BigInteger.ONE), e);
            boolean inclusive = !m.testBit(1);
            // Align: the digit strings of lower/upper/this are compared position by position
            // relative to the same decimal exponent (Go's decimals share it: all three lie in
            // the same decade except in edge cases Go handles the same way by position).
            for (int i = 0; i < digits.length; i++) {
                char l = lower.atAligned(i, exp);
                char mm = digits[i];
                char u = upper.atAligned(i, exp);
                boolean okdown = l != mm || inclusive && i + 1 == lower.lenAligned(exp);
                boolean okup = mm != u && (inclusive || mm + 1 < u || i + 1 < upper.lenAligned(exp));
                if (okdown && okup) {
                    roundHalfEven(i + 1);
                    return;
                } else if (okdown) {
                    truncate(i + 1);
                    return;
                } else if (okup) {
                    roundUp(i + 1);
                    return;
                }
            }
        }

        // Go indexes lower.mant[i] directly (no alignment): its decimals may have a different
        // exponent than d. Keep that behaviour.
        char atAligned(int i, int ignored) { return at(i); }

        int lenAligned(int ignored) { return digits.length; }

        private void roundHalfEven(int n) {
            if (n >= digits.length) return;
            boolean up;
            if (digits[n] == '5' && n + 1 == digits.length) up = n > 0 && ((digits[n - 1] - '0') & 1) != 0;
            else up = digits[n] >= '5';
            if (up) roundUp(n);
            else truncate(n);
        }

        private void truncate(int n) {
            if (n >= digits.length) return;
            int end = n;
            while (end > 0 && digits[end - 1] == '0') end--;
            digits = java.util.Arrays.copyOf(digits, end);
            if (end == 0) exp = 0;
        }

        private void roundUp(int n) {
            if (n >= digits.length) return;
            int i = n;
            while (i > 0 && digits[i - 1] >= '9') i--;
            if (i == 0) {
                digits = new char[]{'1'};
                exp++;
                return;
            }
            char[] d = java.util.Arrays.copyOf(digits, i);
            d[i - 1]++;
            digits = d;
        }
    }
}
