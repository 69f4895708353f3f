package dev.ecsguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * eval, test and check answer the same with the parsed-module cache cold, warm and off
 * ({@code --no-cache}, {@code ECS_GUARD_NO_CACHE}), on the starter library; the cache lives under
 * {@code XDG_CACHE_HOME} and nothing is written when it is off.
 */
class ParseCacheCommandsTest {
    private static final Path ROOT = CliRun.repoRoot();

    record Run(int exit, String out, String err) {}

    static Run run(Map<String, String> env, List<String> args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = CliEnvironment.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Run(code, untimed(out.toString()), untimed(err.toString()));
    }

    /** test prints each test's duration, which differs from run to run. */
    static String untimed(String s) {
        return s.replaceAll("\\(\\d+(\\.\\d+)?(ns|µs|us|ms|s)\\)", "(time)");
    }

    static Map<String, String> env(Path cacheHome, String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CACHE_HOME", cacheHome.toString());
        for (int i = 0; i < more.length; i += 2) env.put(more[i], more[i + 1]);
        return env;
    }

    static long entries(Path cacheHome) throws IOException {
        Path dir = cacheHome.resolve("ecs-guard").resolve("parsed");
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".bin")).count();
        }
    }

    private static void assertSameAnswerColdWarmAndOff(List<String> args, long expectedEntries, @TempDir Path tmp)
            throws IOException {
        Path on = tmp.resolve("on"), off = tmp.resolve("off"), offEnv = tmp.resolve("off-env");
        Run cold = run(env(on), args);
        assertEquals(expectedEntries, entries(on), "one entry per module after a cold run");
        Run warm = run(env(on), args);
        List<String> noCache = new ArrayList<>(args);
        noCache.add(1, "--no-cache");
        Run flagOff = run(env(off), noCache);
        Run envOff = run(env(offEnv, "ECS_GUARD_NO_CACHE", "1"), args);
        assertEquals(flagOff, cold, "cold cache vs --no-cache");
        assertEquals(flagOff, warm, "warm cache vs --no-cache");
        assertEquals(flagOff, envOff, "ECS_GUARD_NO_CACHE=1");
        assertEquals(0, entries(off), "--no-cache writes nothing");
        assertEquals(0, entries(offEnv), "ECS_GUARD_NO_CACHE writes nothing");
    }

    private static List<String> starterModules() throws IOException {
        List<String> args = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ROOT.resolve("policies"))) {
            s.filter(p -> p.toString().endsWith(".rego") && !p.toString().endsWith("_test.rego")).sorted()
                    .forEach(p -> { args.add("-d"); args.add(p.toString()); });
        }
        return args;
    }

    /** Every .rego file of the starter library, tests included (one cache entry each). */
    private static long starterModuleFiles() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve("policies"))) {
            return s.filter(p -> p.toString().endsWith(".rego")).count();
        }
    }

    @Test
    void evalAnswersTheSame(@TempDir Path tmp) throws IOException {
        List<String> modules = starterModules();
        List<String> args = new ArrayList<>(List.of("eval"));
        args.addAll(modules);
        args.addAll(List.of("-d", ROOT.resolve("policies/data/config.json").toString(),
                "-i", ROOT.resolve("events-samples/inputs/input-task-state-change-privileged.json").toString(),
                "data.ecsguard.violations"));
        assertSameAnswerColdWarmAndOff(args, modules.size() / 2, tmp);
        Run r = run(env(tmp.resolve("on")), args);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("privileged"), r.out());
    }

    @Test
    void testAnswersTheSame(@TempDir Path tmp) throws IOException {
        long modules = starterModuleFiles();
        List<String> args = List.of("test", ROOT.resolve("policies").toString());
        assertSameAnswerColdWarmAndOff(args, modules, tmp);
        Run r = run(env(tmp.resolve("on")), args);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("passed, 0 failed"), r.out());
    }

    @Test
    void checkAnswersTheSame(@TempDir Path tmp) throws IOException {
        long modules = starterModuleFiles();
        List<String> args = List.of("check", "--policy", ROOT.resolve("policies").toString(), "--format", "json",
                ROOT.resolve("events-samples/taskdefs/payments-api.21.json").toString());
        assertSameAnswerColdWarmAndOff(args, modules, tmp);
    }

    @Test
    void anEditedModuleIsParsedAgain(@TempDir Path tmp) throws IOException {
        Path policy = tmp.resolve("p.rego");
        Files.writeString(policy, "package app\nallow := 1\n");
        Map<String, String> env = env(tmp.resolve("cache"));
        List<String> args = List.of("eval", "-d", policy.toString(), "--format", "pretty", "data.app.allow");
        assertEquals("1\n", run(env, args).out());
        assertEquals("1\n", run(env, args).out());
        Files.writeString(policy, "package app\nallow := 2\n");
        assertEquals("2\n", run(env, args).out());
        Files.writeString(policy, "package app\nallow := \n");
        Run bad = run(env, args);
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("rego_parse_error"), bad.err());
        assertEquals(1, entries(tmp.resolve("cache")), "one entry per module file, rewritten on edit");
    }
}
