package dev.ecsguard.rego.builtins;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code regex.globs_match}: whether two "globs" (a regex subset: literal characters, {@code .},
 * {@code [...]} sets with ranges, each optionally followed by {@code *} or {@code +}, and
 * {@code \} escapes) have a non-empty intersection. The same greedy token-walking algorithm as the
 * glob-intersection Go library OPA uses, so that results (including its approximations) and error
 * messages agree with OPA.
 */
final class RegexGlobsIntersect {
    private RegexGlobsIntersect() {}

    static final int NONE = 0, PLUS = 1, STAR = 2;
    static final int CHAR = 0, DOT = 1, SET = 2;

    static final class Token {
        final int type;
        int flag;
        final int rune;
        final RuneSet runes;

        Token(int type, int rune, RuneSet runes) {
            this.type = type;
            this.rune = rune;
            this.runes = runes;
        }

        boolean sameContent(Token o) {
            if (type != o.type) return false;
            return switch (type) {
                case CHAR -> rune == o.rune;
                case SET -> runes.equals(o.runes);
                default -> true;
            };
        }
    }

    static final class GlobException extends RuntimeException {
        GlobException(String m) { super(m, null, false, false); }
    }

    static boolean nonEmpty(String lhs, String rhs) {
        List<Token> g1 = newGlob(lhs);
        List<Token> g2 = newGlob(rhs);
        // trimGlobs
        int l;
        for (l = 0; l < g1.size() && l < g2.size() && g1.get(l).flag == NONE && g2.get(l).flag == NONE; l++) {
            if (!match(g1.get(l), g2.get(l))) return false;
        }
        if (l > 0) l--;
        int r1, r2;
        for (r1 = g1.size() - 1, r2 = g2.size() - 1;
             r1 >= 0 && r1 >= l && r2 >= 0 && r2 >= l && g1.get(r1).flag == NONE && g2.get(r2).flag == NONE;
             r1--, r2--) {
            if (!match(g1.get(r1), g2.get(r2))) return false;
        }
        if (r1 < g1.size() - 1) {
            r1++;
            r2++;
        }
        return intersectNormal(slice(g1, l, r1 + 1), slice(g2, l, r2 + 1));
    }

    private static List<Token> slice(List<Token> g, int from, int to) {
        // Go slicing: an inverted range would panic there; clamp defensively.
        if (to < from) to = from;
        return g.subList(Math.min(from, g.size()), Math.min(to, g.size()));
    }

    private static boolean intersectNormal(List<Token> g1, List<Token> g2) {
        int i, j;
        for (i = 0, j = 0; i < g1.size() && j < g2.size(); i++, j++) {
            if (g1.get(i).flag == NONE && g2.get(j).flag == NONE) {
                if (!match(g1.get(i), g2.get(j))) return false;
            } else {
                return intersectSpecial(g1.subList(i, g1.size()), g2.subList(j, g2.size()));
            }
        }
        return i == g1.size() && j == g2.size();
    }

    private static boolean intersectSpecial(List<Token> g1, List<Token> g2) {
        if (g1.get(0).flag != NONE) {
            return g1.get(0).flag == PLUS ? intersectPlus(g1, g2) : intersectStar(g1, g2);
        }
        return g2.get(0).flag == PLUS ? intersectPlus(g2, g1) : intersectStar(g2, g1);
    }

    private static boolean intersectPlus(List<Token> plussed, List<Token> other) {
        if (other.isEmpty()) return false; // Go would panic on other[0]; treat as no intersection
        if (!match(plussed.get(0), other.get(0))) return false;
        if (intersectStar(plussed, other.subList(1, other.size()))) return true;
        return other.get(0).flag != NONE && intersectNormal(plussed.subList(1, plussed.size()), other);
    }

    private static boolean intersectStar(List<Token> starred, List<Token> other) {
        Token starToken = starred.get(0);
        Token nextToken = starred.size() > 1 ? starred.get(1) : null;
        for (int i = 0; i < other.size(); i++) {
            Token t = other.get(i);
            if (nextToken != null && match(t, nextToken)) {
                if (intersectNormal(starred.subList(1, starred.size()), other.subList(i, other.size()))) return true;
                if (!match(t, starToken)) return false;
            } else if (!match(t, starToken)) {
                return false;
            }
        }
        return nextToken == null;
    }

    static boolean match(Token t1, Token t2) {
        if (t1.type > t2.type) {
            Token tmp = t1;
            t1 = t2;
            t2 = tmp;
        }
        if (t1.type == CHAR) {
            return switch (t2.type) {
                case CHAR -> t1.rune == t2.rune;
                case DOT -> true;
                default -> t2.runes.contains(t1.rune);
            };
        }
        if (t1.type == DOT) return true;
        return t1.runes.intersects(t2.runes);
    }

    /** A set of code points as sorted, merged inclusive ranges (a huge range costs nothing). */
    static final class RuneSet {
        private final List<int[]> ranges = new ArrayList<>();

        void add(int r) { ranges.add(new int[]{r, r}); }

        void addRange(int lo, int hi) { if (lo <= hi) ranges.add(new int[]{lo, hi}); }

