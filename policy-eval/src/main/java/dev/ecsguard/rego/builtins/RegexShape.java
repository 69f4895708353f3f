package dev.ecsguard.rego.builtins;

import java.util.ArrayDeque;

/**
 * The limits Go's regexp/syntax parser enforces, checked on the pattern text BEFORE RE2J compiles
 * it, in one linear pass that allocates one frame per open group. RE2J has none of these checks:
 * it expands {@code ((((a{100}){100}){100}){100})} into 10^8 instructions before any check could
 * run. Computed bottom-up over the parse tree Go would build (literal runs merged, a group of
 * several items a concatenation node, {@code |} an alternation node):
 * <ul>
 *   <li>nested repetition (Go's {@code repeatIsValid(re, 1000)}): the first {@code {m,n}} in parse
 *       order whose repeated expression multiplies out beyond 1000 copies, e.g.
 *       {@code ([a-z]{1,63}\.){1,127}}; also {@code {m,n}} with m or n over 1000 or m > n;</li>
 *   <li>nesting height (Go's {@code maxHeight}, 1000);</li>
 *   <li>program size: Go's {@code calcSize} estimate of the compiled program. Go's own limit is
 *       3,355,443 instructions; RE2J needs ~60 bytes and ~1 us per instruction to compile and
 *       matches in time proportional to it, so the engine's limit ({@link #MAX_PROGRAM_SIZE}) is
 *       lower. Character classes weigh one instruction per 16 characters of their text.</li>
 * </ul>
 * Syntax errors are left to RE2J, which reports them in Go's words after these checks pass (Go
 * would report a syntax error that comes before an oversized repeat first; only the text of the
 * error differs, for patterns that have both).
 */
final class RegexShape {
    /** Go's maxHeight. */
    static final int MAX_HEIGHT = 1000;
    /** Go's repeatIsValid bound. */
    static final int MAX_REPEAT = 1000;
    /** The engine's limit on a pattern's program size (Go's calcSize units). */
    static final long MAX_PROGRAM_SIZE = 100_000;
    /**
     * The engine's limit on open groups of any kind. Go counts only groups that make a node
     * (captures); RE2J overflows its stack beyond ~2,000 nested captures and takes quadratic time
     * on nested non-capturing groups (10,000: 2 s).
     */
    static final int MAX_GROUP_DEPTH = 1000;

    /**
     * What the pass found: the program size estimate, the tree height, the text of the first
     * invalid repeat (or null), and whether groups nest beyond {@link #MAX_GROUP_DEPTH}.
     */
    record Result(long size, int height, String badRepeat, boolean groupsTooDeep) {
        boolean tooDeep() { return height > MAX_HEIGHT; }
        boolean tooLarge() { return size > MAX_PROGRAM_SIZE; }
    }

    /** Kinds of node that matter to the height: Go's parser flattens a concatenation into a concatenation, an alternation into an alternation. */
    private static final int OTHER = 0, CONCAT = 1, ALT = 2;

    /**
     * One open group: the node it builds, as size, height and requirement ("copies of the innermost
     * thing", Go's repeatIsValid) of its alternation of concatenations.
     */
    private static final class Frame {
        final boolean capture;
        // finished branches (a nested alternation's branches join them); one-character branches
        // (a literal, a class, '.') Go merges into one class
        long altSize;
        int altHeight, altReq, branches, charBranches;
        int lastBranchKind, lastBranchParts;
        // current concatenation (a nested concatenation's items join it)
        long catSize;
        int catHeight, catReq, items;
        int firstKind, firstParts;
        boolean firstIsChar;
        // the last item, still open to a quantifier (size < 0: none)
        long lastSize = -1;
        int lastHeight, lastReq, lastKind, lastParts;
        boolean lastIsChar;
        // pending run of literal characters (merged into one node, as Go's parser does)
        int literalRun;

        Frame(boolean capture) { this.capture = capture; }

        void flushRun() {
            if (literalRun > 0) {
                pushItem(literalRun, 1, 0, OTHER, 0);
                lastIsChar = literalRun == 1;
                literalRun = 0;
            }
        }

        void pushItem(long size, int height, int req, int kind, int parts) {
            commitLast();
            lastSize = size;
            lastHeight = height;
            lastReq = req;
            lastKind = kind;
            lastParts = parts;
            lastIsChar = false;
        }

        /** A one-character item: a class, '.', an escape such as \d. */
        void pushChar(long size) {
            pushItem(size, 1, 0, OTHER, 0);
            lastIsChar = true;
        }

