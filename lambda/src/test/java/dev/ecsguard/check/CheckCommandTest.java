package dev.ecsguard.check;

import dev.ecsguard.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecs-guard check} end to end, over the fixtures in src/test/resources/check and the real policies/. */
class CheckCommandTest {
    private static final String ACCOUNT = "111122223333";

    private static CliRun check(String... args) {
        List<String> all = new ArrayList<>(List.of("check", "--policy", CheckCli.policies().toString()));
        all.addAll(List.of(args));
        return CheckCli.run(all.toArray(String[]::new));
    }

    private static String fx(String name) {
        return CheckCli.fixture(name).toString();
    }

    private static Set<String> ruleIds(String text) {
        Set<String> ids = new TreeSet<>();
        for (String line : text.lines().toList()) {
            String[] parts = line.split(": ", 3);
            if (parts.length == 3 && parts[1].startsWith("ECS_")) {
                ids.add(parts[1].substring(0, parts[1].indexOf(' ')));
            } else if (parts.length >= 2 && parts[1].matches("ECS_[A-Z_]+ \\[.*")) {
                ids.add(parts[1].substring(0, parts[1].indexOf(' ')));
            }
        }
        return ids;
    }

    @Test
    void compliantTaskDefinitionExitsZero() {
        CliRun r = check("--account", ACCOUNT, "--region", "us-east-1", fx("compliant-taskdef.json"));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith(fx("compliant-taskdef.json") + ": compliant"), r.out());
        assertTrue(r.out().contains("1 file checked: 0 with violations, 1 compliant; 0 violations"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void withoutTheAccountTheOwnEcrRegistryIsNotTrusted() {
        CliRun r = check("--region", "us-east-1", fx("compliant-taskdef.json"));
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals(Set.of("ECS_UNTRUSTED_REGISTRY"), ruleIds(r.out()));
    }

    @Test
    void privilegedTaskDefinitionExitsOnePointingAtItsContainer() {
        CliRun r = check("--account", ACCOUNT, "--region", "us-east-1", fx("privileged-taskdef.json"));
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith(fx("privileged-taskdef.json") + ":15: ECS_PRIVILEGED [critical] container \"debugger\""),
                r.out());
        assertEquals(Set.of("ECS_PRIVILEGED"), ruleIds(r.out()));
    }

    @Test
    void describeTaskDefinitionOutputTakesAccountAndRegionFromItsArn() {
        CliRun r = check(fx("describe-taskdef.json"));
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals(Set.of("ECS_HOST_NETWORK", "ECS_IMAGE_LATEST", "ECS_NOT_AWSVPC"), ruleIds(r.out()));
        assertTrue(r.out().contains(fx("describe-taskdef.json") + ":12: ECS_IMAGE_LATEST"), r.out());
        assertTrue(r.out().contains(fx("describe-taskdef.json") + ":4: ECS_HOST_NETWORK"), r.out());
    }

    @Test
    void eventFilesUseTheTaskDefinitionsNamedOnTheCommandLine() {
        CliRun r = check(fx("task-state-change-event.json"), fx("describe-taskdef.json"));
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains(fx("task-state-change-event.json") + ":20: ECS_IMAGE_LATEST"), r.out());
        assertTrue(r.out().contains(fx("task-state-change-event.json") + ":13: ECS_HOST_NETWORK"), r.out());

        CliRun viaFlag = check("--taskdefs", fx("describe-taskdef.json"), fx("task-state-change-event.json"));
        assertEquals(1, viaFlag.exit(), viaFlag.out() + viaFlag.err());
    }

