package dev.ecsguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher: subcommand choice, option syntax, help pages and usage errors (exit 2, a message that says what). */
class MainTest {
    private static Path policy(Path dir) throws Exception {
        Path p = dir.resolve("p.rego");
        Files.writeString(p, "package p\n\nx := input.n + 1\ntest_x if x == 2 with input.n as 1\ntest_y if x == 4 with input.n as 2\n");
        return p;
    }

    @Test
    void noArgumentsOrHelpPrintTheCommandList() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-h"})) {
            CliRun r = CliRun.run(args);
            assertEquals(0, r.exit());
            for (Subcommand c : Main.COMMANDS) assertTrue(r.out().contains("\n  " + c.name() + " "), c.name() + "\n" + r.out());
        }
    }

    @Test
    void everyCommandHasAHelpPageWithItsOptionsAndExitCodes() {
        for (Subcommand c : Main.COMMANDS) {
            CliRun r = CliRun.run(c.name(), "--help");
            assertEquals(0, r.exit(), c.name());
            assertTrue(r.out().startsWith("Usage: ecs-guard " + c.name() + " [OPTIONS] " + c.positional()), r.out());
            for (var o : c.options()) assertTrue(r.out().contains("--" + o.getLongOpt()), o + "\n" + r.out());
            assertTrue(r.out().contains("Exit codes:\n  0   "), r.out());
            assertTrue(r.err().isEmpty(), r.err());
        }
    }

    @Test
    void longOptionsTakeTheirValueAfterEqualsOrAsTheNextWordAndShortFlagsCluster(@TempDir Path dir) throws Exception {
        Path p = policy(dir);
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{\"n\": 41}");
        CliRun equals = CliRun.run("eval", "--data-path=" + p, "--input=" + in, "--format=pretty", "data.p.x");
        assertEquals(0, equals.exit(), equals.err());
        assertEquals("42\n", equals.out());
        CliRun words = CliRun.run("eval", "data.p.x", "-d", p.toString(), "-i", in.toString(), "-f", "pretty");
        assertEquals("42\n", words.out(), "options after the positional parameter too");

        CliRun clustered = CliRun.run("test", "-vc", p.toString());
        assertEquals(1, clustered.exit(), "test_y fails");
        assertTrue(clustered.out().contains("1 passed, 1 failed"), clustered.out());
        assertTrue(clustered.out().toLowerCase(java.util.Locale.ROOT).contains("coverage"), clustered.out());
    }

    @Test
    void usageErrorsExitTwoAndSayWhat(@TempDir Path dir) throws Exception {
        Path p = policy(dir);
        assertUsage(CliRun.run("evl"), "ecs-guard: unknown command 'evl' (commands: eval, bench, conformance, test, replay, check, restore)");
        assertUsage(CliRun.run("--nope"), "ecs-guard: unknown option '--nope'");
        assertUsage(CliRun.run("eval", "--nope", "1"), "ecs-guard eval: unknown option '--nope'");
        assertUsage(CliRun.run("eval", "1", "-f"), "ecs-guard eval: option --format needs a value");
        assertUsage(CliRun.run("eval"), "ecs-guard eval: missing QUERY");
        assertUsage(CliRun.run("eval", "1", "2"), "ecs-guard eval: unexpected argument '2'");
        assertUsage(CliRun.run("test"), "ecs-guard test: missing PATH");
        assertUsage(CliRun.run("eval", "-f", "json", "-f", "pretty", "1"), "ecs-guard eval: option --format should be specified only once");
        assertUsage(CliRun.run("bench", "-d", p.toString(), "--count", "many", "data.p.x"),
                "ecs-guard bench: option --count: 'many' is not an integer");
        assertUsage(CliRun.run("eval", "--strict-built", "1"), "ecs-guard eval: unknown option '--strict-built'");
    }

    private static void assertUsage(CliRun r, String firstLine) {
        assertEquals(2, r.exit(), r.err());
        assertEquals(firstLine, r.err().lines().findFirst().orElse(""), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void aCommandThatThrowsExitsOneWithItsTraceAndKeepsWhatItPrinted() {
        Subcommand broken = new Subcommand("broken", "Fails.", List.of(), List.of(), "", 0, 0, List.of("0:never"),
                (args, out, err) -> {
                    out.println("partial");
                    throw new IllegalStateException("boom");
                });
        java.io.StringWriter out = new java.io.StringWriter(), err = new java.io.StringWriter();
        int code = Main.execute(List.of(broken), new String[] {"broken"}, new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                Map.of());
        assertEquals(1, code);
        assertEquals("partial\n", out.toString());
        assertTrue(err.toString().startsWith("ecs-guard broken: internal error: java.lang.IllegalStateException: boom\n"), err.toString());
        assertTrue(err.toString().contains("at dev.ecsguard.cli.MainTest"), err.toString());
    }

    @Test
    void repeatableOptionsKeepEveryValueInOrder(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.rego");
        Files.writeString(a, "package a\n\nv := data.b.w\n");
        Path b = dir.resolve("b.rego");
        Files.writeString(b, "package b\n\nw := 7\n");
        CliRun r = CliRun.run("eval", "-d", a.toString(), "-d", b.toString(), "-f", "pretty", "data.a.v");
        assertEquals(0, r.exit(), r.err());
        assertEquals("7\n", r.out());
    }
}
