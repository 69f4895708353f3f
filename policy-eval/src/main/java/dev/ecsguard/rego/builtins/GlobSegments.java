package dev.ecsguard.rego.builtins;

import java.util.ArrayList;
import java.util.List;

/**
 * A glob of literal text and stars only ({@code *.example.com}, {@code api.*.*},
 * {@code *a*a*a*b}), matched segment by segment as gobwas/glob matches such globs, instead of by an
 * automaton whose size grows with the number of stars. The glob is
 * {@code head S1 M1 S2 M2 ... Sk tail}: literals {@code M} between stars {@code S}, each star a
 * {@code *} (no separator inside) or a {@code **} (anything; every star is one when there are no
 * separators). The text must start with {@code head} and end with {@code tail}; in between:
 * <ol>
 *   <li>the stars before the first {@code **} are anchored at the start: each literal is taken at
 *       its earliest occurrence before the next separator (a later one can only leave less room);</li>
 *   <li>the stars after the last {@code **} are anchored at the end: the same from the right;</li>
 *   <li>each run of literals between two {@code **}s is placed where it ends earliest, since the
 *       {@code **} after it takes any text: its candidates are the occurrences of its first
 *       literal, and after a failure the next candidate lies past the separator that stopped it.</li>
 * </ol>
 * Literals are found with Knuth-Morris-Pratt, so the work is linear in the text and the glob
 * except for runs whose literals contain separators (those retry from the next occurrence). All
 * scanning is charged to the evaluation ({@value #CHARGE_EVERY} characters a step), which also
 * checks the deadline.
 */
final class GlobSegments implements GlobPattern.Matcher {
    /** Characters scanned between two charges (one step per {@link WorkLimits#UNIT} characters). */
    static final int CHARGE_EVERY = 4096;

    private final String head;
    private final String tail;
    /** Per star: {@code **}? */
    private final boolean[] superStar;
    /** {@code between[i]} follows star {@code i}, for every star but the last. */
    private final Literal[] between;
    /** Separator characters (UTF-16 units; a glob with a supplementary separator takes the regex path). */
    private final char[] separators;
    private final long weight;

    private GlobSegments(String head, String tail, boolean[] superStar, Literal[] between, char[] separators, long weight) {
        this.head = head;
        this.tail = tail;
        this.superStar = superStar;
        this.between = between;
        this.separators = separators;
        this.weight = weight;
    }

    /**
     * The segment matcher for {@link GlobPattern#starsAndLiterals pieces}, or null when they are null
     * (not a star-and-literal glob) or a separator is outside the Basic Multilingual Plane.
     */
    static GlobSegments of(List<Object> pieces, int[] separatorCodePoints) {
        if (pieces == null) return null;
        char[] seps = new char[separatorCodePoints.length];
        for (int i = 0; i < seps.length; i++) {
            if (separatorCodePoints[i] > Character.MAX_VALUE) return null;
            seps[i] = (char) separatorCodePoints[i];
        }
        // Literals joined, runs of stars merged: a run with a ** (or any star without separators) is a **.
        List<String> literals = new ArrayList<>();
        List<Boolean> stars = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean inStars = false;
        boolean runSuper = false;
        long length = 0;
        for (Object piece : pieces) {
            if (piece instanceof String s) {
                if (inStars) {
                    stars.add(runSuper);
                    inStars = false;
                }
                text.append(s);
                length += s.length();
            } else {
                if (!inStars) {
                    literals.add(text.toString());
                    text.setLength(0);
                    inStars = true;
                    runSuper = false;
                }
                runSuper |= piece == GlobPattern.Star.SUPER || seps.length == 0;
                length++;
            }
        }
        if (inStars) stars.add(runSuper);
        literals.add(text.toString());
        int k = stars.size();
        boolean[] superStar = new boolean[k];
        for (int i = 0; i < k; i++) superStar[i] = stars.get(i);
        Literal[] between = new Literal[Math.max(0, k - 1)];
        for (int i = 0; i < between.length; i++) between[i] = new Literal(literals.get(i + 1), seps);
        return new GlobSegments(literals.get(0), literals.get(literals.size() - 1), superStar, between, seps,
                Math.max(1, length));
    }

    @Override public long weight() { return weight; }

    @Override
    public boolean matches(String t, BuiltinContext ctx) {
        int k = superStar.length;
        if (k == 0) return t.equals(head);
        int n = t.length();
        if (n < head.length() + tail.length() || !t.startsWith(head) || !t.endsWith(tail)) return false;
        Scan sc = new Scan(t, ctx);
        try {
            return matchStars(sc, head.length(), n - tail.length());
        } finally {
            sc.settle();
        }
    }

    /** Stars and the literals between them on t[lo, hi). */
    private boolean matchStars(Scan sc, int lo, int hi) {
        int k = superStar.length;
        // 1. Anchored at lo: stars up to the first **.
        int pos = lo;
        int i = 0;
        for (; i < k && !superStar[i]; i++) {
            int window = sc.firstSeparator(pos, hi);
            if (i == k - 1) return window == hi;     // the last star takes the rest: no separator in it
            Literal m = between[i];
            int q = sc.find(m, pos, window, hi);
            if (q < 0) return false;
            pos = q + m.length();
        }
        // Star i is the first **; star j the last.
        int j = k - 1;
        while (!superStar[j]) j--;
        // 2. Anchored at hi: stars after the last **, from the right, each literal as late as it can be.
        int end = hi;
        for (int s = k - 1; s > j; s--) {
            Literal m = between[s - 1];
            int e = sc.findLast(m, pos, sc.lastSeparator(pos, end) + 1, end);
            if (e < 0) return false;
            end = e - m.length();
        }
        // 3. Runs of literals between two **s, each where it ends earliest.
        while (i < j) {
            int next = i + 1;
            while (!superStar[next]) next++;
            pos = earliestEnd(sc, i, next - 1, pos, end);
            if (pos < 0) return false;
            i = next;
        }
        return pos <= end;
    }

