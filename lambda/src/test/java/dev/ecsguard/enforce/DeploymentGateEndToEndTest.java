package dev.ecsguard.enforce;

import static dev.ecsguard.enforce.EnforcementFixture.attribute;
import static dev.ecsguard.enforce.EnforcementFixture.invoke;
import static dev.ecsguard.enforce.EnforcementFixture.outcomes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ecsguard.handler.Deadline;
import dev.ecsguard.handler.EnforcementHandler;
import dev.ecsguard.ledger.Ledger;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.testsupport.AwsBackend;
import dev.ecsguard.testsupport.EcsProxy;
import dev.ecsguard.testsupport.LambdaContexts;
import dev.ecsguard.testsupport.MotoServerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * The deployment gate end to end: the real handler answers ECS lifecycle hook payloads (both
 * shapes, recorded in events-samples/deployment-hook/) for a service of moto's, with the starter
 * policies from SSM, the ledger, SNS with an SQS subscription and EventBridge to a queue.
 * Neither moto nor LocalStack implements DescribeServiceRevisions: {@link EcsProxy} serves that
 * one call (a revision naming a task definition registered in moto) and proxies every other
 * call to moto, so the task definition the policy judges really comes from the emulator. Read
 * back afterwards: the answer, the decision record, the alert (through SQS), the event, the
 * ledger, and the service itself, which the gate never touches.
 */
@ExtendWith(MotoServerExtension.class)
class DeploymentGateEndToEndTest {
    static final Path SAMPLES = Path.of("..", "events-samples", "deployment-hook");
    static final String SAMPLE_SERVICE = "arn:aws:ecs:us-east-1:111122223333:service/prod/web";
    static final String SAMPLE_REVISION = "arn:aws:ecs:us-east-1:111122223333:service-revision/prod/web/9313423515462893900";
    static final String SAMPLE_DEPLOYMENT = "arn:aws:ecs:us-east-1:111122223333:service-deployment/prod/web/EZe5RNVLH6PPzHXINuP28";
    static final String SAMPLE_EXECUTION = "e8d5a28f-eb01-4f3c-9454-a30ba6dc54bc";
    static final Map<String, String> ENFORCE = Map.of("MODE", "enforce");
    static final Duration QUIET = EnforcementScenarioTest.QUIET;

    /** The two payload shapes ECS has sent, as recorded in events-samples/deployment-hook/. */
    enum Shape {
        CURRENT("pre-scale-up-web-privileged.json"),
        LEGACY("legacy-shape-web-privileged.json");

        final String sample;

        Shape(String sample) {
            this.sample = sample;
        }
    }

    /** A hook invocation for one deployment: its payload and what the record names as its resource. */
    record Hook(String payload, String resource, String revision) {}

    /**
     * A service of moto's ({@code web-SUFFIX}, 2 tasks of a compliant revision) and the means to
     * deploy a revision of it: each deployment gets its own service revision, served by the proxy.
     */
    static final class Gate implements AutoCloseable {
        final EnforcementFixture f;
        final EcsProxy proxy;
        final String service;
        final String serviceArn;
        final String compliant;
        final String privileged;

        Gate(AwsBackend aws) {
            f = new EnforcementFixture(aws);
            proxy = EcsProxy.inFrontOf(aws);
            service = "web-" + f.suffix;
            compliant = f.taskDefinition(service, false);
            privileged = f.privilegedTaskDefinition(service);
            serviceArn = f.service(service, compliant, 2, false);
        }

        EnforcementHandler handler(Map<String, String> env) {
            return f.handler(env, proxy.clientFactory());
        }

        /** The starter policies again, with ECS_PRIVILEGED exempted for every revision of the privileged family. */
        void exemptThePrivilegedFamily() {
            String family = privileged.substring(0, privileged.lastIndexOf(':') + 1) + "*";
            f.putPolicies(List.of(Map.of("rule", "ECS_PRIVILEGED", "resource", family, "owner", "team-web@example.com",
                    "reason", "test", "expires", "2099-01-01T00:00:00Z")));
        }

