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
}