    /**
     * The earliest end of literals {@code between[first..last]} (a {@code *} between each two) placed
     * in t[from, limit), or -1.
     */
    private int earliestEnd(Scan sc, int first, int last, int from, int limit) {
        Literal lead = between[first];
        int candidate = from;
        while (true) {
            int s = sc.find(lead, candidate, limit - lead.length(), limit);
            if (s < 0) return -1;
            int p = s + lead.length();
            boolean separatorInLiterals = lead.hasSeparator;
            int m = first + 1;
            for (; m <= last; m++) {
                Literal lit = between[m];
                int q = sc.find(lit, p, sc.firstSeparator(p, limit), limit);
                if (q < 0) break;
                p = q + lit.length();
                separatorInLiterals |= lit.hasSeparator;
            }
            if (m > last) return p;
            // between[m] was not found before the separator after p. A later start reaches m no
            // earlier, so it must get past that separator: when none is left, nothing can; when the
            // literals so far hold no separator, the whole run lies beyond it.
            int stop = sc.firstSeparator(p, limit);
            if (stop >= limit) return -1;
            candidate = separatorInLiterals ? s + 1 : stop + 1;
        }
    }

    /** A literal between stars, with its Knuth-Morris-Pratt tables both ways. */
    private static final class Literal {
        final String text;
        final int[] forward;
        final String reversed;
        final int[] backward;
        final boolean hasSeparator;

        Literal(String text, char[] separators) {
            this.text = text;
            this.forward = failure(text);
            this.reversed = new StringBuilder(text).reverse().toString();
            this.backward = failure(reversed);
            boolean sep = false;
            for (int i = 0; i < text.length() && !sep; i++) sep = isSeparator(text.charAt(i), separators);
            this.hasSeparator = sep;
        }

        int length() { return text.length(); }

        /** f[i]: length of the longest proper prefix of s[0..i] that is also its suffix. */
        private static int[] failure(String s) {
            int[] f = new int[s.length()];
            for (int i = 1, j = 0; i < s.length(); i++) {
                while (j > 0 && s.charAt(i) != s.charAt(j)) j = f[j - 1];
                if (s.charAt(i) == s.charAt(j)) j++;
                f[i] = j;
            }
            return f;
        }
    }

    private static boolean isSeparator(char c, char[] separators) {
        for (char s : separators) if (s == c) return true;
        return false;
    }

    /** One match: the text, the work done so far, and the last separator lookups. */
    private final class Scan {
        final String t;
        final BuiltinContext ctx;
        int scanned;
        // firstSeparator(pos, _) = nextSep for every pos in [nextFrom, nextSep]
        int nextFrom = -1;
        int nextSep = -1;
        int nextLimit = -1;

        Scan(String t, BuiltinContext ctx) {
            this.t = t;
            this.ctx = ctx;
        }

        void scanned(int chars) {
            scanned += chars;
            if (scanned >= CHARGE_EVERY) settle();
        }

        /** Charges what was scanned since the last charge. */
        void settle() {
            if (ctx != null && scanned >= WorkLimits.UNIT) {
                ctx.charge(scanned / WorkLimits.UNIT);
                scanned %= WorkLimits.UNIT;
            }
        }

        /** The index of the first separator in t[pos, limit), or limit. */
        int firstSeparator(int pos, int limit) {
            if (separators.length == 0) return limit;
            if (limit == nextLimit && pos >= nextFrom && pos <= nextSep) return nextSep;
            int i = pos;
            while (i < limit && !isSeparator(t.charAt(i), separators)) i++;
            scanned(i - pos);
            nextFrom = pos;
            nextSep = i;
            nextLimit = limit;
            return i;
        }

        /** The index of the last separator in t[from, end), or from - 1. */
        int lastSeparator(int from, int end) {
            if (separators.length == 0) return from - 1;
            int i = end - 1;
            while (i >= from && !isSeparator(t.charAt(i), separators)) i--;
            scanned(end - 1 - i);
            return i;
        }

        /** The smallest q in [from, maxStart] with m at t[q, q + |m|) inside t[.., limit), or -1. */
        int find(Literal m, int from, int maxStart, int limit) {
            int len = m.length();
            int end = (int) Math.min(limit, (long) maxStart + len);
            if (end - from < len) return -1;
            String p = m.text;
            int[] f = m.forward;
            int j = 0;
            for (int i = from; i < end; i++) {
                char c = t.charAt(i);
                while (j > 0 && c != p.charAt(j)) j = f[j - 1];
                if (c == p.charAt(j) && ++j == len) {
                    scanned(i + 1 - from);
                    return i + 1 - len;
                }
            }
            scanned(end - from);
            return -1;
        }

        /** The end of m's last occurrence in t[from, end) if it ends at or after minEnd, else -1. */
        int findLast(Literal m, int from, int minEnd, int end) {
            int len = m.length();
            int lower = Math.max(from, minEnd - len);
            if (end - lower < len) return -1;
            String p = m.reversed;
            int[] f = m.backward;
            int j = 0;
            for (int i = end - 1; i >= lower; i--) {
                char c = t.charAt(i);
                while (j > 0 && c != p.charAt(j)) j = f[j - 1];
                if (c == p.charAt(j) && ++j == len) {
                    scanned(end - i);
                    return i + len;
                }
            }
            scanned(end - lower);
            return -1;
        }
    }
}
