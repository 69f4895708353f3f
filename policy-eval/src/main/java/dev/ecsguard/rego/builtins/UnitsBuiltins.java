package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;

/**
 * {@code units.parse} (exact rational arithmetic, SI and binary suffixes, "m" = milli) and
 * {@code units.parse_bytes} (case-insensitive suffixes, Go big.Float arithmetic with a 64-bit
 * mantissa, truncated to an integer), as OPA implements them.
 */
public final class UnitsBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        r.register("units.parse", Type.NUMBER, UnitsBuiltins::parse, Type.STRING);
        r.register("units.parse_bytes", Type.NUMBER, UnitsBuiltins::parseBytes, Type.STRING);
    }

    private static final long K = 1000, KI = 1024;

    private static BigInteger pow(long base, int n) { return BigInteger.valueOf(base).pow(n); }

    private static final Map<String, BigInteger> UNITS = Map.ofEntries(
            Map.entry("", BigInteger.ONE),
            Map.entry("k", pow(K, 1)), Map.entry("K", pow(K, 1)), Map.entry("ki", pow(KI, 1)), Map.entry("Ki", pow(KI, 1)),
            Map.entry("M", pow(K, 2)), Map.entry("mi", pow(KI, 2)), Map.entry("Mi", pow(KI, 2)),
            Map.entry("g", pow(K, 3)), Map.entry("G", pow(K, 3)), Map.entry("gi", pow(KI, 3)), Map.entry("Gi", pow(KI, 3)),
            Map.entry("t", pow(K, 4)), Map.entry("T", pow(K, 4)), Map.entry("ti", pow(KI, 4)), Map.entry("Ti", pow(KI, 4)),
            Map.entry("p", pow(K, 5)), Map.entry("P", pow(K, 5)), Map.entry("pi", pow(KI, 5)), Map.entry("Pi", pow(KI, 5)),
            Map.entry("e", pow(K, 6)), Map.entry("E", pow(K, 6)), Map.entry("ei", pow(KI, 6)), Map.entry("Ei", pow(KI, 6)));

    private static final Map<String, BigInteger> BYTE_UNITS = Map.ofEntries(
            Map.entry("", BigInteger.ONE),
            Map.entry("kb", pow(K, 1)), Map.entry("k", pow(K, 1)), Map.entry("kib", pow(KI, 1)), Map.entry("ki", pow(KI, 1)),
            Map.entry("mb", pow(K, 2)), Map.entry("m", pow(K, 2)), Map.entry("mib", pow(KI, 2)), Map.entry("mi", pow(KI, 2)),
            Map.entry("gb", pow(K, 3)), Map.entry("g", pow(K, 3)), Map.entry("gib", pow(KI, 3)), Map.entry("gi", pow(KI, 3)),
            Map.entry("tb", pow(K, 4)), Map.entry("t", pow(K, 4)), Map.entry("tib", pow(KI, 4)), Map.entry("ti", pow(KI, 4)),
            Map.entry("pb", pow(K, 5)), Map.entry("p", pow(K, 5)), Map.entry("pib", pow(KI, 5)), Map.entry("pi", pow(KI, 5)),
            Map.entry("eb", pow(K, 6)), Map.entry("e", pow(K, 6)), Map.entry("eib", pow(KI, 6)), Map.entry("ei", pow(KI, 6)));

    /** Splits "10.5Ki" into number text and unit text, as OPA's extractNumAndUnit does. */
    static String[] extractNumAndUnit(String s) {
        int first = -1;
        for (int idx = 0; idx < s.length(); idx++) {
            char r = s.charAt(idx);
            // Go reads bytes here (rune(s[idx])): only ASCII digits count, never other scripts' digits.
            boolean isNum = (r >= '0' && r <= '9') || r == '.';
            if (!isNum && r != 'e' && r != 'E' && r != '+' && r != '-') {
                first = idx;
                break;
            }
            if (r == 'e' || r == 'E') {
                if (idx == s.length() - 1 || (!(s.charAt(idx + 1) >= '0' && s.charAt(idx + 1) <= '9') && s.charAt(idx + 1) != '+' && s.charAt(idx + 1) != '-')) {
                    first = idx;
                    break;
                }
            }
        }
        if (first == -1) return new String[]{s, ""};
        if (first == 0) return new String[]{"", s};
        return new String[]{s.substring(0, first), s.substring(first)};
    }

    /** Go's strconv-style decimal: [+-]digits[.digits][e[+-]digits]; null if not a number. */
    private static BigDecimal decimal(String num, BuiltinContext ctx) {
        if (!num.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) return null;
        try {
            BigDecimal d = ArithmeticFloat.checkDecimal(new BigDecimal(num.startsWith("+") ? num.substring(1) : num));
            long digits = Math.max(0, (long) d.precision() - d.scale());
            if (digits > 1000) ctx.charge(digits / WorkLimits.UNIT);
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static Value parse(Value[] args, BuiltinContext ctx) {
        String name = "units.parse";
        String s = RegexBuiltins.str(name, args, 0).replace("\"", "");
        if (s.contains(" ")) throw BuiltinException.failure(name, "units.parse: spaces not allowed in resource strings");
        String[] nu = extractNumAndUnit(s);
        String num = nu[0], unit = nu[1];
        if (num.isEmpty()) throw BuiltinException.failure(name, "units.parse: no amount provided");
        if (!unit.isEmpty() && (unit.length() > 1 || unit.charAt(0) >= 0x80)) {
            // Go: unitStr[:1] + strings.ToLower(unitStr[1:]) on bytes. A multi-byte first rune is cut:
            // its lead byte and each continuation byte end up as U+FFFD.
            int cp = unit.codePointAt(0);
            int n = Character.charCount(cp);
            String head = cp < 0x80 ? unit.substring(0, 1) : "\uFFFD".repeat(cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
            unit = head + StringBuiltins.lower(unit.substring(n));
        }
        BigDecimal factor;
        if (unit.equals("m")) {
            factor = new BigDecimal(0.001);   // OPA multiplies by the float64 0.001 (big.Rat.SetFloat64), not 1/1000
        } else {
            BigInteger f = UNITS.get(unit);
            if (f == null) throw BuiltinException.failure(name, "units.parse: unit " + unit + " not recognized");
            factor = new BigDecimal(f);
        }
        BigDecimal n = decimal(num, ctx);
        if (n == null) throw BuiltinException.failure(name, "units.parse: could not parse amount to a number");
        BigDecimal x = n.multiply(factor);
        BigDecimal stripped = x.stripTrailingZeros();
        if (stripped.scale() <= 0) return NumberValue.of(stripped.toBigIntegerExact());
        // big.Rat.FloatString(10): 10 decimals, halves rounded away from zero.
        return NumberValue.parse(x.setScale(10, RoundingMode.HALF_UP).toPlainString());
    }

    private static Value parseBytes(Value[] args, BuiltinContext ctx) {
        String name = "units.parse_bytes";
        String s = StringBuiltins.lower(RegexBuiltins.str(name, args, 0)).replace("\"", "");
        if (s.contains(" ")) throw BuiltinException.failure(name, "units.parse_bytes: spaces not allowed in resource strings");
        String[] nu = extractNumAndUnit(s);
        String num = nu[0], unit = nu[1];
        if (num.isEmpty()) throw BuiltinException.failure(name, "units.parse_bytes: no byte amount provided");
        BigInteger f = BYTE_UNITS.get(unit);
        if (f == null) throw BuiltinException.failure(name, "units.parse_bytes: byte unit " + unit + " not recognized");
        BigDecimal n = decimal(num, ctx);
        if (n == null) throw BuiltinException.failure(name, "units.parse_bytes: could not parse byte amount to a number");
        // below 10^-30 even the largest unit (2^80) leaves less than one byte: 0, without exact binary fractions
        if (n.signum() != 0 && (long) n.precision() - n.scale() < -30) return NumberValue.ZERO;
        BigDecimal x = roundBinary64(roundBinary64(n).multiply(new BigDecimal(f)));
        return NumberValue.of(x.toBigInteger());
    }

    private static final MathContext UNLIMITED = MathContext.UNLIMITED;

    /** Rounds to the nearest value with a 64-bit binary mantissa (ties to even), like big.Float at prec 64. */
    static BigDecimal roundBinary64(BigDecimal x) {
        if (x.signum() == 0) return x;
        BigDecimal abs = x.abs();
        // exponent e with 2^63 <= abs / 2^e < 2^64
        long bits = abs.toBigInteger().bitLength();
        int e;
        if (bits > 0) {
            e = (int) bits - 64;
        } else {
            // abs < 1: the smallest k with abs * 2^k >= 1, from an estimate just below it
            // (abs = unscaled * 10^-scale) and a few doublings, not one doubling per bit
            long guess = (long) Math.floor(abs.scale() * 3.321928094887362 - abs.unscaledValue().bitLength()) - 2;
            int k = (int) Math.max(0, Math.min(guess, 100_001));
            BigDecimal v = abs.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(k)));
            while (v.compareTo(BigDecimal.ONE) < 0) {
                v = v.multiply(BigDecimal.valueOf(2));
                k++;
                if (k > 100_000) return BigDecimal.ZERO;
            }
            e = -k - 63;
        }
        BigDecimal scaled = e >= 0 ? abs.divide(new BigDecimal(BigInteger.ONE.shiftLeft(e)), UNLIMITED)
                : abs.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(-e)));
        BigInteger m = scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        BigDecimal r = e >= 0 ? new BigDecimal(m.shiftLeft(e))
                : new BigDecimal(m).divide(new BigDecimal(BigInteger.ONE.shiftLeft(-e)), UNLIMITED);
        return x.signum() < 0 ? r.negate() : r;
    }
}
