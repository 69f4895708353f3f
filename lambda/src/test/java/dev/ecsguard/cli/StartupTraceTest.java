package dev.ecsguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.rego.PhaseTrace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ECS_GUARD_STARTUP_TRACE: the phases of one eval, in the order they ran, and the report that prints them. */
class StartupTraceTest {
    @AfterEach
    void off() {
        PhaseTrace.disable();
    }

    @Test
    void anEvalMarksItsPhasesInOrderAndTheReportListsThem() {
        PhaseTrace.enable(StartupTrace::threadCpuNanos);
        CliRun r = CliRun.run("eval", "-d", CliRun.repoRoot().resolve("policies").toString(), "-i",
                CliRun.repoRoot().resolve("events-samples/inputs/input-task-state-change-privileged.json").toString(),
                "data.ecsguard.violations");
        assertEquals(0, r.exit(), r.err());
        List<String> phases = PhaseTrace.marks().stream().map(PhaseTrace.Mark::phase).toList();
        // The compiler's stage listener marks each stage's end (the same events --stage-timings times).
        List<String> expected = List.of("start", "command line parsed", "policy files and input read", "parse",
                "compile: CheckKeywordOverrides", "compile: CheckDuplicateImports", "compile: SetAnnotationSet",
                "compile: SetRuleTree", "compile: RewriteLocalVars", "compile: CheckRuleConflicts", "compile: CheckUndefinedFuncs",
                "compile: CheckSafetyRuleHeads", "compile: ResolveRefs", "compile: RewriteWithValues", "compile: CheckSafetyRuleBodies",
                "compile: CheckRecursion", "compile: CheckTypes", "compile: CheckDeprecatedBuiltins", "compile: BuildRuleIndices",
                "compile: query RewriteLocalVars", "compile: query ResolveRefs", "compile: query RewriteWithValues",
                "compile: query CheckUndefinedFuncs", "compile: query CheckSafety", "compile: query CheckTypes",
                "compile: query CheckDeprecatedBuiltins", "query prepared", "evaluated", "output written");
        // "builtins registered" appears once per JVM, wherever the registry is first built.
        assertEquals(expected, phases.stream().filter(p -> !p.equals("builtins registered")).toList());
        for (PhaseTrace.Mark m : PhaseTrace.marks()) assertTrue(m.cpuNanos() >= 0 || !StartupTraceTest.linux(), m.toString());

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        StartupTrace.printIfEnabled(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String report = buf.toString(StandardCharsets.UTF_8);
        assertTrue(report.startsWith("ecs-guard startup trace"), report);
        for (String p : expected.subList(1, expected.size())) assertTrue(report.contains("  " + p + " "), p + "\n" + report);
        assertTrue(report.contains("jvm start -> main") && report.contains("total: jvm uptime, process cpu"), report);
    }

    @Test
    void offByDefaultAndMarksAreThenIgnored() {
        assertTrue(!PhaseTrace.enabled());
        PhaseTrace.mark("ignored");
        assertTrue(PhaseTrace.marks().isEmpty());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        StartupTrace.printIfEnabled(new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(0, buf.size());
    }

    static boolean linux() {
        return java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/thread-self/schedstat"));
    }
}