        /** A deployment of {@code taskDefinition}: DescribeServiceRevisions answers its revision, as ECS would. */
        Hook deploy(String taskDefinition, Shape shape) {
            String revision = newRevision();
            proxy.answerWhenAsked("DescribeServiceRevisions", revision,
                    "{\"serviceRevisions\":[" + revisionJson(revision, taskDefinition) + "],\"failures\":[]}");
            return hook(revision, shape);
        }

        /** A deployment whose revision ECS does not know (DescribeServiceRevisions reports it MISSING). */
        Hook deployUnknown(Shape shape) {
            String revision = newRevision();
            proxy.answerWhenAsked("DescribeServiceRevisions", revision,
                    "{\"serviceRevisions\":[],\"failures\":[{\"arn\":\"" + revision + "\",\"reason\":\"MISSING\"}]}");
            return hook(revision, shape);
        }

        String newRevision() {
            return serviceArn.replace(":service/", ":service-revision/") + "/"
                    + ThreadLocalRandom.current().nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE);
        }

        /** The recorded sample of {@code shape}, naming this service, this revision and a new deployment and execution. */
        Hook hook(String revision, Shape shape) {
            String deployment = serviceArn.replace(":service/", ":service-deployment/") + "/"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
            String payload;
            try {
                payload = Files.readString(SAMPLES.resolve(shape.sample));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertTrue(payload.contains(SAMPLE_REVISION), "the recorded sample names its revision");
            payload = payload.replace(SAMPLE_SERVICE, serviceArn).replace(SAMPLE_REVISION, revision)
                    .replace(SAMPLE_DEPLOYMENT, deployment).replace(SAMPLE_EXECUTION, UUID.randomUUID().toString());
            return new Hook(payload, shape == Shape.CURRENT ? deployment : revision, revision);
        }

        /** A ServiceRevision as DescribeServiceRevisions returns it, with the containers moto has for the task definition. */
        String revisionJson(String revision, String taskDefinition) {
            List<String> images = new ArrayList<>();
            for (ContainerDefinition c : f.ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition)).taskDefinition()
                    .containerDefinitions()) {
                String image = c.image();
                int at = image.indexOf('@');
                images.add("{\"containerName\":\"" + c.name() + "\",\"image\":\"" + (at < 0 ? image : image.substring(0, at)) + "\""
                        + (at < 0 ? "" : ",\"imageDigest\":\"" + image.substring(at + 1) + "\"") + "}");
            }
            String cluster = serviceArn.substring(0, serviceArn.indexOf(":service/")) + ":cluster/" + f.cluster;
            return """
                    {"serviceRevisionArn":"%s","serviceArn":"%s","clusterArn":"%s","taskDefinition":"%s",
                     "launchType":"FARGATE","platformVersion":"1.4.0","platformFamily":"Linux",
                     "networkConfiguration":{"awsvpcConfiguration":{"subnets":["%s"],"assignPublicIp":"DISABLED"}},
                     "containerImages":[%s],"guardDutyEnabled":false,"createdAt":1749735842.117}
                    """.formatted(revision, serviceArn, cluster, taskDefinition, f.network.subnetId(), String.join(",", images));
        }

        /** The handler's answer to {@code hook}, and the decision record it logged. */
        Answer answer(EnforcementHandler h, Hook hook) {
            return answer(h, hook, null);
        }

        /** The same, invoked under a Lambda context (its remaining time sets the invocation's deadline). */
        Answer answer(EnforcementHandler h, Hook hook, Context context) {
            int before = f.decisions().size();
            ObjectValue response = invoke(h, hook.payload(), context);
            List<ObjectValue> decisions = f.decisions();
            assertEquals(before + 1, decisions.size(), "one decision line per invocation");
            return new Answer(response, decisions.get(decisions.size() - 1));
        }

        String ledgerStatus(String pk) {
            try (var dynamo = f.aws.dynamoDb()) {
                return new Ledger(dynamo, f.ledgerTable, Duration.ofDays(1), Clock.systemUTC()).get(pk)
                        .map(i -> i.get("status").s()).orElse(null);
            }
        }

        /** What the gate must never change: the service keeps its count and revision, both task definitions stay ACTIVE. */
        void assertNothingThatRunsWasTouched() {
            var svc = f.ecs.describeServices(r -> r.cluster(f.cluster).services(serviceArn)).services().get(0);
            assertEquals(2, svc.desiredCount());
            assertEquals(compliant, svc.taskDefinition());
            assertEquals("ACTIVE", f.taskDefinitionStatus(compliant));
            assertEquals("ACTIVE", f.taskDefinitionStatus(privileged));
        }

        @Override
        public void close() {
            proxy.close();
            f.close();
        }
    }

    /** The answer ECS gets, and the decision record of the log line. */
    record Answer(ObjectValue response, ObjectValue record) {
        String hookStatus() {
            assertEquals(1, response.size(), () -> "only hookStatus is answered: " + response);
            return text(response, "hookStatus");
        }

        String decision() {
            return text(record, "decision");
        }
    }

    static String text(ObjectValue o, String key) {
        Object v = o.get(key) == null ? null : Json.toJava(o.get(key));
        return v == null ? null : v.toString();
    }

    @Test
    void aCompliantDeploymentGoesOnAndAViolatingOneIsBlockedInBothShapes(AwsBackend aws) {
        try (Gate g = new Gate(aws)) {
            EnforcementHandler h = g.handler(ENFORCE);
            List<Hook> blocked = new ArrayList<>();
            for (Shape shape : Shape.values()) {
                Answer ok = g.answer(h, g.deploy(g.compliant, shape));
                assertEquals("SUCCEEDED", ok.hookStatus(), ok.record()::toString);
                assertEquals("compliant", ok.decision(), ok.record()::toString);
                assertEquals(shape == Shape.CURRENT ? "ecs:DescribeTaskDefinition" : "cache", text(ok.record(), "task_definition_from"),
                        "read from moto, then cached by ARN");

                Hook hook = g.deploy(g.privileged, shape);
                Answer no = g.answer(h, hook);
                assertEquals("FAILED", no.hookStatus(), no.record()::toString);
                assertEquals("violation", no.decision());
                assertEquals("FAILED", text(no.record(), "hook_status"));
                assertEquals("deployment", text(no.record(), "trigger"));
                assertEquals(hook.resource(), text(no.record(), "resource"));
                assertEquals(Map.of("block_deployment", "done", "alert", "done"), outcomes(no.record()), no.record()::toString);
                assertEquals(shape == Shape.CURRENT ? "ecs:DescribeTaskDefinition" : "cache", text(no.record(), "task_definition_from"));
                blocked.add(hook);
            }
            assertEquals(4, g.proxy.calls("DescribeServiceRevisions"), "one read per deployment");

            List<ObjectValue> alerts = g.f.alerts(QUIET);
            assertEquals(2, alerts.size(), "one alert per blocked deployment: " + alerts);
            String subject = "ecs-guard: blocked deployment of service " + g.service + " in " + g.f.cluster + ": ECS_PRIVILEGED";
            for (ObjectValue alert : alerts) {
                assertEquals(subject, text(alert, "Subject"));
                assertEquals("block_deployment", attribute(alert, "action"));
                assertEquals("critical", attribute(alert, "severity"));
                assertEquals("ECS_PRIVILEGED", attribute(alert, "rule"));
                assertEquals("enforce", attribute(alert, "mode"));
                ObjectValue body = (ObjectValue) Json.parse(text(alert, "Message"));
                assertEquals("FAILED", text(body, "hook_status"));
                assertTrue(blocked.stream().anyMatch(b -> b.resource().equals(text(body, "resource"))), body::toString);
            }
            assertEquals(2, g.f.drain(g.f.eventQueue, Duration.ofSeconds(1)).size(), "one EventBridge event per violation");
            for (Hook b : blocked) {
                assertEquals("done", g.ledgerStatus(Ledger.actionKey("block_deployment", b.resource())));
            }
            g.assertNothingThatRunsWasTouched();
        }
    }

    @Test
    void anExemptedDeploymentGoesOn(AwsBackend aws) {
        try (Gate g = new Gate(aws)) {
            g.exemptThePrivilegedFamily();
            EnforcementHandler h = g.handler(ENFORCE);
            for (Shape shape : Shape.values()) {
                Answer a = g.answer(h, g.deploy(g.privileged, shape));
                assertEquals("SUCCEEDED", a.hookStatus(), a.record()::toString);
                assertEquals("compliant", a.decision(), a.record()::toString);
            }
            assertEquals(0, g.f.alerts(QUIET).size());
            g.assertNothingThatRunsWasTouched();
        }
    }

    @Test
    void inDryRunTheDeploymentGoesOnAndTheAlertSaysItWouldHaveBeenBlocked(AwsBackend aws) {
        try (Gate g = new Gate(aws)) {
            EnforcementHandler h = g.handler(Map.of());   // MODE defaults to dry-run
            List<Hook> hooks = new ArrayList<>();
            for (Shape shape : Shape.values()) {
                Hook hook = g.deploy(g.privileged, shape);
                Answer a = g.answer(h, hook);
                assertEquals("SUCCEEDED", a.hookStatus(), a.record()::toString);
                assertEquals("violation", a.decision());
                assertEquals(Map.of("block_deployment", "dry_run", "alert", "done"), outcomes(a.record()), a.record()::toString);
                hooks.add(hook);
            }
            List<ObjectValue> alerts = g.f.alerts(QUIET);
            assertEquals(2, alerts.size(), alerts::toString);
            for (ObjectValue alert : alerts) {
                assertEquals("ecs-guard: would have blocked deployment of service " + g.service + " in " + g.f.cluster
                        + ": ECS_PRIVILEGED", text(alert, "Subject"));
                assertEquals("dry-run", attribute(alert, "mode"));
            }
            for (Hook hook : hooks) {
                assertEquals(null, g.ledgerStatus(Ledger.actionKey("block_deployment", hook.resource())), "nothing claimed in dry-run");
            }
        }
    }

    /** A rule being introduced lowers its own mode: its violation is reported, the deployment goes on. */
    @Test
    void aViolationInItsOwnDryRunModeDoesNotBlock(AwsBackend aws) {
        try (Gate g = new Gate(aws)) {
            g.exemptThePrivilegedFamily();
            g.f.putPolicyFile("rules/trial.rego", """
                    package ecsguard.rules.trial

                    import data.ecsguard.lib

                    deny contains {"msg": "privileged (trial rule)", "resource": lib.td_resource, "source": "task_definition",
                        "mode": "dry-run"} if {
                    	some c in lib.container_definitions
                    	c.privileged == true
                    }
                    """);
            g.f.putPolicyFile("data/trial.json", """
                    {"ecsguard": {"config": {"rules": {"trial": {"id": "ECS_PRIVILEGED_TRIAL", "severity": "critical",
                      "actions": ["block_deployment", "alert"]}}}}}
                    """);
            Answer a = g.answer(g.handler(ENFORCE), g.deploy(g.privileged, Shape.CURRENT));
            assertEquals("SUCCEEDED", a.hookStatus(), a.record()::toString);
            assertEquals("violation", a.decision(), a.record()::toString);
            assertTrue(a.record().toString().contains("ECS_PRIVILEGED_TRIAL"), a.record()::toString);
            assertEquals("dry_run", outcomes(a.record()).get("block_deployment"), a.record()::toString);
            assertTrue(a.record().toString().contains("the violation asks for dry-run"), a.record()::toString);
        }
    }

    @Test
    void aDeploymentThatCannotBeJudgedFollowsHookFailurePolicy(AwsBackend aws) {
        try (Gate g = new Gate(aws)) {
            EnforcementHandler ignore = g.handler(ENFORCE);   // HOOK_FAILURE_POLICY defaults to ignore
            EnforcementHandler fail = g.handler(Map.of("MODE", "enforce", "HOOK_FAILURE_POLICY", "fail"));
            EnforcementHandler failDryRun = g.handler(Map.of("HOOK_FAILURE_POLICY", "fail"));
            for (Shape shape : Shape.values()) {
                Answer let = g.answer(ignore, g.deployUnknown(shape));
                assertEquals("SUCCEEDED", let.hookStatus(), let.record()::toString);
                assertEquals("error", let.decision());
                assertTrue(text(let.record(), "reason").contains("MISSING"), let.record()::toString);
                assertEquals(Map.of("block_deployment", "not_allowed", "alert", "done"), outcomes(let.record()), let.record()::toString);

                Answer blocked = g.answer(fail, g.deployUnknown(shape));
                assertEquals("FAILED", blocked.hookStatus(), blocked.record()::toString);
                assertEquals("error", blocked.decision());
                assertEquals(Map.of("block_deployment", "done", "alert", "done"), outcomes(blocked.record()), blocked.record()::toString);

                Answer notInDryRun = g.answer(failDryRun, g.deployUnknown(shape));
                assertEquals("SUCCEEDED", notInDryRun.hookStatus(), notInDryRun.record()::toString);
                assertEquals("dry_run", outcomes(notInDryRun.record()).get("block_deployment"));
            }
            List<String> subjects = g.f.alerts(QUIET).stream().map(a -> text(a, "Subject")).sorted().toList();
            String what = "ecs-guard: could not judge deployment of service " + g.service + " in " + g.f.cluster + ": ";
            assertEquals(List.of(what + "blocked", what + "blocked", what + "let through", what + "let through",
                    what + "would have blocked", what + "would have blocked"), subjects);
            g.assertNothingThatRunsWasTouched();
        }
    }

    @Test
    void aDeploymentNotJudgedInTimeFollowsHookFailurePolicy(AwsBackend aws) {
        try (Gate g = new Gate(aws)) {
            // Less time left than the handler's safety margin: the deadline has passed before the first event.
            Context late = LambdaContexts.remaining(Deadline.SAFETY_MARGIN.toMillis() - 500);
            Answer blocked = g.answer(g.handler(Map.of("MODE", "enforce", "HOOK_FAILURE_POLICY", "fail")),
                    g.hook(g.newRevision(), Shape.CURRENT), late);
            assertEquals("FAILED", blocked.hookStatus(), blocked.record()::toString);
            assertEquals("error", blocked.decision());
            assertTrue(text(blocked.record(), "reason").contains("time ran out"), blocked.record()::toString);
            assertEquals(Map.of("block_deployment", "done", "alert", "done"), outcomes(blocked.record()), blocked.record()::toString);

            Answer let = g.answer(g.handler(ENFORCE), g.hook(g.newRevision(), Shape.CURRENT), late);
            assertEquals("SUCCEEDED", let.hookStatus(), let.record()::toString);
            assertEquals("error", let.decision());
            g.assertNothingThatRunsWasTouched();
        }
    }

    @Test
    void aThrottledRevisionReadIsRetriedThenAnsweredByHookFailurePolicy(AwsBackend aws) {
        try (Gate g = new Gate(aws)) {
            g.proxy.throttle("DescribeServiceRevisions");
            Answer a = g.answer(g.handler(Map.of("MODE", "enforce", "HOOK_FAILURE_POLICY", "fail")),
                    g.hook(g.newRevision(), Shape.CURRENT));
            assertEquals("FAILED", a.hookStatus(), a.record()::toString);
            assertEquals("error", a.decision());
            assertTrue(text(a.record(), "reason").contains("Rate exceeded"), a.record()::toString);
            assertEquals(3, g.proxy.calls("DescribeServiceRevisions"), "the SDK's standard retries");
        }
    }

    @Test
    void theSameExecutionAnsweredTwiceIsTheSameAnswerAndOneAlert(AwsBackend aws) {
        try (Gate g = new Gate(aws)) {
            EnforcementHandler h = g.handler(ENFORCE);
            Hook hook = g.deploy(g.privileged, Shape.CURRENT);
            Answer first = g.answer(h, hook);
            Answer again = g.answer(g.handler(ENFORCE), hook);   // another execution environment, or the same one
            Answer third = g.answer(h, hook);
            assertEquals("FAILED", first.hookStatus());
            assertEquals("FAILED", again.hookStatus());
            assertEquals("FAILED", third.hookStatus());
            assertEquals(Map.of("block_deployment", "done", "alert", "done"), outcomes(first.record()));
            assertEquals(Map.of("block_deployment", "duplicate", "alert", "duplicate"), outcomes(again.record()), again.record()::toString);
            assertEquals(Map.of("block_deployment", "duplicate", "alert", "duplicate"), outcomes(third.record()));
            assertEquals(1, g.f.alerts(QUIET).size(), "one alert");
            assertEquals("done", g.ledgerStatus(Ledger.actionKey("block_deployment", hook.resource())));
        }
    }

    /** replay reads the revision from the endpoint, as the function does, and answers as it would. */
    @Test
    void replayAgainstAnEndpointReadsTheRevisionThereAndBlocksOnlyWithModeEnforce(AwsBackend aws, @org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        try (Gate g = new Gate(aws)) {
            Hook hook = g.deploy(g.privileged, Shape.CURRENT);
            Path payload = Files.writeString(dir.resolve("hook.json"), hook.payload());
            Map<String, String> env = Map.of("LEDGER_TABLE", g.f.ledgerTable, "AWS_REGION", "us-east-1", "ALERT_TOPIC_ARN", g.f.topicArn);
            System.setProperty("aws.accessKeyId", "testing");
            System.setProperty("aws.secretAccessKey", "testing");
            try {
                String endpoint = g.proxy.endpoint().toString();
                String policies = EnforcementFixture.POLICIES.toString();
                EnforcementFaultsEndToEndTest.Cli dry = EnforcementFaultsEndToEndTest.cli(env, "replay", "--endpoint", endpoint,
                        "--policy", policies, "--skip-policy-tests", "--format", "json", payload.toString());
                assertEquals(0, dry.exit(), dry.err());
                ObjectValue row = (ObjectValue) Json.parse(dry.out().strip());
                assertEquals("violation", text(row, "decision"), row::toString);
                assertEquals("SUCCEEDED", text(row, "hook_status"), "dry-run unless --mode enforce");
                assertEquals("ecs:DescribeTaskDefinition", text(row, "task_definition_from"));

                EnforcementFaultsEndToEndTest.Cli enforce = EnforcementFaultsEndToEndTest.cli(env, "replay", "--endpoint", endpoint,
                        "--mode", "enforce", "--policy", policies, "--skip-policy-tests", "--format", "json", payload.toString());
                assertEquals(0, enforce.exit(), enforce.err());
                ObjectValue blocked = (ObjectValue) Json.parse(enforce.out().strip());
                assertEquals("FAILED", text(blocked, "hook_status"), blocked::toString);
                assertEquals("done", outcomes(blocked).get("block_deployment"));
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
            assertEquals(2, g.proxy.calls("DescribeServiceRevisions"));
            assertEquals(2, g.f.alerts(QUIET).size(), "the dry-run's notice, then the block");
            g.assertNothingThatRunsWasTouched();
        }
    }
}
