package dev.ecsguard.cli;

import dev.ecsguard.rego.PhaseTrace;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.parsecache.ParsedModuleCache;
import dev.ecsguard.rego.testing.PolicyFiles;
import dev.ecsguard.rego.testing.RegoTestRunner;
import dev.ecsguard.rego.testing.TestReporter;
import org.apache.commons.cli.Option;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code ecs-guard test}: the twin of {@code opa test}. Loads every module and data document under
 * the paths, runs every {@code test_} rule and ends with the line {@code N passed, N failed}.
 */
final class TestCommand {
    static final Option VERBOSE = Option.builder("v").longOpt("verbose")
            .desc("Print the print() output of every test, not only of failures.").get();
    static final Option RUN = Option.builder("r").longOpt("run").hasArg().argName("REGEX")
            .desc("Only run tests whose full name (data.pkg.test_x) matches.").get();
    static final Option COVERAGE = Option.builder("c").longOpt("coverage")
            .desc("Report line coverage of rule bodies and the rules never evaluated.").get();

    static final Subcommand COMMAND = new Subcommand("test",
            "Run the policy unit tests (every rule named test_*) found under the paths, as opa test does.",
            List.of("Data documents (.json, .yaml) under the paths are merged at the root of data. "
                    + "Rules named todo_test_* are reported as skipped."),
            List.of(RegoCli.V0, RegoCli.V1, VERBOSE, RUN, COVERAGE, RegoCli.NO_CACHE), "PATH", 1, Integer.MAX_VALUE,
            List.of("0:every test passed", "1:a test failed or errored, a module does not compile, or no test was found",
                    "2:usage error (bad flags, unreadable or malformed files)"),
            TestCommand::execute);

    RegoVersion version;
    boolean verbose;
    String run;
    boolean coverage;
    List<Path> paths;
    ParsedModuleCache cache;

    static int execute(Args a, PrintWriter out, PrintWriter err) throws Args.UsageError {
        TestCommand c = new TestCommand();
        c.version = RegoCli.version(a);
        c.verbose = a.flag(VERBOSE);
        c.run = a.string(RUN, null);
        c.coverage = a.flag(COVERAGE);
        c.paths = a.positionalPaths("PATH");
        c.cache = RegoCli.parseCache(a);
        return c.call(out, err);
    }

    int call(PrintWriter out, PrintWriter err) {
        PhaseTrace.mark("command line parsed");
        RegoTestRunner.Options opts;
        PolicyFiles.Loaded loaded;
        try {
            Pattern filter;
            try {
                filter = run == null ? null : Pattern.compile(run);
            } catch (PatternSyntaxException e) {
                throw new Args.UsageError("--run: invalid regular expression: " + e.getDescription());
            }
            opts = RegoTestRunner.Options.DEFAULT.withVersion(version).withFilter(filter).withCoverage(coverage);
            loaded = RegoCli.load(paths, null);
            PhaseTrace.mark("policy files read");
        } catch (Args.UsageError e) {
            err.println("ecs-guard test: " + e.getMessage());
            err.flush();
            return 2;
        }
        RegoTestRunner.Report report;
        try {
            report = cache == null ? RegoTestRunner.run(loaded, opts)
                    : RegoTestRunner.run(cache.parseAll(loaded.modules(), version), loaded.data(), opts);
            PhaseTrace.mark("tests run");
        } catch (RegoException e) {
            RegoCli.printErrors(e, err);
            err.flush();
            return 1;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            TestReporter.print(report, ps, verbose);
        }
        out.print(buf.toString(StandardCharsets.UTF_8));
        out.flush();
        PhaseTrace.mark("output written");
        if (report.results().isEmpty()) {
            err.println("ecs-guard test: no tests found" + (run == null ? "" : " matching --run " + run));
            err.flush();
            return 1;
        }
        return report.success() ? 0 : 1;
    }
}
