package dev.ecsguard.cli;

import dev.ecsguard.rego.parsecache.ParsedModuleCache;
import dev.ecsguard.check.CheckReport;
import dev.ecsguard.check.Checker;
import dev.ecsguard.check.FileResult;
import dev.ecsguard.check.PolicyRunner;
import dev.ecsguard.check.RuleCatalog;
import dev.ecsguard.config.Config;
import dev.ecsguard.policy.ActivePolicy;
import dev.ecsguard.policy.PolicySelfTest;
import dev.ecsguard.policy.PolicySelfTests;
import dev.ecsguard.rego.PhaseTrace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.Option;

/**
 * {@code ecs-guard check}: task definition files (and event files) against the policies the
 * Lambda runs, on the same input document, for CI. Exit 1 on any violation, 0 on none, 2 when a
 * file or the policy cannot be used.
 */
final class CheckCommand {
    static final Option POLICY = Option.builder().longOpt("policy").hasArg().argName("DIR")
            .desc("Rego modules and JSON data (file or directory, repeatable). Default: ./policies.").get();
    static final Option QUERY = Option.builder().longOpt("query").hasArg().argName("Q")
            .desc("Decision query (default: " + Config.DEFAULT_QUERY + ").").get();
    static final Option ACCOUNT = Option.builder().longOpt("account").hasArg().argName("ID")
            .desc("input.account for task definition files. Default: the account of the file's taskDefinitionArn, "
                    + "else none.").get();
    static final Option REGION = Option.builder().longOpt("region").hasArg().argName("R")
            .desc("input.region for task definition files. Default: the region of the file's taskDefinitionArn, "
                    + "else AWS_REGION / AWS_DEFAULT_REGION, else none.").get();
    static final Option TASKDEFS = Option.builder().longOpt("taskdefs").hasArg().argName("DIR")
            .desc("Task definitions that event files name (repeatable).").get();
    static final Option FORMAT = Option.builder().longOpt("format").hasArg().argName("text|json|sarif")
            .desc("text (default), json (one object per file per line) or sarif (SARIF 2.1.0 for code scanning).").get();
    static final Option SKIP_POLICY_TESTS = Option.builder().longOpt("skip-policy-tests")
            .desc("Do not run the policy's own test_ rules before checking (the Lambda and replay reject a policy "
                    + "whose tests fail).").get();

    static final Subcommand COMMAND = new Subcommand("check",
            "Check task definition files (register-task-definition --cli-input-json JSON, or "
                    + "describe-task-definition output) and event files against the policies, as the Lambda would.",
            List.of("Task definitions are checked with trigger task_definition_file; events through the Lambda's event "
                    + "reader (their task definitions from --taskdefs or from the task definition files named)."),
            List.of(POLICY, QUERY, ACCOUNT, REGION, TASKDEFS, FORMAT, SKIP_POLICY_TESTS, RegoCli.NO_CACHE), "FILE", 1, Integer.MAX_VALUE,
            List.of("0:no violation",
                    "1:at least one violation",
                    "2:bad input: a file that cannot be read, is not JSON, is not a task definition or event, "
                            + "or could not be decided; a policy that does not compile; bad flags"),
            CheckCommand::execute);

    List<Path> policy = new ArrayList<>();
    String query = Config.DEFAULT_QUERY;
    String account;
    String region;
    List<Path> taskdefs = new ArrayList<>();
    String format = "text";
    boolean skipPolicyTests;
    ParsedModuleCache parseCache;
    List<Path> files;

    static int execute(Args a, PrintWriter out, PrintWriter err) throws Args.UsageError {
        CheckCommand c = new CheckCommand();
        c.policy = a.paths(POLICY);
        c.query = a.string(QUERY, Config.DEFAULT_QUERY);
        c.account = a.string(ACCOUNT, null);
        c.region = a.string(REGION, null);
        c.taskdefs = a.paths(TASKDEFS);
        c.format = a.string(FORMAT, "text");
        c.skipPolicyTests = a.flag(SKIP_POLICY_TESTS);
        c.parseCache = RegoCli.parseCache(a);
        c.files = a.positionalPaths("FILE");
        c.environment = a.environment();
        return c.call(out, err);
    }

    /** The environment (AWS_REGION): the process's, or the one a test gives. */
    Map<String, String> environment = System.getenv();

    /** What SARIF locations are relative to. */
    Path workingDirectory = Path.of("").toAbsolutePath();

    int call(PrintWriter out, PrintWriter err) {
        PhaseTrace.mark("command line parsed");
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
                    skipPolicyTests ? PolicySelfTest.NOT_RUN : PolicySelfTests.standard(), parseCache);
        } catch (PolicyRunner.PolicyException e) {
            return fail(err, e.getMessage());
        }
        String defaultRegion = environment.getOrDefault("AWS_REGION", environment.get("AWS_DEFAULT_REGION"));
        Checker checker = new Checker(runner, new Checker.Options(blankToNull(account), blankToNull(region),
                blankToNull(defaultRegion), taskdefs), w -> err.println("ecs-guard check: " + w));
        List<FileResult> results = checker.check(files);
        PhaseTrace.mark("files checked");
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
        PhaseTrace.mark("output written");
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
