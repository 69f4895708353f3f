package dev.ecsguard.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.config.Config;
import dev.ecsguard.decision.ActionKind;
import dev.ecsguard.decision.ActionTaken.Outcome;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.decision.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a violation's actions become under a deployment's settings, per trigger. */
class PlannerTest {
    static final String TASK = "arn:aws:ecs:us-east-1:111122223333:task/prod/4d6f8a0c2e1b";
    static final String CLUSTER = "arn:aws:ecs:us-east-1:111122223333:cluster/prod";
    static final String SERVICE = "arn:aws:ecs:us-east-1:111122223333:service/prod/web";
    static final String TD = "arn:aws:ecs:us-east-1:111122223333:task-definition/web:12";
    static final List<String> ALL = List.of("stop_task", "scale_service", "deregister_task_definition", "alert");

    static Subject taskOfService(String trigger) {
        return new Subject(trigger, "e1", "111122223333", "us-east-1", new Subject.Task(TASK, CLUSTER, "RUNNING"),
                new Subject.Service(SERVICE, "web", CLUSTER), TD);
    }

    static DecisionRecord violation(Finding... findings) {
        return new DecisionRecord("", "e1", "task_state_change", TASK, new Decision.Violation(List.of(findings)), "enforce",
                List.of(), null, null, null, DecisionRecord.Timings.NONE);
    }

    static Finding finding(String rule, List<String> actions, Map<String, Object> details) {
        return new Finding(rule + " found", rule, "critical", actions, null, details);
    }

    static List<Step> plan(Map<String, String> env, DecisionRecord r, Subject s) {
        Config c = Config.fromEnvironment(env);
        return new Planner(c.enforcement(), c.mode()).plan(r, s);
    }

    @Test
    void aTaskOfAServiceInTheOrderActionsAreCarriedOut() {
        List<Step> steps = plan(Map.of("MODE", "enforce"), violation(finding("ECS_PRIVILEGED", ALL, Map.of())),
                taskOfService("task_state_change"));
        assertEquals(List.of(ActionKind.SCALE_SERVICE, ActionKind.STOP_TASK, ActionKind.DEREGISTER_TASK_DEFINITION, ActionKind.ALERT),
                steps.stream().map(Step::kind).toList());
        assertEquals(List.of(SERVICE, TASK, TD, TASK), steps.stream().map(Step::resource).toList());
        assertTrue(steps.stream().allMatch(Step::enforce), steps::toString);
    }

    @Test
    void theDeploymentDecidesWhatMayRun() {
        DecisionRecord r = violation(finding("ECS_PRIVILEGED", ALL, Map.of()));
        List<Step> limited = plan(Map.of("MODE", "enforce", "ACTIONS", "stop_task,alert"), r, taskOfService("task_state_change"));
        assertEquals(Outcome.NOT_ALLOWED, limited.get(0).settled().outcome());
        assertTrue(limited.get(0).settled().detail().contains("ACTIONS (stop_task,alert) does not include scale_service"));
        assertNull(limited.get(1).settled());

        List<Step> elsewhere = plan(Map.of("MODE", "enforce", "CLUSTERS", "staging"), r, taskOfService("task_state_change"));
        assertEquals(Outcome.NOT_ALLOWED, elsewhere.get(1).settled().outcome());
        assertTrue(elsewhere.get(1).settled().detail().contains("outside CLUSTERS"), elsewhere.get(1).toString());
        assertNull(elsewhere.get(3).settled(), "alerts are sent for every cluster");

        assertEquals("MODE is dry-run", plan(Map.of(), r, taskOfService("task_state_change")).get(1).dryRunReason());
    }

