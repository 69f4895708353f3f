package dev.ecsguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.Value;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays every file of events-samples/ through the starter policies, as the README's first
 * command does, and checks each decision against events-samples/expected.json (the one source of
 * truth, also rendered as the table in events-samples/README.md).
 */
class ReplayCommandTest {
    static final Path ROOT = Path.of("..");

    record Run(int exit, String out, String err) {}

    static Run replay(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "replay";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = Main.execute(all, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    static String text(Value v) {
        return v == null || v instanceof NullValue ? null : Json.toJava(v).toString();
    }

    static Set<String> strings(Value v) {
        Set<String> out = new TreeSet<>();
        if (v instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(text(a.get(i)));
            }
        }
        return out;
    }

    @Test
    void everySampleGetsItsExpectedDecision() throws IOException {
        Run run = replay("--format", "json", "--policy", ROOT.resolve("policies").toString(), ROOT.resolve("events-samples").toString());
        assertEquals(0, run.exit(), run.err());
        Map<String, ObjectValue> byKey = new HashMap<>();
        Set<String> filesWithRows = new LinkedHashSet<>();
        String prefix = ROOT.resolve("events-samples") + "/";
        for (String line : run.out().split("\n")) {
            ObjectValue row = (ObjectValue) Json.parse(line);
            String file = text(row.get("file")).substring(prefix.length());
            filesWithRows.add(file);
            String origin = text(row.get("origin"));
            byKey.put(file + "#" + (origin == null || origin.isEmpty() ? "" : origin), row);
        }
        ArrayValue expected = (ArrayValue) ((ObjectValue) Json.parse(Files.readAllBytes(ROOT.resolve("events-samples/expected.json")))).get("rows");
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            ObjectValue e = (ObjectValue) expected.get(i);
            String key = text(e.get("file")) + "#" + (text(e.get("record")) == null ? "" : text(e.get("record")));
            ObjectValue got = byKey.get(key);
            if (got == null) {
                problems.add(key + ": no row");
                continue;
            }
            String want = text(e.get("decision"));
            Set<String> rules = new TreeSet<>();
            ArrayValue violations = (ArrayValue) got.get("violations");
            for (int j = 0; j < violations.size(); j++) {
                rules.add(text(((ObjectValue) violations.get(j)).get("rule")));
            }
            if (!want.equals(text(got.get("decision")))) {
                problems.add(key + ": expected " + want + ", got " + text(got.get("decision")) + " (" + text(got.get("reason")) + ")");
            } else if (!String.valueOf(text(e.get("trigger"))).equals(String.valueOf(text(got.get("trigger"))))) {
                problems.add(key + ": trigger " + text(got.get("trigger")) + ", expected " + text(e.get("trigger")));
            } else if (want.equals("violation") && (!rules.equals(strings(e.get("rules"))) || !strings(got.get("actions")).equals(strings(e.get("actions"))))) {
                problems.add(key + ": rules " + rules + " actions " + strings(got.get("actions")) + ", expected "
                        + strings(e.get("rules")) + " " + strings(e.get("actions")));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        try (Stream<Path> s = Files.walk(ROOT.resolve("events-samples"))) {
            s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json"))
                    .map(p -> p.toString().substring(prefix.length()))
                    .filter(f -> !f.startsWith("taskdefs/") && !f.contains("/revisions/"))
                    .forEach(f -> assertTrue(filesWithRows.contains(f), f + " yields no row"));
        }
    }

    @Test
    void textTableHasOneRowPerEventAndASummary() {
        Run run = replay("--policy", ROOT.resolve("policies").toString(), ROOT.resolve("events-samples/cloudtrail").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("FILE"), run.out());
        assertTrue(run.out().contains("Records[3]"), run.out());
        assertTrue(run.out().contains("events in 29 files:"), run.out());
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertEquals(2, replay("--format", "yaml", ROOT.resolve("events-samples").toString()).exit());
        assertEquals(2, replay("--input-mode", "raw", ROOT.resolve("events-samples").toString()).exit());
        assertEquals(2, replay("--no-such-flag", ROOT.resolve("events-samples").toString()).exit());
        assertEquals(2, replay("--policy", ROOT.resolve("policies").toString(), "does-not-exist").exit());
    }

    @Test
    void enforceAgainstRealAwsNeedsAConfirmationAndTheModeFlagIsChecked() {
        Run run = replay("--mode", "enforce", "--policy", ROOT.resolve("policies").toString(),
                ROOT.resolve("events-samples/malformed").toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("pass --yes"), "no terminal to confirm on: " + run.err());
        assertEquals(2, replay("--mode", "yolo", ROOT.resolve("events-samples/malformed").toString()).exit());
    }

    @Test
    void withoutAwsActionsAreOnlyPlanned() {
        Run run = replay("--format", "json", "--policy", ROOT.resolve("policies").toString(),
                ROOT.resolve("events-samples/task-state-change/metrics-agent-daemon-docker-sock-pending.json").toString());
        assertEquals(0, run.exit(), run.err());
        ObjectValue row = (ObjectValue) Json.parse(run.out().strip());
        ArrayValue taken = (ArrayValue) row.get("actions_taken");
        assertEquals(4, taken.size(), row.toString());
        for (int i = 0; i < taken.size(); i++) {
            assertEquals("dry_run", text(((ObjectValue) taken.get(i)).get("outcome")), row.toString());
        }
        assertEquals("scale_service", text(((ObjectValue) taken.get(0)).get("action")), "the service first");
    }

    @Test
    void aPolicyThatDoesNotCompileFailsTheCommand() throws IOException {
        Path dir = Files.createTempDirectory("policy");
        Files.writeString(dir.resolve("p.rego"), "package ecsguard\nviolations contains x if {");
        Run run = replay("--policy", dir.toString(), ROOT.resolve("events-samples/malformed").toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("does not compile"), run.err());
    }

    @Test
    void hookPayloadsTakeTheirRevisionsFromTheDirectoryBesideThemOrFromRevisions() throws IOException {
        Path dir = Files.createTempDirectory("hooks");
        Path hook = dir.resolve("hook.json");
        Files.copy(ROOT.resolve("events-samples/deployment-hook/pre-scale-up-web-privileged.json"), hook);
        String taskdefs = ROOT.resolve("events-samples/taskdefs").toString();
        Run without = replay("--format", "json", "--skip-policy-tests", "--policy", ROOT.resolve("policies").toString(),
                "--taskdefs", taskdefs, hook.toString());
        assertEquals(0, without.exit(), without.err());
        ObjectValue missing = (ObjectValue) Json.parse(without.out().strip());
        assertEquals("error", text(missing.get("decision")));
        assertTrue(text(missing.get("reason")).contains("not found in (no revisions directory beside the file, no --revisions)"), missing.toString());
        assertEquals("SUCCEEDED", text(missing.get("hook_status")), "HOOK_FAILURE_POLICY ignore");

        Run flag = replay("--format", "json", "--skip-policy-tests", "--policy", ROOT.resolve("policies").toString(),
                "--taskdefs", taskdefs, "--revisions", ROOT.resolve("events-samples/deployment-hook/revisions").toString(), hook.toString());
        ObjectValue row = (ObjectValue) Json.parse(flag.out().strip());
        assertEquals("violation", text(row.get("decision")), row.toString());
        assertEquals("deployment", text(row.get("trigger")));

        Files.createDirectories(dir.resolve("revisions"));
        Files.copy(ROOT.resolve("events-samples/deployment-hook/revisions/web.json"), dir.resolve("revisions/web.json"));
        Run beside = replay("--format", "json", "--skip-policy-tests", "--policy", ROOT.resolve("policies").toString(),
                "--taskdefs", taskdefs, hook.toString());
        assertEquals("violation", text(((ObjectValue) Json.parse(beside.out().strip())).get("decision")), beside.out());
        Run directory = replay("--format", "json", "--skip-policy-tests", "--policy", ROOT.resolve("policies").toString(),
                "--taskdefs", taskdefs, dir.toString());
        assertEquals(1, directory.out().strip().split("\n").length, "the revisions directory is not replayed: " + directory.out());
    }
}
