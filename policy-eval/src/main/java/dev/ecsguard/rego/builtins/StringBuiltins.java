package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The string builtins of topdown/strings.go with Go semantics: positions and lengths in code
 * points, case mapping rune by rune (no length-changing mappings), Go's Trim/Split/Replacer rules.
 */
public final class StringBuiltins implements BuiltinNamespace {
    private static final Type STRINGS = Type.anyOf(Type.arrayOf(Type.STRING), Type.setOf(Type.STRING));
    private static final Type STRING_OR_STRINGS = Type.anyOf(Type.STRING, Type.arrayOf(Type.STRING), Type.setOf(Type.STRING));

    @Override
    public void register(BuiltinRegistry r) {
        r.register("concat", Type.STRING, (a, ctx) -> concat(str("concat", a[0], 1), a[1], ctx), Type.STRING, STRINGS);
        r.register("contains", Type.BOOLEAN, (a, ctx) -> BooleanValue.of(
                str("contains", a[0], 1).contains(str("contains", a[1], 2))), Type.STRING, Type.STRING);
        r.register("startswith", Type.BOOLEAN, (a, ctx) -> BooleanValue.of(
                str("startswith", a[0], 1).startsWith(str("startswith", a[1], 2))), Type.STRING, Type.STRING);
        r.register("endswith", Type.BOOLEAN, (a, ctx) -> BooleanValue.of(
                str("endswith", a[0], 1).endsWith(str("endswith", a[1], 2))), Type.STRING, Type.STRING);
        r.register("format_int", Type.STRING, (a, ctx) -> formatInt(a[0], a[1]), Type.NUMBER, Type.NUMBER);
        r.register("indexof", Type.NUMBER, (a, ctx) -> indexOf(str("indexof", a[0], 1), str("indexof", a[1], 2)),
                Type.STRING, Type.STRING);
        r.register("indexof_n", Type.arrayOf(Type.NUMBER), (a, ctx) ->
                indexOfN(str("indexof_n", a[0], 1), str("indexof_n", a[1], 2), ctx), Type.STRING, Type.STRING);
        r.register("lower", Type.STRING, (a, ctx) -> {
            String s = str("lower", a[0], 1);
            String l = lower(s);
            return l == s ? a[0] : StringValue.of(l);
        }, Type.STRING);
        r.register("upper", Type.STRING, (a, ctx) -> {
            String s = str("upper", a[0], 1);
            String u = upper(s);
            return u == s ? a[0] : StringValue.of(u);
        }, Type.STRING);
        r.register("replace", Type.STRING, (a, ctx) -> {
            String s = str("replace", a[0], 1), old = str("replace", a[1], 2), neu = str("replace", a[2], 3);
            if (old.isEmpty()) {
                // neu before every rune and at the end: the result's length is known before building it
                WorkLimits.produced(ctx, s.length() + (long) neu.length() * (s.codePointCount(0, s.length()) + 1));
                return StringValue.of(insertBetweenRunes(s, neu));
            }
            if (!s.contains(old)) return a[0];
            if (neu.length() > old.length()) {
                long count = 0;
                for (int i = s.indexOf(old); i >= 0; i = s.indexOf(old, i + old.length())) count++;
                WorkLimits.produced(ctx, s.length() + count * (neu.length() - old.length()));
            }
            return StringValue.of(s.replace(old, neu));
        }, Type.STRING, Type.STRING, Type.STRING);
        r.register("strings.replace_n", Type.STRING, (a, ctx) -> replaceN(a[0], a[1], ctx),
                Type.objectOf(Type.STRING, Type.STRING), Type.STRING);
        r.register("split", Type.arrayOf(Type.STRING), (a, ctx) -> split(a[0], str("split", a[0], 1), str("split", a[1], 2), ctx),
                Type.STRING, Type.STRING);
        r.register("sprintf", Type.STRING, (a, ctx) -> {
            String f = str("sprintf", a[0], 1);
            if (!(a[1] instanceof ArrayValue arr)) throw BuiltinException.operand("sprintf", 2, "array", a[1]);
            return StringValue.of(StringSprintf.format(f, arr, ctx));
        }, Type.STRING, Type.ARRAY_ANY);
        r.register("substring", Type.STRING, (a, ctx) -> substring(a[0], str("substring", a[0], 1),
                ArithmeticBuiltins.intOperand("substring", a[1], 2), ArithmeticBuiltins.intOperand("substring", a[2], 3)),
                Type.STRING, Type.NUMBER, Type.NUMBER);
        r.register("trim", Type.STRING, (a, ctx) -> same(a[0], trim(str("trim", a[0], 1), str("trim", a[1], 2), true, true)),
                Type.STRING, Type.STRING);
        r.register("trim_left", Type.STRING, (a, ctx) -> same(a[0],
                trim(str("trim_left", a[0], 1), str("trim_left", a[1], 2), true, false)), Type.STRING, Type.STRING);
        r.register("trim_right", Type.STRING, (a, ctx) -> same(a[0],
                trim(str("trim_right", a[0], 1), str("trim_right", a[1], 2), false, true)), Type.STRING, Type.STRING);
        r.register("trim_prefix", Type.STRING, (a, ctx) -> {
            String s = str("trim_prefix", a[0], 1), p = str("trim_prefix", a[1], 2);
            return s.startsWith(p) && !p.isEmpty() ? StringValue.of(s.substring(p.length())) : a[0];
        }, Type.STRING, Type.STRING);
        r.register("trim_suffix", Type.STRING, (a, ctx) -> {
            String s = str("trim_suffix", a[0], 1), p = str("trim_suffix", a[1], 2);
            return s.endsWith(p) && !p.isEmpty() ? StringValue.of(s.substring(0, s.length() - p.length())) : a[0];
        }, Type.STRING, Type.STRING);
        r.register("trim_space", Type.STRING, (a, ctx) -> same(a[0], trimSpace(str("trim_space", a[0], 1))), Type.STRING);
        r.register("strings.any_prefix_match", Type.BOOLEAN, (a, ctx) -> {
            List<String> s = stringList("strings.any_prefix_match", a[0], 1);
            List<String> p = stringList("strings.any_prefix_match", a[1], 2);
            for (String x : s) for (String y : p) if (x.startsWith(y)) return BooleanValue.TRUE;
            return BooleanValue.FALSE;
        }, STRING_OR_STRINGS, STRING_OR_STRINGS);
        r.register("strings.any_suffix_match", Type.BOOLEAN, (a, ctx) -> {
            List<String> s = stringList("strings.any_suffix_match", a[0], 1);
            List<String> p = stringList("strings.any_suffix_match", a[1], 2);
            for (String x : s) for (String y : p) if (x.endsWith(y)) return BooleanValue.TRUE;
            return BooleanValue.FALSE;
        }, STRING_OR_STRINGS, STRING_OR_STRINGS);
        r.register("strings.reverse", Type.STRING, (a, ctx) -> {
            String s = str("strings.reverse", a[0], 1);
            int[] cps = s.codePoints().toArray();
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = cps.length - 1; i >= 0; i--) sb.appendCodePoint(cps[i]);
            return StringValue.of(sb.toString());
        }, Type.STRING);
        r.register("strings.count", Type.NUMBER, (a, ctx) -> {
            String s = str("strings.count", a[0], 1), sub = str("strings.count", a[1], 2);
            if (sub.isEmpty()) return NumberValue.of(s.codePointCount(0, s.length()) + 1);
            int n = 0;
            for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) n++;
            return NumberValue.of(n);
        }, Type.STRING, Type.STRING);
        r.register("strings.render_template", Type.STRING, (a, ctx) -> {
            String t = str("strings.render_template", a[0], 1);
            ObjectValue vars = ObjectBuiltins.object("strings.render_template", a[1], 2);
            return StringValue.of(StringTemplate.render(t, vars, ctx));
        }, Type.STRING, Type.objectOf(Type.STRING, Type.ANY));
    }

    static String str(String builtin, Value v, int pos) {
        if (v instanceof StringValue s) return s.value();
        throw BuiltinException.operand(builtin, pos, "string", v);
    }

    private static Value same(Value original, String result) {
        return result.equals(((StringValue) original).value()) ? original : StringValue.of(result);
    }

    private static Value concat(String sep, Value coll, BuiltinContext ctx) {
        List<Value> items;
        if (coll instanceof ArrayValue a) items = a.asList();
        else if (coll instanceof SetValue s) items = s.asList();
        else throw BuiltinException.type("concat", "operand 2 must be one of {set, array} but got " + coll.typeName());
        long len = 0;
        for (Value v : items) {
            if (!(v instanceof StringValue s)) {
                String t = coll.typeName();
                throw BuiltinException.type("concat", "operand 2 must be " + t + " of strings but got " + t
                        + " containing " + v.typeName());
            }
            len += s.value().length() + sep.length();
        }
        if (items.isEmpty()) return StringValue.EMPTY;
        if (items.size() == 1) return items.get(0);
        WorkLimits.produced(ctx, len);
        StringBuilder sb = new StringBuilder((int) Math.min(len, Integer.MAX_VALUE - 8));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append(sep);
            sb.append(((StringValue) items.get(i)).value());
        }
        return StringValue.of(sb.toString());
    }

    private static Value formatInt(Value in, Value b) {
        if (!(in instanceof NumberValue n)) throw BuiltinException.operand("format_int", 1, "number", in);
        if (!(b instanceof NumberValue base)) throw BuiltinException.operand("format_int", 2, "number", b);
        int radix = 0;
        if (base.isLong() && base.literal() == null) {
            long v = base.longValue();
            if (v == 2 || v == 8 || v == 10 || v == 16) radix = (int) v;
        }
        if (radix == 0) throw BuiltinException.type("format_int", "operand 2 must be one of {2, 8, 10, 16}");
        if (n.isLong() && (n.literal() == null || n.literal().equals("-0"))) {
            return StringValue.of(Long.toString(n.longValue(), radix));
        }
        BigInteger i = ArithmeticFloat.of(n).toBigInteger();
        return StringValue.of(i.toString(radix));
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }

    private static Value indexOf(String base, String search) {
        if (search.isEmpty()) throw BuiltinException.failure("indexof", "empty search character");
        int i = base.indexOf(search);
        if (i <= 0 || isAscii(base)) return NumberValue.of(i);
        return NumberValue.of(base.codePointCount(0, i));
    }

    private static Value indexOfN(String base, String search, BuiltinContext ctx) {
        if (search.isEmpty()) throw BuiltinException.failure("indexof_n", "empty search character");
        List<Value> out = new ArrayList<>();
        boolean ascii = isAscii(base);
        int cpBefore = 0, last = 0;
        for (int i = base.indexOf(search); i >= 0; i = base.indexOf(search, i + Character.charCount(base.codePointAt(i)))) {
            if ((out.size() & 1023) == 1023) WorkLimits.checkCollection(ctx, out.size());
            if (!ascii) {
                cpBefore += base.codePointCount(last, i);
                last = i;
                out.add(NumberValue.of(cpBefore));
            } else {
                out.add(NumberValue.of(i));
            }
        }
        return ArrayValue.of(out);
    }

    /**
     * Letters whose case pairs Unicode 16 added (Java 25 knows them; Go, so OPA 1.4.2, has Unicode
     * 15 tables, where they map to themselves): U+019B/A7DC, U+0264/A7CB, U+1C89/1C8A, U+A7CC/A7CD,
     * U+A7DA/A7DB and Garay U+10D50-10D65/10D70-10D85.
     */
    static boolean caseMappedInUnicode16Only(int c) {
        return c == 0x019B || c == 0x0264 || c == 0x1C89 || c == 0x1C8A || (c >= 0xA7CB && c <= 0xA7CD)
                || (c >= 0xA7DA && c <= 0xA7DC) || (c >= 0x10D50 && c <= 0x10D65) || (c >= 0x10D70 && c <= 0x10D85);
    }

    /** Go's strings.ToLower: simple (one-to-one) case mapping per rune. */
    static String lower(String s) {
        return mapCase(s, 'A', 'Z', Character::toLowerCase);
    }

    /** Go's strings.ToUpper: simple case mapping per rune ("ß" stays "ß"). */
    static String upper(String s) {
        return mapCase(s, 'a', 'z', Character::toUpperCase);
    }

    /**
     * s with every rune mapped (one code point to one, as Go's unicode.To does); ASCII outside
     * first..last is left alone without a copy, and s itself is returned when nothing changed.
     */
    private static String mapCase(String s, char first, char last, java.util.function.IntUnaryOperator map) {
        int i = 0, n = s.length();
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= first && c <= last)) break;
        }
        if (i == n) return s;
        StringBuilder sb = new StringBuilder(n);
        sb.append(s, 0, i);
        while (i < n) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            sb.appendCodePoint(caseMappedInUnicode16Only(c) ? c : map.applyAsInt(c));
        }
        String r = sb.toString();
        return r.equals(s) ? s : r;
    }

    /** Occurrences of a non-empty needle, not overlapping. */
    private static long count(String s, String needle) {
        long n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) n++;
        return n;
    }

    private static Value split(Value original, String s, String delim, BuiltinContext ctx) {
        if (!s.contains(delim)) return ArrayValue.of(original);
        // the parts are counted before they are made
        WorkLimits.checkCollection(ctx, delim.isEmpty() ? s.codePointCount(0, s.length()) : count(s, delim) + 1);
        List<Value> out = new ArrayList<>();
        if (delim.isEmpty()) {
            for (int i = 0; i < s.length(); ) {
                int c = s.codePointAt(i);
                int next = i + Character.charCount(c);
                out.add(StringValue.of(s.substring(i, next)));
                i = next;
            }
            return ArrayValue.of(out);
        }
        int from = 0;
        while (true) {
            int i = s.indexOf(delim, from);
            if (i < 0) break;
            out.add(StringValue.of(s.substring(from, i)));
            from = i + delim.length();
        }
        out.add(StringValue.of(s.substring(from)));
        return ArrayValue.of(out);
    }

    private static Value substring(Value original, String s, long start, long length) {
        if (start < 0) throw BuiltinException.failure("substring", "negative offset");
        if (s.isEmpty()) return StringValue.EMPTY;
        if (isAscii(s)) {
            if (start >= s.length()) return StringValue.EMPTY;
            if (length < 0) return StringValue.of(s.substring((int) start));
            if (start == 0 && length >= s.length()) return original;
            long upto = Math.min(s.length(), start + length);
            return StringValue.of(s.substring((int) start, (int) upto));
        }
        int cps = s.codePointCount(0, s.length());
        if (start == 0 && length >= cps) return original;
        if (start >= cps) return StringValue.EMPTY;
        int from = s.offsetByCodePoints(0, (int) start);
        if (length < 0) return StringValue.of(s.substring(from));
        long upto = Math.min(cps, start + length);
        int to = s.offsetByCodePoints(from, (int) (upto - start));
        return StringValue.of(s.substring(from, to));
    }

    /** Go's strings.Trim/TrimLeft/TrimRight: strip runes contained in cutset. */
    static String trim(String s, String cutset, boolean left, boolean right) {
        if (s.isEmpty() || cutset.isEmpty()) return s;
        int start = 0, end = s.length();
        if (left) {
            while (start < end) {
                int c = s.codePointAt(start);
                if (cutset.indexOf(c) < 0) break;
                start += Character.charCount(c);
            }
        }
        if (right) {
            while (end > start) {
                int c = s.codePointBefore(end);
                if (cutset.indexOf(c) < 0) break;
                end -= Character.charCount(c);
            }
        }
        return s.substring(start, end);
    }

    /** Go's unicode.IsSpace. */
    static boolean isSpace(int c) {
        if (c < 0x100) {
            return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
        }
        return c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f
                || c == 0x205f || c == 0x3000;
    }

    static String trimSpace(String s) {
        int start = 0, end = s.length();
        while (start < end) {
            int c = s.codePointAt(start);
            if (!isSpace(c)) break;
            start += Character.charCount(c);
        }
        while (end > start) {
            int c = s.codePointBefore(end);
            if (!isSpace(c)) break;
            end -= Character.charCount(c);
        }
        return s.substring(start, end);
    }

    private static List<String> stringList(String builtin, Value v, int pos) {
        List<String> out = new ArrayList<>();
        if (v instanceof StringValue s) {
            out.add(s.value());
            return out;
        }
        List<Value> items;
        if (v instanceof ArrayValue a) items = a.asList();
        else if (v instanceof SetValue s) items = s.asList();
        else throw BuiltinException.type(builtin, "operand " + pos + " must be one of {string, set, array} but got " + v.typeName());
        for (Value x : items) {
            if (!(x instanceof StringValue s)) {
                String t = v.typeName();
                throw BuiltinException.type(builtin, "operand " + pos + " must be " + t + " of strings but got " + t
                        + " containing " + x.typeName());
            }
            out.add(s.value());
        }
        return out;
    }

    /** strings.replace_n: Go's strings.NewReplacer with pairs in key order (earlier keys win at a position). */
    /** Go's strings.Replace(s, "", neu, -1): neu at the start, after each rune (not UTF-16 unit). */
    static String insertBetweenRunes(String s, String neu) {
        StringBuilder sb = new StringBuilder(s.length() + neu.length() * (s.length() + 1));
        sb.append(neu);
        for (int i = 0; i < s.length(); ) {
            int n = Character.charCount(s.codePointAt(i));
            sb.append(s, i, i + n).append(neu);
            i += n;
        }
        return sb.toString();
    }

    private static Value replaceN(Value p, Value sv, BuiltinContext ctx) {
        ObjectValue patterns = ObjectBuiltins.object("strings.replace_n", p, 1);
        String s = str("strings.replace_n", sv, 2);
        int n = patterns.size();
        String[] olds = new String[n], news = new String[n];
        for (int i = 0; i < n; i++) {
            if (!(patterns.keyAt(i) instanceof StringValue k)) {
                throw BuiltinException.type("strings.replace_n", "operand 1 non-string key found in pattern object");
            }
            if (!(patterns.valueAt(i) instanceof StringValue v)) {
                throw BuiltinException.type("strings.replace_n", "operand 1 non-string value found in pattern object");
            }
            olds[i] = k.value();
            news[i] = v.value();
        }
        if (n == 0) return StringValue.of(s);
        // Every key is tried at every position: charge that before starting, and bound the growth.
        ctx.charge((long) s.length() * n / WorkLimits.UNIT);
        StringBuilder sb = new StringBuilder(s.length());
        int last = 0;
        boolean prevMatchEmpty = false;
        int i = 0;
        while (i <= s.length()) {
            int match = -1;
            for (int k = 0; k < n; k++) {
                if (olds[k].isEmpty() && prevMatchEmpty) continue;
                if (s.startsWith(olds[k], i)) {
                    match = k;
                    break;
                }
            }
            if (match >= 0) {
                prevMatchEmpty = olds[match].isEmpty();
                sb.append(s, last, i).append(news[match]);
                WorkLimits.checkGrowth(ctx, sb);
                i += olds[match].length();
                last = i;
                continue;
            }
            prevMatchEmpty = false;
            if (i == s.length()) break;
            int cp = s.codePointAt(i);
            if (olds[0].isEmpty() && !news[0].isEmpty() && cp >= 0x80) {
                // Go's generic replacer steps by byte: the empty key (first in key order, so the
                // highest priority) also matches inside a multi-byte rune, splitting it into bytes
                // that are not UTF-8; each such byte reads back as U+FFFD (unless the insert is "").
                int bytes = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                sb.append(s, last, i).append('\uFFFD');
                for (int b = 1; b < bytes; b++) sb.append(news[0]).append('\uFFFD');
                WorkLimits.checkGrowth(ctx, sb);
                i += Character.charCount(cp);
                last = i;
                continue;
            }
            i += Character.charCount(cp);
        }
        sb.append(s, Math.min(last, s.length()), s.length());
        return StringValue.of(sb.toString());
    }
}
