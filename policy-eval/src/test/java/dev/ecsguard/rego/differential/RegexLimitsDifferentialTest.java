package dev.ecsguard.rego.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.value.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The limits Go's regexp parser enforces (nested repeat counts, nesting height), which the engine
 * checks on the pattern text before RE2J compiles it, must reject exactly what OPA rejects:
 * {@code regex.is_valid} over patterns built around the boundaries (1000 copies, height 1000),
 * by shape and at random, must agree with the real OPA pattern for pattern.
 */
class RegexLimitsDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RANDOM = 60;

    static List<String> patterns() {
        List<String> out = new ArrayList<>();
        String[][] shapes = {{"(", "a", ")"}, {"(a", "b", ")"}, {"(?:a", "b", ")"}, {"(a|", "b", ")"}, {"(a*", "b", ")"},
                {"(", "a", ")*"}, {"(?:", "a", ")*"}, {"(", "ab", ")+"}, {"(x|y", "b", ")"}, {"(?i:a", "b", ")"},
                {"([a-z]", "b", ")"}, {"(ab|cd", "e", ")"}, {"(.", "b", ")?"}, {"(\\d", "b", ")"}, {"(^", "b", ")"}, {"(?:", "a", ")*"}, {"(?:a", "b", ")*"}, {"(?P<n>", "a", ")"}};
        for (int n : new int[]{330, 333, 334, 499, 500, 501, 998, 999, 1000}) {
            for (String[] s : shapes) out.add(s[0].repeat(n) + s[1] + s[2].repeat(n));
        }
        for (int a : new int[]{2, 3, 7, 10, 11, 31, 32, 33, 100, 999, 1000}) {
            for (int b : new int[]{1, 2, 3, 10, 31, 32, 33, 100, 101}) {
                out.add("(a{" + a + "}){" + b + "}");
                out.add("(?:a{" + a + ",}){" + b + "}");
                out.add("((ab){" + a + "}c){" + b + "," + (b + 1) + "}");
                out.add("(a{0," + a + "}){" + b + "}");
            }
        }
        out.addAll(List.of("a{1000}", "a{1001}", "a{2,1}", "a{0}", "(a{0}){1001}", "((a{10}){10}){10}",
                "((a{10}){10}){11}", "(a{1000}|b{1000})", "(a{10}|b{11}){100}", "((((a{100}){100}){100}){100})",
                "([a-z]{1,63}\\.){1,127}", "x{2}{3}", "(?:x{2}){3}{4}"));
        // random nests of groups, alternations, classes and quantifiers around height 1000 (the last RANDOM)
        Random r = new Random(20261207);
        String[] atoms = {"a", "b", "[ab]", ".", "\\d", "xy", "(?i)c", "\\pL"};
        String[] opens = {"(", "(?:", "(?P<n>"};
        String[] closes = {")", ")*", ")+", ")?"};
        String[] counted = {"){2}", "){0,3}", "){3,}"};
        for (int k = 0; k < RANDOM; k++) {
            int depth = 150 + r.nextInt(450);   // heights of about 300 to 1,800
            StringBuilder sb = new StringBuilder();
            List<String> stack = new ArrayList<>();
            int countedLeft = 3;
            for (int i = 0; i < depth; i++) {
                sb.append(opens[r.nextInt(opens.length)]);
                if (r.nextInt(3) == 0) sb.append(atoms[r.nextInt(atoms.length)]);
                if (r.nextInt(5) == 0) sb.append(atoms[r.nextInt(atoms.length)]).append('|');
                // a counted repeat now and then (at most three, to stay inside the engine's program size limit)
                boolean count = countedLeft > 0 && r.nextInt(60) == 0;
                if (count) countedLeft--;
                stack.add(count ? counted[r.nextInt(counted.length)] : closes[r.nextInt(closes.length)]);
            }
            sb.append(atoms[r.nextInt(atoms.length)]);
            for (int i = stack.size() - 1; i >= 0; i--) sb.append(stack.get(i));
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void enginesRejectTheSamePatterns() throws Exception {
        OpaOracle opa = OpaOracle.require();
        List<String> patterns = patterns();
        String input = JSON.writeValueAsString(patterns);
        String module = "package p\nimport rego.v1\nr := [regex.is_valid(p) | some p in input]\n";
        JsonNode want = JSON.readTree(opa.eval(module, input, "data.p.r")).path("result").path(0).path("expressions").path(0).path("value");
        JsonNode got = JSON.readTree(Json.write(Rego.builder().module("m.rego", module).build()
                .prepare("data.p.r").eval(Json.parse(input)).get(0).expressions().get(0).value()));
        assertEquals(patterns.size(), want.size(), "OPA's answer: " + want);
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            if (!want.get(i).equals(got.get(i))) {
                String p = patterns.get(i);
                diffs.add((p.length() > 80 ? p.substring(0, 80) + "... (" + p.length() + " chars)" : p)
                        + ": opa=" + want.get(i) + " ours=" + got.get(i));
            }
        }
        assertEquals(List.of(), diffs);
        // the random patterns straddle the boundary: OPA accepts some and rejects others
        java.util.Set<String> answers = new java.util.HashSet<>();
        for (int i = patterns.size() - RANDOM; i < patterns.size(); i++) answers.add(want.get(i).asText());
        assertEquals(java.util.Set.of("true", "false"), answers);
    }
}
