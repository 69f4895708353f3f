package dev.ecsguard.enforce;

import static dev.ecsguard.enforce.EnforcementFixture.ACCOUNT;
import static dev.ecsguard.enforce.EnforcementFixture.attribute;
import static dev.ecsguard.enforce.EnforcementFixture.invoke;
import static dev.ecsguard.enforce.EnforcementFixture.outcomes;
import static dev.ecsguard.enforce.EnforcementFixture.record;
import static dev.ecsguard.enforce.EnforcementFixture.taskStateChange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.handler.EnforcementHandler;
import dev.ecsguard.ledger.Ledger;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.testsupport.AwsBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Enforcement end to end through the real handler, on an emulator, with the starter policies from
 * SSM: the state of the account is read back after each invocation. Written once;
 * {@link EnforcementMotoEndToEndTest} and {@link EnforcementLocalStackEndToEndTest} run it on each
 * backend.
 */
abstract class EnforcementScenarioTest {
    static final Duration QUIET = Duration.ofSeconds(3);
    static final Map<String, String> ENFORCE = Map.of("MODE", "enforce");

    /** A service of 3 tasks with auto scaling (min 1, max 4), a privileged revision, one running task of it. */
    record Workload(String service, String serviceArn, String taskDefinition, Task task) {}

    static Workload workload(EnforcementFixture f) {
        String td = f.privilegedTaskDefinition("web-" + f.suffix);
        String name = "web-" + f.suffix;
        String arn = f.service(name, td, 3, true);
        Task task = f.run(td, "service:" + name, 1).get(0);
        return new Workload(name, arn, td, task);
    }

    static String running(EnforcementFixture f, Workload w) {
        return taskStateChange(w.task(), ACCOUNT, f.aws.region().id(), "RUNNING");
    }

    @Test
    void aViolatingTaskOfAServiceIsRemediatedInOrderAndReportedOnce(AwsBackend aws) {
        aws.assumeAvailable("ecs");
        aws.assumeAvailable("applicationautoscaling");
        try (EnforcementFixture f = new EnforcementFixture(aws)) {
            Workload w = workload(f);
            EnforcementHandler h = f.handler(ENFORCE);
            ObjectValue r = record(invoke(h, running(f, w)));

            assertEquals("violation", Json.toJava(r.get("decision")), r::toString);
            assertEquals(Map.of("scale_service", "done", "stop_task", "done", "deregister_task_definition", "done", "alert", "done"),
                    outcomes(r), r::toString);
            assertEquals(List.of("scale_service", "stop_task", "deregister_task_definition", "alert"),
                    List.copyOf(outcomes(r).keySet()), "the order of actions");

            Task after = f.describe(w.task().taskArn());
            assertEquals("STOPPED", after.desiredStatus());
            assertTrue(after.stoppedReason().startsWith("ecs-guard: ECS_PRIVILEGED (decision "), after.stoppedReason());
            assertEquals(0, f.desiredCount(w.serviceArn()));
            ScalableTarget target = f.scalableTarget(w.service());
            assertEquals(0, target.minCapacity());
            assertEquals(4, target.maxCapacity());
            assertTrue(target.suspendedState().dynamicScalingInSuspended());
            assertTrue(target.suspendedState().dynamicScalingOutSuspended());
            assertTrue(target.suspendedState().scheduledScalingSuspended());
            assertEquals("INACTIVE", f.taskDefinitionStatus(w.taskDefinition()));

            Map<String, AttributeValue> item = h.aws().ledger().get(Ledger.actionKey("scale_service", w.serviceArn())).orElseThrow();
            assertEquals("done", item.get("status").s());
            assertEquals("3", item.get("prev_desired_count").n());
            assertEquals("1", item.get("prev_min_capacity").n());
            assertEquals("4", item.get("prev_max_capacity").n());

            List<ObjectValue> alerts = f.alerts(QUIET);
            assertEquals(1, alerts.size(), alerts::toString);
            ObjectValue alert = alerts.get(0);
            String subject = Json.toJava(alert.get("Subject")).toString();
            assertTrue(subject.startsWith("ecs-guard: stopped task " + w.task().taskArn().substring(w.task().taskArn().lastIndexOf('/') + 1, 
                    w.task().taskArn().lastIndexOf('/') + 9) + " in " + f.cluster + ": ECS_PRIVILEGED"), subject);
            assertTrue(subject.length() < 100, subject);
            assertEquals("critical", attribute(alert, "severity"));
            assertEquals("ECS_PRIVILEGED", attribute(alert, "rule"));
            assertEquals("stop_task", attribute(alert, "action"));
            assertEquals(ACCOUNT, attribute(alert, "account"));
            assertEquals("enforce", attribute(alert, "mode"));
            assertEquals("violation", attribute(alert, "decision"));
            ObjectValue body = (ObjectValue) Json.parse(Json.toJava(alert.get("Message")).toString());
            assertEquals(r.get("event_id"), body.get("event_id"), "the SIEM gets the decision record");
            assertEquals(3, ((ArrayValue) body.get("actions_taken")).size(), "the actions taken before the alert");

            List<ObjectValue> events = f.drain(f.eventQueue, Duration.ofSeconds(1)).stream()
                    .map(m -> (ObjectValue) Json.parse(m.body())).toList();
            assertEquals(1, events.size(), events::toString);
            assertEquals("ecs-guard", Json.toJava(events.get(0).get("source")));
            assertEquals("ecs-guard Decision", Json.toJava(events.get(0).get("detail-type")));
            ObjectValue detail = (ObjectValue) events.get(0).get("detail");
            assertEquals(r.get("event_id"), detail.get("event_id"));
            assertEquals(4, ((ArrayValue) detail.get("actions_taken")).size());
        }
    }