    @Test
    void aViolationLowersTheModeForItsRuleNeverRaisesIt() {
        Finding lowered = finding("ECS_IMAGE_LATEST", List.of("stop_task"), Map.of("mode", "dry-run"));
        Finding enforced = finding("ECS_PRIVILEGED", List.of("stop_task"), Map.of());
        Subject s = taskOfService("task_state_change");
        assertTrue(plan(Map.of("MODE", "enforce"), violation(lowered), s).get(0).dryRunReason().contains("ECS_IMAGE_LATEST"));
        assertNull(plan(Map.of("MODE", "enforce"), violation(lowered, enforced), s).get(0).dryRunReason(),
                "another violation requesting the same action in enforce mode runs it");
        assertEquals("MODE is dry-run", plan(Map.of(), violation(finding("X", List.of("stop_task"), Map.of("mode", "enforce"))), s)
                .get(0).dryRunReason(), "never raised");
    }

    @Test
    void whatEachTriggerActsOn() {
        DecisionRecord r = violation(finding("ECS_PRIVILEGED", ALL, Map.of()));
        List<Step> service = plan(Map.of("MODE", "enforce"), r, new Subject("create_service", "e1", "111122223333", "us-east-1", null,
                new Subject.Service(SERVICE, "web", CLUSTER), TD));
        assertNull(service.get(0).settled(), "the service itself is scaled");
        assertEquals(Outcome.NOT_APPLICABLE, service.get(1).settled().outcome());
        assertEquals(Outcome.NOT_APPLICABLE, service.get(2).settled().outcome());

        List<Step> registered = plan(Map.of("MODE", "enforce"), r, new Subject("register_task_definition", "e1", "111122223333",
                "us-east-1", null, null, TD));
        assertEquals(Outcome.NOT_APPLICABLE, registered.get(0).settled().outcome());
        assertEquals(Outcome.NOT_APPLICABLE, registered.get(1).settled().outcome());
        assertNull(registered.get(2).settled(), "the revision is deregistered");

        List<Step> standalone = plan(Map.of("MODE", "enforce"), r, new Subject("run_task", "e1", "111122223333", "us-east-1",
                new Subject.Task(TASK, CLUSTER, "PROVISIONING"), null, TD));
        assertEquals(Outcome.NOT_APPLICABLE, standalone.get(0).settled().outcome());
        assertTrue(standalone.get(0).settled().detail().contains("no service"), "never a guessed service");
    }

    @Test
    void theStopReasonNamesRuleAndDecisionWithinEcsLimit() {
        assertEquals("ecs-guard: ECS_PRIVILEGED (decision e1)", StopTask.reason(List.of("ECS_PRIVILEGED"), "e1"));
        String longReason = StopTask.reason(java.util.Collections.nCopies(40, "ECS_SENSITIVE_HOST_MOUNT"), "e1");
        assertEquals(255, longReason.length());
        assertTrue(longReason.endsWith("..."));
    }

    static final String DEPLOYMENT = "arn:aws:ecs:us-east-1:111122223333:service-deployment/prod/web/EZe5RNVLH6PPzHXINuP28";
    static final Subject DEPLOYED = new Subject("deployment", "x1", "111122223333", "us-east-1", null,
            new Subject.Service(SERVICE, "web", CLUSTER), TD);

    static DecisionRecord atTheGate(Decision d) {
        return new DecisionRecord("", "x1", "deployment", DEPLOYMENT, d, "enforce", List.of(), null, null, null, DecisionRecord.Timings.NONE);
    }

    @Test
    void aDeploymentIsBlockedAndNothingThatRunsIsTouched() {
        List<String> requested = List.of("stop_task", "scale_service", "deregister_task_definition", "block_deployment", "alert");
        List<Step> steps = plan(Map.of("MODE", "enforce"), atTheGate(new Decision.Violation(List.of(finding("ECS_PRIVILEGED", requested,
                Map.of())))), DEPLOYED);
        assertEquals(List.of(ActionKind.SCALE_SERVICE, ActionKind.STOP_TASK, ActionKind.DEREGISTER_TASK_DEFINITION,
                ActionKind.BLOCK_DEPLOYMENT, ActionKind.ALERT), steps.stream().map(Step::kind).toList());
        for (Step s : steps.subList(0, 3)) {
            assertEquals(Outcome.NOT_APPLICABLE, s.settled().outcome(), s.toString());
            assertTrue(s.settled().detail().contains("what runs now is left alone"), s.toString());
        }
        Step block = steps.get(3);
        assertTrue(block.enforce(), block.toString());
        assertEquals(DEPLOYMENT, block.resource());
        assertEquals(CLUSTER, block.target().cluster());
        assertEquals(ActionKind.Effect.VERDICT, block.kind().effect());
        assertEquals(Outcome.NOT_APPLICABLE, plan(Map.of("MODE", "enforce"), violation(finding("ECS_PRIVILEGED", requested, Map.of())),
                taskOfService("task_state_change")).get(3).settled().outcome(), "only a deployment waits for an answer");
    }

