package dev.ecsguard.rego.testing;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.QueryResult;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.Value;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a policy's own unit tests, as {@code opa test} does: every rule whose name starts with
 * {@code test_} in any loaded module is a test (rules named {@code todo_test_...} are reported as
 * skipped). A test passes when its value is {@code true}; it fails when it is false, any other
 * value, or undefined; it errors when its evaluation raises an error. Tests run one after the
 * other against one compiled policy (modules plus data), each with no input document.
 *
 * <pre>{@code
 * RegoTestRunner.Report r = RegoTestRunner.run(PolicyFiles.load(List.of(dir)), RegoTestRunner.Options.DEFAULT);
 * if (!r.success()) ...
 * }</pre>
 *
 * Parse and compile errors of the modules are thrown as {@link RegoException}: no test runs then.
 */
public final class RegoTestRunner {
    public static final String TEST_PREFIX = "test_";
    public static final String SKIP_PREFIX = "todo_test_";
    private static final String RESULT_VAR = "test_result";

    public enum Status { PASS, FAIL, ERROR, SKIP }

    /**
     * @param version  Rego version of every module, or null to detect it per module
     * @param filter   only tests whose full name ({@code data.pkg.test_x}) contains a match; null = all
     * @param coverage collect rule and line coverage
     * @param eval     evaluation options (limits, strict builtin errors); the print sink is replaced
     */
    public record Options(RegoVersion version, Pattern filter, boolean coverage, EvalOptions eval) {
        public static final Options DEFAULT = new Options(null, null, false, EvalOptions.DEFAULT);

        public Options withVersion(RegoVersion v) { return new Options(v, filter, coverage, eval); }
        public Options withFilter(Pattern p) { return new Options(version, p, coverage, eval); }
        public Options withCoverage(boolean c) { return new Options(version, filter, c, eval); }
        public Options withEval(EvalOptions e) { return new Options(version, filter, coverage, e); }
    }

    /**
     * The outcome of one test.
     *
     * @param name       full name, {@code data.pkg.test_x}
     * @param file       the module that defines it (its first definition)
     * @param location   where it is defined
     * @param durationNs evaluation time
     * @param prints     its print() output, in order
     * @param message    why it failed or errored (null when it passed)
     */
    public record TestResult(String name, String file, Location location, Status status, long durationNs,
                             List<String> prints, String message) {}

    /** Every test's outcome, in the order the tests are defined, plus coverage when asked for. */
    public record Report(List<TestResult> results, Coverage.Report coverage) {
        public long count(Status s) { return results.stream().filter(r -> r.status() == s).count(); }
        public boolean success() { return count(Status.FAIL) == 0 && count(Status.ERROR) == 0; }

        /** {@code N passed, N failed} (then {@code , N errored} and {@code , N skipped} when there are any). */
        public String summaryLine() {
            StringBuilder sb = new StringBuilder();
            sb.append(count(Status.PASS)).append(" passed, ").append(count(Status.FAIL)).append(" failed");
            if (count(Status.ERROR) > 0) sb.append(", ").append(count(Status.ERROR)).append(" errored");
            if (count(Status.SKIP) > 0) sb.append(", ").append(count(Status.SKIP)).append(" skipped");
            return sb.toString();
        }
    }

    private RegoTestRunner() {}

    /** Loads files and directories with {@link PolicyFiles} and runs their tests. */
    public static Report run(List<Path> paths, Options options) throws PolicyFiles.LoadException {
        return run(PolicyFiles.load(paths), options);
    }

    public static Report run(PolicyFiles.Loaded loaded, Options options) {
        return run(loaded.modules(), loaded.data(), options);
    }

    /** Parses, compiles and runs the tests of these modules (file name to source) over this data. */
    public static Report run(Map<String, String> modules, Value data, Options options) {
        List<Module> parsed = new ArrayList<>();
        List<RegoError> errors = new ArrayList<>();
        for (Map.Entry<String, String> e : modules.entrySet()) {
            try {
                parsed.add(Parser.parseModule(e.getValue(), e.getKey(), options.version()));
            } catch (RegoException ex) {
                errors.addAll(ex.errors());
            }
        }
        if (!errors.isEmpty()) throw new RegoException(errors);
        return run(parsed, data, options);
    }

