package dev.ecsguard.rego.builtins;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Go {@code regexp} semantics on top of RE2J: the "All" iteration rule (no empty match right after
 * a previous match), {@code ReplaceAllString} with Go's {@code $name} / {@code ${name}} expansion,
 * and {@code Split}. Positions are UTF-16 indexes; an empty match advances by one code point, as
 * Go advances by one rune.
 */
final class RegexSupport {
    private RegexSupport() {}

    /** A compiled pattern plus its group names (index → name, null when unnamed) and program size estimate. */
    record Compiled(Pattern pattern, String[] groupNames, long size) implements BuiltinCache.Weighed {
        @Override public long weight() { return size; }
    }

    /** Thrown for patterns Go's regexp rejects; message is Go's text. */
    static final class BadPattern extends RuntimeException {
        BadPattern(String message) { super(message, null, false, false); }
    }

    /** Thrown for patterns Go accepts but that exceed one of the engine's limits (see {@link RegexShape}). */
    static final class PatternLimit extends RuntimeException {
        PatternLimit(String message) { super(message, null, false, false); }
    }

    /**
     * Go's limits (nested repeats, height) and the engine's (program size, group depth), checked
     * before RE2J sees the pattern; returns the program size estimate.
     */
    static long checkLimits(String pattern) {
        RegexShape.Result shape = RegexShape.analyse(pattern);
        if (shape.badRepeat() != null) {
            throw new BadPattern("error parsing regexp: invalid repeat count: `" + shape.badRepeat() + "`");
        }
        if (shape.tooDeep()) throw new BadPattern("error parsing regexp: expression nests too deeply: `" + pattern + "`");
        if (shape.groupsTooDeep()) {
            throw new PatternLimit("regular expression nests groups deeper than the limit (" + RegexShape.MAX_GROUP_DEPTH + ")");
        }
        if (shape.tooLarge()) {
            throw new PatternLimit("regular expression exceeds the program size limit (about " + shape.size()
                    + " instructions, limit " + RegexShape.MAX_PROGRAM_SIZE + ")");
        }
        return shape.size();
    }

    /** Compiles (uncached) with Go's error text on failure. */
    static Compiled compile(String pattern) {
        long size = checkLimits(pattern);
        Map<String, String> renamed = Map.of();
        // A '{' that does not begin a well-formed repeat is a literal in Go; RE2J sometimes takes
        // it for a repetition operator ("a{*", "a{{2}"), so such braces are escaped for RE2J.
        String re2 = escapeLiteralBraces(pattern);
        Pattern p;
        try {
            p = Pattern.compile(re2);
        } catch (PatternSyntaxException e) {
            String msg = e.getMessage().replace("`" + re2 + "`", "`" + pattern + "`");
            if (msg.contains("duplicate capture group name")) {
                // Go (1.22+) accepts a name used by several groups; RE2J does not: compile with the
                // later ones renamed, and report the original names.
                renamed = new HashMap<>();
                String unique = renameDuplicateGroups(re2, renamed);
                try {
                    p = Pattern.compile(unique);
                    msg = null;
                } catch (PatternSyntaxException e2) {
                    msg = e2.getMessage().replace("`" + unique + "`", "`" + pattern + "`");
                    for (Map.Entry<String, String> r : renamed.entrySet()) msg = msg.replace(r.getKey(), r.getValue());
                    p = null;
                }
            } else {
                p = null;
            }
            if (p == null) {
                // Quoted fragments of the escaped pattern: undo the escapes (exact when the pattern had none).
                if (!re2.equals(pattern) && !pattern.contains("\\{")) msg = msg.replace("\\{", "{");
                // Go's syntax.Error always quotes its (here empty) expression: "...: ``"; RE2J drops it.
                if (msg.endsWith("trailing backslash at end of expression")) msg += ": ``";
                // An unmatched ')': RE2J fails inside its parser, Go reports ErrUnexpectedParen.
                if (msg.endsWith("internal error: `stack underflow`")) msg = "error parsing regexp: unexpected ): `" + pattern + "`";
                throw new BadPattern(msg);
            }
        }
        String[] names = new String[p.groupCount() + 1];
        for (Map.Entry<String, Integer> e : p.namedGroups().entrySet()) {
            names[e.getValue()] = renamed.getOrDefault(e.getKey(), e.getKey());
        }
        return new Compiled(p, names, size);
    }