    @Test
    void dryRunChangesNothingAndTheAlertSaysWhatWouldHaveBeenDone(AwsBackend aws) {
        aws.assumeAvailable("ecs");
        aws.assumeAvailable("applicationautoscaling");
        try (EnforcementFixture f = new EnforcementFixture(aws)) {
            Workload w = workload(f);
            ObjectValue r = record(invoke(f.handler(Map.of()), running(f, w)));

            assertEquals(Map.of("scale_service", "dry_run", "stop_task", "dry_run", "deregister_task_definition", "dry_run",
                    "alert", "done"), outcomes(r), r::toString);
            assertEquals("RUNNING", f.describe(w.task().taskArn()).desiredStatus());
            assertEquals(3, f.desiredCount(w.serviceArn()));
            ScalableTarget target = f.scalableTarget(w.service());
            assertEquals(1, target.minCapacity());
            assertTrue(target.suspendedState() == null || !Boolean.TRUE.equals(target.suspendedState().dynamicScalingInSuspended()));
            assertEquals("ACTIVE", f.taskDefinitionStatus(w.taskDefinition()));

            List<ObjectValue> alerts = f.alerts(QUIET);
            assertEquals(1, alerts.size(), alerts::toString);
            String subject = Json.toJava(alerts.get(0).get("Subject")).toString();
            assertTrue(subject.startsWith("ecs-guard: would have stopped task "), subject);
            assertEquals("dry-run", attribute(alerts.get(0), "mode"));
            ObjectValue body = (ObjectValue) Json.parse(Json.toJava(alerts.get(0).get("Message")).toString());
            assertTrue(Json.toJava(body.get("summary")).toString().startsWith("would have stopped task"), body::toString);
        }
    }

    @Test
    void theSameEventTwiceAndPendingThenRunningRemediateOnce(AwsBackend aws) {
        aws.assumeAvailable("ecs");
        aws.assumeAvailable("applicationautoscaling");
        try (EnforcementFixture f = new EnforcementFixture(aws)) {
            Workload w = workload(f);
            EnforcementHandler h = f.handler(ENFORCE);
            String pending = taskStateChange(w.task(), ACCOUNT, aws.region().id(), "PENDING");
            ObjectValue first = record(invoke(h, pending));
            ObjectValue again = record(invoke(h, pending));
            ObjectValue runningLater = record(invoke(f.handler(ENFORCE), running(f, w))); // another execution environment

            assertEquals("done", outcomes(first).get("stop_task"), first::toString);
            for (ObjectValue later : List.of(again, runningLater)) {
                assertEquals(Map.of("scale_service", "duplicate", "stop_task", "duplicate", "deregister_task_definition", "duplicate",
                        "alert", "duplicate"), outcomes(later), later::toString);
            }
            String reason = f.describe(w.task().taskArn()).stoppedReason();
            assertTrue(reason.endsWith("(decision " + Json.toJava(first.get("event_id")) + ")"), reason);
            assertEquals(1, f.alerts(QUIET).size(), "one alert for the task");
            assertEquals(3, f.drain(f.eventQueue, Duration.ofSeconds(1)).size(), "one EventBridge event per decision");
        }
    }

    @Test
    void anExemptionIsHonoured(AwsBackend aws) {
        aws.assumeAvailable("ecs");
        aws.assumeAvailable("applicationautoscaling");
        try (EnforcementFixture f = new EnforcementFixture(aws)) {
            Workload w = workload(f);
            String family = w.taskDefinition().substring(0, w.taskDefinition().lastIndexOf(':'));
            f.putPolicies(List.of(Map.of("rule", "ECS_PRIVILEGED", "resource", family + ":*", "owner", "team-web@example.com",
                    "reason", "break-glass debugging, WEB-12", "expires", "2099-01-01T00:00:00Z")));
            ObjectValue r = record(invoke(f.handler(ENFORCE), running(f, w)));

            assertEquals("compliant", Json.toJava(r.get("decision")), r::toString);
            assertEquals(Map.of(), outcomes(r));
            f.assertUntouched(w);
            assertEquals(0, f.alerts(QUIET).size());
        }
    }

