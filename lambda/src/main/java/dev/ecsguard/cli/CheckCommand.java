package dev.ecsguard.cli;

import dev.ecsguard.check.CheckReport;
import dev.ecsguard.check.Checker;
import dev.ecsguard.check.FileResult;
import dev.ecsguard.check.PolicyRunner;
import dev.ecsguard.check.RuleCatalog;
import dev.ecsguard.config.Config;
import dev.ecsguard.policy.ActivePolicy;
import dev.ecsguard.policy.PolicySelfTest;
import dev.ecsguard.policy.PolicySelfTests;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ecs-guard check}: task definition files (and event files) against the policies the
 * Lambda runs, on the same input document, for CI. Exit 1 on any violation, 0 on none, 2 when a
 * file or the policy cannot be used.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check task definition files (register-task-definition --cli-input-json JSON, or "
                + "describe-task-definition output) and event files against the policies, as the Lambda would.",
                "Task definitions are checked with trigger task_definition_file; events through the Lambda's event "
                        + "reader (their task definitions from --taskdefs or from the task definition files named)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no violation",
                "1:at least one violation",
                "2:bad input: a file that cannot be read, is not JSON, is not a task definition or event, "
                        + "or could not be decided; a policy that does not compile; bad flags"})
public final class CheckCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--policy", paramLabel = "DIR", description = "Rego modules and JSON data (file or directory, "
            + "repeatable). Default: ./policies.")
    List<Path> policy = new ArrayList<>();

    @Option(names = "--query", paramLabel = "Q", description = "Decision query (default: ${DEFAULT-VALUE}).")
    String query = Config.DEFAULT_QUERY;

    @Option(names = "--account", paramLabel = "ID", description = "input.account for task definition files. "
            + "Default: the account of the file's taskDefinitionArn, else none.")
    String account;

    @Option(names = "--region", paramLabel = "R", description = "input.region for task definition files. "
            + "Default: the region of the file's taskDefinitionArn, else AWS_REGION / AWS_DEFAULT_REGION, else none.")
    String region;

    @Option(names = "--taskdefs", paramLabel = "DIR", description = "Task definitions that event files name (repeatable).")
    List<Path> taskdefs = new ArrayList<>();

    @Option(names = "--format", paramLabel = "text|json|sarif", description = "text (default), json (one object per "
            + "file per line) or sarif (SARIF 2.1.0 for code scanning).")
    String format = "text";

    @Option(names = "--skip-policy-tests", description = "Do not run the policy's own test_ rules before checking "
            + "(the Lambda and replay reject a policy whose tests fail).")
    boolean skipPolicyTests;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Task definition or event files.")
    List<Path> files;

    /** The environment (AWS_REGION); tests replace it. */
    Map<String, String> environment = System.getenv();

    /** What SARIF locations are relative to. */
    Path workingDirectory = Path.of("").toAbsolutePath();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CheckReport.Format output;
        try {
            output = CheckReport.Format.named(format);
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        }
        List<Path> policyPaths = policy;
        if (policyPaths.isEmpty()) {
            if (!Files.isDirectory(Path.of("policies"))) {
                return fail(err, "no --policy given and there is no ./policies directory");
            }
            policyPaths = List.of(Path.of("policies"));
        }
        PolicyRunner runner;
        try {
            runner = PolicyRunner.load(policyPaths, query,
                    skipPolicyTests ? PolicySelfTest.NOT_RUN : PolicySelfTests.standard());
        } catch (PolicyRunner.PolicyException e) {
            return fail(err, e.getMessage());
        }
        String defaultRegion = environment.getOrDefault("AWS_REGION", environment.get("AWS_DEFAULT_REGION"));
        Checker checker = new Checker(runner, new Checker.Options(blankToNull(account), blankToNull(region),
                blankToNull(defaultRegion), taskdefs), w -> err.println("ecs-guard check: " + w));
        List<FileResult> results = checker.check(files);
        for (FileResult r : results) {
            if (r.failed()) {
                String hint = r.reason().contains("missing data: task definition") && taskdefs.isEmpty()
                        ? " (name its file with --taskdefs or among the FILEs)" : "";
                err.println("ecs-guard check: " + r.path() + ": " + r.reason() + hint);
            }
        }
        ActivePolicy active = runner.policy();
        CheckReport report = new CheckReport(results, RuleCatalog.of(active.compiled()), toolVersion(),
                active.version() + " sha256 " + active.sha256().substring(0, 12) + ", query " + active.queryText(),
                workingDirectory);
        output.write(report, out);
        err.flush();
        if (report.anyFailed()) {
            return 2;
        }
        return report.violationCount() > 0 ? 1 : 0;
    }

    static String toolVersion() {
        return VersionProvider.value(VersionProvider.load(), "version");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int fail(PrintWriter err, String message) {
        err.println("ecs-guard check: " + message);
        err.flush();
        return 2;
    }
}
