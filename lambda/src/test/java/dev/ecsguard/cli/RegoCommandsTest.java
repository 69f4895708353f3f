package dev.ecsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The eval, bench, conformance and test subcommands: outputs, messages and exit codes. */
class RegoCommandsTest {
    private static final String POLICY = """
            package app
            import rego.v1

            allow if input.user == "admin"

            deny contains "guest" if input.user == "guest"
            """;

    private static final String TESTS = """
            package app_test
            import rego.v1
            import data.app

            test_admin if app.allow with input as {"user": "admin"}
            test_guest if "guest" in app.deny with input as {"user": "guest"}
            """;

    private static Path write(Path dir, String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    // ---------------------------------------------------------------- eval

    @Test
    void evalPrintsOpaJson(@TempDir Path dir) throws Exception {
        Path policy = write(dir, "app.rego", POLICY);
        Path input = write(dir, "in.json", "{\"user\": \"admin\"}");
        CliRun r = CliRun.run("eval", "-d", policy.toString(), "-i", input.toString(), "data.app.allow");
        assertEquals(0, r.exit(), r.err());
        assertEquals("""
                {
                  "result": [
                    {
                      "expressions": [
                        {
                          "value": true,
                          "text": "data.app.allow",
                          "location": {
                            "row": 1,
                            "col": 1
                          }
                        }
                      ]
                    }
                  ]
                }
                """, r.out());
    }

    @Test
    void evalLoadsDirectoriesAndDataAndPrintsPretty(@TempDir Path dir) throws Exception {
        write(dir, "p/app.rego", POLICY + "limit := data.cfg.limit\n");
        write(dir, "p/data/cfg.yaml", "cfg:\n  limit: 5\n");
        CliRun r = CliRun.run("eval", "-d", dir.resolve("p").toString(), "--format", "pretty", "data.app.limit");
        assertEquals(0, r.exit(), r.err());
        assertEquals("5\n", r.out());
        r = CliRun.run("eval", "-d", dir.resolve("p").toString(), "--format", "pretty", "data.app.allow");
        assertEquals("undefined\n", r.out());
        r = CliRun.run("eval", "--format=pretty", "x := [1, 2][_]");
        assertEquals("x = 1\n\nx = 2\n", r.out());
        Path base = write(dir, "base.json", "{\"cfg\": {\"other\": true}}");
        r = CliRun.run("eval", "-d", dir.resolve("p").toString(), "--data", base.toString(), "--format", "pretty", "data.cfg");
        assertEquals("{\n  \"limit\": 5,\n  \"other\": true\n}\n", r.out());
    }

    @Test
    void evalStageTimingsListsEachCompilerStageOnStderr(@TempDir Path dir) throws Exception {
        Path policy = write(dir, "app.rego", POLICY);
        CliRun r = CliRun.run("eval", "--stage-timings", "-d", policy.toString(), "--format", "pretty", "data.app.allow");
        assertEquals(0, r.exit(), r.err());
        assertEquals("undefined\n", r.out());
        List<String> stages = r.err().lines().skip(1).map(l -> l.split("\\s+")[0] + (l.startsWith("query") ? " " + l.split("\\s+")[1] : ""))
                .toList();
        assertEquals(List.of("CheckKeywordOverrides", "CheckDuplicateImports", "SetAnnotationSet", "SetRuleTree", "RewriteLocalVars",
                "CheckRuleConflicts", "CheckUndefinedFuncs", "CheckSafetyRuleHeads", "ResolveRefs", "RewriteWithValues",
                "CheckSafetyRuleBodies", "CheckRecursion", "CheckTypes", "CheckDeprecatedBuiltins", "BuildRuleIndices",
                "query RewriteLocalVars", "query ResolveRefs", "query RewriteWithValues", "query CheckUndefinedFuncs",
                "query CheckSafety", "query CheckTypes", "query CheckDeprecatedBuiltins", "total"), stages, r.err());
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("compiler stage") || l.matches(".*\\d+\\.\\d{3}\\s+(\\d+\\.\\d{3}|-)$")), r.err());
    }

    @Test
    void evalUndefinedIsEmptyObjectAndExitZero() {
        CliRun r = CliRun.run("eval", "input.nothing");
        assertEquals(0, r.exit());
        assertEquals("{}\n", r.out());
    }

    @Test
    void evalRegoErrorsExitOne(@TempDir Path dir) throws Exception {
        Path bad = write(dir, "bad.rego", "package bad\nimport rego.v1\np if {\n  x := \n}\n");
        CliRun json = CliRun.run("eval", "-d", bad.toString(), "data.bad.p");
        assertEquals(1, json.exit());
        JsonNode err = new ObjectMapper().readTree(json.out()).get("errors").get(0);
        assertEquals("rego_parse_error", err.get("code").asText());
        assertEquals(bad.toString(), err.get("location").get("file").asText());
        assertEquals(5, err.get("location").get("row").asInt());
        assertEquals("}", err.get("details").get("line").asText());

        CliRun pretty = CliRun.run("eval", "-d", bad.toString(), "--format", "pretty", "data.bad.p");
        assertEquals(1, pretty.exit());
        assertTrue(pretty.err().startsWith(bad + ":5:1: rego_parse_error: "), pretty.err());

        Path conflict = write(dir, "c.rego", "package c\nimport rego.v1\np := 1 if true\np := 2 if true\n");
        CliRun c = CliRun.run("eval", "-d", conflict.toString(), "-f", "pretty", "data.c.p");
        assertEquals(1, c.exit());
        assertTrue(c.err().contains("eval_conflict_error"), c.err());
    }

    @Test
    void evalUsageErrorsExitTwo(@TempDir Path dir) throws Exception {
        CliRun missing = CliRun.run("eval", "-d", dir.resolve("nope.rego").toString(), "data");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.rego: no such file or directory"), missing.err());

        Path badJson = write(dir, "in.json", "{\n  \"a\": 1,\n  \"b\": }\n");
        CliRun bad = CliRun.run("eval", "-i", badJson.toString(), "input");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("in.json: invalid JSON") && bad.err().contains("line 3 column"), bad.err());

        assertEquals(2, CliRun.run("eval", "--v0", "--v1", "1").exit());
        assertEquals(2, CliRun.run("eval", "--format", "xml", "1").exit());
        assertEquals(2, CliRun.run("eval").exit());
        Path txt = write(dir, "notes.txt", "x");
        assertEquals(2, CliRun.run("eval", "-d", txt.toString(), "1").exit());
    }

    @Test
    void evalStrictTurnsBuiltinErrorsIntoErrors() {
        assertEquals("{}\n", CliRun.run("eval", "x := 1 / 0").out());
        CliRun strict = CliRun.run("eval", "--strict", "x := 1 / 0");
        assertEquals(1, strict.exit());
        assertTrue(strict.out().contains("\"code\": \"eval_builtin_error\""), strict.out());
    }

    // ---------------------------------------------------------------- bench

    @Test
    void benchEndsWithOneJsonObjectWithExactlyTheKeys(@TempDir Path dir) throws Exception {
        Path policy = write(dir, "app.rego", POLICY);
        Path input = write(dir, "in.json", "{\"user\": \"guest\"}");
        CliRun r = CliRun.run("bench", "-d", policy.toString(), "-i", input.toString(), "--count", "50", "--warmup", "10",
                "data.app.deny");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        TreeSet<String> keys = new TreeSet<>();
        for (Iterator<String> it = last.fieldNames(); it.hasNext(); ) keys.add(it.next());
        assertEquals(new TreeSet<>(List.of("compile_ms", "inputs", "eval_median_ns", "eval_p99_ns", "event_median_ns",
                "event_mean_ns", "event_p99_ns", "alloc_bytes_per_event")), keys);
        assertEquals(1, last.get("inputs").asInt());
        assertTrue(last.get("event_mean_ns").asLong() > 0);
        assertTrue(last.get("event_median_ns").asLong() >= last.get("eval_median_ns").asLong() / 2);
        assertTrue(last.get("eval_p99_ns").asLong() >= last.get("eval_median_ns").asLong());
        assertTrue(last.get("alloc_bytes_per_event").asLong() > 0);
        assertTrue(r.out().contains("1 result(s)"), r.out());
    }

    @Test
    void benchCyclesThroughInputsGivenAsFilesAndDirectories(@TempDir Path dir) throws Exception {
        Path policy = write(dir, "app.rego", POLICY);
        write(dir, "inputs/a.json", "{\"user\": \"guest\"}");
        write(dir, "inputs/b.json", "{\"user\": \"admin\"}");
        write(dir, "inputs/notes.txt", "not an input");
        Path third = write(dir, "c.json", "{\"user\": \"other\"}");
        CliRun r = CliRun.run("bench", "-d", policy.toString(), "-i", dir.resolve("inputs").toString(), "-i", third.toString(),
                "--count", "30", "--warmup", "3", "--match-memo", "off", "data.app.deny");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals(3, last.get("inputs").asInt());
        assertTrue(r.out().contains("inputs 3 ("), r.out());
        assertTrue(r.out().contains("match memo off"), r.out());
        // the first input (a.json, the guest) decides the first line
        assertTrue(r.out().contains("first value [\"guest\"]"), r.out());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun none = CliRun.run("bench", "-d", policy.toString(), "-i", empty.toString(), "data.app.deny");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no *.json files"), none.err());
        assertEquals(2, CliRun.run("bench", "-d", policy.toString(), "--match-memo", "maybe", "data.app").exit());
    }

    @Test
    void benchErrors(@TempDir Path dir) throws Exception {
        Path policy = write(dir, "app.rego", POLICY);
        assertEquals(2, CliRun.run("bench", "-d", policy.toString(), "--count", "0", "data.app").exit());
        Path bad = write(dir, "in.json", "{");
        CliRun r = CliRun.run("bench", "-d", policy.toString(), "-i", bad.toString(), "data.app");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("invalid JSON"), r.err());
        CliRun unsafe = CliRun.run("bench", "-d", policy.toString(), "--count", "1", "x");
        assertEquals(1, unsafe.exit());
        assertTrue(unsafe.err().contains("rego_unsafe_var_error"), unsafe.err());
    }

    // ---------------------------------------------------------------- conformance

    @Test
    void conformanceRunsCasesAndExitsOneOnFailure(@TempDir Path dir) throws Exception {
        write(dir, "cases/good.yaml", """
                rego_version: 1
                cases:
                - note: good/one
                  query: data.t.p = x
                  modules: ["package t\\np := 1"]
                  want_result: [{x: 1}]
                """);
        CliRun ok = CliRun.run("conformance", dir.resolve("cases").toString());
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().strip().endsWith("1 passed, 0 failed, 0 skipped"), ok.out());

        write(dir, "cases/bad.yaml", """
                rego_version: 1
                cases:
                - note: bad/one
                  query: data.t.p = x
                  modules: ["package t\\np := 1"]
                  want_result: [{x: 2}]
                """);
        CliRun fail = CliRun.run("conformance", dir.resolve("cases").toString());
        assertEquals(1, fail.exit());
        assertTrue(fail.out().contains("FAIL cases/bad.yaml :: bad/one :: "), fail.out());
        assertTrue(fail.out().strip().endsWith("1 passed, 1 failed, 0 skipped"), fail.out());

        assertEquals(2, CliRun.run("conformance", dir.resolve("missing").toString()).exit());
    }

    // ---------------------------------------------------------------- test

    @Test
    void testCommandRunsTestsAndEndsWithTheSummary(@TempDir Path dir) throws Exception {
        write(dir, "p/app.rego", POLICY);
        write(dir, "p/app_test.rego", TESTS);
        CliRun r = CliRun.run("test", dir.resolve("p").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("2 passed, 0 failed", lines.get(lines.size() - 1));
        assertTrue(r.out().contains("data.app_test.test_admin: PASS ("), r.out());

        CliRun filtered = CliRun.run("test", "--run", "guest", dir.resolve("p").toString());
        assertTrue(filtered.out().strip().endsWith("1 passed, 0 failed"), filtered.out());

        CliRun cov = CliRun.run("test", "--coverage", dir.resolve("p").toString());
        assertEquals(0, cov.exit());
        assertTrue(cov.out().contains("coverage (rule bodies and heads, by line):"), cov.out());
    }

    @Test
    void testCommandFailuresAndErrors(@TempDir Path dir) throws Exception {
        write(dir, "p/app.rego", POLICY);
        write(dir, "p/app_test.rego", TESTS + "test_wrong if {\n  print(\"why\", input)\n  app.allow\n}\n");
        CliRun r = CliRun.run("test", dir.resolve("p").toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("data.app_test.test_wrong: FAIL"), r.out());
        assertTrue(r.out().contains("why <undefined>") || r.out().contains("why"), r.out());
        assertTrue(r.out().strip().endsWith("2 passed, 1 failed"), r.out());

        write(dir, "broken/x_test.rego", "package x\nimport rego.v1\ntest_a if { y > 1 }\n");
        CliRun broken = CliRun.run("test", dir.resolve("broken").toString());
        assertEquals(1, broken.exit());
        assertTrue(broken.err().contains("x_test.rego:3:") && broken.err().contains("rego_unsafe_var_error"), broken.err());

        write(dir, "empty/lib.rego", "package lib\nimport rego.v1\nx := 1\n");
        CliRun none = CliRun.run("test", dir.resolve("empty").toString());
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("no tests found"), none.err());

        assertEquals(2, CliRun.run("test", "--run", "(", dir.resolve("p").toString()).exit());
        assertEquals(2, CliRun.run("test", dir.resolve("nothing-here").toString()).exit());
    }
}
