package dev.ecsguard.rego.builtins;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random star-and-literal globs, delimiter lists and texts over a small alphabet, so that stars,
 * separators and repeated literals meet often: the cases {@link GlobSegmentsTest} and the
 * differential test against OPA both run.
 */
public final class GlobCases {
    private GlobCases() {}

    /** One {@code glob.match(pattern, delimiters, text)} call; delimiters null means none. */
    public record Case(String pattern, List<String> delimiters, String text) {}

    private static final String[] PIECES = {"*", "**", "a", "b", "ab", "ba", "aa", ".", "/", "a.", ".b", "a/b", "\\*", "é", ","};
    private static final String[] TEXT = {"a", "b", ".", "/", "a", "b", "*", "é", ","};
    private static final List<List<String>> DELIMITERS = java.util.Arrays.asList(null, List.of(), List.of("."),
            List.of(".", "/"), List.of("a"), List.of("/"));

    public static List<Case> random(long seed, int count) {
        Random r = new Random(seed);
        List<Case> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder p = new StringBuilder();
            int pieces = r.nextInt(7);
            for (int j = 0; j < pieces; j++) p.append(PIECES[r.nextInt(PIECES.length)]);
            List<String> delimiters = DELIMITERS.get(r.nextInt(DELIMITERS.size()));
            String text = randomText(r, p.toString());
            out.add(new Case(p.toString(), delimiters, text));
        }
        return out;
    }

    /** Half the texts are the pattern with its stars filled in (so that many match), half are noise. */
    private static String randomText(Random r, String pattern) {
        StringBuilder t = new StringBuilder();
        if (r.nextBoolean()) {
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < pattern.length()) {
                    t.append(pattern.charAt(++i));
                } else if (c == '*') {
                    int fill = r.nextInt(4);
                    for (int j = 0; j < fill; j++) t.append(TEXT[r.nextInt(TEXT.length)]);
                } else {
                    t.append(c);
                }
            }
        } else {
            int n = r.nextInt(10);
            for (int j = 0; j < n; j++) t.append(TEXT[r.nextInt(TEXT.length)]);
        }
        return t.toString();
    }
}