    @Test
    void theBreakerOpensAtTheLimitAndSaysSoOnce(AwsBackend aws) {
        aws.assumeAvailable("ecs");
        try (EnforcementFixture f = new EnforcementFixture(aws)) {
            String td = f.privilegedTaskDefinition("debug-" + f.suffix);
            List<Task> tasks = f.run(td, "family:debug-" + f.suffix, 4);
            EnforcementHandler h = f.handler(Map.of("MODE", "enforce", "BREAKER_MAX_REMEDIATIONS", "2", "BREAKER_WINDOW_SECONDS", "600"));
            List<Map<String, String>> outcomes = tasks.stream()
                    .map(t -> outcomes(record(invoke(h, taskStateChange(t, ACCOUNT, aws.region().id(), "RUNNING"))))).toList();

            assertEquals("done", outcomes.get(0).get("stop_task"));
            assertEquals("done", outcomes.get(1).get("stop_task"));
            assertEquals("breaker_open", outcomes.get(2).get("stop_task"), outcomes::toString);
            assertEquals("breaker_open", outcomes.get(3).get("stop_task"), outcomes::toString);
            assertFalse(outcomes.get(0).containsKey("scale_service"), "the starter policy requests no scaling of a standalone task");
            List<String> desired = tasks.stream().map(t -> f.describe(t.taskArn()).desiredStatus()).toList();
            assertEquals(List.of("STOPPED", "STOPPED", "RUNNING", "RUNNING"), desired);

            List<ObjectValue> alerts = f.alerts(QUIET);
            List<ObjectValue> breaker = alerts.stream().filter(a -> attribute(a, "action").equals("circuit_breaker")).toList();
            assertEquals(1, breaker.size(), alerts::toString);
            assertTrue(Json.toJava(breaker.get(0).get("Subject")).toString().contains("circuit breaker open"));
            assertEquals(5, alerts.size(), "4 violations and the breaker: " + alerts);
            assertEquals(1, f.log.stream().filter(l -> l.contains("\"BreakerOpened\":1")).count(), "EMF metric, once");
            assertTrue(f.log.stream().anyMatch(l -> l.contains("\"CloudWatchMetrics\"") && l.contains("\"BreakerOpened\"")
                    && l.contains("\"Dimensions\":[[]]")), "BreakerOpened has an empty dimension set");
        }
    }

    @Test
    void restorePutsTheServiceAndItsScalingBackAndALaterViolationActsAgain(AwsBackend aws) {
        aws.assumeAvailable("ecs");
        aws.assumeAvailable("applicationautoscaling");
        try (EnforcementFixture f = new EnforcementFixture(aws)) {
            Workload w = workload(f);
            EnforcementHandler h = f.handler(ENFORCE);
            assertEquals("done", outcomes(record(invoke(h, running(f, w)))).get("scale_service"));
            assertEquals(0, f.desiredCount(w.serviceArn()));

            ObjectValue restored = invoke(h, "{\"restore\": [\"" + w.serviceArn() + "\"]}");
            assertEquals(0L, Json.toJava(restored.get("exit")), restored::toString);
            String detail = Json.toJava(((ObjectValue) ((ArrayValue) restored.get("restore")).get(0)).get("detail")).toString();
            assertTrue(detail.contains("stays INACTIVE"), "says the revision cannot come back: " + detail);
            assertEquals(3, f.desiredCount(w.serviceArn()));
            ScalableTarget target = f.scalableTarget(w.service());
            assertEquals(1, target.minCapacity());
            assertEquals(4, target.maxCapacity());
            assertFalse(target.suspendedState().dynamicScalingInSuspended());
            assertFalse(target.suspendedState().dynamicScalingOutSuspended());
            assertFalse(target.suspendedState().scheduledScalingSuspended());

            assertEquals(1L, Json.toJava(invoke(h, "{\"restore\": [\"" + w.serviceArn() + "\"]}").get("exit")), "nothing recorded now");
            assertEquals(2L, Json.toJava(invoke(h, "{\"restore\": [\"web\"]}").get("exit")), "not a service ARN");
            assertEquals(2L, Json.toJava(invoke(h, "{\"restore\": \"" + w.serviceArn() + "\"}").get("exit")), "not a list");

            String td2 = f.privilegedTaskDefinition("web-" + f.suffix);
            Task next = f.run(td2, "service:" + w.service(), 1).get(0);
            ObjectValue again = record(invoke(h, taskStateChange(next, ACCOUNT, aws.region().id(), "RUNNING")));
            assertEquals("done", outcomes(again).get("scale_service"), "the ledger entry was closed: " + again);
            assertEquals(0, f.desiredCount(w.serviceArn()));
        }
    }

