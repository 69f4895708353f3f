package dev.ecsguard.cli;

import dev.ecsguard.rego.parsecache.ParsedModuleCache;
import dev.ecsguard.config.Config;
import dev.ecsguard.decision.ActionKind;
import dev.ecsguard.decision.ActionTaken;
import dev.ecsguard.handler.AwsWiring;
import dev.ecsguard.ledger.LedgerTable;
import dev.ecsguard.log.StructuredLog;
import dev.ecsguard.metrics.EmfMetrics;
import dev.ecsguard.policy.PolicySource;
import java.net.URI;
import java.util.Optional;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.decision.Finding;
import dev.ecsguard.handler.EnforcementHandler;
import dev.ecsguard.handler.EnforcementPipeline;
import dev.ecsguard.input.DirectoryServiceRevisionSource;
import dev.ecsguard.input.DirectoryTaskDefinitionSource;
import dev.ecsguard.input.ServiceRevisionSource;
import dev.ecsguard.input.ServiceSource;
import dev.ecsguard.input.InputDocumentBuilder;
import dev.ecsguard.input.TaskDefinitionSource;
import dev.ecsguard.log.DecisionJson;
import dev.ecsguard.log.JsonText;
import dev.ecsguard.policy.ActivePolicy;
import dev.ecsguard.policy.DirectoryPolicySource;
import dev.ecsguard.policy.PolicyCompiler;
import dev.ecsguard.policy.PolicySelfTest;
import dev.ecsguard.policy.PolicySelfTests;
import dev.ecsguard.policy.PolicyStore;
import dev.ecsguard.rego.PhaseTrace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.cli.Option;

/**
 * {@code ecs-guard replay}: runs recorded events through the same pipeline as the Lambda
 * ({@link EnforcementPipeline}) with the function's configuration (its environment variables;
 * flags override). Without AWS (the default): policies from files, task definitions from the event
 * or from {@code --taskdefs} files, actions only planned. With {@code --endpoint} (or
 * {@code AWS_ENDPOINT_URL}), or {@code --mode enforce}: every client talks to AWS (or that endpoint)
 * exactly as the function does: task definitions and services from ECS, the ledger (created when
 * missing on an endpoint), alerts, events, and, with {@code --mode enforce} on the command line
 * (never from a MODE variable), real actions; against real AWS only after a confirmation or
 * {@code --yes}. One row per event; every file yields at least one row.
 */
final class ReplayCommand {
    static final Option POLICY = Option.builder().longOpt("policy").hasArg().argName("FILE|DIR")
            .desc("Rego modules and JSON data documents (repeatable). Default: ./policies when it exists.").get();
    static final Option QUERY = Option.builder().longOpt("query").hasArg().argName("Q")
            .desc("Decision query (default: POLICY_QUERY, else " + Config.DEFAULT_QUERY + ").").get();
    static final Option INPUT_MODE = Option.builder().longOpt("input-mode").hasArg().argName("full|detail")
            .desc("full: the ecs-guard input document (default: INPUT_MODE, else full); detail: the raw event detail "
                    + "(OPA sample policies).").get();
    static final Option MODE = Option.builder().longOpt("mode").hasArg().argName("dry-run|enforce")
            .desc("enforce: carry the actions out (needs AWS; asks for confirmation against real AWS). "
                    + "Default dry-run: a MODE variable is ignored here.").get();
    static final Option ENDPOINT = Option.builder().longOpt("endpoint").hasArg().argName("URL")
            .desc("Every AWS client talks to this endpoint (an emulator such as moto_server); the ledger table is "
                    + "created there when missing.").get();
    static final Option YES = Option.builder().longOpt("yes")
            .desc("With --mode enforce against real AWS: do not ask for confirmation.").get();
    static final Option V0 = Option.builder().longOpt("v0").desc("Parse the policy as Rego v0 (default: detect per module).").get();
    static final Option TASKDEFS = Option.builder().longOpt("taskdefs").hasArg().argName("DIR")
            .desc("Task definition files (repeatable).").get();
    static final Option REVISIONS = Option.builder().longOpt("revisions").hasArg().argName("DIR")
            .desc("Service revision files (aws ecs describe-service-revisions output) for deployment hook payloads "
                    + "(repeatable).").get();
    static final Option SKIP_POLICY_TESTS = Option.builder().longOpt("skip-policy-tests")
            .desc("Do not run the policy's own test_ rules before replaying (they gate every policy version in the Lambda).").get();
    static final Option FORMAT = Option.builder().longOpt("format").hasArg().argName("text|json")
            .desc("text: a table (default); json: one object per event per line.").get();

