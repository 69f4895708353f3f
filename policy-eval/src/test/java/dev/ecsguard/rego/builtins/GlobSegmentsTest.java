package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The segment matcher of star-and-literal globs answers as the glob's regular expression does (the
 * path every other glob takes, checked against OPA by the conformance cases), on random globs and
 * texts; {@code GlobDifferentialTest} checks both against OPA itself.
 */
class GlobSegmentsTest {
    private static int[] separators(List<String> delimiters) {
        if (delimiters == null) return new int[0];
        if (delimiters.isEmpty()) return new int[]{'.'};
        return delimiters.stream().mapToInt(d -> d.codePointAt(0)).toArray();
    }

    @Test
    void answersAsTheRegularExpressionOnRandomGlobs() {
        List<String> diffs = new ArrayList<>();
        int segmentCases = 0;
        for (GlobCases.Case c : GlobCases.random(1207, 200_000)) {
            int[] seps = separators(c.delimiters());
            GlobPattern.Matcher m = GlobPattern.compile(c.pattern(), seps);
            if (!(m instanceof GlobSegments)) continue;
            segmentCases++;
            boolean want = new GlobPattern.RegexGlob(GlobPattern.compileRegex(c.pattern(), seps)).matches(c.text(), null);
            boolean got = m.matches(c.text(), null);
            if (want != got && diffs.size() < 20) diffs.add(c + ": regex " + want + ", segments " + got);
        }
        assertEquals(List.of(), diffs);
        assertTrue(segmentCases > 150_000, "segment cases: " + segmentCases);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "*.example.com|.|api.example.com|true",
            "*.example.com|.|a.b.example.com|false",
            "**.example.com|.|a.b.example.com|true",
            "api.*.com|.|api.github.com|true",
            "api.*.com|.|api.gi.hub.com|false",
            "**a*b|.|a.ab|true",
            "**x.*y**|.|x.x.y|true",
            "**x.*y*z**|.|x.x.yz|true",
            "*a*|.|a.a|false",
            "a*b**c*d|/|axb/y/czd|true",
            "a*b**c*d|/|ax/b/y/czd|false",
            "''|.|''|true",
            "''|.|a|false",
            "*|.|''|true",
            "*|.|a.b|false",
            "**|.|a.b|true",
            "\\*a|.|*a|true",
            "\\*a|.|ba|false",
    })
    void knownAnswers(String pattern, String sep, String text, boolean want) {
        GlobPattern.Matcher m = GlobPattern.compile(pattern, sep.codePoints().toArray());
        assertInstanceOf(GlobSegments.class, m);
        assertEquals(want, m.matches(text, null), pattern + " on " + text);
    }

    @Test
    void classesAndAlternativesTakeTheRegexPath() {
        assertInstanceOf(GlobPattern.RegexGlob.class, GlobPattern.compile("a?b", new int[]{'.'}));
        assertInstanceOf(GlobPattern.RegexGlob.class, GlobPattern.compile("[ab]*", new int[]{'.'}));
        assertInstanceOf(GlobPattern.RegexGlob.class, GlobPattern.compile("{a,b}*", new int[]{'.'}));
        assertInstanceOf(GlobPattern.RegexGlob.class, GlobPattern.compile("*a", new int[]{0x1F600}));
    }
}