        void commitLast() {
            if (lastSize < 0) return;
            if (items == 0) {
                firstKind = lastKind;
                firstParts = lastParts;
                firstIsChar = lastIsChar;
            }
            catSize = sat(catSize + lastSize);
            catReq = Math.max(catReq, lastReq);
            if (lastKind == CONCAT) {
                catHeight = Math.max(catHeight, lastHeight - 1);
                items += lastParts;
            } else {
                catHeight = Math.max(catHeight, lastHeight);
                items++;
            }
            lastSize = -1;
        }

        /** Takes the quantifier's operand: the last item, or the last character of the literal run. */
        boolean takeOperand() {
            if (literalRun > 0) {
                if (literalRun > 1) pushItem(literalRun - 1, 1, 0, OTHER, 0);
                literalRun = 0;
                pushItem(1, 1, 0, OTHER, 0);
            }
            lastIsChar = false;
            lastKind = OTHER;                        // the repeat is a node of its own
            lastParts = 0;
            return lastSize >= 0;
        }

        void endAlternative() {
            flushRun();
            commitLast();
            if (items == 1 && firstKind == ALT) {   // a nested alternation: its branches join these
                altSize = sat(altSize + catSize);
                altHeight = Math.max(altHeight, catHeight - 1);
                altReq = Math.max(altReq, catReq);
                branches += firstParts;
                lastBranchKind = ALT;
            } else if (items == 1 && firstIsChar) {
                charBranches++;
                branches++;
                lastBranchKind = OTHER;
            } else {
                long size = items == 0 ? 1 : catSize;
                int height = items == 0 ? 1 : items > 1 ? catHeight + 1 : catHeight;
                altSize = sat(altSize + size);
                altHeight = Math.max(altHeight, height);
                altReq = Math.max(altReq, catReq);
                branches++;
                lastBranchKind = items > 1 ? CONCAT : items == 1 ? firstKind : OTHER;
                lastBranchParts = items > 1 ? items : firstParts;
            }
            catSize = 0;
            catHeight = 0;
            catReq = 0;
            items = 0;
            firstKind = OTHER;
            firstParts = 0;
            firstIsChar = false;
        }

        /** Closes the group: {size, height, req, kind, parts} of its node. */
        long[] close() {
            endAlternative();
            if (charBranches > 0) {                  // the one-character branches as one class
                altSize = sat(altSize + 1);
                altHeight = Math.max(altHeight, 1);
            }
            int nodes = branches - charBranches + (charBranches > 0 ? 1 : 0);
            long size;
            int height, kind, parts;
            if (nodes > 1) {
                size = sat(altSize + nodes - 1);
                height = altHeight + 1;
                kind = ALT;
                parts = nodes;
            } else {
                size = altSize;
                height = altHeight;
                kind = lastBranchKind;
                parts = lastBranchParts;
            }
            if (capture) {
                size = sat(size + 2);
                height++;
                kind = OTHER;
                parts = 0;
            }
            return new long[]{size, height, altReq, kind, parts};
        }
    }

    private RegexShape() {}

    private static long sat(long v) { return Math.min(v, Long.MAX_VALUE / 4); }