    static final Subcommand COMMAND = new Subcommand("replay",
            "Replay recorded events (EventBridge events, CloudTrail log files, SNS/SQS deliveries) through "
                    + "the enforcement pipeline with the function's configuration (environment variables; flags override).",
            List.of("Without --endpoint / AWS_ENDPOINT_URL / --mode enforce: no AWS calls, actions only planned (dry_run).",
                    "Directories are searched recursively for *.json and *.json.gz files; a directory named taskdefs "
                            + "next to (or above) a PATH supplies task definitions unless --taskdefs is given (without AWS only), "
                            + "and directories named revisions beside the files the service revisions of deployment hook payloads "
                            + "unless --revisions is given."),
            List.of(POLICY, QUERY, INPUT_MODE, MODE, ENDPOINT, YES, V0, TASKDEFS, REVISIONS, SKIP_POLICY_TESTS, FORMAT,
                    RegoCli.NO_CACHE), "PATH", 1,
            Integer.MAX_VALUE,
            List.of("0:every event was replayed (whatever the decisions)",
                    "1:the command failed (the policy does not load or compile)",
                    "2:usage error (bad flags, a PATH that does not exist)"),
            ReplayCommand::execute);

    List<Path> policy = new ArrayList<>();
    String query;
    String inputMode;
    String mode = "dry-run";
    String endpoint;
    boolean yes;
    boolean v0;
    List<Path> taskdefs = new ArrayList<>();
    List<Path> revisions = new ArrayList<>();
    boolean skipPolicyTests;
    ParsedModuleCache parseCache;
    String format = "text";
    List<Path> paths;

    /** The environment the configuration is read from (tests give their own). */
    Map<String, String> environment = System.getenv();

    static int execute(Args a, PrintWriter out, PrintWriter err) throws Args.UsageError {
        ReplayCommand c = new ReplayCommand();
        c.policy = a.paths(POLICY);
        c.query = a.string(QUERY, null);
        c.inputMode = a.string(INPUT_MODE, null);
        c.mode = a.string(MODE, "dry-run");
        c.endpoint = a.string(ENDPOINT, null);
        c.yes = a.flag(YES);
        c.v0 = a.flag(V0);
        c.taskdefs = a.paths(TASKDEFS);
        c.revisions = a.paths(REVISIONS);
        c.skipPolicyTests = a.flag(SKIP_POLICY_TESTS);
        c.parseCache = RegoCli.parseCache(a);
        c.format = a.string(FORMAT, "text");
        c.paths = a.positionalPaths("PATH");
        c.environment = a.environment();
        return c.call(out, err);
    }

