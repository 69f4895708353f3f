package dev.ecsguard.rego.builtins;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * go-yaml v2's scalar resolution (resolve.go), shared by yaml.marshal (which quotes a string
 * exactly when it would read back as something else) and yaml.unmarshal: YAML 1.1 booleans
 * (y/n/yes/no/on/off), ints through Go's ParseInt with base prefixes (0x, 0o, 0b, leading-0 octal)
 * and underscores dropped, uint64 beyond int64, floats, timestamps in go-yaml's four layouts.
 * Go values are modelled as null, Boolean, Long (int), BigInteger (uint64), Double (float64),
 * String; a timestamp resolves to its text with tag {@link #TIMESTAMP}.
 */
final class EncodingYamlResolve {
    private EncodingYamlResolve() {}

    static final String STR = "tag:yaml.org,2002:str";
    static final String BOOL = "tag:yaml.org,2002:bool";
    static final String INT = "tag:yaml.org,2002:int";
    static final String FLOAT = "tag:yaml.org,2002:float";
    static final String NULL = "tag:yaml.org,2002:null";
    static final String TIMESTAMP = "tag:yaml.org,2002:timestamp";
    static final String BINARY = "tag:yaml.org,2002:binary";
    static final String MERGE = "tag:yaml.org,2002:merge";

    /** A YAML error, worded as go-yaml's (without the "yaml: " prefix). */
    static final class YamlError extends RuntimeException {
        YamlError(String message) { super(message, null, false, false); }
    }

    record Resolved(String tag, Object value) {}

    private static final Map<String, Resolved> MAP = new java.util.HashMap<>();
    static {
        for (String s : new String[] {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
            MAP.put(s, new Resolved(BOOL, Boolean.TRUE));
        }
        for (String s : new String[] {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
            MAP.put(s, new Resolved(BOOL, Boolean.FALSE));
        }
        for (String s : new String[] {"", "~", "null", "Null", "NULL"}) MAP.put(s, new Resolved(NULL, null));
        for (String s : new String[] {".nan", ".NaN", ".NAN"}) MAP.put(s, new Resolved(FLOAT, Double.NaN));
        for (String s : new String[] {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
            MAP.put(s, new Resolved(FLOAT, Double.POSITIVE_INFINITY));
        }
        for (String s : new String[] {"-.inf", "-.Inf", "-.INF"}) MAP.put(s, new Resolved(FLOAT, Double.NEGATIVE_INFINITY));
    }

    private static final Pattern YAML_STYLE_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern BASE60_FLOAT = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
    private static final Pattern DOT_FLOAT = Pattern.compile("[-+]?\\.[0-9]+([eE][-+]?[0-9]+)?");

    private static char hint(String in) {
        if (in.isEmpty()) return 'N';
        char c = in.charAt(0);
        if (c == '+' || c == '-') return 'S';
        if (c >= '0' && c <= '9') return 'D';
        if ("yYnNtTfFoO~".indexOf(c) >= 0) return 'M';
        if (c == '.') return '.';
        return 0;
    }

    static boolean resolvable(String tag) {
        return tag.isEmpty() || tag.equals(STR) || tag.equals(BOOL) || tag.equals(INT) || tag.equals(FLOAT)
                || tag.equals(TIMESTAMP);
    }

    /** go-yaml v2's resolve(tag, in), including its check that an explicit tag fits the value. */
    static Resolved resolve(String tag, String in) {
        if (!resolvable(tag)) return new Resolved(tag, in);
        Resolved r = resolveImplicit(tag, in);
        if (tag.isEmpty() || tag.equals(r.tag()) || tag.equals(STR)) return r;
        if (tag.equals(FLOAT) && r.tag().equals(INT) && r.value() instanceof Long l) {
            return new Resolved(FLOAT, (double) l);
        }
        throw new YamlError("cannot decode " + shortTag(r.tag()) + " `" + in + "` as a " + shortTag(tag));
    }

    static String shortTag(String tag) {
        return tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length()) : tag;
    }

    private static Resolved resolveImplicit(String tag, String in) {
        char hint = hint(in);
        if (hint != 0 && !tag.equals(STR) && !tag.equals(BINARY)) {
            Resolved m = MAP.get(in);
            if (m != null) return m;
            switch (hint) {
                case '.' -> {
                    if (DOT_FLOAT.matcher(in).matches()) {
                        Double d = parseFloat(in);
                        if (d != null) return new Resolved(FLOAT, d);
                    }
                }
                case 'D', 'S' -> {
                    if ((tag.isEmpty() || tag.equals(TIMESTAMP)) && isTimestamp(in)) return new Resolved(TIMESTAMP, in);
                    String plain = in.replace("_", "");
                    BigInteger i = parseGoInt(plain, true);
                    if (i != null && i.bitLength() < 64) return new Resolved(INT, i.longValue());
                    BigInteger u = parseGoInt(plain, false);
                    if (u != null && u.signum() >= 0 && u.bitLength() <= 64) return new Resolved(INT, u);
                    if (YAML_STYLE_FLOAT.matcher(plain).matches()) {
                        Double d = parseFloat(plain);
                        if (d != null) return new Resolved(FLOAT, d);
                    }
                    // "0b..." and "-0b..." were already accepted by ParseInt's base prefixes.
                }
                default -> { }
            }
        }
        return new Resolved(STR, in);
    }

    /** strconv.ParseFloat on a decimal literal: null when out of range (Go's ErrRange). */
    private static Double parseFloat(String s) {
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
        return Double.isInfinite(d) ? null : d;
    }

    /**
     * strconv.ParseInt(s, 0, 64) (signed) or ParseUint(s, 0, 64): null on syntax errors; the
     * magnitude is returned unbounded, callers check the range.
     */
    private static BigInteger parseGoInt(String s, boolean signed) {
        if (s.isEmpty()) return null;
        boolean neg = false;
        if (signed && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
            if (s.isEmpty()) return null;
        }
        int base = 10;
        if (s.charAt(0) == '0') {
            char p = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
            if (p == 'b') {
                base = 2;
                s = s.substring(2);
            } else if (p == 'o') {
                base = 8;
                s = s.substring(2);
            } else if (p == 'x') {
                base = 16;
                s = s.substring(2);
            } else {
                base = 8;
                s = s.substring(1);
            }
        }
        if (s.length() > 70) return null;
        BigInteger n = BigInteger.ZERO;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0 || s.charAt(i) > 'z') return null;
            n = n.multiply(BigInteger.valueOf(base)).add(BigInteger.valueOf(d));
        }
        if (signed) {
            // int64 range: [-2^63, 2^63-1]
            if (neg) {
                if (n.bitLength() > 64 || (n.bitLength() == 64 && !n.equals(BigInteger.ONE.shiftLeft(63)))) return null;
                return n.negate();
            }
            return n.bitLength() < 64 ? n : null;
        }
        return n.bitLength() <= 64 ? n : null;
    }

    static boolean isBase60Float(String s) {
        return BASE60_FLOAT.matcher(s).matches();
    }

    // ---- parseTimestamp: go-yaml v2's allowed layouts through Go's time.Parse -----------------

    static boolean isTimestamp(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        if (i != 4 || i == s.length() || s.charAt(i) != '-') return false;
        return parseLayout(s, 'T') || parseLayout(s, 't') || parseLayout(s, ' ') || parseLayout(s, (char) 0);
    }

    /** sep: 'T'/'t' = "2006-1-2T15:4:5.999999999Z07:00", ' ' = "2006-1-2 15:4:5.999999999", 0 = "2006-1-2". */
    private static boolean parseLayout(String s, char sep) {
        int[] p = {5};
        int year = Integer.parseInt(s.substring(0, 4));
        int month = num(s, p);
        if (month < 1 || month > 12 || !lit(s, p, '-')) return false;
        int day = num(s, p);
        if (day < 0) return false;
        if (sep == 0) return p[0] == s.length() && dayOk(year, month, day);
        if (sep == ' ') {
            if (p[0] >= s.length() || s.charAt(p[0]) != ' ') return false;
            while (p[0] < s.length() && s.charAt(p[0]) == ' ') p[0]++;
        } else if (!lit(s, p, sep)) {
            return false;
        }
        int h = num(s, p);
        if (h < 0 || h >= 24 || !lit(s, p, ':')) return false;
        int m = num(s, p);
        if (m < 0 || m >= 60 || !lit(s, p, ':')) return false;
        int sec = num(s, p);
        if (sec < 0 || sec >= 60) return false;
        int q = p[0];
        if (q + 1 < s.length() && (s.charAt(q) == '.' || s.charAt(q) == ',') && isDigit(s, q + 1)) {
            q++;
            while (isDigit(s, q)) q++;
            p[0] = q;
        }
        if (sep == ' ') return p[0] == s.length() && dayOk(year, month, day);
        // Z07:00
        q = p[0];
        if (q < s.length() && s.charAt(q) == 'Z') {
            return q + 1 == s.length() && dayOk(year, month, day);
        }
        if (s.length() - q != 6 || s.charAt(q + 3) != ':') return false;
        char sign = s.charAt(q);
        if (!isDigit(s, q + 1) || !isDigit(s, q + 2) || !isDigit(s, q + 4) || !isDigit(s, q + 5)) return false;
        int zh = (s.charAt(q + 1) - '0') * 10 + s.charAt(q + 2) - '0';
        int zm = (s.charAt(q + 4) - '0') * 10 + s.charAt(q + 5) - '0';
        if (zh > 24 || zm > 60 || (sign != '+' && sign != '-')) return false;
        return dayOk(year, month, day);
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    /** Go's getnum(value, false): one or two digits, -1 when none. */
    private static int num(String s, int[] p) {
        int i = p[0];
        if (!isDigit(s, i)) return -1;
        if (!isDigit(s, i + 1)) {
            p[0] = i + 1;
            return s.charAt(i) - '0';
        }
        p[0] = i + 2;
        return (s.charAt(i) - '0') * 10 + s.charAt(i + 1) - '0';
    }

    private static boolean lit(String s, int[] p, char c) {
        if (p[0] < s.length() && s.charAt(p[0]) == c) {
            p[0]++;
            return true;
        }
        return false;
    }

    private static boolean dayOk(int year, int month, int day) {
        if (day < 1) return false;
        int max = switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= max;
    }

    // ---- keyList.Less (sorter.go) for string keys ----------------------------------------------

    /** go-yaml v2's "natural" key order: runs of digits compare as numbers, letters after others. */
    static boolean keyLess(String a, String b) {
        int[] ar = a.codePoints().toArray(), br = b.codePoints().toArray();
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) continue;
            boolean al = Character.isLetter(ar[i]), bl = Character.isLetter(br[i]);
            if (al && bl) return ar[i] < br[i];
            if (al || bl) return bl;
            int ai, bi;
            long an = 0, bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            for (ai = i; ai < ar.length && Character.isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai] - '0');
            for (bi = i; bi < br.length && Character.isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi] - '0');
            if (an != bn) return an < bn;
            if (ai != bi) return ai < bi;
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }

    // ---- Go float text (strconv's shortest formatting) ----------------------------------------

    /** strconv.FormatFloat(f, 'g', -1, 64) with go-yaml's names for the infinities and NaN. */
    static String yamlFloat(double d) {
        if (Double.isNaN(d)) return ".nan";
        if (Double.isInfinite(d)) return d > 0 ? ".inf" : "-.inf";
        return shortest(d, 'g', false);
    }

    /** strconv.FormatFloat(f, 'g', -1, 32), as sigs.k8s.io/yaml turns float map keys into strings. */
    static String float32Key(double d) {
        float f = (float) d;
        if (Float.isNaN(f)) return ".nan";
        if (Float.isInfinite(f)) return f > 0 ? ".inf" : "-.inf";
        return shortest(f, 'g', true);
    }

    /** encoding/json's float64 text: 'f' unless the magnitude is below 1e-6 or at least 1e21. */
    static String jsonFloat(double d) {
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String t = shortest(d, 'e', false);
            int n = t.length();
            if (n >= 4 && t.charAt(n - 4) == 'e' && t.charAt(n - 3) == '-' && t.charAt(n - 2) == '0') {
                t = t.substring(0, n - 2) + t.charAt(n - 1);
            }
            return t;
        }
        return shortest(d, 'f', false);
    }

    /**
     * The shortest decimal that reads back as {@code a} (positive, finite), as strconv finds it:
     * Java's toString digits, or a one-digit candidate where toString insists on two.
     */
    static BigDecimal shortestDecimal(double a, boolean f32) {
        BigDecimal bd = new BigDecimal(f32 ? Float.toString((float) a) : Double.toString(a)).stripTrailingZeros();
        if (bd.precision() == 2) {
            BigDecimal exact = new BigDecimal(a);
            BigDecimal best = null;
            for (java.math.RoundingMode m : new java.math.RoundingMode[] {java.math.RoundingMode.FLOOR, java.math.RoundingMode.CEILING}) {
                BigDecimal c = bd.round(new java.math.MathContext(1, m));
                boolean same = f32 ? Float.parseFloat(c.toString()) == (float) a : Double.parseDouble(c.toString()) == a;
                if (same && (best == null || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) best = c;
            }
            if (best != null) bd = best.stripTrailingZeros();
        }
        return bd;
    }

    /**
     * strconv.FormatFloat(d, fmt, -1, 64 or 32) for fmt 'e', 'f' or 'g'. Java's toString gives
     * the shortest digits too, except that it never returns a single digit (Double.MIN_VALUE is
     * "4.9E-324" where Go writes 5e-324), so a one-digit candidate is tried.
     */
    static String shortest(double d, char fmt, boolean f32) {
        boolean neg = d < 0 || (d == 0 && 1 / d < 0);
        double a = Math.abs(d);
        String digits;
        int dp;
        if (a == 0) {
            digits = "0";
            dp = 1;
        } else {
            BigDecimal bd = shortestDecimal(a, f32);
            digits = bd.unscaledValue().toString();
            dp = digits.length() - bd.scale();
        }
        StringBuilder sb = new StringBuilder();
        if (neg) sb.append('-');
        int nd = digits.length();
        boolean e = fmt == 'e' || (fmt == 'g' && (dp - 1 < -4 || dp - 1 >= 6));
        if (a == 0 && fmt == 'g') e = false;
        if (e) {
            sb.append(digits.charAt(0));
            if (nd > 1) sb.append('.').append(digits, 1, nd);
            int exp = a == 0 ? 0 : dp - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            if (Math.abs(exp) < 10) sb.append('0');
            sb.append(Math.abs(exp));
        } else if (dp <= 0) {
            sb.append("0.").append("0".repeat(-dp)).append(digits);
        } else if (dp >= nd) {
            sb.append(digits).append("0".repeat(dp - nd));
        } else {
            sb.append(digits, 0, dp).append('.').append(digits, dp, nd);
        }
        return sb.toString();
    }
}