    @Test
    void anEventWhoseTaskDefinitionIsUnknownCannotBeDecided() {
        CliRun r = check(fx("task-state-change-event.json"));
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().startsWith("ecs-guard check: " + fx("task-state-change-event.json") + ": missing data: "), r.err());
        assertTrue(r.err().contains("(name its file with --taskdefs or among the FILEs)"), r.err());
    }

    @Test
    void malformedJsonExitsTwoWithLineAndColumn() {
        CliRun r = check(fx("malformed.json"));
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("ecs-guard check: " + fx("malformed.json") + ": invalid JSON at line 5, column 3: "),
                r.err());
    }

    @Test
    void notATaskDefinitionOrEventExitsTwo() {
        CliRun r = check(fx("not-a-taskdef.json"), fx("does-not-exist.json"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(fx("not-a-taskdef.json") + ": not a task definition or event"), r.err());
        assertTrue(r.err().contains(fx("does-not-exist.json") + ": no such file"), r.err());
    }

    @Test
    void badInputWinsOverViolations() {
        CliRun r = check("--account", ACCOUNT, fx("privileged-taskdef.json"), fx("malformed.json"));
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("ECS_PRIVILEGED"), "the other files are still reported");
        assertTrue(r.out().contains("2 files checked: 1 with violations, 0 compliant, 1 error"), r.out());
    }

    @Test
    void aPolicyThatDoesNotCompileExitsTwo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.rego"), "package ecsguard\nviolations contains x if { x := undefined_var }\n");
        CliRun r = CheckCli.run("check", "--policy", dir.toString(), fx("compliant-taskdef.json"));
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("ecs-guard check: policy "), r.err());
        assertTrue(r.err().contains("bad.rego"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void badFlagsExitTwo() {
        assertEquals(2, check("--format", "xml", fx("compliant-taskdef.json")).exit());
        assertEquals(2, CheckCli.run("check").exit());
    }

    @Test
    void jsonIsOneObjectPerFile() throws Exception {
        CliRun r = check("--format", "json", "--account", ACCOUNT, fx("compliant-taskdef.json"), fx("privileged-taskdef.json"));
        assertEquals(1, r.exit());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size());
        ObjectMapper m = new ObjectMapper();
        assertEquals("compliant", m.readTree(lines.get(0)).get("decision").asText());
        JsonNode p = m.readTree(lines.get(1));
        assertEquals(fx("privileged-taskdef.json"), p.get("file").asText());
        assertEquals("violation", p.get("decision").asText());
        assertEquals("ECS_PRIVILEGED", p.get("violations").get(0).get("rule").asText());
        assertEquals(15, p.get("violations").get(0).get("line").asInt());
    }

    @Test
    void sarifForCodeScanning() throws Exception {
        CliRun r = check("--format", "sarif", "--account", ACCOUNT, fx("compliant-taskdef.json"),
                fx("privileged-taskdef.json"), fx("describe-taskdef.json"), fx("task-state-change-event.json"));
        assertEquals(1, r.exit(), r.err());
        JsonNode log = new ObjectMapper().readTree(r.out());
        SarifAssertions.assertValid(log);
        JsonNode run = log.get("runs").get(0);
        assertEquals(25, run.get("tool").get("driver").get("rules").size(), "every documented rule of the starter library");
        assertTrue(run.get("invocations").get(0).get("executionSuccessful").asBoolean());
        JsonNode privileged = null;
        Set<String> ids = new TreeSet<>();
        for (JsonNode result : run.get("results")) {
            ids.add(result.get("ruleId").asText());
            if (result.get("ruleId").asText().equals("ECS_PRIVILEGED")) {
                privileged = result;
            }
        }
        assertEquals(Set.of("ECS_PRIVILEGED", "ECS_HOST_NETWORK", "ECS_IMAGE_LATEST", "ECS_NOT_AWSVPC", "ECS_UNTRUSTED_REGISTRY"), ids);
        assertEquals("error", privileged.get("level").asText());
        JsonNode loc = privileged.get("locations").get(0).get("physicalLocation");
        String expectedUri = Path.of("").toAbsolutePath().relativize(CheckCli.repoRoot()
                .resolve("lambda/src/test/resources/check/privileged-taskdef.json")).toString().replace('\\', '/');
        assertEquals(expectedUri, loc.get("artifactLocation").get("uri").asText());
        assertEquals(15, loc.get("region").get("startLine").asInt());
        JsonNode rule = run.get("tool").get("driver").get("rules").get(privileged.get("ruleIndex").asInt());
        assertEquals("Privileged containers", rule.get("shortDescription").get("text").asText());
        assertEquals("9.5", rule.get("properties").get("security-severity").asText());
    }

    @Test
    void sarifReportsFilesThatCouldNotBeChecked() throws Exception {
        CliRun r = check("--format", "sarif", fx("malformed.json"));
        assertEquals(2, r.exit());
        JsonNode log = new ObjectMapper().readTree(r.out());
        SarifAssertions.assertValid(log);
        JsonNode invocation = log.get("runs").get(0).get("invocations").get(0);
        assertFalse(invocation.get("executionSuccessful").asBoolean());
        assertTrue(invocation.get("toolExecutionNotifications").get(0).get("message").get("text").asText()
                .startsWith("invalid JSON at line 5, column 3"));
    }

    /** The sample task definitions give the violations events-samples/README.md and policies/README.md list. */
    @Test
    void sampleTaskDefinitions() throws Exception {
        Path dir = CheckCli.repoRoot().resolve("events-samples/taskdefs");
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(Path::toString).filter(f -> f.endsWith(".json")).sorted().toList();
        }
        List<String> args = new ArrayList<>(List.of("--format", "json"));
        args.addAll(files);
        CliRun r = check(args.toArray(String[]::new));
        assertEquals(1, r.exit(), r.err());
        ObjectMapper m = new ObjectMapper();
        for (String line : r.out().lines().toList()) {
            JsonNode f = m.readTree(line);
            String name = Path.of(f.get("file").asText()).getFileName().toString();
            List<String> rules = new ArrayList<>();
            f.get("violations").forEach(v -> rules.add(v.get("rule").asText()));
            switch (name) {
                // falco:3 is privileged, under an exemption in policies/data/config.json
                case "web.12.json", "report-generator.5.json", "falco.3.json" -> assertEquals("compliant", f.get("decision").asText(), name);
                case "web.14.json" -> assertEquals(List.of("ECS_PRIVILEGED"), rules);
                case "payments-api.21.json" -> assertEquals(List.of("ECS_SECRET_IN_ENV", "ECS_SECRET_IN_ENV", "ECS_SECRET_IN_ENV"), rules);
                case "web.13.json" -> assertEquals(List.of("ECS_IMAGE_LATEST"), rules);
                case "legacy-worker.4.json" -> assertEquals(Set.of("ECS_NOT_AWSVPC", "ECS_ROOT_USER"), new TreeSet<>(rules));
                case "debug-tools.3.json" -> assertEquals(Set.of("ECS_ADMIN_TASK_ROLE", "ECS_DANGEROUS_CAPABILITY",
                        "ECS_HOST_NETWORK", "ECS_HOST_PID_IPC", "ECS_IMAGE_NO_DIGEST", "ECS_NOT_AWSVPC", "ECS_NO_LOG_CONFIG", "ECS_PRIVILEGED",
                        "ECS_ROOT_USER", "ECS_SENSITIVE_HOST_MOUNT", "ECS_UNTRUSTED_REGISTRY", "ECS_WRITABLE_ROOT_FS"),
                        new TreeSet<>(rules));
                default -> assertEquals("violation", f.get("decision").asText(), name);
            }
        }
    }
}