    /**
     * Compiles already parsed modules (test modules included) over this data and runs their tests;
     * for a front end that parsed them itself (the command line's parsed-module cache).
     */
    public static Report run(List<Module> parsed, Value data, Options options) {
        Coverage coverage = options.coverage() ? new Coverage() : null;
        Rego.Builder b = Rego.builder().data(data).version(options.version());
        if (coverage != null) b.builtins(coverage.registry());
        for (Module m : parsed) b.module(coverage != null ? coverage.instrument(m) : m);
        return runTests(b.build(), parsed, options, coverage);
    }

    /**
     * Runs the tests of a policy already compiled from its modules (test modules included) and
     * data, so that a caller that has just compiled a version, as the Lambda's self-test gate
     * has, does not parse and compile it a second time. {@link Options#version()} is not used
     * (the policy is compiled); coverage is not available here (it needs the modules compiled
     * with probes: use {@link #run(Map, Value, Options)}).
     */
    public static Report run(CompiledPolicy policy, Options options) {
        if (options.coverage()) {
            throw new IllegalArgumentException("coverage needs the modules compiled with probes: run(modules, data, options)");
        }
        return runTests(policy, policy.modules(), options, null);
    }

    private static Report runTests(CompiledPolicy policy, List<Module> modules, Options options, Coverage coverage) {
        List<TestResult> results = new ArrayList<>();
        for (Discovered t : discover(modules).values()) {
            if (options.filter() != null && !options.filter().matcher(t.name()).find()) continue;
            if (t.skip()) {
                results.add(new TestResult(t.name(), t.file(), t.location(), Status.SKIP, 0, List.of(), null));
                continue;
            }
            results.add(runOne(policy, t, options.eval()));
        }
        return new Report(results, coverage == null ? null : coverage.report());
    }

    private record Discovered(String name, String file, Location location, boolean skip) {}

    /** Tests by full name, in definition order; a name defined by several clauses is one test. */
    private static Map<String, Discovered> discover(List<Module> modules) {
        Map<String, Discovered> out = new LinkedHashMap<>();
        for (Module m : modules) {
            for (Rule r : m.rules()) {
                if (r.kind() == Rule.Kind.FUNCTION || !r.head().path().isEmpty()) continue;
                String rule = r.head().rootName();
                if (rule == null) continue;
                boolean skip = rule.startsWith(SKIP_PREFIX);
                if (!skip && !rule.startsWith(TEST_PREFIX)) continue;
                String name = m.pkg().toString() + "." + rule;
                out.putIfAbsent(name, new Discovered(name, m.file(), r.loc(), skip));
            }
        }
        return out;
    }

    private static TestResult runOne(CompiledPolicy policy, Discovered t, EvalOptions base) {
        List<String> prints = new ArrayList<>();
        EvalOptions opts = (base == null ? EvalOptions.DEFAULT : base).withPrint(prints::add);
        long start = System.nanoTime();
        try {
            // Bound to a variable so that a false value is reported as false, not as undefined.
            List<QueryResult> rs = policy.prepare(RESULT_VAR + " := " + t.name()).eval(null, opts);
            long d = System.nanoTime() - start;
            Value v = rs.isEmpty() ? null : rs.get(0).bindings().get(RESULT_VAR);
            if (v == null) return new TestResult(t.name(), t.file(), t.location(), Status.FAIL, d, prints, "undefined");
            if (v == BooleanValue.TRUE || BooleanValue.TRUE.equals(v)) {
                return new TestResult(t.name(), t.file(), t.location(), Status.PASS, d, prints, null);
            }
            return new TestResult(t.name(), t.file(), t.location(), Status.FAIL, d, prints, "value: " + Json.write(v));
        } catch (RegoException e) {
            StringBuilder msg = new StringBuilder();
            for (RegoError x : e.errors()) {
                if (!msg.isEmpty()) msg.append('\n');
                Location l = x.location();
                if (l != null && l.row() > 0) {
                    msg.append(l.file() == null || l.file().isEmpty() ? "" : l.file() + ":").append(l.row()).append(':')
                            .append(l.col()).append(": ");
                }
                msg.append(x.kind().code()).append(": ").append(x.message());
            }
            return new TestResult(t.name(), t.file(), t.location(), Status.ERROR, System.nanoTime() - start, prints,
                    msg.toString());
        } catch (RuntimeException | StackOverflowError e) {
            return new TestResult(t.name(), t.file(), t.location(), Status.ERROR, System.nanoTime() - start, prints,
                    "internal error: " + e);
        }
    }
}
