package dev.ecsguard.cli;

import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.testing.PolicyFiles;
import dev.ecsguard.rego.testing.RegoTestRunner;
import dev.ecsguard.rego.testing.TestReporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code ecs-guard test}: the twin of {@code opa test}. Loads every module and data document under
 * the paths, runs every {@code test_} rule and ends with the line {@code N passed, N failed}.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the policy unit tests (every rule named test_*) found under the paths, as opa test does.",
                "Data documents (.json, .yaml) under the paths are merged at the root of data. "
                        + "Rules named todo_test_* are reported as skipped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every test passed", "1:a test failed or errored, a module does not compile, or no test was found",
                "2:usage error (bad flags, unreadable or malformed files)"})
public final class TestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin RegoCli.VersionFlags versionFlags;

    @Option(names = {"-v", "--verbose"}, description = "Print the print() output of every test, not only of failures.")
    boolean verbose;

    @Option(names = {"-r", "--run"}, paramLabel = "REGEX", description = "Only run tests whose full name (data.pkg.test_x) matches.")
    String run;

    @Option(names = {"-c", "--coverage"}, description = "Report line coverage of rule bodies and the rules never evaluated.")
    boolean coverage;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Modules, data documents or directories.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RegoTestRunner.Options opts;
        PolicyFiles.Loaded loaded;
        try {
            Pattern filter;
            try {
                filter = run == null ? null : Pattern.compile(run);
            } catch (PatternSyntaxException e) {
                throw new RegoCli.UsageError("--run: invalid regular expression: " + e.getDescription());
            }
            opts = RegoTestRunner.Options.DEFAULT.withVersion(versionFlags.version()).withFilter(filter).withCoverage(coverage);
            loaded = RegoCli.load(paths, null);
        } catch (RegoCli.UsageError e) {
            err.println("ecs-guard test: " + e.getMessage());
            err.flush();
            return 2;
        }
        RegoTestRunner.Report report;
        try {
            report = RegoTestRunner.run(loaded, opts);
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
        if (report.results().isEmpty()) {
            err.println("ecs-guard test: no tests found" + (run == null ? "" : " matching --run " + run));
            err.flush();
            return 1;
        }
        return report.success() ? 0 : 1;
    }
}
