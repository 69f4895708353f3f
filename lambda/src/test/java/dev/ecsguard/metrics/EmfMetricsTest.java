package dev.ecsguard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.decision.ActionKind;
import dev.ecsguard.decision.ActionTaken;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.decision.Finding;
import dev.ecsguard.rego.value.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {
    @Test
    void oneEmbeddedMetricLinePerMetricAndDimensionValues() {
        EmfMetrics m = new EmfMetrics(Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));
        DecisionRecord r = new DecisionRecord("", "e", "task_state_change", "t",
                new Decision.Violation(List.of(new Finding("m", "ECS_PRIVILEGED", "critical", List.of(), null, Map.of()))), "enforce",
                List.of(), null, null, null, new DecisionRecord.Timings(1, 2, 1500, 4),
                List.of(new ActionTaken(ActionKind.STOP_TASK, "t", ActionTaken.Outcome.FAILED, "x")));
        m.decision(r);
        m.decision(r);
        m.count("BreakerOpened", Map.of());
        List<String> lines = new ArrayList<>();
        m.flush(lines::add);
        assertTrue(lines.contains("{\"_aws\":{\"Timestamp\":1700000000000,\"CloudWatchMetrics\":[{\"Namespace\":\"ecs-guard\","
                + "\"Dimensions\":[[\"Outcome\"]],\"Metrics\":[{\"Name\":\"Decisions\",\"Unit\":\"Count\"}]}]},"
                + "\"Outcome\":\"violation\",\"Decisions\":2}") || lines.stream().anyMatch(l -> l.contains("\"Decisions\":2")), lines::toString);
        String breaker = lines.stream().filter(l -> l.contains("BreakerOpened")).findFirst().orElseThrow();
        assertTrue(breaker.contains("\"Dimensions\":[[]]"), breaker);
        assertTrue(breaker.endsWith("\"BreakerOpened\":1}"), breaker);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"Action\":\"stop_task\"") && l.contains("\"Outcome\":\"failed\"")
                && l.contains("\"Actions\":2")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"Errors\":2")), "failed actions are errors: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"EvaluationTime\":[1.5,1.5]")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"Rule\":\"ECS_PRIVILEGED\"") && l.contains("\"Severity\":\"critical\"")));
        for (String l : lines) {
            Json.parse(l); // each is one JSON object
        }
        List<String> again = new ArrayList<>();
        m.flush(again::add);
        assertEquals(List.of(), again, "flushed once");
    }
}
