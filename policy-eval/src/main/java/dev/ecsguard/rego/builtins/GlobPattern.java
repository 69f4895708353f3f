package dev.ecsguard.rego.builtins;

import com.google.re2j.Pattern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A glob in the syntax of the gobwas/glob library OPA's {@code glob.match} uses: {@code *} any run
 * of non-separators, {@code **} any run, {@code ?} one non-separator, {@code [abc]} / {@code [a-z]}
 * / {@code [!...]} one character (separators included), {@code {a,b}} alternatives, {@code \}
 * escapes. Syntax errors carry the library's reason and byte offset: "glob: syntax error at N:
 * reason".
 *
 * <p>A glob of literal text and stars only is matched segment by segment ({@link GlobSegments}),
 * in time linear in the text whatever the number of stars, as the library matches such globs;
 * any other glob becomes an anchored RE2J pattern (linear in the text times the pattern).
 */
final class GlobPattern {
    private GlobPattern() {}

    static final class GlobSyntaxException extends RuntimeException {
        GlobSyntaxException(int offset, String reason) {
            super("glob: syntax error at " + offset + ": " + reason, null, false, false);
        }
    }

    /** A compiled glob: its answer for a string, charging the work to the evaluation. */
    sealed interface Matcher extends BuiltinCache.Weighed permits GlobSegments, RegexGlob {
        boolean matches(String s, BuiltinContext ctx);
    }

    /** A glob compiled to an anchored regular expression. */
    record RegexGlob(RegexSupport.Compiled regex) implements Matcher {
        @Override public boolean matches(String s, BuiltinContext ctx) {
            return regex.pattern().matcher(RegexSupport.input(regex, s, ctx)).matches();
        }

        @Override public long weight() { return regex.weight(); }
    }

    /**
     * The glob's matcher: segments for literal text and stars, else an anchored RE2J pattern within
     * the regex limits ({@link RegexShape}); a syntax error is a {@link RegexSupport.BadPattern} with
     * the library's message.
     */
    static Matcher compile(String glob, int[] separators) {
        GlobSegments segments = GlobSegments.of(starsAndLiterals(glob), separators);
        if (segments != null) return segments;
        return new RegexGlob(compileRegex(glob, separators));
    }

    /** The glob as an anchored RE2J pattern (whatever its shape). */
    static RegexSupport.Compiled compileRegex(String glob, int[] separators) {
        String regex;
        try {
            regex = toRegex(glob, separators);
        } catch (GlobSyntaxException e) {
            throw new RegexSupport.BadPattern(e.getMessage());
        }
        long size = RegexSupport.checkLimits(regex);
        return new RegexSupport.Compiled(Pattern.compile(regex, Pattern.DOTALL), null, size);
    }

    /** {@code *} (stops at separators) or {@code **} (does not) in {@link #starsAndLiterals}. */
    enum Star { ANY, SUPER }

    /**
     * The glob as literal strings and {@link Star}s in order, or null when it has anything else
     * ({@code ? [ {}) or is not well formed (the regex path reports the error).
     */
    static List<Object> starsAndLiterals(String glob) {
        Lexer lex = new Lexer(glob);
        List<Object> pieces = new ArrayList<>();
        while (true) {
            Tok t = lex.next();
            switch (t.type) {
                case EOF -> { return pieces; }
                case TEXT -> pieces.add(t.data);
                case ANY -> pieces.add(Star.ANY);
                case SUPER -> pieces.add(Star.SUPER);
                default -> { return null; }
            }
        }
    }

    // ---- lexer (token stream as in the library, offsets in UTF-8 bytes) ----

    private enum T { EOF, ERROR, TEXT, ANY, SUPER, SINGLE, NOT, SEP, RANGE_OPEN, RANGE_CLOSE, RANGE_LO, RANGE_HI, RANGE_BETWEEN, TERMS_OPEN, TERMS_CLOSE }

    private record Tok(T type, String data) {}

    private static final class Lexer {
        final int[] cps;
        final int[] byteOff; // byte offset before code point i (length cps.length+1)
        int pos;             // code point index
        String err;
        int errPos;
        final ArrayDeque<Tok> tokens = new ArrayDeque<>();
        int termsLevel;
        boolean hasRune;