    static Result analyse(String p) {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        Frame f = new Frame(false);
        int captures = 0;                                        // capture frames on the stack
        int n = p.length();
        for (int i = 0; i < n; i++) {
            char c = p.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= n) break;                          // trailing backslash: RE2J reports it
                    char e = p.charAt(i + 1);
                    if (e == 'Q') {                                  // \Q...\E: literal text
                        int end = p.indexOf("\\E", i + 2);
                        int stop = end < 0 ? n : end;
                        f.literalRun += p.codePointCount(i + 2, stop);
                        i = end < 0 ? n : end + 1;
                        continue;
                    }
                    i++;
                    if ((e == 'p' || e == 'P' || e == 'x') && i + 1 < n && p.charAt(i + 1) == '{') {
                        int close = p.indexOf('}', i);
                        if (close > 0) i = close;
                    } else if ((e == 'p' || e == 'P') && i + 1 < n) {
                        i++;
                    } else if (e == 'x') {
                        i = Math.min(n - 1, i + 2);
                    }
                    if ("dDsSwWpP".indexOf(e) >= 0) {
                        f.flushRun();
                        f.pushChar(1);
                    } else if ("bBAz".indexOf(e) >= 0) {
                        f.flushRun();
                        f.pushItem(1, 1, 0, OTHER, 0);
                    } else {
                        f.literalRun++;
                    }
                }
                case '[' -> {
                    int k = i + 1;
                    if (k < n && p.charAt(k) == '^') k++;
                    if (k < n && p.charAt(k) == ']') k++;
                    while (k < n && p.charAt(k) != ']') {
                        if (p.charAt(k) == '\\') k++;
                        else if (p.startsWith("[:", k) && p.indexOf(":]", k + 2) > 0) k = p.indexOf(":]", k + 2) + 1;
                        k++;
                    }
                    f.flushRun();
                    f.pushChar(1 + (Math.min(k, n) - i) / 16);
                    i = k;
                }
                case '(' -> {
                    boolean capture = true;
                    if (p.startsWith("(?P<", i) || p.startsWith("(?<", i)) {        // (?P<name>: a capture
                        int k = p.indexOf('<', i) + 1;
                        while (k < n && (Character.isLetterOrDigit(p.charAt(k)) || p.charAt(k) == '_')) k++;
                        if (k < n && p.charAt(k) == '>') i = k;
                    } else if (p.startsWith("(?", i)) {
                        int k = i + 2;                                          // flags: [imsU-]*
                        while (k < n && "imsU-".indexOf(p.charAt(k)) >= 0) k++;
                        if (k < n && p.charAt(k) == ')') {                       // (?flags): no node
                            f.flushRun();
                            i = k;
                            continue;
                        }
                        capture = false;                                        // (?flags:...)
                        if (k < n && p.charAt(k) == ':') i = k;
                    }
                    f.flushRun();
                    f.commitLast();
                    stack.push(f);
                    f = new Frame(capture);
                    if (capture && ++captures > MAX_HEIGHT) return new Result(0, captures + 1, null, false);
                    if (stack.size() > MAX_GROUP_DEPTH) return new Result(0, 0, null, true);
                }
                case ')' -> {
                    if (stack.isEmpty()) break;                      // unexpected ): RE2J reports it
                    if (f.capture) captures--;
                    long[] node = f.close();
                    f = stack.pop();
                    f.pushItem(node[0], (int) node[1], (int) node[2], (int) node[3], (int) node[4]);
                }
                case '|' -> f.endAlternative();
                case '*', '+', '?' -> {
                    if (!f.takeOperand()) break;                     // missing argument: RE2J reports it
                    f.lastSize = sat(f.lastSize + (c == '*' ? 2 : 1));
                    f.lastHeight++;
                    if (i + 1 < n && p.charAt(i + 1) == '?') i++;    // non-greedy
                }
                case '{' -> {
                    int[] rep = RegexSupport.parseRepeat(p, i);
                    if (rep == null) {                               // a literal '{'
                        f.literalRun++;
                        break;
                    }
                    int min = rep[0], max = rep[1];
                    String text = p.substring(i, rep[2]);
                    if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
                        return new Result(0, 0, text, false);
                    }
                    if (!f.takeOperand()) {
                        i = rep[2] - 1;
                        break;
                    }
                    long sub = f.lastSize;
                    f.lastSize = max == -1 ? (min == 0 ? 2 + sub : sat(1 + min * sub)) : sat(max * sub + (max - min));
                    f.lastSize = Math.max(1, f.lastSize);
                    f.lastHeight++;
                    int m = max == -1 ? min : max;
                    f.lastReq = max == 0 ? 0 : (int) Math.min((long) m * Math.max(1, f.lastReq), Integer.MAX_VALUE);
                    if ((min >= 2 || max >= 2) && f.lastReq > MAX_REPEAT) return new Result(0, 0, text, false);
                    i = rep[2] - 1;
                    if (i + 1 < n && p.charAt(i + 1) == '?') i++;    // non-greedy
                }
                case '.' -> {
                    f.flushRun();
                    f.pushChar(1);
                }
                case '^', '$' -> {
                    f.flushRun();
                    f.pushItem(1, 1, 0, OTHER, 0);
                }
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(p.charAt(i + 1))) i++;
                    f.literalRun++;
                }
            }
        }
        while (!stack.isEmpty()) {                                   // missing ): RE2J reports it
            long[] node = f.close();
            f = stack.pop();
            f.pushItem(node[0], (int) node[1], (int) node[2], (int) node[3], (int) node[4]);
        }
        long[] root = f.close();
        return new Result(root[0], (int) root[1], null, false);
    }
}
