package dev.ecsguard.rego.testing;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.testing.RegoTestRunner.Options;
import dev.ecsguard.rego.testing.RegoTestRunner.Report;
import dev.ecsguard.rego.testing.RegoTestRunner.Status;
import dev.ecsguard.rego.testing.RegoTestRunner.TestResult;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegoTestRunnerTest {
    private static final String POLICY = """
            package app
            import rego.v1

            default allow := false

            allow if input.user == "admin"

            deny contains msg if {
            \tinput.user == "guest"
            \tmsg := "guests are denied"
            }

            unused := 1 if {
            \tinput.nothing
            }
            """;

    private static final String TESTS = """
            package app_test
            import rego.v1
            import data.app

            test_admin_allowed if app.allow with input as {"user": "admin"}

            test_guest_denied if {
            \tprint("checking guest")
            \t"guests are denied" in app.deny with input as {"user": "guest"}
            }

            test_guest_allowed_fails if {
            \tprint("this one fails")
            \tapp.allow with input as {"user": "guest"}
            }

            test_false_value := false

            test_data_from_file if data.limits.max == 3

            todo_test_later if false

            helper(x) := x
            """;

    private static Map<String, String> modules(String... nameAndSource) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndSource.length; i += 2) m.put(nameAndSource[i], nameAndSource[i + 1]);
        return m;
    }

    private static Report run(Map<String, String> modules, Options o) {
        return RegoTestRunner.run(modules, Json.parse("{\"limits\": {\"max\": 3}}"), o);
    }

    private static TestResult find(Report r, String suffix) {
        return r.results().stream().filter(t -> t.name().endsWith(suffix)).findFirst().orElseThrow();
    }

    @Test
    void passFailSkipAndSummary() {
        Report r = run(modules("app.rego", POLICY, "app_test.rego", TESTS), Options.DEFAULT);
        assertEquals(6, r.results().size());
        assertEquals(Status.PASS, find(r, ".test_admin_allowed").status());
        assertEquals(Status.PASS, find(r, ".test_guest_denied").status());
        assertEquals(Status.FAIL, find(r, ".test_guest_allowed_fails").status());
        assertEquals("undefined", find(r, ".test_guest_allowed_fails").message());
        assertEquals(Status.FAIL, find(r, ".test_false_value").status());
        assertEquals("value: false", find(r, ".test_false_value").message());
        assertEquals(Status.PASS, find(r, ".test_data_from_file").status());
        assertEquals(Status.SKIP, find(r, ".todo_test_later").status());
        assertEquals("data.app_test.test_admin_allowed", r.results().get(0).name());
        assertEquals("app_test.rego", r.results().get(0).file());
        assertEquals(5, r.results().get(0).location().row());
        assertFalse(r.success());
        assertEquals("3 passed, 2 failed, 1 skipped", r.summaryLine());
    }

    @Test
    void aPolicyAlreadyCompiledFromTheModulesGivesTheSameReport() {
        Map<String, String> m = modules("app.rego", POLICY, "app_test.rego", TESTS);
        Rego.Builder b = Rego.builder().data(Json.parse("{\"limits\": {\"max\": 3}}"));
        m.forEach(b::module);
        CompiledPolicy compiled = b.build();
        Report fromSources = run(m, Options.DEFAULT);
        Report fromCompiled = RegoTestRunner.run(compiled, Options.DEFAULT);
        assertEquals(fromSources.summaryLine(), fromCompiled.summaryLine());
        assertEquals(fromSources.results().stream().map(t -> t.name() + " " + t.status() + " " + t.message() + " " + t.prints()).toList(),
                fromCompiled.results().stream().map(t -> t.name() + " " + t.status() + " " + t.message() + " " + t.prints()).toList());
        assertThrows(IllegalArgumentException.class, () -> RegoTestRunner.run(compiled, Options.DEFAULT.withCoverage(true)));
    }

    @Test
    void printOutputIsCapturedPerTest() {
        Report r = run(modules("app.rego", POLICY, "app_test.rego", TESTS), Options.DEFAULT);
        assertEquals(List.of("checking guest"), find(r, ".test_guest_denied").prints());
        assertEquals(List.of("this one fails"), find(r, ".test_guest_allowed_fails").prints());
    }

    @Test
    void runFilterMatchesTheFullName() {
        Report r = run(modules("app.rego", POLICY, "app_test.rego", TESTS),
                Options.DEFAULT.withFilter(Pattern.compile("guest_denied$")));
        assertEquals(1, r.results().size());
        assertTrue(r.success());
        assertEquals("1 passed, 0 failed", r.summaryLine());
    }

    @Test
    void evaluationErrorsAreErrorsNotFailures() {
        String src = """
                package c
                import rego.v1
                p := 1 if input.x == 1
                p := 2 if true
                test_conflict if p == 1 with input as {"x": 1}
                test_ok if true
                """;
        Report r = RegoTestRunner.run(modules("c_test.rego", src), ObjectValue.EMPTY, Options.DEFAULT);
        TestResult t = find(r, ".test_conflict");
        assertEquals(Status.ERROR, t.status());
        assertTrue(t.message().contains("eval_conflict_error"), t.message());
        assertEquals("1 passed, 0 failed, 1 errored", r.summaryLine());
        assertFalse(r.success());
    }

    @Test
    void testsInAnyModuleRunAndClausesOfOneNameAreOneTest() {
        String src = """
                package p
                import rego.v1
                test_twice if 1 == 1
                test_twice if 2 == 2
                """;
        Report r = RegoTestRunner.run(modules("p.rego", src), ObjectValue.EMPTY, Options.DEFAULT);
        assertEquals(1, r.results().size());
        assertEquals(Status.PASS, r.results().get(0).status());
    }

    @Test
    void v0ModulesRunWithTheV0Flag() {
        String src = """
                package v
                deny[msg] { input.x == 1; msg := "x" }
                test_deny { deny["x"] with input as {"x": 1} }
                """;
        Report r = RegoTestRunner.run(modules("v_test.rego", src), ObjectValue.EMPTY, Options.DEFAULT.withVersion(RegoVersion.V0));
        assertTrue(r.success(), r.results().toString());
        assertEquals(1, r.count(Status.PASS));
    }

    @Test
    void parseErrorsAreThrownWithTheirFile() {
        RegoException e = assertThrows(RegoException.class, () ->
                RegoTestRunner.run(modules("broken_test.rego", "package b\nimport rego.v1\ntest_x if {\n"), ObjectValue.EMPTY, Options.DEFAULT));
        assertEquals("broken_test.rego", e.first().location().file());
        assertEquals("rego_parse_error", e.first().kind().code());
    }

    @Test
    void coverageReportsLinesAndRulesNeverEvaluated() {
        Report r = run(modules("app.rego", POLICY, "app_test.rego", TESTS), Options.DEFAULT.withCoverage(true));
        // Coverage must not change the outcomes.
        assertEquals("3 passed, 2 failed, 1 skipped", r.summaryLine());
        Coverage.Report c = r.coverage();
        Coverage.FileCoverage app = c.files().stream().filter(f -> f.file().equals("app.rego")).findFirst().orElseThrow();
        assertTrue(app.covered().contains(6), app.toString());     // allow if input.user == "admin"
        assertTrue(app.covered().contains(9), app.toString());     // input.user == "guest"
        assertTrue(app.covered().contains(10), app.toString());    // msg := ...
        assertTrue(app.notCovered().contains(13), app.toString()); // unused := 1 if
        assertTrue(app.notCovered().contains(14), app.toString()); // input.nothing
        assertTrue(c.rules().stream().anyMatch(x -> x.file().equals("app.rego") && x.row() == 13 && !x.evaluated()));
        assertTrue(c.rules().stream().anyMatch(x -> x.file().equals("app.rego") && x.row() == 6 && x.succeeded()));
        assertTrue(c.percent() > 50 && c.percent() < 100, String.valueOf(c.percent()));
        assertEquals("13-14", Coverage.ranges(app.notCovered()));
    }

    @Test
    void withoutCoverageThereIsNoCoverageReport() {
        assertNull(run(modules("app.rego", POLICY), Options.DEFAULT).coverage());
    }

    @Test
    void reporterEndsWithTheSummaryLineAndShowsPrintsOfFailures() {
        Report r = run(modules("app.rego", POLICY, "app_test.rego", TESTS), Options.DEFAULT.withCoverage(true));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TestReporter.print(r, new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        String out = buf.toString(StandardCharsets.UTF_8);
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("\\d+ passed, \\d+ failed.*"), out);
        assertTrue(out.contains("data.app_test.test_guest_allowed_fails: FAIL ("), out);
        assertTrue(out.contains("    this one fails"), out);
        assertFalse(out.contains("    checking guest"), out);  // passing test: only with -v
        assertTrue(out.contains("data.app_test.todo_test_later: SKIP"), out);
        assertTrue(out.contains("app.rego:13 unused"), out);
        ByteArrayOutputStream verbose = new ByteArrayOutputStream();
        TestReporter.print(r, new PrintStream(verbose, true, StandardCharsets.UTF_8), true);
        assertTrue(verbose.toString(StandardCharsets.UTF_8).contains("    checking guest"));
    }

    @Test
    void runsFromDirectoriesWithDataDocuments(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve(".hidden"));
        Files.writeString(dir.resolve("rules/app.rego"), POLICY);
        Files.writeString(dir.resolve("rules/app_test.rego"), TESTS.replace("todo_test_later if false\n", ""));
        Files.writeString(dir.resolve("data/limits.json"), "{\"limits\": {\"max\": 3}}");
        Files.writeString(dir.resolve("data/more.yaml"), "limits:\n  min: 1\n");
        Files.writeString(dir.resolve(".hidden/broken.rego"), "this is not rego");
        Files.writeString(dir.resolve("README.md"), "ignored");
        Report r = RegoTestRunner.run(List.of(dir), Options.DEFAULT);
        assertEquals(Status.PASS, find(r, ".test_data_from_file").status());
        PolicyFiles.Loaded l = PolicyFiles.load(List.of(dir));
        assertEquals(2, l.modules().size());
        assertEquals("{\"limits\":{\"max\":3,\"min\":1}}", Json.write(l.data()));
    }

    @Test
    void loaderErrorsNameTheFileAndPlace(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), "{\"x\": 1}");
        Files.writeString(dir.resolve("b.json"), "{\"x\": 2}");
        PolicyFiles.LoadException e = assertThrows(PolicyFiles.LoadException.class, () -> PolicyFiles.load(List.of(dir)));
        assertTrue(e.getMessage().contains("b.json: merge error: data.x is already defined by "), e.getMessage());

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"x\": [1,\n}");
        e = assertThrows(PolicyFiles.LoadException.class, () -> PolicyFiles.load(List.of(bad)));
        assertTrue(e.getMessage().startsWith(bad + ": invalid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());

        e = assertThrows(PolicyFiles.LoadException.class, () -> PolicyFiles.load(List.of(dir.resolve("missing.rego"))));
        assertTrue(e.getMessage().endsWith("missing.rego: no such file or directory"), e.getMessage());

        Path arr = dir.resolve("arr.yaml");
        Files.writeString(arr, "- 1\n- 2\n");
        e = assertThrows(PolicyFiles.LoadException.class, () -> PolicyFiles.load(List.of(arr)));
        assertTrue(e.getMessage().contains("must be a JSON/YAML object"), e.getMessage());
    }
}