    @Test
    void aBlockObeysModeActionsAndClusters() {
        DecisionRecord r = atTheGate(new Decision.Violation(List.of(finding("ECS_PRIVILEGED", List.of("block_deployment"), Map.of()))));
        assertEquals("MODE is dry-run", plan(Map.of(), r, DEPLOYED).get(0).dryRunReason());
        assertEquals(Outcome.NOT_ALLOWED, plan(Map.of("MODE", "enforce", "ACTIONS", "alert"), r, DEPLOYED).get(0).settled().outcome());
        assertEquals(Outcome.NOT_ALLOWED, plan(Map.of("MODE", "enforce", "CLUSTERS", "staging"), r, DEPLOYED).get(0).settled().outcome());
        assertNull(plan(Map.of("MODE", "enforce", "CLUSTERS", "prod"), r, DEPLOYED).get(0).settled());
        DecisionRecord trial = atTheGate(new Decision.Violation(List.of(finding("ECS_NEW", List.of("block_deployment"),
                Map.of("mode", "dry-run")))));
        assertTrue(plan(Map.of("MODE", "enforce"), trial, DEPLOYED).get(0).dryRunReason().contains("ECS_NEW"));
    }

    @Test
    void anUndecidedDeploymentIsAnsweredByHookFailurePolicyAndAlerted() {
        DecisionRecord error = atTheGate(new Decision.Error("missing data: DescribeServiceRevisions failed"));
        List<Step> ignore = plan(Map.of("MODE", "enforce"), error, DEPLOYED);
        assertEquals(List.of(ActionKind.BLOCK_DEPLOYMENT, ActionKind.ALERT), ignore.stream().map(Step::kind).toList());
        assertEquals(Outcome.NOT_ALLOWED, ignore.get(0).settled().outcome());
        assertTrue(ignore.get(0).settled().detail().contains("HOOK_FAILURE_POLICY is ignore"), ignore.get(0).toString());
        assertNull(ignore.get(1).settled(), "the alert says so");

        List<Step> fail = plan(Map.of("MODE", "enforce", "HOOK_FAILURE_POLICY", "fail"), error, DEPLOYED);
        assertTrue(fail.get(0).enforce(), fail.get(0).toString());
        assertEquals(List.of(Planner.UNDECIDED), fail.get(0).rules());
        assertEquals("MODE is dry-run", plan(Map.of("HOOK_FAILURE_POLICY", "fail"), error, DEPLOYED).get(0).dryRunReason());
        assertTrue(fail.stream().noneMatch(s -> s.kind().remediation()), "an error never remediates");

        DecisionRecord taskError = violation(finding("X", ALL, Map.of()));
        taskError = new DecisionRecord("", "e1", "task_state_change", TASK, new Decision.Error("missing data"), "enforce", List.of(),
                null, null, null, DecisionRecord.Timings.NONE);
        assertEquals(List.of(), plan(Map.of("MODE", "enforce", "HOOK_FAILURE_POLICY", "fail"), taskError, taskOfService("task_state_change")),
                "an error elsewhere has no step at all");
        assertEquals(List.of(), plan(Map.of("MODE", "enforce"), atTheGate(new Decision.Compliant()), DEPLOYED));
    }
}
