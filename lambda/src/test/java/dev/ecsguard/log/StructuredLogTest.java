package dev.ecsguard.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.config.Config.LogLevel;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.decision.Finding;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructuredLogTest {
    final List<String> lines = new ArrayList<>();

    StructuredLog log(LogLevel level) {
        return new StructuredLog(level, lines::add, Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    static DecisionRecord violation() {
        Finding f = new Finding("container \"app\" runs privileged", "ECS_PRIVILEGED", "critical",
                List.of("stop_task", "alert"), "arn:td", Map.of("container", "app"));
        return new DecisionRecord("", "e1", "task_state_change", "arn:task", new Decision.Violation(List.of(f)), "dry-run",
                List.of("stop_task", "alert"), new DecisionRecord.PolicyIdentity("dir:policies", "ab12"), "cd34", "cache",
                new DecisionRecord.Timings(10, 20, 30, 60));
    }

    @Test
    void oneJsonLinePerDecisionWithEveryField() {
        log(LogLevel.INFO).decision(violation());
        assertEquals(1, lines.size());
        ObjectValue line = (ObjectValue) Json.parse(lines.get(0));
        assertEquals("WARN", Json.toJava(line.get("level")));
        assertEquals("decision", Json.toJava(line.get("message")));
        assertEquals("e1", Json.toJava(line.get("event_id")));
        assertEquals("task_state_change", Json.toJava(line.get("trigger")));
        assertEquals("arn:task", Json.toJava(line.get("resource")));
        assertEquals("violation", Json.toJava(line.get("decision")));
        assertEquals("ab12", Json.toJava(((ObjectValue) line.get("policy")).get("sha256")));
        assertEquals("cd34", Json.toJava(line.get("input_sha256")));
        assertEquals(60L, Json.toJava(((ObjectValue) line.get("timings_us")).get("total")));
        assertTrue(lines.get(0).contains("\"rule\":\"ECS_PRIVILEGED\""), lines.get(0));
        assertTrue(lines.get(0).contains("\"container\":\"app\""), lines.get(0));
    }

    @Test
    void levelFiltersLines() {
        StructuredLog warn = log(LogLevel.WARN);
        warn.info("hello", Map.of());
        warn.decision(new DecisionRecord("", null, null, null, new Decision.Skipped("x"), "dry-run", List.of(), null, null, null,
                DecisionRecord.Timings.NONE));
        assertTrue(lines.isEmpty());
        warn.decision(violation());
        assertEquals(1, lines.size());
    }

    @Test
    void jsonTextEscapes() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("a", "q\"\n");
        m.put("b", java.util.Arrays.asList(1, true, null));
        assertEquals("{\"a\":\"q\\\"\\n\",\"b\":[1,true,null]}", JsonText.of(m));
    }
}