    /**
     * Go's parseRepeat at {@code i} (a '{'): {min, max (-1: none), index after '}'}, or null when
     * the text is not a repeat and the '{' is a literal. No leading zeros; numbers over 1e8 give -1.
     */
    static int[] parseRepeat(String s, int i) {
        int n = s.length();
        if (i >= n || s.charAt(i) != '{') return null;
        int[] num = parseRepeatInt(s, i + 1);
        if (num == null) return null;
        int min = num[0], max, k = num[1];
        if (k >= n) return null;
        if (s.charAt(k) != ',') {
            max = min;
        } else {
            k++;
            if (k >= n) return null;
            if (s.charAt(k) == '}') {
                max = -1;
            } else {
                int[] m = parseRepeatInt(s, k);
                if (m == null) return null;
                max = m[0];
                k = m[1];
                if (max < 0) min = -1;
            }
        }
        if (k >= n || s.charAt(k) != '}') return null;
        return new int[]{min, max, k + 1};
    }

    private static int[] parseRepeatInt(String s, int i) {
        int n = s.length();
        if (i >= n || s.charAt(i) < '0' || s.charAt(i) > '9') return null;
        if (i + 1 < n && s.charAt(i) == '0' && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '9') return null;
        int k = i, v = 0;
        while (k < n && s.charAt(k) >= '0' && s.charAt(k) <= '9') {
            if (v >= 0) v = v >= 100_000_000 ? -1 : v * 10 + (s.charAt(k) - '0');
            k++;
        }
        return new int[]{v, k};
    }

