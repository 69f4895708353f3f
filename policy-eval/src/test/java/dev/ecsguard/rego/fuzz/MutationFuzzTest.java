package dev.ecsguard.rego.fuzz;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.Value;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property: whatever text is handed to the parser, compiler and evaluator, and whatever JSON
 * input, the engine either answers or throws a {@link RegoException}. Never another exception,
 * a stack overflow or a hang. Mutants come from seed policies (inline, plus the conformance
 * corpus when ../shared is present). {@code -Dfuzz.iterations=N} runs longer; the seed is fixed
 * so a failure reproduces, and {@code -Dfuzz.seed=S} explores elsewhere.
 */
class MutationFuzzTest {
    private static final String[] SEEDS = {
            """
            package p
            import rego.v1
            default allow := false
            allow if { input.user == "admin"; count(input.roles) > 0 }
            deny contains msg if { some c in input.containers; c.privileged; msg := sprintf("%s is privileged", [c.name]) }
            f(x) := y if { y := x * 2 } else := 0
            obj[k] := v if { some k, v in input.tags }
            every_ok if { every c in input.containers { c.name != "" } }
            """,
            """
            package q
            s := {x | x := [1, 2, 3][_]}
            o := {k: v | some k, v in {"a": 1}}
            a := [x | some x in s; x > 1]
            w := y if { y := data.q.s with input as {"x": 1} }
            n if not input.missing
            r := concat(",", [upper(x) | some x in ["a", "b"]])
            """,
            """
            package v0
            deny[msg] { input.a[i] = x; x > 1; msg := sprintf("bad %v", [x]) }
            p = true { input.b }
            default q = 1
            q = 2 { input.c == "d" }
            """,
    };

    private static final String[] TOKENS = {
            "{", "}", "[", "]", "(", ")", ":=", "=", "==", "!=", "<", ">", "+", "-", "*", "/", "%", "|", "&",
            ",", ";", ".", "\n", " if ", " contains ", " some ", " every ", " in ", " not ", " with ", " as ",
            " else ", " default ", "_", "x", "input", "data", "\"s\"", "`raw`", "1", "1.5e3", "-0", "null",
            "true", "false", "set()", "count(", "sprintf(", "f(", "import rego.v1\n", "package z\n", "#",
            "[x | x := 1]", "{1: 2}", "\\", "\"", "99999999999999999999999999", "input.a[_]",
    };

    @Test
    void mutatedPoliciesAndInputsOnlyRaiseRegoErrors() throws IOException {
        long seed = Long.getLong("fuzz.seed", 20261123L);
        int iterations = Integer.getInteger("fuzz.iterations", 1500);
        Random rnd = new Random(seed);
        List<String> seeds = new ArrayList<>(List.of(SEEDS));
        seeds.addAll(corpusModules(rnd, 200));
        Value[] inputs = {
                Json.parse("{\"user\":\"admin\",\"roles\":[\"a\"],\"containers\":[{\"name\":\"c\",\"privileged\":true}],\"tags\":{\"k\":\"v\"},\"a\":[1,2,3],\"b\":true,\"c\":\"d\"}"),
                Json.parse("{}"), Json.parse("[1,2]"), Json.parse("null"), deep(400),
        };
        EvalOptions opts = EvalOptions.DEFAULT.withLimits(200_000, Duration.ofSeconds(2), 200);
        for (int i = 0; i < iterations; i++) {
            String src = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            Value input = inputs[rnd.nextInt(inputs.length)];
            try {
                CompiledPolicy p = Rego.builder().module("fuzz.rego", src).build();
                p.prepare("data").eval(input, opts);
            } catch (RegoException expected) {
                // a documented, specific error: what the engine must produce for bad input
            } catch (Throwable t) {
                fail("iteration " + i + " (seed " + seed + ") threw " + t + " for policy:\n" + src, t);
            }
        }
    }

    @Test
    void randomJsonInputsOnlyRaiseDocumentedErrors() {
        Random rnd = new Random(Long.getLong("fuzz.seed", 7L));
        String base = "{\"a\":[1,{\"b\":\"c\"},null,true,1.5e300],\"d\":{\"e\":\"\\u00e9\"}}";
        for (int i = 0; i < 3000; i++) {
            String s = mutate(base, rnd);
            try {
                Json.parse(s);
            } catch (Json.JsonException expected) {
                // malformed JSON is reported, with a position
            } catch (Throwable t) {
                fail("JSON " + s + " threw " + t, t);
            }
        }
        try {
            Json.parse("[".repeat(100_000));
            fail("deeply nested JSON must be rejected");
        } catch (Json.JsonException expected) {
            // rejected before it can overflow the stack
        }
    }

    private static Value deep(int n) {
        return Json.parse("{\"x\":".repeat(n) + "1" + "}".repeat(n));
    }

    private static String mutate(String s, Random rnd) {
        StringBuilder sb = new StringBuilder(s);
        int ops = 1 + rnd.nextInt(4);
        for (int k = 0; k < ops; k++) {
            int len = sb.length();
            int at = len == 0 ? 0 : rnd.nextInt(len);
            switch (rnd.nextInt(5)) {
                case 0 -> sb.delete(at, Math.min(len, at + 1 + rnd.nextInt(8)));
                case 1 -> sb.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                case 2 -> {
                    int end = Math.min(len, at + 1 + rnd.nextInt(20));
                    sb.insert(at, sb.substring(at, end));
                }
                case 3 -> { if (len > 0) sb.setCharAt(at, (char) (32 + rnd.nextInt(95))); }
                default -> sb.insert(at, "[".repeat(rnd.nextInt(300)));
            }
        }
        return sb.toString();
    }

    /** A sample of modules from ../shared/conformance, when it is there. */
    private static List<String> corpusModules(Random rnd, int max) throws IOException {
        Path dir = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolveSibling("shared").resolve("conformance").resolve("opa-0.48-v1");
            if (Files.isDirectory(c)) { dir = c; break; }
        }
        List<String> out = new ArrayList<>();
        if (dir == null) return out;
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (int i = 0; i < max && !files.isEmpty(); i++) {
            String text = Files.readString(files.get(rnd.nextInt(files.size())), StandardCharsets.UTF_8);
            int m = text.indexOf("package ");
            if (m < 0) continue;
            int end = text.indexOf("\n  ", m);
            String block = text.substring(m, end < 0 ? text.length() : end);
            StringBuilder mod = new StringBuilder();
            for (String line : block.split("\n")) mod.append(line.startsWith("      ") ? line.substring(6) : line.strip()).append('\n');
            out.add(mod.toString());
        }
        return out;
    }
}