    @Test
    void anUnknownTaskDefinitionIsAnErrorThatRemediatesNothing(AwsBackend aws) {
        aws.assumeAvailable("ecs");
        aws.assumeAvailable("applicationautoscaling");
        try (EnforcementFixture f = new EnforcementFixture(aws)) {
            Workload w = workload(f);
            String event = running(f, w).replace(w.taskDefinition(), w.taskDefinition().replace("web-", "gone-"));
            ObjectValue r = record(invoke(f.handler(ENFORCE), event));

            assertEquals("error", Json.toJava(r.get("decision")), r::toString);
            assertTrue(Json.toJava(r.get("reason")).toString().contains("DescribeTaskDefinition"), r::toString);
            assertEquals(Map.of(), outcomes(r));
            assertEquals("RUNNING", f.describe(w.task().taskArn()).desiredStatus());
            assertEquals(3, f.desiredCount(w.serviceArn()));
            assertEquals(0, f.alerts(QUIET).size());
        }
    }

    @Test
    void withoutALedgerNothingActs(AwsBackend aws) {
        aws.assumeAvailable("ecs");
        aws.assumeAvailable("applicationautoscaling");
        try (EnforcementFixture f = new EnforcementFixture(aws)) {
            Workload w = workload(f);
            ObjectValue r = record(invoke(f.handler(Map.of("MODE", "enforce", "LEDGER_TABLE", "no-such-table-" + f.suffix)),
                    running(f, w)));

            Map<String, String> o = outcomes(r);
            assertEquals("failed", o.get("scale_service"), r::toString);
            assertEquals("failed", o.get("stop_task"));
            assertEquals("failed", o.get("deregister_task_definition"));
            assertTrue(r.toString().contains("the ledger is unavailable"), r::toString);
            f.assertUntouched(w);
            assertEquals("done", o.get("alert"), "people are told, without de-duplication");
            assertEquals(1, f.alerts(QUIET).size());
        }
    }

    @Test
    void aRunTaskCallThatStartedTwoTasksStopsEach(AwsBackend aws) {
        aws.assumeAvailable("ecs");
        try (EnforcementFixture f = new EnforcementFixture(aws)) {
            String td = f.privilegedTaskDefinition("batch-" + f.suffix);
            List<Task> tasks = f.run(td, "family:batch-" + f.suffix, 2);
            StringBuilder started = new StringBuilder();
            for (Task t : tasks) {
                started.append(started.isEmpty() ? "" : ",").append("""
                        {"taskArn":"%s","clusterArn":"%s","taskDefinitionArn":"%s","group":"%s","lastStatus":"PROVISIONING",
                         "desiredStatus":"RUNNING","launchType":"FARGATE","containers":[{"name":"app","lastStatus":"PENDING"}]}"""
                        .formatted(t.taskArn(), t.clusterArn(), t.taskDefinitionArn(), t.group()));
            }
            String runTask = """
                    {"version":"0","id":"runtask-%s","detail-type":"AWS API Call via CloudTrail","source":"aws.ecs","account":"%s",
                     "time":"2025-06-12T13:07:11Z","region":"%s","resources":[],
                     "detail":{"eventVersion":"1.09","eventSource":"ecs.amazonaws.com","eventName":"RunTask","awsRegion":"%s",
                       "recipientAccountId":"%s","eventID":"runtask-%s",
                       "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::%s:assumed-role/ci-deployer/build","accountId":"%s"},
                       "requestParameters":{"cluster":"%s","taskDefinition":"%s","count":2,"launchType":"FARGATE"},
                       "responseElements":{"tasks":[%s],"failures":[]}}}
                    """.formatted(f.suffix, ACCOUNT, aws.region().id(), aws.region().id(), ACCOUNT, f.suffix, ACCOUNT, ACCOUNT,
                    f.cluster, td, started);
            ObjectValue response = invoke(f.handler(ENFORCE), runTask);
            ArrayValue records = (ArrayValue) response.get("records");
            assertEquals(2, records.size(), response::toString);
            for (int i = 0; i < 2; i++) {
                ObjectValue r = (ObjectValue) records.get(i);
                assertEquals("tasks[" + i + "]", Json.toJava(r.get("origin")));
                assertEquals(tasks.get(i).taskArn(), Json.toJava(r.get("resource")));
                assertEquals("done", outcomes(r).get("stop_task"), r::toString);
                assertEquals("STOPPED", f.describe(tasks.get(i).taskArn()).desiredStatus());
            }
        }
    }
}
