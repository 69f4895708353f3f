package dev.ecsguard.enforce;

import static dev.ecsguard.enforce.EnforcementFixture.ACCOUNT;
import static dev.ecsguard.enforce.EnforcementFixture.attribute;
import static dev.ecsguard.enforce.EnforcementFixture.invoke;
import static dev.ecsguard.enforce.EnforcementFixture.outcomes;
import static dev.ecsguard.enforce.EnforcementFixture.record;
import static dev.ecsguard.enforce.EnforcementFixture.taskStateChange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.ledger.Ledger;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.testsupport.AwsBackend;
import dev.ecsguard.testsupport.EcsProxy;
import dev.ecsguard.testsupport.MotoServerExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The parts moto alone can play: another account through an assumed role (moto keys its state by
 * the account of the caller's credentials, so an assumed role in 222233334444 sees that account),
 * ECS calls that fail on demand ({@link EcsProxy}: WireMock answers the one call with a throttling
 * error and proxies every other call to moto), and the CLI against an endpoint.
 */
@ExtendWith(MotoServerExtension.class)
class EnforcementFaultsEndToEndTest {
    static final String MEMBER = "222233334444";

    @TempDir
    Path dir;

    /** The emulator as seen through a role assumed in {@code account}. */
    static AwsBackend assumed(AwsBackend aws, String account) {
        try (StsClient sts = aws.configure(StsClient.builder())) {
            Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/ecs-guard-member")
                    .roleSessionName("fixture")).credentials();
            return new AwsBackend(aws.kind(), aws.endpoint(), aws.region(),
                    StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())),
                    Set.of());
        }
    }

    @Test
    void anotherAccountIsRemediatedThroughTheMemberRole(AwsBackend aws) {
        try (EnforcementFixture central = new EnforcementFixture(aws); EnforcementFixture member = new EnforcementFixture(assumed(aws, MEMBER))) {
            EnforcementScenarioTest.Workload w = EnforcementScenarioTest.workload(member);
            assertTrue(w.serviceArn().contains(":" + MEMBER + ":"), w.serviceArn());
            ObjectValue r = record(invoke(central.handler(Map.of("MODE", "enforce", "MEMBER_ROLE_NAME", "ecs-guard-member")),
                    taskStateChange(w.task(), MEMBER, aws.region().id(), "RUNNING")));

            assertEquals("ecs:DescribeTaskDefinition", Json.toJava(r.get("task_definition_from")), "read through the role: " + r);
            assertEquals(Map.of("scale_service", "done", "stop_task", "done", "deregister_task_definition", "done", "alert", "done"),
                    outcomes(r), r::toString);
            assertEquals("STOPPED", member.describe(w.task().taskArn()).desiredStatus());
            assertEquals(0, member.desiredCount(w.serviceArn()));
            assertTrue(member.scalableTarget(w.service()).suspendedState().dynamicScalingOutSuspended());
            assertEquals("INACTIVE", member.taskDefinitionStatus(w.taskDefinition()));
            List<ObjectValue> alerts = central.alerts(EnforcementScenarioTest.QUIET);
            assertEquals(1, alerts.size());
            assertEquals(MEMBER, attribute(alerts.get(0), "account"));
        }
    }

    @Test
    void withoutAMemberRoleAnotherAccountIsDecidedAndAlertedButNotActedOn(AwsBackend aws) {
        try (EnforcementFixture central = new EnforcementFixture(aws); EnforcementFixture member = new EnforcementFixture(assumed(aws, MEMBER))) {
            String td = member.privilegedTaskDefinition("api-" + member.suffix);
            String register = """
                    {"version":"0","id":"register-%s","detail-type":"AWS API Call via CloudTrail","source":"aws.ecs","account":"%s",
                     "time":"2025-06-12T13:07:11Z","region":"us-east-1","resources":[],
                     "detail":{"eventVersion":"1.09","eventSource":"ecs.amazonaws.com","eventName":"RegisterTaskDefinition",
                       "awsRegion":"us-east-1","recipientAccountId":"%s","eventID":"register-%s",
                       "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::%s:assumed-role/platform-admin/x","accountId":"%s"},
                       "requestParameters":{"family":"api"},
                       "responseElements":{"taskDefinition":{"taskDefinitionArn":"%s","family":"api","revision":1,"status":"ACTIVE",
                         "networkMode":"awsvpc","containerDefinitions":[{"name":"app","image":"nginx:1.27","privileged":true}]}}}}
                    """.formatted(member.suffix, MEMBER, MEMBER, member.suffix, MEMBER, MEMBER, td);
            ObjectValue r = record(invoke(central.handler(Map.of("MODE", "enforce")), register));

            assertEquals("violation", Json.toJava(r.get("decision")), r::toString);
            assertEquals("not_allowed", outcomes(r).get("deregister_task_definition"), r::toString);
            assertTrue(r.toString().contains("MEMBER_ROLE_NAME is not set"), r::toString);
            assertEquals("done", outcomes(r).get("alert"));
            assertEquals("ACTIVE", member.taskDefinitionStatus(td));
            assertEquals(1, central.alerts(EnforcementScenarioTest.QUIET).size());
        }
    }

    @Test
    void aThrottledTaskDefinitionReadIsRetriedThenAnErrorThatRemediatesNothing(AwsBackend aws) {
        try (EnforcementFixture f = new EnforcementFixture(aws)) {
            EnforcementScenarioTest.Workload w = EnforcementScenarioTest.workload(f);
            try (EcsProxy proxy = EcsProxy.inFrontOf(aws).throttle("DescribeTaskDefinition")) {
                ObjectValue r = record(invoke(f.handler(Map.of("MODE", "enforce"), proxy.clientFactory()),
                        taskStateChange(w.task(), ACCOUNT, aws.region().id(), "RUNNING")));
                assertEquals("error", Json.toJava(r.get("decision")), r::toString);
                assertTrue(Json.toJava(r.get("reason")).toString().contains("Rate exceeded"), r::toString);
                assertEquals(Map.of(), outcomes(r));
                assertEquals(3, proxy.calls("DescribeTaskDefinition"), "the SDK's standard retries");
            }
            f.assertUntouched(w);
            assertEquals(0, f.alerts(EnforcementScenarioTest.QUIET).size());
        }
    }

    @Test
    void aStopThatStillFailsIsRecordedFailedAndAlerted(AwsBackend aws) {
        try (EnforcementFixture f = new EnforcementFixture(aws)) {
            EnforcementScenarioTest.Workload w = EnforcementScenarioTest.workload(f);
            ObjectValue r;
            try (EcsProxy proxy = EcsProxy.inFrontOf(aws).throttle("StopTask")) {
                r = record(invoke(f.handler(Map.of("MODE", "enforce"), proxy.clientFactory()),
                        taskStateChange(w.task(), ACCOUNT, aws.region().id(), "RUNNING")));
            }
            assertEquals(Map.of("scale_service", "done", "stop_task", "failed", "deregister_task_definition", "done", "alert", "done"),
                    outcomes(r), r::toString);
            assertTrue(r.toString().contains("Rate exceeded"), r::toString);
            assertEquals("RUNNING", f.describe(w.task().taskArn()).desiredStatus());
            try (var dynamo = aws.dynamoDb()) {
                Ledger ledger = new Ledger(dynamo, f.ledgerTable, Duration.ofDays(1), java.time.Clock.systemUTC());
                var item = ledger.get(Ledger.actionKey("stop_task", w.task().taskArn())).orElseThrow();
                assertEquals("failed", item.get("status").s());
                assertTrue(item.get("detail").s().contains("Rate exceeded"), item::toString);
            }
            List<ObjectValue> alerts = f.alerts(EnforcementScenarioTest.QUIET);
            assertEquals(1, alerts.size());
            String subject = Json.toJava(alerts.get(0).get("Subject")).toString();
            assertTrue(subject.startsWith("ecs-guard: FAILED to stop task"), subject);
        }
    }

    record Cli(int exit, String out, String err) {}

    static Cli cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = dev.ecsguard.cli.CliEnvironment.run(env, new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(exit, out.toString(), err.toString());
    }

    @Test
    void replayActsOnlyWithModeEnforceOnItsCommandLineAndRestoreUndoesIt(AwsBackend aws) throws IOException {
        try (EnforcementFixture f = new EnforcementFixture(aws)) {
            EnforcementScenarioTest.Workload w = EnforcementScenarioTest.workload(f);
            Path event = Files.writeString(dir.resolve("event.json"), taskStateChange(w.task(), ACCOUNT, aws.region().id(), "RUNNING"));
            String table = "cli-ledger-" + f.suffix;
            Map<String, String> env = Map.of("LEDGER_TABLE", table, "AWS_REGION", "us-east-1", "MODE", "enforce");
            String endpoint = aws.endpoint().toString();
            String policies = EnforcementFixture.POLICIES.toString();
            // the CLI takes credentials from the SDK's default chain, whose first link is these properties
            System.setProperty("aws.accessKeyId", "testing");
            System.setProperty("aws.secretAccessKey", "testing");

            Cli dry = cli(env, "replay", "--endpoint", endpoint, "--policy", policies, "--skip-policy-tests", "--format", "json",
                    event.toString());
            assertEquals(0, dry.exit(), dry.err());
            assertTrue(dry.err().contains("created ledger table " + table), dry.err());
            ObjectValue row = (ObjectValue) Json.parse(dry.out().strip());
            assertEquals("dry_run", outcomes(row).get("stop_task"), "MODE=enforce in the environment is ignored: " + row);
            assertEquals("RUNNING", f.describe(w.task().taskArn()).desiredStatus());

            Cli enforce = cli(env, "replay", "--endpoint", endpoint, "--mode", "enforce", "--policy", policies,
                    "--skip-policy-tests", event.toString());
            assertEquals(0, enforce.exit(), enforce.err());
            assertTrue(enforce.out().contains("stop_task done"), enforce.out());
            assertTrue(enforce.out().contains("(enforce)"), enforce.out());
            assertEquals("STOPPED", f.describe(w.task().taskArn()).desiredStatus());
            assertEquals(0, f.desiredCount(w.serviceArn()));

            Cli restore = cli(env, "restore", "--endpoint", endpoint, w.serviceArn());
            assertEquals(0, restore.exit(), restore.err());
            assertTrue(restore.out().startsWith("restored " + w.serviceArn()), restore.out());
            assertEquals(3, f.desiredCount(w.serviceArn()));
            assertEquals(1, cli(env, "restore", "--endpoint", endpoint, w.serviceArn()).exit(), "nothing recorded any more");
            assertEquals(2, cli(env, "restore", "--endpoint", endpoint, "web").exit(), "not a service ARN");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