        Lexer(String s) {
            cps = s.codePoints().toArray();
            byteOff = new int[cps.length + 1];
            for (int i = 0; i < cps.length; i++) {
                byteOff[i + 1] = byteOff[i] + utf8Len(cps[i]);
            }
        }

        int offset() { return byteOff[pos]; }

        Tok next() {
            while (true) {
                if (err != null) return new Tok(T.ERROR, err);
                if (!tokens.isEmpty()) return tokens.poll();
                fetchItem();
            }
        }

        int read() {
            if (pos >= cps.length) return -1;
            return cps[pos++];
        }

        int peek() { return pos >= cps.length ? -1 : cps[pos]; }

        void unread(int r) { if (r != -1) pos--; }

        void fetchItem() {
            int r = read();
            if (r == -1) {
                tokens.add(new Tok(T.EOF, ""));
            } else if (r == '{') {
                termsLevel++;
                tokens.add(new Tok(T.TERMS_OPEN, "{"));
            } else if (r == ',' && termsLevel > 0) {
                tokens.add(new Tok(T.SEP, ","));
            } else if (r == '}' && termsLevel > 0) {
                tokens.add(new Tok(T.TERMS_CLOSE, "}"));
                termsLevel--;
            } else if (r == '[') {
                tokens.add(new Tok(T.RANGE_OPEN, "["));
                fetchRange();
            } else if (r == '?') {
                tokens.add(new Tok(T.SINGLE, "?"));
            } else if (r == '*') {
                int n = read();
                if (n == '*') {
                    tokens.add(new Tok(T.SUPER, "**"));
                } else {
                    unread(n);
                    tokens.add(new Tok(T.ANY, "*"));
                }
            } else {
                unread(r);
                fetchText(termsLevel > 0 ? "?*[{}," : "?*[{");
            }
        }

        void error(String reason) {
            err = reason;
        }

        void fetchRange() {
            boolean wantHi = false, wantClose = false, seenNot = false;
            while (true) {
                int r = read();
                if (r == -1) {
                    error("unexpected end of input");
                    return;
                }
                if (wantClose) {
                    if (r != ']') error("expected close range character");
                    else tokens.add(new Tok(T.RANGE_CLOSE, "]"));
                    return;
                }
                if (wantHi) {
                    tokens.add(new Tok(T.RANGE_HI, Character.toString(r)));
                    wantClose = true;
                    continue;
                }
                if (!seenNot && r == '!') {
                    tokens.add(new Tok(T.NOT, "!"));
                    seenNot = true;
                    continue;
                }
                if (peek() == '-') {
                    pos++;
                    tokens.add(new Tok(T.RANGE_LO, Character.toString(r)));
                    tokens.add(new Tok(T.RANGE_BETWEEN, "-"));
                    wantHi = true;
                    continue;
                }
                unread(r);
                fetchText("]");
                wantClose = true;
            }
        }

        void fetchText(String breakers) {
            StringBuilder data = new StringBuilder();
            boolean escaped = false;
            while (true) {
                int r = read();
                if (r == -1) {
                    if (escaped) error("trailing backslash");
                    break;
                }
                if (!escaped) {
                    if (r == '\\') {
                        escaped = true;
                        continue;
                    }
                    if (breakers.indexOf(r) >= 0) {
                        unread(r);
                        break;
                    }
                }
                escaped = false;
                data.appendCodePoint(r);
            }
            if (!data.isEmpty()) tokens.add(new Tok(T.TEXT, data.toString()));
        }
    }

    private static int utf8Len(int cp) {
        if (cp < 0x80) return 1;
        if (cp < 0x800) return 2;
        if (cp < 0x10000) return 3;
        return 4;
    }

    // ---- parser: builds a regular expression ----

