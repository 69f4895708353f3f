package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Go's {@code fmt.Sprintf} for the argument types OPA's sprintf passes: a number whose text is an
 * integer becomes a Go int (or *big.Int past 64 bits), other numbers a float64, strings stay
 * strings, and every other value is its Rego text (a string). Verbs, flags, width, precision,
 * argument indexes and the {@code %!verb(type=value)} error forms follow Go.
 */
final class StringSprintf {
    private StringSprintf() {}

    /** Go-typed argument. */
    private sealed interface Arg permits IntArg, BigArg, FloatArg, StrArg {}
    private record IntArg(long v) implements Arg {}
    private record BigArg(BigInteger v) implements Arg {}
    private record FloatArg(double v) implements Arg {}
    private record StrArg(String v) implements Arg {}

    /** Formats like Go's fmt.Sprintf; the result is bounded by the evaluation's string limit. */
    static String format(String fmt, ArrayValue values, BuiltinContext ctx) {
        // Fast path: sprintf("%d", [int]) and sprintf("%s"/"%v", [string]).
        if (values.size() == 1) {
            Value v0 = values.get(0);
            if (fmt.equals("%d") && v0 instanceof NumberValue n && ArithmeticBuiltins.goInt64(n) instanceof Long l) return Long.toString(l);
            if ((fmt.equals("%s") || fmt.equals("%v")) && v0 instanceof StringValue s) return s.value();
        }
        Arg[] args = new Arg[values.size()];
        for (int i = 0; i < args.length; i++) args[i] = arg(values.get(i));
        return new Printer(fmt, args, ctx).run();
    }


    private static Arg arg(Value v) {
        if (v instanceof NumberValue n) {
            if (ArithmeticBuiltins.goInt64(n) instanceof Long l) return new IntArg(l);
            String text = n.toString();
            if (isIntegerText(text)) {
                if (text.length() > 30_105) throw ArithmeticFloat.tooBig();
                return new BigArg(new BigInteger(text));
            }
            double d = n.doubleValue();
            if (Double.isInfinite(d)) return new StrArg(text);
            if (d == 0 && text.startsWith("-")) d = -0.0;
            return new FloatArg(d);
        }
        if (v instanceof StringValue s) return new StrArg(s.value());
        return new StrArg(v.toRego());
    }