    /** The pattern with each '{' that Go reads as a literal (outside classes and \\Q..\\E) escaped. */
    static String escapeLiteralBraces(String pattern) {
        if (pattern.indexOf('{') < 0) return pattern;
        StringBuilder out = null;
        int n = pattern.length();
        boolean inClass = false;
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < n) {
                if (pattern.charAt(i + 1) == 'Q' && !inClass) {
                    int end = pattern.indexOf("\\E", i + 2);
                    int stop = end < 0 ? n : end + 2;
                    if (out != null) out.append(pattern, i, stop);
                    i = stop - 1;
                    continue;
                }
                int end = i + 2;
                char e = pattern.charAt(i + 1);
                if ((e == 'p' || e == 'P' || e == 'x') && end < n && pattern.charAt(end) == '{') {
                    int close = pattern.indexOf('}', end);
                    end = close < 0 ? n : close + 1;     // \p{Name}, \x{hex}: the braces are the escape's
                }
                if (out != null) out.append(pattern, i, end);
                i = end - 1;
                continue;
            }
            if (inClass) {
                if (c == '[' && pattern.startsWith("[:", i) && pattern.indexOf(":]", i + 2) > 0) {
                    int end = pattern.indexOf(":]", i + 2) + 2;
                    if (out != null) out.append(pattern, i, end);
                    i = end - 1;
                    continue;
                }
                if (c == ']') inClass = false;
            } else if (c == '[') {
                inClass = true;
                int k = i + 1;
                if (k < n && pattern.charAt(k) == '^') k++;
                if (k < n && pattern.charAt(k) == ']') k++;
                if (out != null) out.append(pattern, i, k);
                i = k - 1;
                continue;
            } else if (c == '{' && parseRepeat(pattern, i) == null && !(i >= 2 && pattern.startsWith("(?", i - 2))) {
                if (out == null) out = new StringBuilder(n + 8).append(pattern, 0, i);
                out.append("\\{");
                continue;
            }
            if (out != null) out.append(c);
        }
        return out == null ? pattern : out.toString();
    }

    /**
     * The pattern with every repeated group name ({@code (?P<x>} / {@code (?<x>}) after the first
     * replaced by a fresh one; {@code renamed} maps fresh names to the original.
     */
    static String renameDuplicateGroups(String pattern, Map<String, String> renamed) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        StringBuilder out = new StringBuilder(pattern.length() + 16);
        int n = pattern.length();
        boolean inClass = false;
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < n) {
                if (pattern.charAt(i + 1) == 'Q') {
                    int end = pattern.indexOf("\\E", i + 2);
                    int stop = end < 0 ? n : end + 2;
                    out.append(pattern, i, stop);
                    i = stop - 1;
                } else {
                    out.append(c).append(pattern.charAt(i + 1));
                    i++;
                }
                continue;
            }
            if (inClass) {
                if (c == '[' && pattern.startsWith("[:", i)) {
                    int end = pattern.indexOf(":]", i + 2);
                    if (end >= 0) {
                        out.append(pattern, i, end + 2);
                        i = end + 1;
                        continue;
                    }
                }
                if (c == ']') inClass = false;
                out.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                // a ']' right after '[' or '[^' is a literal
                if (i + 1 < n && pattern.charAt(i + 1) == '^') out.append(pattern.charAt(++i));
                if (i + 1 < n && pattern.charAt(i + 1) == ']') out.append(pattern.charAt(++i));
                continue;
            }
            int nameStart = pattern.startsWith("(?P<", i) ? i + 4 : pattern.startsWith("(?<", i) ? i + 3 : -1;
            int close = nameStart < 0 ? -1 : pattern.indexOf('>', nameStart);
            if (close < 0) {
                out.append(c);
                continue;
            }
            String name = pattern.substring(nameStart, close);
            out.append(pattern, i, nameStart);
            if (seen.add(name)) {
                out.append(name);
            } else {
                String fresh;
                int k = renamed.size();
                do fresh = name + "_dup" + k++; while (pattern.contains(fresh) || renamed.containsKey(fresh));
                renamed.put(fresh, name);
                out.append(fresh);
            }
            out.append('>');
            i = close;
        }
        return out.toString();
    }

    /** Cached per policy; a bad pattern is cached as its error. */
    static Compiled get(BuiltinContext ctx, String builtin, String pattern) {
        return unwrap(builtin, compiled(ctx, "regex", pattern, RegexSupport::compile));
    }

    /**
     * The cached outcome of compiling key in namespace: a {@link Compiled}, or the {@link BadPattern}
     * or {@link PatternLimit} it failed with. Compiling is charged one step per {@value WorkLimits#UNIT}
     * characters of pattern text.
     */
    static <K> Object compiled(BuiltinContext ctx, String namespace, K key, java.util.function.Function<K, ?> compiler) {
        return ctx.cached(namespace, key, k -> {
            ctx.charge(k.toString().length() / WorkLimits.UNIT);
            try {
                return compiler.apply(k);
            } catch (BadPattern | PatternLimit e) {
                return e;
            }
        });
    }

    /** The compiled pattern, or the builtin error its compilation failed with. */
    static Compiled unwrap(String builtin, Object o) {
        return (Compiled) checked(builtin, o);
    }

    /** A cached outcome of {@link #compiled} as it is, or the builtin error it stands for. */
    static Object checked(String builtin, Object o) {
        if (o instanceof BadPattern e) throw BuiltinException.failure(builtin, e.getMessage());
        if (o instanceof PatternLimit e) throw BuiltinException.limit(e.getMessage());
        return o;
    }

    /** The text the matcher reads: guarded (charged, deadline-checked) when the work is large. */
    static CharSequence input(Compiled c, String s, BuiltinContext ctx) {
        return GuardedText.of(s, c.size(), ctx);
    }

    static boolean matches(Compiled c, String s, BuiltinContext ctx) {
        return c.pattern.matcher(input(c, s, ctx)).find();
    }

    private static int[] groups(Matcher m, int ngroups) {
        int[] a = new int[2 * (ngroups + 1)];
        for (int g = 0; g <= ngroups; g++) {
            a[2 * g] = m.start(g);
            a[2 * g + 1] = m.end(g);
        }
        return a;
    }

    /** Go's allMatches: up to n matches (n < 0: all), each as group index pairs (-1 when unset). */
    static List<int[]> findAll(Compiled c, String s, int n, BuiltinContext ctx) {
        List<int[]> out = new ArrayList<>();
        if (n < 0) n = Integer.MAX_VALUE;
        int end = s.length();
        int ngroups = c.pattern.groupCount();
        Matcher m = c.pattern.matcher(input(c, s, ctx));
        int pos = 0, prevMatchEnd = -1;
        long elements = 0, checked = 0;
        while (out.size() < n && pos <= end) {
            if (!m.find(pos)) break;
            int ms = m.start(), me = m.end();
            boolean accept = true;
            if (me == pos) {
                if (ms == prevMatchEnd) accept = false;
                pos = pos < end ? pos + Character.charCount(s.codePointAt(pos)) : end + 1;
            } else {
                pos = me;
            }
            prevMatchEnd = me;
            if (accept) {
                out.add(groups(m, ngroups));
                elements += ngroups + 1;
                // Each match becomes a result element per group: charge and bound them as they come.
                if (ctx != null && elements - checked >= 1024) {
                    ctx.charge(elements - checked);
                    checked = elements;
                    WorkLimits.collection(ctx, elements);
                }
            }
        }
        return out;
    }

    /** Go's Regexp.Split(s, -1). */
    static List<String> split(Compiled c, String s, BuiltinContext ctx) {
        List<String> out = new ArrayList<>();
        if (!c.pattern.pattern().isEmpty() && s.isEmpty()) {
            out.add("");
            return out;
        }
        int beg = 0, end = 0;
        for (int[] match : findAll(c, s, -1, ctx)) {
            end = match[0];
            if (match[1] != 0) out.add(s.substring(beg, end));
            beg = match[1];
        }
        if (end != s.length()) out.add(s.substring(beg));
        return out;
    }

    /** Go's ReplaceAllString(src, template). */
    static String replaceAll(Compiled c, String src, String template, BuiltinContext ctx) {
        StringBuilder buf = new StringBuilder(src.length());
        int ngroups = c.pattern.groupCount();
        Matcher m = c.pattern.matcher(input(c, src, ctx));
        int lastMatchEnd = 0, searchPos = 0, endPos = src.length();
        long produced = 0;
        while (searchPos <= endPos) {
            if (!m.find(searchPos)) break;
            int a0 = m.start(), a1 = m.end();
            buf.append(src, lastMatchEnd, a0);
            if (a1 > lastMatchEnd || a0 == 0) {
                int before = buf.length();
                expand(buf, template, src, groups(m, ngroups), c.groupNames);
                produced += buf.length() - before + 1;
                if (ctx != null && produced > WorkLimits.FREE) {
                    ctx.charge(produced / WorkLimits.UNIT);
                    produced = 0;
                    WorkLimits.checkGrowth(ctx, buf);
                }
            }
            lastMatchEnd = a1;
            int width = searchPos < endPos ? Character.charCount(src.codePointAt(searchPos)) : 0;
            if (searchPos + width > a1) searchPos += width;
            else if (searchPos + 1 > a1) searchPos++;
            else searchPos = a1;
        }
        buf.append(src, lastMatchEnd, src.length());
        return buf.toString();
    }

    /** Go's Regexp.expand: $1, $name, ${name}, $$; malformed references stay a literal '$'. */
    static void expand(StringBuilder dst, String template, String src, int[] match, String[] names) {
        int i = 0, n = template.length();
        while (i < n) {
            int d = template.indexOf('$', i);
            if (d < 0) break;
            dst.append(template, i, d);
            i = d + 1;
            if (i < n && template.charAt(i) == '$') {
                dst.append('$');
                i++;
                continue;
            }
            // extract
            int j = i;
            boolean brace = false;
            if (j < n && template.charAt(j) == '{') {
                brace = true;
                j++;
            }
            int nameStart = j;
            while (j < n) {
                int cp = template.codePointAt(j);
                if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') break;
                j += Character.charCount(cp);
            }
            if (j == nameStart || (brace && (j >= n || template.charAt(j) != '}'))) {
                dst.append('$');
                continue;
            }
            int nameEnd = j;
            if (brace) j++;
            i = j;
            // a group number is read in place: no string per reference ("$0" x 1000 per match)
            int num = 0;
            for (int k = nameStart; k < nameEnd; k++) {
                char ch = template.charAt(k);
                if (ch < '0' || ch > '9' || num >= 100_000_000) {
                    num = -1;
                    break;
                }
                num = num * 10 + (ch - '0');
            }
            if (template.charAt(nameStart) == '0' && nameEnd - nameStart > 1) num = -1;
            String name = num >= 0 ? null : template.substring(nameStart, nameEnd);
            if (num >= 0) {
                if (2 * num + 1 < match.length && match[2 * num] >= 0) {
                    dst.append(src, match[2 * num], match[2 * num + 1]);
                }
            } else {
                // Go: the first group of that name that took part in the match (names can repeat).
                for (int g = 1; g < names.length; g++) {
                    if (name.equals(names[g]) && match[2 * g] >= 0) {
                        dst.append(src, match[2 * g], match[2 * g + 1]);
                        break;
                    }
                }
            }
        }
        dst.append(template, i, n);
    }

    /** Go's regexp.QuoteMeta. */
    static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder(s.length() * 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }

    /** OPA's regex template compiler (forked from gorilla/mux): literal text plus {regex} parts, anchored. */
    static Compiled compileTemplate(String tpl, char delimStart, char delimEnd) {
        // Delimiters are single bytes in Go; we compare chars (same for ASCII delimiters).
        List<Integer> idxs = new ArrayList<>();
        int level = 0, idx = 0;
        for (int i = 0; i < tpl.length(); i++) {
            char ch = tpl.charAt(i);
            if (ch == delimStart) {
                if (++level == 1) idx = i;
            } else if (ch == delimEnd) {
                if (--level == 0) {
                    idxs.add(idx);
                    idxs.add(i + 1);
                } else if (level < 0) {
                    throw new BadPattern("unbalanced braces in " + goQuote(tpl));
                }
            }
        }
        if (level != 0) throw new BadPattern("unbalanced braces in " + goQuote(tpl));
        StringBuilder pattern = new StringBuilder("^");
        int end = 0;
        for (int i = 0; i < idxs.size(); i += 2) {
            String raw = tpl.substring(end, idxs.get(i));
            end = idxs.get(i + 1);
            String patt = tpl.substring(idxs.get(i) + 1, end - 1);
            pattern.append(quoteMeta(raw)).append('(').append(patt).append(')');
            compile("^" + patt + "$");
        }
        pattern.append(quoteMeta(tpl.substring(end))).append('$');
        return compile(pattern.toString());
    }

    /** Go's %q for a string (strconv.Quote). */
    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case 11 -> sb.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) sb.append(String.format("\\x%02x", cp));
                    else if (!Character.isDefined(cp) || Character.getType(cp) == Character.FORMAT
                            || Character.getType(cp) == Character.SURROGATE || Character.getType(cp) == Character.PRIVATE_USE
                            || (Character.isWhitespace(cp) && cp != ' ') || Character.getType(cp) == Character.CONTROL) {
                        if (cp < 0x10000) sb.append(String.format("\\u%04x", cp));
                        else sb.append(String.format("\\U%08x", cp));
                    } else sb.appendCodePoint(cp);
                }
            }
        }
        return sb.append('"').toString();
    }
}