    static String toRegex(String glob, int[] seps) {
        String sepClass = sepClass(seps);
        String star = sepClass == null ? ".*" : "[^" + sepClass + "]*";
        String single = sepClass == null ? "." : "[^" + sepClass + "]";
        Lexer lex = new Lexer(glob);
        // Stack of pieces (regex fragments); operators remember stack indexes, as the library does.
        List<String> stack = new ArrayList<>();
        List<int[]> ops = new ArrayList<>(); // {kind(0=terms,1=list), index}
        parsing:
        while (true) {
            Tok t = lex.next();
            switch (t.type) {
                case EOF -> { break parsing; }
                case ERROR -> throw new GlobSyntaxException(lex.offset(), t.data);
                case SINGLE -> stack.add(single);
                case TEXT -> stack.add(Pattern.quote(t.data));
                case RANGE_OPEN -> stack.add(parseRange(lex));
                case ANY -> stack.add(star);
                case SUPER -> stack.add(".*");
                case TERMS_OPEN -> {
                    ops.add(new int[]{0, stack.size()});
                    ops.add(new int[]{1, stack.size()});
                }
                case SEP -> {
                    int k = ops.size() - 1;
                    if (k < 0) throw new GlobSyntaxException(lex.offset(), "unexpected `,`");
                    int[] x = ops.get(k);
                    if (x[0] == 1) ops.remove(k);
                    int i = x[1];
                    if (i == stack.size()) {
                        stack.add("");
                    } else {
                        collapse(stack, i, false);
                    }
                    ops.add(new int[]{1, stack.size()});
                }
                case TERMS_CLOSE -> {
                    while (true) {
                        int k = ops.size() - 1;
                        if (k < 0) throw new GlobSyntaxException(lex.offset(), "unexpected `}`");
                        int[] x = ops.remove(k);
                        int i = x[1];
                        if (i == stack.size()) {
                            stack.add(x[0] == 0 ? "(?:)" : "");
                        } else {
                            collapse(stack, i, x[0] == 0);
                        }
                        if (x[0] == 0) break;
                    }
                }
                default -> throw new GlobSyntaxException(lex.offset(), "unexpected token " + t.type);
            }
        }
        if (!ops.isEmpty()) throw new GlobSyntaxException(lex.offset(), "unclosed `{`");
        StringBuilder sb = new StringBuilder();
        for (String s : stack) sb.append(s);
        return sb.toString();
    }

    private static void collapse(List<String> stack, int from, boolean alternatives) {
        List<String> parts = stack.subList(from, stack.size());
        String joined = "(?:" + String.join(alternatives ? "|" : "", parts) + ")";
        parts.clear();
        stack.add(joined);
    }

    private static String parseRange(Lexer lex) {
        boolean not = false;
        int lo = -1, hi = -1;
        String chars = null;
        while (true) {
            Tok t = lex.next();
            switch (t.type) {
                case EOF -> throw new GlobSyntaxException(lex.offset(), "unclosed `[`");
                case ERROR -> throw new GlobSyntaxException(lex.offset(), t.data);
                case NOT -> not = true;
                case RANGE_LO -> lo = t.data.codePointAt(0);
                case RANGE_BETWEEN -> { }
                case RANGE_HI -> {
                    hi = t.data.codePointAt(0);
                    if (hi < lo) throw new GlobSyntaxException(lex.offset(), "range hi character is less than lo");
                }
                case TEXT -> chars = t.data;
                case RANGE_CLOSE -> {
                    boolean isRange = lo >= 0 && hi >= 0;
                    boolean isChars = chars != null;
                    if (isChars == isRange) throw new GlobSyntaxException(lex.offset(), "could not parse range");
                    StringBuilder sb = new StringBuilder("[");
                    if (not) sb.append('^');
                    if (isRange) {
                        sb.append(cpEscape(lo)).append('-').append(cpEscape(hi));
                    } else {
                        chars.codePoints().forEach(c -> sb.append(cpEscape(c)));
                    }
                    return sb.append(']').toString();
                }
                default -> throw new GlobSyntaxException(lex.offset(), "unexpected token " + t.type);
            }
        }
    }

    private static String sepClass(int[] seps) {
        if (seps == null || seps.length == 0) return null;
        StringBuilder sb = new StringBuilder();
        for (int s : seps) sb.append(cpEscape(s));
        return sb.toString();
    }

    private static String cpEscape(int cp) {
        return "\\x{" + Integer.toHexString(cp) + "}";
    }

    /** The library's QuoteMeta: backslash before each of * ? \ [ ] { }. */
    static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder(s.length() * 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("*?\\[]{}".indexOf(c) >= 0) sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }
}
