package dev.ecsguard.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventReaderTest {
    static final String TASK_EVENT = """
            {"version":"0","id":"e1","detail-type":"ECS Task State Change","source":"aws.ecs","account":"111122223333",
             "time":"2025-06-12T09:14:12Z","region":"us-east-1","resources":[],
             "detail":{"taskArn":"arn:aws:ecs:us-east-1:111122223333:task/prod/abc","clusterArn":"arn:aws:ecs:us-east-1:111122223333:cluster/prod",
                       "lastStatus":"PENDING","group":"service:web","taskDefinitionArn":"arn:aws:ecs:us-east-1:111122223333:task-definition/web:12"}}
            """;

    static String apiCall(String eventName, String extra) {
        return """
                {"version":"0","id":"c1","detail-type":"AWS API Call via CloudTrail","source":"aws.ecs","account":"111122223333",
                 "time":"2025-06-12T09:14:12Z","region":"us-east-1",
                 "detail":{"eventSource":"ecs.amazonaws.com","eventName":"%s","awsRegion":"us-east-1","recipientAccountId":"111122223333",
                           "requestParameters":{"cluster":"prod","taskDefinition":"web:12"}%s}}
                """.formatted(eventName, extra);
    }

    static List<ReceivedEvent> read(String s) {
        return EventReader.read(s.getBytes(StandardCharsets.UTF_8));
    }

    static ReceivedEvent only(String s) {
        List<ReceivedEvent> r = read(s);
        assertEquals(1, r.size(), r.toString());
        return r.get(0);
    }

    @Test
    void taskStateChangeForEveryStatus() {
        for (String status : List.of("PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING",
                "DEPROVISIONING", "STOPPED")) {
            ReceivedEvent.Accepted a = assertInstanceOf(ReceivedEvent.Accepted.class, only(TASK_EVENT.replace("PENDING", status)));
            EcsEvent.TaskStateChange t = assertInstanceOf(EcsEvent.TaskStateChange.class, a.event());
            assertEquals("arn:aws:ecs:us-east-1:111122223333:task/prod/abc", t.resource());
            assertEquals("e1", t.envelope().id());
        }
    }

    @Test
    void taskStateChangeWithAnUndecidedOrMissingStatusIsSkipped() {
        ReceivedEvent.Ignored unknown = assertInstanceOf(ReceivedEvent.Ignored.class,
                only(TASK_EVENT.replace("\"PENDING\"", "\"HIBERNATING\"")));
        assertEquals("lastStatus HIBERNATING is not decided", unknown.reason());
        assertEquals("task_state_change", unknown.trigger());
        assertEquals("arn:aws:ecs:us-east-1:111122223333:task/prod/abc", unknown.resource());
        ReceivedEvent.Ignored missing = assertInstanceOf(ReceivedEvent.Ignored.class,
                only(TASK_EVENT.replace("\"lastStatus\":\"PENDING\",", "")));
        assertEquals("lastStatus (none) is not decided", missing.reason());
    }

    @Test
    void handledEventsListEveryTriggerCallOnce() {
        List<String> names = HandledEvents.apiCallNames();
        assertEquals(List.of("RunTask", "StartTask", "CreateService", "UpdateService", "RegisterTaskDefinition",
                "CreateTaskSet", "UpdateTaskSet", "CreateCluster", "UpdateCluster", "UpdateClusterSettings",
                "CreateCapacityProvider", "UpdateCapacityProvider", "TagResource", "UntagResource"), names);
        for (String name : names) {
            assertEquals(name, Trigger.ofApiCall(name).orElseThrow().apiName());
        }
    }

    @Test
    void apiCallsThatAreTriggers() {
        for (Trigger t : Trigger.values()) {
            if (t.apiName() == null) {
                continue;
            }
            ReceivedEvent.Accepted a = assertInstanceOf(ReceivedEvent.Accepted.class, only(apiCall(t.apiName(), "")));
            assertEquals(t, a.event().trigger());
        }
    }

    @Test
    void theTriggerListIsTheEventNamesOfTheDeployment() {
        assertEquals(List.of("RunTask", "StartTask", "CreateService", "UpdateService", "RegisterTaskDefinition", "CreateTaskSet",
                "UpdateTaskSet", "CreateCluster", "UpdateCluster", "UpdateClusterSettings", "CreateCapacityProvider",
                "UpdateCapacityProvider", "TagResource", "UntagResource"), Trigger.apiCallNames());
    }

    @Test
    void resourceOfTheNewCallsFromTheResponseElseTheRequest() {
        String[][] cases = {
            {"CreateTaskSet", "\"taskSet\":{\"taskSetArn\":\"arn:ts\"}", "arn:ts"},
            {"UpdateCluster", "\"cluster\":{\"clusterArn\":\"arn:c\"}", "arn:c"},
            {"UpdateCapacityProvider", "\"capacityProvider\":{\"capacityProviderArn\":\"arn:cp\"}", "arn:cp"},
        };
        for (String[] c : cases) {
            EcsEvent e = ((ReceivedEvent.Accepted) only(apiCall(c[0], ",\"responseElements\":{" + c[1] + "}"))).event();
            assertEquals(c[2], e.resource(), c[0]);
        }
        String trimmed = """
                {"version":"0","id":"c2","detail-type":"AWS API Call via CloudTrail","source":"aws.ecs","account":"111122223333",
                 "detail":{"eventSource":"ecs.amazonaws.com","eventName":"%s","requestParameters":%s,"responseElements":null}}
                """;
        assertEquals("analytics", ((ReceivedEvent.Accepted) only(trimmed.formatted("CreateCluster", "{\"clusterName\":\"analytics\"}"))).event().resource());
        assertEquals("gpu", ((ReceivedEvent.Accepted) only(trimmed.formatted("CreateCapacityProvider", "{\"name\":\"gpu\"}"))).event().resource());
        assertEquals("arn:aws:ecs:us-east-1:1:cluster/prod", ((ReceivedEvent.Accepted) only(trimmed.formatted("TagResource",
                "{\"resourceArn\":\"arn:aws:ecs:us-east-1:1:cluster/prod\"}"))).event().resource());
        assertEquals("ecs-svc/1", ((ReceivedEvent.Accepted) only(trimmed.formatted("UpdateTaskSet", "{\"taskSet\":\"ecs-svc/1\"}"))).event().resource());
    }

    @Test
    void failedCallsAreSkippedWithTheirErrorCode() {
        ReceivedEvent.Ignored i = assertInstanceOf(ReceivedEvent.Ignored.class,
                only(apiCall("RunTask", ",\"errorCode\":\"AccessDeniedException\",\"errorMessage\":\"no\",\"responseElements\":null")));
        assertEquals("failed call: AccessDeniedException", i.reason());
        assertEquals("run_task", i.trigger());
    }

    @Test
    void otherApiCallsAndDetailTypesAreSkipped() {
        assertTrue(assertInstanceOf(ReceivedEvent.Ignored.class, only(apiCall("DescribeTasks", ""))).reason()
                .contains("DescribeTasks is not a trigger"));
        assertTrue(assertInstanceOf(ReceivedEvent.Ignored.class,
                only(TASK_EVENT.replace("ECS Task State Change", "ECS Service Action"))).reason()
                .contains("'ECS Service Action' is not evaluated"));
        assertTrue(assertInstanceOf(ReceivedEvent.Ignored.class, only(TASK_EVENT.replace("\"aws.ecs\"", "\"aws.ec2\""))).reason()
                .contains("source aws.ec2 is not aws.ecs"));
    }

    @Test
    void malformedInputIsAnErrorRecordNeverAnException() {
        assertEquals("empty file", assertInstanceOf(ReceivedEvent.Unreadable.class, only("")).reason());
        assertEquals("empty file", assertInstanceOf(ReceivedEvent.Unreadable.class, only(" \n\t")).reason());
        assertTrue(assertInstanceOf(ReceivedEvent.Unreadable.class, only(TASK_EVENT.substring(0, 200))).reason()
                .startsWith("invalid JSON"));
        assertTrue(assertInstanceOf(ReceivedEvent.Unreadable.class, only("[1,2]")).reason().startsWith("not a JSON object"));
        assertTrue(assertInstanceOf(ReceivedEvent.Unreadable.class, only("[".repeat(100_000))).reason().startsWith("nesting too deep"));
        assertEquals("detail is missing or not an object", assertInstanceOf(ReceivedEvent.Unreadable.class,
                only("{\"detail-type\":\"ECS Task State Change\",\"source\":\"aws.ecs\",\"detail\":\"{}\"}")).reason());
        assertInstanceOf(ReceivedEvent.Unreadable.class, only(TASK_EVENT.replace("\"taskArn\"", "\"notTaskArn\"")));
    }

    @Test
    void byteOrderMarkIsTolerated() {
        byte[] body = TASK_EVENT.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertInstanceOf(ReceivedEvent.Accepted.class, EventReader.read(withBom).get(0));
    }

    @Test
    void snsAndSqsWrappersAreUnwrapped() {
        String quoted = quote(TASK_EVENT);
        ReceivedEvent sns = only("{\"Type\":\"Notification\",\"Message\":" + quoted + "}");
        assertEquals("Message", assertInstanceOf(ReceivedEvent.Accepted.class, sns).origin());
        ReceivedEvent sqs = only("{\"Records\":[{\"eventSource\":\"aws:sqs\",\"body\":" + quoted + "}]}");
        assertEquals("Records[0].body", sqs.origin());
        ReceivedEvent lambdaSns = only("{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"Message\":" + quoted + "}}]}");
        assertEquals("Records[0].Sns.Message", lambdaSns.origin());
        String snsInSqs = "{\"Records\":[{\"body\":" + quote("{\"Type\":\"Notification\",\"Message\":" + quoted + "}") + "}]}";
        assertEquals("Records[0].body > Message", assertInstanceOf(ReceivedEvent.Accepted.class, only(snsInSqs)).origin());
        assertInstanceOf(ReceivedEvent.Unreadable.class, only("{\"Records\":[{\"body\":\"not json\"}]}"));
    }

    @Test
    void cloudTrailLogFileGivesOneEventPerRecord() {
        String record = """
                {"eventVersion":"1.08","eventSource":"ecs.amazonaws.com","eventName":"RunTask","awsRegion":"us-east-1",
                 "eventID":"r%d","eventTime":"2025-06-12T10:00:00Z","recipientAccountId":"111122223333","requestParameters":{}}""";
        List<ReceivedEvent> r = read("{\"Records\":[" + record.formatted(0) + ","
                + record.formatted(1).replace("ecs.amazonaws.com", "sts.amazonaws.com") + "]}");
        assertEquals(2, r.size());
        ReceivedEvent.Accepted a = assertInstanceOf(ReceivedEvent.Accepted.class, r.get(0));
        assertEquals("Records[0]", a.origin());
        assertEquals("r0", a.event().envelope().id());
        assertEquals("111122223333", a.event().envelope().account());
        assertEquals("Records[1]", assertInstanceOf(ReceivedEvent.Ignored.class, r.get(1)).origin());
        assertInstanceOf(ReceivedEvent.Ignored.class, only("{\"Records\":[]}"));
    }

    @Test
    void aRunTaskThatStartedSeveralTasksIsOneEventPerTask() {
        String two = apiCall("RunTask", ",\"responseElements\":{\"tasks\":[{\"taskArn\":\"arn:aws:ecs:us-east-1:111122223333:task/prod/a\"},"
                + "{\"taskArn\":\"arn:aws:ecs:us-east-1:111122223333:task/prod/b\"}]}");
        List<ReceivedEvent> events = read(two);
        assertEquals(2, events.size(), events.toString());
        for (int i = 0; i < 2; i++) {
            ReceivedEvent.Accepted a = assertInstanceOf(ReceivedEvent.Accepted.class, events.get(i));
            assertEquals("tasks[" + i + "]", a.origin());
            assertEquals("arn:aws:ecs:us-east-1:111122223333:task/prod/" + (i == 0 ? "a" : "b"), a.event().resource());
            assertEquals(i, ((EcsEvent.ApiCall) a.event()).taskIndex());
        }
        String one = apiCall("StartTask", ",\"responseElements\":{\"tasks\":[{\"taskArn\":\"arn:aws:ecs:us-east-1:111122223333:task/prod/a\"}]}");
        assertEquals("", only(one).origin(), "a single task keeps the event's own origin");
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        dev.ecsguard.rego.value.Json.quote(sb, s);
        return sb.toString();
    }

    static final String SERVICE = "arn:aws:ecs:us-west-2:123456789012:service/my-cluster/my-service";
    static final String GREEN = "arn:aws:ecs:us-west-2:123456789012:service-revision/my-cluster/my-service/9313423515462893900";
    static final String BLUE = "arn:aws:ecs:us-west-2:123456789012:service-revision/my-cluster/my-service/1920498462936580504";
    static final String DEPLOYMENT = "arn:aws:ecs:us-west-2:123456789012:service-deployment/my-cluster/my-service/EZe5RNVLH6PPzHXINuP28";

    /** A hook payload as AWS documents it (lambda-lifecycle-hooks), at {@code stage} with these production weights. */
    static String hook(String stage, String productionWeights) {
        return """
                {"executionId":"e8d5a28f-eb01-4f3c-9454-a30ba6dc54bc","lifecycleStage":"%s","resourceArn":"%s",
                 "executionDetails":{"serviceArn":"%s","targetServiceRevisionArn":"%s","testTrafficWeights":{},
                   "productionTrafficWeights":%s},
                 "hookDetails":{"S3_BUCKET_NAME":"my-approval-bucket"}}
                """.formatted(stage, DEPLOYMENT, SERVICE, GREEN, productionWeights);
    }

    @Test
    void aLifecycleHookInTheCurrentShape() {
        EcsEvent.DeploymentHook h = assertInstanceOf(EcsEvent.DeploymentHook.class,
                assertInstanceOf(ReceivedEvent.Accepted.class, only(hook("PRE_SCALE_UP", "{}"))).event());
        assertEquals(Trigger.DEPLOYMENT, h.trigger());
        assertEquals("e8d5a28f-eb01-4f3c-9454-a30ba6dc54bc", h.envelope().id());
        assertEquals("123456789012", h.envelope().account());
        assertEquals("us-west-2", h.envelope().region());
        assertEquals(EventEnvelope.DEPLOYMENT_HOOK, h.envelope().detailType());
        assertEquals("PRE_SCALE_UP", h.lifecycleStage());
        assertEquals(SERVICE, h.serviceArn());
        assertEquals(GREEN, h.targetServiceRevisionArn());
        assertEquals(DEPLOYMENT, h.resource(), "one deployment: the ledger and the alert are its own");
        assertEquals("my-approval-bucket", JsonFields.string(h.hookDetails(), "S3_BUCKET_NAME"));
    }

    @Test
    void aLifecycleHookInTheOlderShape() {
        String legacy = """
                {"serviceArn":"%s","targetServiceRevisionArn":"%s","testTrafficWeights":{},"productionTrafficWeights":{}}
                """.formatted(SERVICE, GREEN);
        EcsEvent.DeploymentHook h = assertInstanceOf(EcsEvent.DeploymentHook.class,
                assertInstanceOf(ReceivedEvent.Accepted.class, only(legacy)).event());
        assertEquals(null, h.executionId());
        assertEquals(null, h.lifecycleStage());
        assertEquals(GREEN, h.targetServiceRevisionArn());
        assertEquals(GREEN, h.resource(), "no service deployment ARN: the revision, unique per deployment");
        assertEquals("123456789012", h.envelope().account());
    }

    @Test
    void aHookWithoutItsRevisionIsStillAHookForTheDocumentToReportMissing() {
        String bare = "{\"executionId\":\"x\",\"lifecycleStage\":\"PRE_SCALE_UP\",\"executionDetails\":{\"serviceArn\":\"" + SERVICE + "\"}}";
        EcsEvent.DeploymentHook h = assertInstanceOf(EcsEvent.DeploymentHook.class,
                assertInstanceOf(ReceivedEvent.Accepted.class, only(bare)).event());
        assertEquals(null, h.targetServiceRevisionArn());
        assertEquals(SERVICE, h.resource());
    }

    @Test
    void aRollbackIsSkippedAndOnlyARollback() {
        String back = "{\"" + GREEN + "\":0,\"" + BLUE + "\":100}";
        ReceivedEvent.Ignored skipped = assertInstanceOf(ReceivedEvent.Ignored.class, only(hook("PRODUCTION_TRAFFIC_SHIFT", back)));
        assertEquals("deployment", skipped.trigger());
        assertTrue(skipped.reason().contains("never stands in the way of a rollback"), skipped.reason());
        // the same weights before a forward shift (AWS's PRE_PRODUCTION_TRAFFIC_SHIFT example) are no rollback
        assertInstanceOf(ReceivedEvent.Accepted.class, only(hook("PRE_PRODUCTION_TRAFFIC_SHIFT", back)));
        String forward = "{\"" + GREEN + "\":100,\"" + BLUE + "\":0}";
        assertInstanceOf(ReceivedEvent.Accepted.class, only(hook("PRODUCTION_TRAFFIC_SHIFT", forward)));
        String testBack = hook("TEST_TRAFFIC_SHIFT", "{}").replace("\"testTrafficWeights\":{}", "\"testTrafficWeights\":" + back);
        assertInstanceOf(ReceivedEvent.Ignored.class, only(testBack));
    }

    @Test
    void anEventBridgeEventIsNeverTakenForAHook() {
        String event = TASK_EVENT.replace("\"lastStatus\":\"PENDING\"", "\"lastStatus\":\"PENDING\",\"lifecycleStage\":\"x\"");
        assertInstanceOf(EcsEvent.TaskStateChange.class, assertInstanceOf(ReceivedEvent.Accepted.class, only(event)).event());
    }

    @Test
    void bytesThatNameAHookButAreNoJsonAreStillAnsweredAsAHook() {
        ReceivedEvent.Unreadable u = assertInstanceOf(ReceivedEvent.Unreadable.class,
                only("{\"lifecycleStage\":\"PRE_SCALE_UP\", \"executionDetails\": {"));
        assertEquals("deployment", u.trigger());
        assertEquals(null, assertInstanceOf(ReceivedEvent.Unreadable.class, only("{\"x\": ")).trigger());
        assertTrue(EventReader.namesDeploymentHook("..\"targetServiceRevisionArn\"..".getBytes(StandardCharsets.UTF_8)));
    }
}