    int call(PrintWriter out, PrintWriter err) {
        PhaseTrace.mark("command line parsed");
        Config config;
        boolean enforce;
        try {
            enforce = Config.EnforcementMode.parse(mode.replace("MODE=", "")) == Config.EnforcementMode.ENFORCE;
        } catch (RuntimeException e) {
            return usage(err, "--mode must be dry-run or enforce, not " + mode);
        }
        try {
            config = Config.fromEnvironment(environment).withMode(enforce ? Config.EnforcementMode.ENFORCE : Config.EnforcementMode.DRY_RUN);
            if (query != null) {
                config = config.withPolicyQuery(query);
            }
            if (inputMode != null) {
                config = config.withInputMode(Config.InputMode.parse(inputMode));
            }
            if (v0) {
                config = config.withRegoVersion(Config.RegoVersionSetting.V0);
            }
        } catch (RuntimeException e) {
            return usage(err, e.getMessage().replace("INPUT_MODE=", "--input-mode "));
        }
        Optional<URI> endpointUri;
        try {
            endpointUri = Optional.ofNullable(endpoint).map(URI::create);
            if (endpointUri.isPresent() && endpointUri.get().getScheme() == null) {
                return usage(err, "--endpoint must be a URL such as http://localhost:5000, not " + endpoint);
            }
        } catch (IllegalArgumentException e) {
            return usage(err, "--endpoint is not a URL: " + e.getMessage());
        }
        boolean sdkEndpoint = environment.get("AWS_ENDPOINT_URL") != null && !environment.get("AWS_ENDPOINT_URL").isBlank();
        boolean online = endpointUri.isPresent() || sdkEndpoint || enforce;
        if (enforce && endpointUri.isEmpty() && !sdkEndpoint && !yes && !confirmed(out, err)) {
            return usage(err, "--mode enforce against real AWS needs a confirmation (or --yes)");
        }
        if (!format.equals("text") && !format.equals("json")) {
            return usage(err, "--format must be text or json, not " + format);
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                return usage(err, p + ": no such file or directory");
            }
        }
        AwsWiring aws = null;
        if (online) {
            aws = AwsWiring.forEndpoint(config, endpointUri);
            if (endpointUri.isPresent() || sdkEndpoint) {
                try {
                    if (LedgerTable.ensureExists(aws.dynamoDb(), config.enforcement().ledgerTable())) {
                        err.println("ecs-guard replay: created ledger table " + config.enforcement().ledgerTable());
                    }
                } catch (RuntimeException e) {
                    err.println("ecs-guard replay: cannot create ledger table " + config.enforcement().ledgerTable() + ": " + e.getMessage());
                    err.flush();
                    return 1;
                }
            }
        }
        PolicySource policySource;
        if (!policy.isEmpty()) {
            policySource = new DirectoryPolicySource(policy);
        } else if (online && (config.policyParameter().isPresent() || config.policyPath().isPresent())) {
            policySource = EnforcementHandler.policySource(config, aws.ssm());
        } else if (Files.isDirectory(Path.of("policies"))) {
            policySource = new DirectoryPolicySource(List.of(Path.of("policies")));
        } else {
            return usage(err, "no --policy given and there is no ./policies directory");
        }
        List<Path> taskdefDirs = !taskdefs.isEmpty() ? taskdefs : online ? List.of() : discoverTaskdefs(paths);
        List<Path> revisionDirs = !revisions.isEmpty() ? revisions : online ? List.of() : discoverRevisions(paths);

        PolicyStore store = new PolicyStore(policySource,
                new PolicyCompiler(config.policyQuery(), EnforcementHandler.regoVersion(config.regoVersion()),
                        skipPolicyTests ? PolicySelfTest.NOT_RUN
                                : PolicySelfTests.standard(), Clock.systemUTC()).withParseCache(parseCache),
                config.policyTtl(), Clock.systemUTC(), event -> { });
        if (store.refresh() instanceof PolicyStore.RefreshEvent.Rejected r) {
            err.println("ecs-guard replay: " + r.reason());
            err.flush();
            return 1;
        }
        TaskDefinitionSource tds;
        if (!taskdefDirs.isEmpty()) {
            DirectoryTaskDefinitionSource dir = new DirectoryTaskDefinitionSource(taskdefDirs);
            for (String problem : dir.problems()) {
                err.println("ecs-guard replay: task definitions: " + problem);
            }
            tds = dir;
        } else {
            tds = online ? aws.taskDefinitions() : TaskDefinitionSource.NONE;
        }
        ServiceRevisionSource revs;
        if (!revisionDirs.isEmpty() || !online) {
            DirectoryServiceRevisionSource dir = new DirectoryServiceRevisionSource(revisionDirs);
            for (String problem : dir.problems()) {
                err.println("ecs-guard replay: service revisions: " + problem);
            }
            revs = dir;
        } else {
            revs = aws.serviceRevisions();
        }
        EnforcementPipeline pipeline;
        if (online) {
            StructuredLog log = new StructuredLog(Config.LogLevel.WARN, line -> err.println(line), Clock.systemUTC());
            pipeline = new EnforcementPipeline(config, store, new InputDocumentBuilder(tds, aws.services(), revs),
                    aws.enforcement(new EmfMetrics(Clock.systemUTC()), log));
        } else {
            pipeline = new EnforcementPipeline(config, store, new InputDocumentBuilder(tds, ServiceSource.NONE, revs));
        }

