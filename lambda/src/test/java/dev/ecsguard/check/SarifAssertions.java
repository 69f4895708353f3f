package dev.ecsguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * The parts of SARIF 2.1.0 (OASIS, sarif-schema-2.1.0.json) that code scanning needs, checked
 * field by field: required properties, types, enumerations and the rule index.
 */
final class SarifAssertions {
    private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");

    private SarifAssertions() {}

    static void assertValid(JsonNode log) {
        assertEquals("2.1.0", text(log, "version"));
        assertEquals(SarifReport.SCHEMA, text(log, "$schema"));
        assertTrue(log.get("runs").isArray() && !log.get("runs").isEmpty(), "runs[]");
        for (JsonNode run : log.get("runs")) {
            JsonNode driver = run.path("tool").path("driver");
            assertEquals("ecs-guard", text(driver, "name"));
            assertFalse(text(driver, "version").isBlank());
            JsonNode rules = driver.get("rules");
            assertTrue(rules.isArray(), "tool.driver.rules[]");
            Set<String> ids = new HashSet<>();
            for (JsonNode rule : rules) {
                String id = text(rule, "id");
                assertTrue(ids.add(id), "rule ids are unique: " + id);
                assertFalse(text(rule.path("shortDescription"), "text").isBlank(), id);
                assertFalse(text(rule.path("fullDescription"), "text").isBlank(), id);
                assertFalse(text(rule.path("help"), "text").isBlank(), id);
                assertTrue(LEVELS.contains(text(rule.path("defaultConfiguration"), "level")), id);
                String score = text(rule.path("properties"), "security-severity");
                double s = Double.parseDouble(score);
                assertTrue(s >= 0 && s <= 10, id + " security-severity " + score);
                assertTrue(rule.path("properties").path("tags").isArray(), id);
            }
            assertTrue(run.get("results").isArray(), "results[]");
            for (JsonNode result : run.get("results")) {
                String ruleId = text(result, "ruleId");
                assertFalse(text(result.path("message"), "text").isBlank(), "message.text");
                assertTrue(LEVELS.contains(text(result, "level")));
                int index = result.get("ruleIndex").asInt(-1);
                assertTrue(index >= 0 && index < rules.size(), "ruleIndex in range: " + index);
                assertEquals(ruleId, text(rules.get(index), "id"), "rules[ruleIndex].id == ruleId");
                assertTrue(result.get("locations").isArray() && !result.get("locations").isEmpty(), "locations[]");
                for (JsonNode location : result.get("locations")) {
                    JsonNode physical = location.path("physicalLocation");
                    assertFalse(text(physical.path("artifactLocation"), "uri").isBlank(), "artifactLocation.uri");
                    assertTrue(physical.path("region").path("startLine").isInt(), "region.startLine");
                    assertTrue(physical.path("region").path("startLine").asInt() >= 1, "startLine >= 1");
                    if (physical.path("region").has("startColumn")) {
                        assertTrue(physical.path("region").path("startColumn").asInt() >= 1, "startColumn >= 1");
                    }
                }
            }
            for (JsonNode invocation : run.path("invocations")) {
                assertTrue(invocation.get("executionSuccessful").isBoolean(), "invocations[].executionSuccessful");
                for (JsonNode n : invocation.path("toolExecutionNotifications")) {
                    assertFalse(text(n.path("message"), "text").isBlank());
                }
            }
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        assertTrue(v != null && v.isTextual(), field + " is a string in " + n);
        return v.asText();
    }
}