    private static boolean isIntegerText(String s) {
        int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        if (i == s.length()) return false;
        for (; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    private static final class Printer {
        final String format;
        final Arg[] a;
        final StringBuilder buf = new StringBuilder();
        final BuiltinContext ctx;
        // flags
        boolean sharp, zero, plus, minus, space, widPresent, precPresent, sharpV, plusV;
        int wid, prec;
        boolean reordered, goodArgNum;

        Printer(String format, Arg[] a, BuiltinContext ctx) {
            this.format = format;
            this.a = a;
            this.ctx = ctx;
        }

        void clearFlags() {
            sharp = zero = plus = minus = space = widPresent = precPresent = sharpV = plusV = false;
            wid = prec = 0;
        }

        String run() {
            int end = format.length();
            int argNum = 0;
            boolean afterIndex;
            int i = 0;
            formatLoop:
            while (i < end) {
                WorkLimits.checkGrowth(ctx, buf);   // a verb adds at most its width (< 10^6) and its argument
                goodArgNum = true;
                int lasti = i;
                while (i < end && format.charAt(i) != '%') i++;
                if (i > lasti) buf.append(format, lasti, i);
                if (i >= end) break;
                i++;
                clearFlags();
                simple:
                for (; i < end; i++) {
                    char c = format.charAt(i);
                    switch (c) {
                        case '#' -> sharp = true;
                        case '0' -> zero = !minus;
                        case '+' -> plus = true;
                        case '-' -> {
                            minus = true;
                            zero = false;
                        }
                        case ' ' -> space = true;
                        default -> {
                            if (c >= 'a' && c <= 'z' && argNum < a.length) {
                                if (c == 'v') {
                                    sharpV = sharp;
                                    sharp = false;
                                    plusV = plus;
                                    plus = false;
                                }
                                printArg(a[argNum], c);
                                argNum++;
                                i++;
                                continue formatLoop;
                            }
                            break simple;
                        }
                    }
                }
                // argument index
                int[] r = argNumber(argNum, i);
                argNum = r[0];
                i = r[1];
                afterIndex = r[2] == 1;
                // width
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    int[] w = intFromArg(argNum);
                    wid = w[0];
                    widPresent = w[1] == 1;
                    argNum = w[2];
                    if (!widPresent) buf.append("%!(BADWIDTH)");
                    if (wid < 0) {
                        wid = -wid;
                        minus = true;
                        zero = false;
                    }
                    afterIndex = false;
                } else {
                    int[] n = parseNum(i, end);
                    wid = n[0];
                    widPresent = n[1] == 1;
                    i = n[2];
                    if (afterIndex && widPresent) goodArgNum = false;
                }
                // precision
                if (i + 1 < end && format.charAt(i) == '.') {
                    i++;
                    if (afterIndex) goodArgNum = false;
                    r = argNumber(argNum, i);
                    argNum = r[0];
                    i = r[1];
                    afterIndex = r[2] == 1;
                    if (i < end && format.charAt(i) == '*') {
                        i++;
                        int[] p = intFromArg(argNum);
                        prec = p[0];
                        precPresent = p[1] == 1;
                        argNum = p[2];
                        if (prec < 0) {
                            prec = 0;
                            precPresent = false;
                        }
                        if (!precPresent) buf.append("%!(BADPREC)");
                        afterIndex = false;
                    } else {
                        int[] n = parseNum(i, end);
                        prec = n[0];
                        precPresent = n[1] == 1;
                        i = n[2];
                        if (!precPresent) {
                            prec = 0;
                            precPresent = true;
                        }
                    }
                }
                if (!afterIndex) {
                    r = argNumber(argNum, i);
                    argNum = r[0];
                    i = r[1];
                }
                if (i >= end) {
                    buf.append("%!(NOVERB)");
                    break;
                }
                int verb = format.codePointAt(i);
                i += Character.charCount(verb);
                if (verb == '%') {
                    buf.append('%');
                } else if (!goodArgNum) {
                    buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
                } else if (argNum >= a.length) {
                    buf.append("%!").appendCodePoint(verb).append("(MISSING)");
                } else {
                    if (verb == 'v') {
                        sharpV = sharp;
                        sharp = false;
                        plusV = plus;
                        plus = false;
                    }
                    printArg(a[argNum], verb);
                    argNum++;
                }
            }
            if (!reordered && argNum < a.length) {
                clearFlags();
                buf.append("%!(EXTRA ");
                for (int k = argNum; k < a.length; k++) {
                    if (k > argNum) buf.append(", ");
                    buf.append(typeName(a[k])).append('=');
                    printArg(a[k], 'v');
                    WorkLimits.checkGrowth(ctx, buf);
                }
                buf.append(')');
            }
            return buf.toString();
        }

        /** [newArgNum, newI, found]. */
        int[] argNumber(int argNum, int i) {
            if (format.length() <= i || format.charAt(i) != '[') return new int[]{argNum, i, 0};
            reordered = true;
            // parseArgNumber, on format[i:] without copying it
            int index = 0, w = 1;
            boolean ok = false;
            if (format.length() - i >= 3) {
                for (int k = i + 1; k < format.length(); k++) {
                    if (format.charAt(k) == ']') {
                        int[] n = parseNumIn(format, i + 1, k);
                        if (n[1] == 0 || n[2] != k) {
                            w = k - i + 1;
                        } else {
                            index = n[0] - 1;
                            w = k - i + 1;
                            ok = true;
                        }
                        break;
                    }
                }
            }
            if (ok && index >= 0 && index < a.length) return new int[]{index, i + w, 1};
            goodArgNum = false;
            return new int[]{argNum, i + w, ok ? 1 : 0};
        }

        int[] parseNum(int start, int end) {
            return parseNumIn(format, start, end);
        }

        static int[] parseNumIn(String s, int start, int end) {
            if (start >= end) return new int[]{0, 0, end};
            int num = 0, i = start;
            boolean isnum = false;
            for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                if (num > 1_000_000 || num < -1_000_000) return new int[]{0, 0, end};
                num = num * 10 + (s.charAt(i) - '0');
                isnum = true;
            }
            return new int[]{num, isnum ? 1 : 0, i};
        }

        /** [num, isInt, newArgNum]. */
        int[] intFromArg(int argNum) {
            int newArgNum = argNum;
            int num = 0;
            boolean isInt = false;
            if (argNum < a.length) {
                if (a[argNum] instanceof IntArg ia) {
                    isInt = true;
                    if (ia.v() > 1_000_000 || ia.v() < -1_000_000) {
                        isInt = false;
                    } else {
                        num = (int) ia.v();
                    }
                }
                newArgNum = argNum + 1;
            }
            return new int[]{num, isInt ? 1 : 0, newArgNum};
        }

        static String typeName(Arg arg) {
            return switch (arg) {
                case IntArg i -> "int";
                case BigArg b -> "*big.Int";
                case FloatArg f -> "float64";
                case StrArg s -> "string";
            };
        }

        void printArg(Arg arg, int verb) {
            if (verb == 'T') {
                fmtS(typeName(arg));
                return;
            }
            switch (arg) {
                case IntArg i -> fmtInt(i.v(), verb, arg);
                case BigArg b -> fmtBig(b.v(), verb);
                case FloatArg f -> fmtFloat(f.v(), verb, arg);
                case StrArg s -> fmtString(s.v(), verb, arg);
            }
        }

        void badVerb(int verb, Arg arg) {
            buf.append("%!").appendCodePoint(verb).append('(').append(typeName(arg)).append('=');
            printArg(arg, 'v');
            buf.append(')');
        }

        // ---- padding ----------------------------------------------------------------------

        void writePadding(int n) {
            if (n <= 0) return;
            char c = zero ? '0' : ' ';
            for (int k = 0; k < n; k++) buf.append(c);
        }

        void pad(String s) {
            if (!widPresent || wid == 0) {
                buf.append(s);
                return;
            }
            int width = wid - s.codePointCount(0, s.length());
            if (!minus) {
                writePadding(width);
                buf.append(s);
            } else {
                buf.append(s);
                writePadding(width);
            }
        }

        // ---- strings ----------------------------------------------------------------------

        String truncate(String s) {
            if (precPresent) {
                int n = prec;
                for (int i = 0; i < s.length(); ) {
                    n--;
                    if (n < 0) return s.substring(0, i);
                    i += Character.charCount(s.codePointAt(i));
                }
            }
            return s;
        }

        void fmtS(String s) {
            pad(truncate(s));
        }

        void fmtString(String s, int verb, Arg arg) {
            switch (verb) {
                case 'v' -> {
                    if (sharpV) fmtQ(s);
                    else fmtS(s);
                }
                case 's' -> fmtS(s);
                case 'x' -> fmtSx(s, false);
                case 'X' -> fmtSx(s, true);
                case 'q' -> fmtQ(s);
                default -> badVerb(verb, arg);
            }
        }

        void fmtQ(String s) {
            s = truncate(s);
            if (sharp && canBackquote(s)) {
                pad("`" + s + "`");
                return;
            }
            StringBuilder q = new StringBuilder();
            if (plus) quoteASCII(q, s);
            else StringFormat.goQuote(q, s);
            pad(q.toString());
        }

        static boolean canBackquote(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '`' || c == '\uFEFF' || (c < ' ' && c != '\t') || c == 0x7f) return false;
            }
            return true;
        }

        static void quoteASCII(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); ) {
                int c = s.codePointAt(i);
                i += Character.charCount(c);
                if (c < 0x80) {
                    StringFormat.quoteRune(sb, c, '"');
                } else if (c < 0x10000) {
                    sb.append(String.format("\\u%04x", c));
                } else {
                    sb.append(String.format("\\U%08x", c));
                }
            }
            sb.append('"');
        }

        void fmtSx(String s, boolean upper) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            String digits = upper ? "0123456789ABCDEFX" : "0123456789abcdefx";
            int length = b.length;
            if (precPresent && prec < length) length = prec;
            int width = 2 * length;
            if (width > 0) {
                if (space) {
                    if (sharp) width *= 2;
                    width += length - 1;
                } else if (sharp) {
                    width += 2;
                }
            } else {
                if (widPresent) writePadding(wid);
                return;
            }
            if (widPresent && wid > width && !minus) writePadding(wid - width);
            if (sharp) buf.append('0').append(digits.charAt(16));
            for (int i = 0; i < length; i++) {
                if (space && i > 0) {
                    buf.append(' ');
                    if (sharp) buf.append('0').append(digits.charAt(16));
                }
                int c = b[i] & 0xff;
                buf.append(digits.charAt(c >> 4)).append(digits.charAt(c & 15));
            }
            if (widPresent && wid > width && minus) writePadding(wid - width);
        }

        // ---- integers ---------------------------------------------------------------------

        void fmtInt(long v, int verb, Arg arg) {
            switch (verb) {
                case 'v', 'd' -> fmtInteger(BigInteger.valueOf(v), 10, verb, false);
                case 'b' -> fmtInteger(BigInteger.valueOf(v), 2, verb, false);
                case 'o', 'O' -> fmtInteger(BigInteger.valueOf(v), 8, verb, false);
                case 'x' -> fmtInteger(BigInteger.valueOf(v), 16, verb, false);
                case 'X' -> fmtInteger(BigInteger.valueOf(v), 16, verb, true);
                case 'c' -> pad(runeString(v));
                case 'q' -> {
                    StringBuilder q = new StringBuilder("'");
                    int c = validRune(v);
                    if (plus && c >= 0x80) {
                        q.append(c < 0x10000 ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
                    } else {
                        StringFormat.quoteRune(q, c, '\'');
                    }
                    pad(q.append('\'').toString());
                }
                case 'U' -> {
                    String hex = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
                    if (v < 0) hex = Long.toUnsignedString(v, 16).toUpperCase(java.util.Locale.ROOT);
                    int p = precPresent && prec > 4 ? prec : 4;
                    StringBuilder u = new StringBuilder("U+");
                    for (int k = hex.length(); k < p; k++) u.append('0');
                    u.append(hex);
                    if (sharp && v >= 0 && v <= Character.MAX_CODE_POINT && StringFormat.isPrint((int) v)) {
                        u.append(" '").appendCodePoint((int) v).append('\'');
                    }
                    boolean z = zero;
                    zero = false;
                    pad(u.toString());
                    zero = z;
                }
                default -> badVerb(verb, arg);
            }
        }

        static int validRune(long v) {
            if (v < 0 || v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) return 0xFFFD;
            return (int) v;
        }

        static String runeString(long v) {
            return new String(Character.toChars(validRune(v)));
        }

        void fmtBig(BigInteger x, int verb) {
            int base;
            switch (verb) {
                case 'b' -> base = 2;
                case 'o', 'O' -> base = 8;
                case 'd', 's', 'v' -> base = 10;
                case 'x', 'X' -> base = 16;
                default -> {
                    buf.append("%!").appendCodePoint(verb).append("(big.Int=").append(x).append(')');
                    return;
                }
            }
            // big.Int.Format asks fmt.State.Flag, which also reports %+v / %#v (plusV / sharpV).
            String sign = x.signum() < 0 ? "-" : plus || plusV ? "+" : space ? " " : "";
            String prefix = "";
            if (sharp || sharpV) {
                switch (verb) {
                    case 'b' -> prefix = "0b";
                    case 'o' -> prefix = "0";
                    case 'x' -> prefix = "0x";
                    case 'X' -> prefix = "0X";
                    default -> { }
                }
            }
            if (verb == 'O') prefix = "0o";
            String digits = x.abs().toString(base);
            if (verb == 'X') digits = digits.toUpperCase(java.util.Locale.ROOT);
            int left = 0, zeros = 0, right = 0;
            if (precPresent) {
                if (digits.length() < prec) zeros = prec - digits.length();
                else if (digits.equals("0") && prec == 0) return;
            }
            int length = sign.length() + prefix.length() + zeros + digits.length();
            if (widPresent && length < wid) {
                int d = wid - length;
                if (minus) right = d;
                else if (zero && !precPresent) zeros = d;
                else left = d;
            }
            buf.append(" ".repeat(left)).append(sign).append(prefix).append("0".repeat(zeros)).append(digits)
                    .append(" ".repeat(right));
        }

        /** Go's fmt.fmtInteger (for values that fit an int64). */
        void fmtInteger(BigInteger v, int base, int verb, boolean upper) {
            boolean negative = v.signum() < 0;
            BigInteger u = v.abs();
            int p = 0;
            if (precPresent) {
                p = prec;
                if (p == 0 && u.signum() == 0) {
                    boolean z = zero;
                    zero = false;
                    writePadding(wid);
                    zero = z;
                    return;
                }
            } else if (zero && !minus && widPresent) {
                p = wid;
                if (negative || plus || space) p--;
            }
            String digits = u.toString(base);
            if (upper) digits = digits.toUpperCase(java.util.Locale.ROOT);
            StringBuilder s = new StringBuilder();
            for (int k = digits.length(); k < p; k++) s.append('0');
            s.append(digits);
            if (sharp) {
                switch (base) {
                    case 2 -> s.insert(0, "0b");
                    case 8 -> {
                        if (s.charAt(0) != '0') s.insert(0, '0');
                    }
                    case 16 -> s.insert(0, upper ? "0X" : "0x");
                    default -> { }
                }
            }
            if (verb == 'O') s.insert(0, "0o");
            if (negative) s.insert(0, '-');
            else if (plus) s.insert(0, '+');
            else if (space) s.insert(0, ' ');
            boolean z = zero;
            zero = false;
            pad(s.toString());
            zero = z;
        }

        // ---- floats -----------------------------------------------------------------------

        void fmtFloat(double v, int verb, Arg arg) {
            switch (verb) {
                case 'v' -> fmtFloat(v, 'g', -1, true);
                case 'g', 'G', 'b', 'x', 'X' -> fmtFloat(v, (char) verb, -1, false);
                case 'f', 'e', 'E' -> fmtFloat(v, (char) verb, 6, false);
                case 'F' -> fmtFloat(v, 'f', 6, false);
                default -> badVerb(verb, arg);
            }
        }

        void fmtFloat(double v, char verb, int p, boolean isV) {
            if (precPresent) p = prec;
            String num = formatFloat(v, verb, p);
            if (!num.startsWith("-") && !num.startsWith("+")) num = "+" + num;
            if (space && num.charAt(0) == '+' && !plus) num = " " + num.substring(1);
            if (sharp && verb != 'b') num = sharpFloat(num, verb, p);
            if (plus || num.charAt(0) != '+') {
                if (zero && !minus && widPresent && wid > num.length()) {
                    buf.append(num.charAt(0));
                    writePadding(wid - num.length());
                    buf.append(num, 1, num.length());
                    return;
                }
                pad(num);
                return;
            }
            pad(num.substring(1));
        }

        /** %#g/%#e/%#f/%#x: keep a decimal point (and %g's trailing zeros), as Go's fmt.fmtFloat. */
        static String sharpFloat(String num, char verb, int p) {
            int digits = 0;
            if (verb == 'g' || verb == 'G' || verb == 'x') digits = p == -1 ? 6 : p;
            String tail = "";
            String body = num;
            boolean sawNonzero = false;
            boolean dot = false;
            for (int i = 1; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '.') {
                    dot = true;
                } else if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
                    tail = body.substring(i);
                    body = body.substring(0, i);
                    break;
                } else {
                    // Go counts every other byte (hex digits, even the 'x' of "0x") as a digit.
                    if (c != '0') sawNonzero = true;
                    if (sawNonzero) digits--;
                }
            }
            StringBuilder sb = new StringBuilder(body);
            if (!dot) {
                if (body.length() == 2 && body.charAt(1) == '0') digits--;
                sb.append('.');
            }
            while (digits > 0) {
                sb.append('0');
                digits--;
            }
            return sb.append(tail).toString();
        }
    }

    // ---- strconv.FormatFloat(v, fmt, prec, 64) ---------------------------------------------

    static String formatFloat(double v, char fmt, int prec) {
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        if (fmt == 'b' || fmt == 'x' || fmt == 'X') return binaryFloat(v, fmt, prec, neg);
        double a = Math.abs(v);
        // digits and decimal point position: value = 0.d1d2... * 10^dp
        String digits;
        int dp;
        boolean shortest = prec < 0;
        if (a == 0) {
            digits = "";
            dp = 0;
        } else if (shortest) {
            BigDecimal bd = EncodingYamlResolve.shortestDecimal(a, false);
            digits = bd.unscaledValue().toString();
            dp = digits.length() - bd.scale();
        } else {
            BigDecimal exact = new BigDecimal(a);
            int sig;
            switch (fmt) {
                case 'e', 'E' -> sig = prec + 1;
                case 'g', 'G' -> sig = prec == 0 ? 1 : prec;
                default -> sig = -1;
            }
            BigDecimal r;
            if (sig > 0) {
                r = exact.round(new java.math.MathContext(sig, RoundingMode.HALF_EVEN));
            } else {
                r = exact.setScale(prec, RoundingMode.HALF_EVEN);
            }
            if (r.signum() == 0) {
                digits = "";
                dp = 0;
            } else {
                r = r.stripTrailingZeros();
                digits = r.unscaledValue().toString();
                dp = digits.length() - r.scale();
            }
        }
        StringBuilder sb = new StringBuilder();
        if (neg) sb.append('-');
        switch (fmt) {
            case 'e', 'E' -> fmtE(sb, digits, dp, shortest ? Math.max(digits.length() - 1, 0) : prec, fmt);
            case 'f' -> fmtF(sb, digits, dp, shortest ? Math.max(digits.length() - dp, 0) : prec);
            default -> {
                // strconv formatDigits: %g's precision is the digit count (0 counts as 1).
                int nd = digits.length();
                int p = shortest ? nd : prec == 0 ? 1 : prec;
                int eprec = p;
                if (eprec > nd && nd >= dp) eprec = nd;
                if (shortest) eprec = 6;
                int exp = dp - 1;
                if (exp < -4 || exp >= eprec) {
                    if (p > nd) p = nd;
                    fmtE(sb, digits, dp, Math.max(p - 1, 0), fmt == 'G' ? 'E' : 'e');
                } else {
                    if (p > dp) p = nd;
                    fmtF(sb, digits, dp, Math.max(p - dp, 0));
                }
            }
        }
        return sb.toString();
    }

    /** strconv's 'b' (mantissa p exponent) and 'x'/'X' (hexadecimal mantissa) formats. */
    private static String binaryFloat(double v, char fmt, int prec, boolean neg) {
        long bits = Double.doubleToRawLongBits(v);
        int exp = (int) ((bits >>> 52) & 0x7ff);
        long mant = bits & ((1L << 52) - 1);
        if (exp == 0) exp++;
        else mant |= 1L << 52;
        exp -= 1023;
        StringBuilder sb = new StringBuilder();
        if (neg) sb.append('-');
        if (fmt == 'b') {
            int e = exp - 52;
            sb.append(mant).append('p').append(e >= 0 ? '+' : '-').append(Math.abs(e));
            return sb.toString();
        }
        if (mant == 0) exp = 0;
        mant <<= 60 - 52;
        while (mant != 0 && (mant & (1L << 60)) == 0) {
            mant <<= 1;
            exp--;
        }
        if (prec >= 0 && prec < 15) {
            int shift = prec * 4;
            long extra = (mant << shift) & ((1L << 60) - 1);
            mant >>>= 60 - shift;
            if ((extra | (mant & 1)) > (1L << 59)) mant++;
            mant <<= 60 - shift;
            if ((mant & (1L << 61)) != 0) {
                mant >>>= 1;
                exp++;
            }
        }
        String hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        sb.append('0').append(fmt).append((char) ('0' + ((mant >>> 60) & 1)));
        mant <<= 4;
        if (prec < 0 && mant != 0) {
            sb.append('.');
            while (mant != 0) {
                sb.append(hex.charAt((int) ((mant >>> 60) & 15)));
                mant <<= 4;
            }
        } else if (prec > 0) {
            sb.append('.');
            for (int i = 0; i < prec; i++) {
                sb.append(hex.charAt((int) ((mant >>> 60) & 15)));
                mant <<= 4;
            }
        }
        sb.append(fmt == 'X' ? 'P' : 'p').append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) sb.append('0');
        sb.append(exp);
        return sb.toString();
    }

    private static char digitAt(String d, int i) {
        return i >= 0 && i < d.length() ? d.charAt(i) : '0';
    }

    private static void fmtE(StringBuilder sb, String d, int dp, int prec, char fmt) {
        sb.append(d.isEmpty() ? '0' : d.charAt(0));
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) sb.append(digitAt(d, i));
        }
        sb.append(fmt == 'E' ? 'E' : 'e');
        int exp = d.isEmpty() ? 0 : dp - 1;
        sb.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) sb.append('0');
        sb.append(exp);
    }

    private static void fmtF(StringBuilder sb, String d, int dp, int prec) {
        if (dp > 0) {
            for (int i = 0; i < dp; i++) sb.append(digitAt(d, i));
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 0; i < prec; i++) sb.append(digitAt(d, dp + i));
        }
    }
}
