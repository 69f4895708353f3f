package dev.ecsguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.Finding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three formats on one hand-made report: two findings, a compliant file, a skipped event, an unreadable file. */
class ReportsTest {
    private static final Path CWD = Path.of("/work/repo");
    private static final Finding PRIVILEGED = new Finding("container \"debug\" runs privileged", "ECS_PRIVILEGED", "critical",
            List.of("stop_task", "alert"), "task-definition/debug", Map.of("container", "debug", "source", "task_definition"));
    private static final Finding UNDOCUMENTED = new Finding("something else", "CUSTOM_RULE", "low", List.of("alert"), null, Map.of());

    private static CheckReport report() {
        RuleCatalog.RuleInfo documented = new RuleCatalog.RuleInfo("ECS_PRIVILEGED", "Privileged containers",
                "Full access to the host.", "Remove privileged.", "critical", List.of("security-hub/ECS.4"), "data.x");
        RuleCatalog.RuleInfo other = new RuleCatalog.RuleInfo("ECS_HOST_NETWORK", "Host network mode", null, null, "high",
                List.of(), "data.y");
        RuleCatalog catalog = RuleCatalog.ofRules(List.of(documented, other));
        FileResult violating = new FileResult(Path.of("/work/repo/td/debug.json"), "task_definition", List.of(
                new Evaluation("", null, "task_definition_file", new Decision.Violation(List.of(PRIVILEGED, UNDOCUMENTED)), List.of(
                        new Evaluation.Located(PRIVILEGED, new JsonLocations.Position(12, 7)),
                        new Evaluation.Located(UNDOCUMENTED, new JsonLocations.Position(2, 3))))), null);
        FileResult compliant = new FileResult(Path.of("td/web.json"), "task_definition", List.of(
                new Evaluation("", null, "task_definition_file", new Decision.Compliant(), List.of())), null);
        FileResult skipped = new FileResult(Path.of("ev/ec2.json"), "event", List.of(
                new Evaluation("", "e1", null, new Decision.Skipped("source aws.ec2 is not aws.ecs"), List.of())), null);
        FileResult broken = FileResult.unreadable(Path.of("/elsewhere/broken.json"), "invalid JSON at line 3, column 1: x");
        return new CheckReport(List.of(violating, compliant, skipped, broken), catalog, "1.2.3", "dir:policies sha256 abc", CWD);
    }

    private static String write(CheckReport.Format f) {
        StringWriter w = new StringWriter();
        f.write(report(), new PrintWriter(w));
        return w.toString();
    }

    @Test
    void textHasOneLinePerViolationAndASummary() {
        List<String> lines = write(new TextReport()).lines().toList();
        assertEquals("/work/repo/td/debug.json:12: ECS_PRIVILEGED [critical] container \"debug\" runs privileged", lines.get(0));
        assertEquals("/work/repo/td/debug.json:2: CUSTOM_RULE [low] something else", lines.get(1));
        assertEquals("td/web.json: compliant", lines.get(2));
        assertEquals("ev/ec2.json: skipped: source aws.ec2 is not aws.ecs", lines.get(3));
        assertEquals("4 files checked: 1 with violations, 1 compliant, 1 skipped, 1 error; 2 violations (1 critical, 1 low)",
                lines.get(5));
        assertTrue(lines.get(6).startsWith("policy dir:policies"));
    }

    @Test
    void jsonIsOneObjectPerFile() throws Exception {
        List<String> lines = write(new JsonReport()).lines().toList();
        assertEquals(4, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("violation", first.get("decision").asText());
        assertEquals("ECS_PRIVILEGED", first.get("violations").get(0).get("rule").asText());
        assertEquals(12, first.get("violations").get(0).get("line").asInt());
        assertEquals("debug", first.get("violations").get(0).get("container").asText());
        assertEquals("skipped", new ObjectMapper().readTree(lines.get(2)).get("decision").asText());
        JsonNode broken = new ObjectMapper().readTree(lines.get(3));
        assertEquals("error", broken.get("decision").asText());
        assertTrue(broken.get("reason").asText().startsWith("invalid JSON at line 3"));
    }

    @Test
    void sarifRulesResultsAndNotifications() throws Exception {
        JsonNode log = new ObjectMapper().readTree(write(new SarifReport()));
        SarifAssertions.assertValid(log);
        JsonNode run = log.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertEquals(3, rules.size(), "two documented rules, then the undocumented one a result names");
        JsonNode privileged = rules.get(0);
        assertEquals("ECS_PRIVILEGED", privileged.get("id").asText());
        assertEquals("PrivilegedContainers", privileged.get("name").asText());
        assertEquals("Privileged containers", privileged.get("shortDescription").get("text").asText());
        assertEquals("Full access to the host.", privileged.get("fullDescription").get("text").asText());
        assertEquals("Remove privileged.", privileged.get("help").get("text").asText());
        assertEquals("critical", privileged.get("properties").get("severity").asText());
        assertEquals("9.5", privileged.get("properties").get("security-severity").asText());
        assertEquals("[\"security\",\"ecs\",\"security-hub/ECS.4\"]", privileged.get("properties").get("tags").toString());
        assertEquals("CUSTOM_RULE", rules.get(2).get("id").asText());
        assertEquals("note", rules.get(2).get("defaultConfiguration").get("level").asText());

        JsonNode results = run.get("results");
        assertEquals(2, results.size());
        JsonNode r0 = results.get(0);
        assertEquals("error", r0.get("level").asText());
        assertEquals(0, r0.get("ruleIndex").asInt());
        JsonNode loc = r0.get("locations").get(0).get("physicalLocation");
        assertEquals("td/debug.json", loc.get("artifactLocation").get("uri").asText());
        assertEquals("%SRCROOT%", loc.get("artifactLocation").get("uriBaseId").asText());
        assertEquals(12, loc.get("region").get("startLine").asInt());
        assertEquals("note", results.get(1).get("level").asText());
        assertEquals(2, results.get(1).get("ruleIndex").asInt());
        assertEquals("file:///work/repo/", run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText());

        JsonNode invocation = run.get("invocations").get(0);
        assertFalse(invocation.get("executionSuccessful").asBoolean());
        JsonNode n = invocation.get("toolExecutionNotifications").get(0);
        assertEquals("error", n.get("level").asText());
        assertEquals("file:///elsewhere/broken.json",
                n.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText());
    }

    @Test
    void uriOfAFileWithSpacesIsEscaped() {
        assertEquals("my%20dir/task%20def.json",
                SarifReport.artifactLocation(Path.of("/w/my dir/task def.json"), Path.of("/w")).get("uri"));
    }

    @Test
    void fingerprintIgnoresTheLine() {
        String a = SarifReport.fingerprint("ECS_PRIVILEGED", "td/debug.json", PRIVILEGED, "");
        assertEquals(32, a.length());
        assertEquals(a, SarifReport.fingerprint("ECS_PRIVILEGED", "td/debug.json", PRIVILEGED, ""));
        assertFalse(a.equals(SarifReport.fingerprint("ECS_PRIVILEGED", "td/other.json", PRIVILEGED, "")));
    }
}