        List<Path> notEvents = new ArrayList<>(taskdefDirs);
        notEvents.addAll(revisionDirs);
        List<Row> rows = new ArrayList<>();
        for (Path file : eventFiles(paths, notEvents)) {
            List<DecisionRecord> records;
            try {
                records = pipeline.process(read(file));
            } catch (IOException | RuntimeException e) {
                records = List.of(new DecisionRecord("", null, null, null, new Decision.Error("cannot read: " + e.getMessage()),
                        config.mode().label(), List.of(), null, null, null, DecisionRecord.Timings.NONE));
            }
            for (DecisionRecord r : records) {
                Row row = new Row(file.toString(), r);
                rows.add(row);
                if (format.equals("json")) {
                    out.println(JsonText.of(row.json()));
                }
            }
        }
        PhaseTrace.mark("events replayed");
        if (format.equals("text")) {
            printTable(out, rows, store.current().orElse(null), config.mode().label() + (online ? "" : ", no AWS calls"));
        }
        out.flush();
        PhaseTrace.mark("output written");
        return 0;
    }

    /** One replayed event. */
    record Row(String file, DecisionRecord record) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file);
            m.putAll(DecisionJson.fields(record));
            return m;
        }
    }

    private static int usage(PrintWriter err, String message) {
        err.println("ecs-guard replay: " + message);
        err.flush();
        return 2;
    }

    /** A {@code taskdefs} directory in a PATH directory or in one of the directories above a PATH. */
    static List<Path> discoverTaskdefs(List<Path> paths) {
        Set<Path> found = new LinkedHashSet<>();
        for (Path p : paths) {
            Path dir = Files.isDirectory(p) ? p.toAbsolutePath().normalize() : p.toAbsolutePath().normalize().getParent();
            for (int up = 0; dir != null && up < 3; up++, dir = dir.getParent()) {
                if (dir.getFileName() != null && dir.getFileName().toString().equals("taskdefs")) {
                    found.add(dir);
                    break;
                }
                Path candidate = dir.resolve("taskdefs");
                if (Files.isDirectory(candidate)) {
                    found.add(candidate);
                    break;
                }
            }
        }
        return List.copyOf(found);
    }

    /**
     * The {@code revisions} directories of deployment hook payloads: beside each PATH file, and
     * anywhere under each PATH directory (a payload's revisions live beside it).
     */
    static List<Path> discoverRevisions(List<Path> paths) {
        Set<Path> found = new LinkedHashSet<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                Path beside = p.toAbsolutePath().normalize().resolveSibling("revisions");
                if (Files.isDirectory(beside)) {
                    found.add(beside);
                }
                continue;
            }
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(Files::isDirectory).filter(d -> d.getFileName() != null && d.getFileName().toString().equals("revisions"))
                        .filter(d -> !hidden(p, d))
                        .sorted().forEach(d -> found.add(d.toAbsolutePath().normalize()));
            } catch (IOException e) {
                // the walk for events reports an unreadable directory
            }
        }
        return List.copyOf(found);
    }

    /** Every file named on the command line, and the *.json / *.json.gz files under each directory. */
    static List<Path> eventFiles(List<Path> paths, List<Path> notEventDirs) {
        List<Path> out = new ArrayList<>();
        Set<Path> skip = new LinkedHashSet<>();
        for (Path t : notEventDirs) {
            skip.add(t.toAbsolutePath().normalize());
        }
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().endsWith(".json") || f.getFileName().toString().endsWith(".json.gz"))
                        .filter(f -> !underAny(f, skip) && !hidden(p, f))
                        .sorted()
                        .forEach(out::add);
            } catch (IOException e) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean underAny(Path f, Set<Path> dirs) {
        Path abs = f.toAbsolutePath().normalize();
        for (Path d : dirs) {
            if (abs.startsWith(d)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hidden(Path root, Path f) {
        for (Path part : root.relativize(f)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static byte[] read(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return in.readNBytes(Config.DEFAULT_MAX_EVENT_BYTES * 8);
            }
        }
        return Files.readAllBytes(file);
    }

    /** Asks on the terminal; false without one. */
    private static boolean confirmed(PrintWriter out, PrintWriter err) {
        java.io.Console console = System.console();
        if (console == null) {
            err.println("ecs-guard replay: --mode enforce acts on real AWS (no --endpoint); there is no terminal to confirm on: pass --yes");
            return false;
        }
        String answer = console.readLine("ecs-guard replay --mode enforce will stop tasks, scale services to zero and deregister "
                + "task definitions in the AWS account of your credentials. Type 'enforce' to continue: ");
        return answer != null && answer.strip().equals("enforce");
    }

    private static void printTable(PrintWriter out, List<Row> rows, ActivePolicy policy, String modeNote) {
        String[] header = {"FILE", "RECORD", "TRIGGER", "RESOURCE", "DECISION", "RULES / REASON"};
        List<String[]> cells = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        Set<String> files = new LinkedHashSet<>();
        for (Row row : rows) {
            DecisionRecord r = row.record();
            counts.merge(r.decision().label(), 1, Integer::sum);
            files.add(row.file());
            cells.add(new String[] {row.file(), r.origin(), dash(r.trigger()), dash(shortResource(r.resource())),
                    r.decision().label(), detail(r)});
        }
        int[] width = new int[header.length - 1];
        for (int i = 0; i < width.length; i++) {
            width[i] = header[i].length();
            for (String[] c : cells) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        out.println(line(header, width));
        for (String[] c : cells) {
            out.println(line(c, width));
        }
        StringBuilder summary = new StringBuilder();
        summary.append(rows.size()).append(rows.size() == 1 ? " event" : " events").append(" in ")
                .append(files.size()).append(files.size() == 1 ? " file: " : " files: ");
        List<String> parts = new ArrayList<>();
        for (String label : List.of("compliant", "violation", "skipped", "error")) {
            parts.add(counts.getOrDefault(label, 0) + " " + label);
        }
        summary.append(String.join(", ", parts)).append(" (").append(modeNote).append(")");
        out.println();
        out.println(summary);
        if (policy != null) {
            out.println("policy " + policy.version() + " sha256 " + policy.sha256().substring(0, 12)
                    + ", query " + policy.queryText() + ", " + policy.selfTest().summary());
        }
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i < width.length) {
                sb.append(cells[i]).append(" ".repeat(width[i] - cells[i].length() + 2));
            } else {
                sb.append(cells[i]);
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String detail(DecisionRecord r) {
        return switch (r.decision()) {
            case Decision.Violation v -> {
                Set<String> rules = new java.util.TreeSet<>();
                for (Finding f : v.findings()) {
                    rules.add(f.rule() != null ? f.rule() : f.msg());
                }
                String s = String.join(", ", rules);
                List<String> acts = new ArrayList<>();
                for (ActionTaken a : r.actionsTaken()) {
                    if (a.action() != ActionKind.ALERT || a.outcome() != ActionTaken.Outcome.DRY_RUN) {
                        acts.add(a.action().label() + (a.outcome() == ActionTaken.Outcome.DRY_RUN ? "" : " " + a.outcome().label()));
                    }
                }
                yield acts.isEmpty() ? s : s + " (actions: " + String.join(", ", acts) + ")";
            }
            case Decision.Compliant c -> "";
            default -> r.reason();
        };
    }

    /** The resource part of an ARN ({@code task/prod/abc}); anything else as it is. */
    static String shortResource(String resource) {
        if (resource == null || !resource.startsWith("arn:")) {
            return resource;
        }
        String[] parts = resource.split(":", 6);
        return parts.length == 6 ? parts[5] : resource;
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