        void normalise() {
            ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
            List<int[]> merged = new ArrayList<>();
            for (int[] r : ranges) {
                if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] >= r[0] - 1) {
                    int[] last = merged.get(merged.size() - 1);
                    last[1] = Math.max(last[1], r[1]);
                } else {
                    merged.add(new int[]{r[0], r[1]});
                }
            }
            ranges.clear();
            ranges.addAll(merged);
        }

        boolean contains(int r) {
            for (int[] x : ranges) if (x[0] <= r && r <= x[1]) return true;
            return false;
        }

        boolean intersects(RuneSet o) {
            for (int[] a : ranges) for (int[] b : o.ranges) if (a[0] <= b[1] && b[0] <= a[1]) return true;
            return false;
        }

        @Override public boolean equals(Object o) {
            if (!(o instanceof RuneSet s) || s.ranges.size() != ranges.size()) return false;
            for (int i = 0; i < ranges.size(); i++) {
                if (ranges.get(i)[0] != s.ranges.get(i)[0] || ranges.get(i)[1] != s.ranges.get(i)[1]) return false;
            }
            return true;
        }

        @Override public int hashCode() { return ranges.size(); }
    }

    // ---- tokenizer ----

    static List<Token> newGlob(String input) {
        int[] runes = input.codePoints().toArray();
        List<Token> tokens = new ArrayList<>();
        int[] idx = {0};
        while (idx[0] < runes.length) {
            tokens.add(nextToken(idx, runes, input));
        }
        return simplify(tokens);
    }

    private static GlobException invalid(String input, int index, String msg) {
        return new GlobException("input:" + input + ", pos:" + index + ", " + msg + ": the input provided is invalid");
    }

    /** Reads one rune; returns {rune, escaped?1:0}; advances idx. Caller ensures idx < len. */
    private static int[] nextRune(int[] idx, int[] in, String input) {
        int i = idx[0];
        if (in[i] == '\\') {
            if (i < in.length - 1) {
                idx[0] = i + 2;
                return new int[]{in[i + 1], 1};
            }
            throw invalid(input, i, "input ends with a \\ (escape) character");
        }
        idx[0] = i + 1;
        return new int[]{in[i], 0};
    }

    private static Token nextToken(int[] idx, int[] in, String input) {
        int[] rr = nextRune(idx, in, input);
        int r = rr[0];
        boolean escaped = rr[1] == 1;
        Token token;
        if (!escaped && (r == '.' || r == '[' || r == ']')) {
            if (r == '.') {
                token = new Token(DOT, 0, null);
            } else if (r == ']') {
                throw invalid(input, idx[0], "set-close ']' with no preceding '['");
            } else {
                token = nextTokenSet(idx, in, input);
            }
        } else if (!escaped && (r == '+' || r == '*')) {
            throw invalid(input, idx[0], "flag '" + Character.toString(r) + "' must be preceded by a non-flag");
        } else {
            token = new Token(CHAR, r, null);
        }
        // nextFlag
        if (idx[0] < in.length) {
            int save = idx[0];
            int[] fr = nextRune(idx, in, input);
            if (fr[1] == 0 && (fr[0] == '+' || fr[0] == '*')) {
                token.flag = fr[0] == '+' ? PLUS : STAR;
            } else {
                idx[0] = save;
            }
        }
        return token;
    }

    private static Token nextTokenSet(int[] idx, int[] in, String input) {
        RuneSet runes = new RuneSet();
        boolean complete = false, prevExists = false;
        int prev = 0;
        while (!complete && idx[0] < in.length) {
            int[] rr = nextRune(idx, in, input);
            int r = rr[0];
            if (rr[1] == 0) {
                if (r == '-') {
                    if (!prevExists) throw invalid(input, idx[0], "range character '-' must be preceded by a Unicode character");
                    if (idx[0] >= in.length - 1) throw invalid(input, idx[0], "range character '-' must be followed by a Unicode character");
                    int[] hr = nextRune(idx, in, input);
                    r = hr[0];
                    if (hr[1] == 0 && (r == ']' || r == '-')) {
                        throw invalid(input, idx[0], "range character '-' cannot be followed by a special symbol");
                    }
                    if (r < prev) {
                        throw invalid(input, idx[0], "range is out of order: '" + Character.toString(r)
                                + "' comes before '" + Character.toString(prev) + "' in Unicode");
                    }
                    runes.addRange(prev, r);
                    prevExists = false;
                } else if (r == ']') {
                    complete = true;
                } else {
                    runes.add(r);
                    prev = r;
                    prevExists = true;
                }
            } else {
                runes.add(r);
                prev = r;
                prevExists = true;
            }
        }
        if (!complete) throw invalid(input, idx[0], "found [ without matching ]");
        runes.normalise();
        return new Token(SET, 0, runes);
    }

    private static List<Token> simplify(List<Token> tokens) {
        if (tokens.isEmpty()) return tokens;
        List<Token> simple = new ArrayList<>(tokens.size());
        simple.add(tokens.get(0));
        Token latest = tokens.get(0);
        for (int i = 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.flag != NONE && latest.flag != NONE && t.sameContent(latest)) {
                simple.get(simple.size() - 1).flag = (t.flag == PLUS || latest.flag == PLUS) ? PLUS : STAR;
                continue;
            }
            latest = t;
            simple.add(t);
        }
        return simple;
    }
}
