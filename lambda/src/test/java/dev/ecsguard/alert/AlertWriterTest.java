package dev.ecsguard.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.decision.ActionKind;
import dev.ecsguard.decision.ActionTaken;
import dev.ecsguard.decision.ActionTaken.Outcome;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.decision.Finding;
import dev.ecsguard.enforce.Subject;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertWriterTest {
    static final String TASK = "arn:aws:ecs:us-east-1:111122223333:task/prod/4d6f8a0c2e1b4d3f8a5c7e9b1d3f5a7c";
    static final String CLUSTER = "arn:aws:ecs:us-east-1:111122223333:cluster/prod";
    static final String SERVICE = "arn:aws:ecs:us-east-1:111122223333:service/prod/web";
    static final String TD = "arn:aws:ecs:us-east-1:111122223333:task-definition/web:12";
    static final Subject SUBJECT = new Subject("task_state_change", "e-1", "111122223333", "us-east-1",
            new Subject.Task(TASK, CLUSTER, "RUNNING"), new Subject.Service(SERVICE, "web", CLUSTER), TD);

    static DecisionRecord record(List<ActionTaken> taken) {
        List<Finding> findings = List.of(
                new Finding("image uses :latest", "ECS_IMAGE_LATEST", "medium", List.of("alert"), null, Map.of("container", "app")),
                new Finding("container \"app\" runs privileged", "ECS_PRIVILEGED", "critical",
                        List.of("stop_task", "scale_service", "deregister_task_definition", "alert"), TD, Map.of("container", "app")));
        return new DecisionRecord("", "e-1", "task_state_change", TASK, new Decision.Violation(findings), "enforce", List.of(), null,
                "abc", "cache", DecisionRecord.Timings.NONE, taken);
    }

    @Test
    void aRemediationReadsAsWhatWasDone() {
        Alert a = AlertWriter.violation(record(List.of(
                new ActionTaken(ActionKind.SCALE_SERVICE, SERVICE, Outcome.DONE, "desired count 3 -> 0"),
                new ActionTaken(ActionKind.STOP_TASK, TASK, Outcome.DONE, "stopped"),
                new ActionTaken(ActionKind.DEREGISTER_TASK_DEFINITION, TD, Outcome.DONE, "INACTIVE"))), SUBJECT, "enforce");
        assertEquals("ecs-guard: stopped task 4d6f8a0c in prod: ECS_PRIVILEGED +1", a.subject());
        assertEquals(Map.of("severity", "critical", "rule", "ECS_PRIVILEGED", "action", "stop_task", "account", "111122223333",
                "mode", "enforce", "decision", "violation"), a.attributes());
        assertTrue(a.email().contains("ecs-guard restore " + SERVICE), a.email());
        assertTrue(a.email().contains("cannot be re-activated"), a.email());
        assertTrue(a.email().contains("\"resource\":\"arn:aws:ecs:us-east-1:111122223333:task-definition/web:*\""), a.email());
        assertTrue(a.email().contains("container: app"), a.email());
        ObjectValue json = (ObjectValue) Json.parse(a.json());
        assertEquals("e-1", Json.toJava(json.get("event_id")));
        assertEquals("stopped task 4d6f8a0c in prod: ECS_PRIVILEGED +1", Json.toJava(json.get("summary")));
    }

    @Test
    void dryRunSaysWouldHave() {
        Alert a = AlertWriter.violation(record(List.of(new ActionTaken(ActionKind.STOP_TASK, TASK, Outcome.DRY_RUN, "MODE is dry-run"))),
                SUBJECT, "dry-run");
        assertTrue(a.subject().startsWith("ecs-guard: would have stopped task 4d6f8a0c"), a.subject());
        assertTrue(a.email().contains("What ecs-guard would have done (dry-run: nothing was changed)"), a.email());
        assertEquals("dry-run", a.attributes().get("mode"));
    }

    @Test
    void subjectsAreOneAsciiLineUnderAHundredCharacters() {
        String s = AlertWriter.subjectLine("ecs-guard: violation in service caf\u00e9\n" + "x".repeat(200));
        assertTrue(s.length() < 100, s);
        assertTrue(s.chars().allMatch(c -> c >= 0x20 && c < 0x7f), s);
        assertTrue(s.endsWith("..."));
    }

    @Test
    void theBreakerAlertIsRoutable() {
        Alert a = AlertWriter.breakerOpened(record(List.of()), SUBJECT, 10, Duration.ofSeconds(900), Instant.parse("2025-06-12T10:00:00Z"));
        assertEquals("circuit_breaker", a.attributes().get("action"));
        assertTrue(a.subject().contains("circuit breaker open: 10 resources remediated in 900 s"), a.subject());
        assertTrue(a.email().contains("2025-06-12T10:00:00Z"), a.email());
    }

    static final String DEPLOYMENT = "arn:aws:ecs:us-east-1:111122223333:service-deployment/prod/web/EZe5RNVLH6PPzHXINuP28";
    static final Subject DEPLOYED = new Subject("deployment", "x-1", "111122223333", "us-east-1", null,
            new Subject.Service(SERVICE, "web", CLUSTER), "arn:aws:ecs:us-east-1:111122223333:task-definition/web:14");

    static DecisionRecord atTheGate(Decision d, List<ActionTaken> taken) {
        return new DecisionRecord("", "x-1", "deployment", DEPLOYMENT, d, "enforce", List.of(), null, "abc", "cache",
                DecisionRecord.Timings.NONE, taken);
    }

    static final Decision PRIVILEGED = new Decision.Violation(List.of(new Finding("container \"app\" runs privileged", "ECS_PRIVILEGED",
            "critical", List.of("block_deployment", "alert"), null, Map.of("container", "app"))));

    @Test
    void aBlockedDeploymentNamesTheServiceAndItsCluster() {
        Alert a = AlertWriter.of(atTheGate(PRIVILEGED, List.of(new ActionTaken(ActionKind.BLOCK_DEPLOYMENT, DEPLOYMENT, Outcome.DONE,
                "answered FAILED"))), DEPLOYED, "enforce");
        assertEquals("ecs-guard: blocked deployment of service web in prod: ECS_PRIVILEGED", a.subject());
        assertEquals("block_deployment", a.attributes().get("action"));
        assertTrue(a.email().contains("rolled back by ECS to the service's previous revision"), a.email());
        assertTrue(a.email().contains("\"resource\":\"arn:aws:ecs:us-east-1:111122223333:task-definition/web:*\""), a.email());
        assertEquals("FAILED", Json.toJava(((ObjectValue) Json.parse(a.json())).get("hook_status")));

        Alert dry = AlertWriter.of(atTheGate(PRIVILEGED, List.of(new ActionTaken(ActionKind.BLOCK_DEPLOYMENT, DEPLOYMENT, Outcome.DRY_RUN,
                "MODE is dry-run"))), DEPLOYED, "dry-run");
        assertEquals("ecs-guard: would have blocked deployment of service web in prod: ECS_PRIVILEGED", dry.subject());
        assertTrue(dry.email().contains("the deployment went on (dry-run)"), dry.email());
    }

    @Test
    void anUndecidedDeploymentSaysWhyAndWhatTheAnswerWas() {
        Decision error = new Decision.Error("missing data: DescribeServiceRevisions failed: Rate exceeded");
        Alert let = AlertWriter.of(atTheGate(error, List.of(new ActionTaken(ActionKind.BLOCK_DEPLOYMENT, DEPLOYMENT, Outcome.NOT_ALLOWED,
                "HOOK_FAILURE_POLICY is ignore"))), DEPLOYED, "enforce");
        assertEquals("ecs-guard: could not judge deployment of service web in prod: let through", let.subject());
        assertEquals(Map.of("severity", "high", "rule", "none", "action", "alert", "account", "111122223333", "mode", "enforce",
                "decision", "error"), let.attributes());
        assertTrue(let.email().contains("Rate exceeded"), let.email());
        assertTrue(let.email().contains("answer to ECS: SUCCEEDED"), let.email());

        Alert blocked = AlertWriter.of(atTheGate(error, List.of(new ActionTaken(ActionKind.BLOCK_DEPLOYMENT, DEPLOYMENT, Outcome.DONE,
                "answered FAILED"))), DEPLOYED, "enforce");
        assertEquals("ecs-guard: could not judge deployment of service web in prod: blocked", blocked.subject());
        assertEquals("block_deployment", blocked.attributes().get("action"));
        assertTrue(blocked.email().contains("answer to ECS: FAILED"), blocked.email());
    }
}
