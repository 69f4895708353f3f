package dev.ecsguard.cli;

import dev.ecsguard.config.Config;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.decision.Finding;
import dev.ecsguard.handler.EnforcementHandler;
import dev.ecsguard.handler.EnforcementPipeline;
import dev.ecsguard.input.DirectoryTaskDefinitionSource;
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
 * ({@link EnforcementPipeline}), in dry-run, with no AWS account: policies from files, task
 * definitions from the event or from {@code --taskdefs} files. One row per event; every file
 * yields at least one row.
 */
final class ReplayCommand {
    static final Option POLICY = Option.builder().longOpt("policy").hasArg().argName("FILE|DIR")
            .desc("Rego modules and JSON data documents (repeatable). Default: ./policies when it exists.").get();
    static final Option INPUT_MODE = Option.builder().longOpt("input-mode").hasArg().argName("full|detail")
            .desc("full: the ecs-guard input document (default); detail: the raw event detail (OPA sample policies).").get();
    static final Option V0 = Option.builder().longOpt("v0").desc("Parse the policy as Rego v0 (default: detect per module).").get();
    static final Option TASKDEFS = Option.builder().longOpt("taskdefs").hasArg().argName("DIR")
            .desc("Task definition files (repeatable).").get();
    static final Option SKIP_POLICY_TESTS = Option.builder().longOpt("skip-policy-tests")
            .desc("Do not run the policy's own test_ rules before replaying (they gate every policy version in the Lambda).").get();
    static final Option FORMAT = Option.builder().longOpt("format").hasArg().argName("text|json")
            .desc("text: a table (default); json: one object per event per line.").get();

    static final Subcommand COMMAND = new Subcommand("replay",
            "Replay recorded events (EventBridge events, CloudTrail log files, SNS/SQS deliveries) through "
                    + "the enforcement pipeline, dry-run, with no AWS calls.",
            List.of("Directories are searched recursively for *.json and *.json.gz files; a directory named taskdefs "
                    + "next to (or above) a PATH supplies task definitions unless --taskdefs is given."),
            List.of(POLICY, RegoCli.DECISION_QUERY, INPUT_MODE, V0, TASKDEFS, SKIP_POLICY_TESTS, FORMAT), "PATH", 1, Integer.MAX_VALUE,
            List.of("0:every event was replayed (whatever the decisions)",
                    "1:the command failed (the policy does not load or compile)",
                    "2:usage error (bad flags, a PATH that does not exist)"),
            ReplayCommand::execute);

    List<Path> policy = new ArrayList<>();
    String query = Config.DEFAULT_QUERY;
    String inputMode = "full";
    boolean v0;
    List<Path> taskdefs = new ArrayList<>();
    boolean skipPolicyTests;
    String format = "text";
    List<Path> paths;

    static int execute(Args a, PrintWriter out, PrintWriter err) throws Args.UsageError {
        ReplayCommand c = new ReplayCommand();
        c.policy = a.paths(POLICY);
        c.query = a.string(RegoCli.DECISION_QUERY, Config.DEFAULT_QUERY);
        c.inputMode = a.string(INPUT_MODE, "full");
        c.v0 = a.flag(V0);
        c.taskdefs = a.paths(TASKDEFS);
        c.skipPolicyTests = a.flag(SKIP_POLICY_TESTS);
        c.format = a.string(FORMAT, "text");
        c.paths = a.positionalPaths("PATH");
        return c.call(out, err);
    }

    int call(PrintWriter out, PrintWriter err) {
        PhaseTrace.mark("command line parsed");
        Config config;
        try {
            config = Config.defaults().withPolicyQuery(query).withInputMode(Config.InputMode.parse(inputMode))
                    .withRegoVersion(v0 ? Config.RegoVersionSetting.V0 : Config.RegoVersionSetting.AUTO);
        } catch (RuntimeException e) {
            return usage(err, e.getMessage().replace("INPUT_MODE=", "--input-mode "));
        }
        if (!format.equals("text") && !format.equals("json")) {
            return usage(err, "--format must be text or json, not " + format);
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                return usage(err, p + ": no such file or directory");
            }
        }
        List<Path> policyPaths = policy;
        if (policyPaths.isEmpty()) {
            if (!Files.isDirectory(Path.of("policies"))) {
                return usage(err, "no --policy given and there is no ./policies directory");
            }
            policyPaths = List.of(Path.of("policies"));
        }
        List<Path> taskdefDirs = taskdefs.isEmpty() ? discoverTaskdefs(paths) : taskdefs;

        PolicyStore store = new PolicyStore(new DirectoryPolicySource(policyPaths),
                new PolicyCompiler(config.policyQuery(), EnforcementHandler.regoVersion(config.regoVersion()),
                        skipPolicyTests ? PolicySelfTest.NOT_RUN
                                : PolicySelfTests.standard(), Clock.systemUTC()),
                config.policyTtl(), Clock.systemUTC(), event -> { });
        if (store.refresh() instanceof PolicyStore.RefreshEvent.Rejected r) {
            err.println("ecs-guard replay: " + r.reason());
            err.flush();
            return 1;
        }
        TaskDefinitionSource tds;
        if (taskdefDirs.isEmpty()) {
            tds = TaskDefinitionSource.NONE;
        } else {
            DirectoryTaskDefinitionSource dir = new DirectoryTaskDefinitionSource(taskdefDirs);
            for (String problem : dir.problems()) {
                err.println("ecs-guard replay: task definitions: " + problem);
            }
            tds = dir;
        }
        EnforcementPipeline pipeline = new EnforcementPipeline(config, store, new InputDocumentBuilder(tds));

        List<Row> rows = new ArrayList<>();
        for (Path file : eventFiles(paths, taskdefDirs)) {
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
            printTable(out, rows, store.current().orElse(null));
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

    /** Every file named on the command line, and the *.json / *.json.gz files under each directory. */
    static List<Path> eventFiles(List<Path> paths, List<Path> taskdefDirs) {
        List<Path> out = new ArrayList<>();
        Set<Path> skip = new LinkedHashSet<>();
        for (Path t : taskdefDirs) {
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

    private static void printTable(PrintWriter out, List<Row> rows, ActivePolicy policy) {
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
        summary.append(String.join(", ", parts)).append(" (dry-run)");
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
                Set<String> acts = new java.util.TreeSet<>(r.requestedActions());
                acts.remove("alert");
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
