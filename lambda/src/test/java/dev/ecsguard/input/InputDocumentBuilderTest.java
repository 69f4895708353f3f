package dev.ecsguard.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.event.EcsEvent;
import dev.ecsguard.event.EventReader;
import dev.ecsguard.event.ReceivedEvent;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The builder against the example documents the policies were written for (events-samples/inputs). */
class InputDocumentBuilderTest {
    static final Path SAMPLES = Path.of("..", "events-samples");
    final InputDocumentBuilder builder = new InputDocumentBuilder(new DirectoryTaskDefinitionSource(List.of(SAMPLES.resolve("taskdefs"))),
            ServiceSource.NONE, new DirectoryServiceRevisionSource(List.of(SAMPLES.resolve("deployment-hook/revisions"))));

    static EcsEvent event(Path file) throws IOException {
        ReceivedEvent r = EventReader.read(Files.readAllBytes(file)).get(0);
        return assertInstanceOf(ReceivedEvent.Accepted.class, r).event();
    }

    static Value example(String name) throws IOException {
        return Json.parse(Files.readAllBytes(SAMPLES.resolve("inputs").resolve(name)));
    }

    void assertBuildsExample(String event, String example) throws IOException {
        InputDocument doc = builder.build(event(SAMPLES.resolve(event)));
        assertTrue(doc.isComplete(), doc.missing().toString());
        assertEquals(Json.write(example(example)), Json.write(doc.value()), event);
    }

    @Test
    void taskStateChangeOfAServiceTask() throws IOException {
        assertBuildsExample("task-state-change/web-service-04-running.json", "input-task-state-change-compliant.json");
    }

    @Test
    void taskStateChangeOfAStandaloneTask() throws IOException {
        assertBuildsExample("task-state-change/debug-tools-standalone-privileged-running.json", "input-task-state-change-privileged.json");
    }

    @Test
    void runTaskWithOverrides() throws IOException {
        assertBuildsExample("cloudtrail/runtask-overrides-command-env-role.json", "input-run-task-overrides.json");
    }

    @Test
    void createService() throws IOException {
        assertBuildsExample("cloudtrail/createservice-public-ip.json", "input-create-service-public-ip.json");
    }

    @Test
    void registerTaskDefinitionTakesTheTaskDefinitionFromTheEvent() throws IOException {
        assertBuildsExample("cloudtrail/registertaskdefinition-privileged.json", "input-register-task-definition-privileged.json");
    }

    @Test
    void createTaskSet() throws IOException {
        assertBuildsExample("cloudtrail/createtaskset-public-ip-old-platform.json", "input-create-task-set-public-ip.json");
    }

    @Test
    void updateClusterSettings() throws IOException {
        assertBuildsExample("cloudtrail/updateclustersettings-insights-off-by-developer.json", "input-update-cluster-settings.json");
    }

    @Test
    void deploymentHookFromItsServiceRevisionAndTaskDefinition() throws IOException {
        assertBuildsExample("deployment-hook/pre-scale-up-web-privileged.json", "input-deployment-privileged.json");
    }

    @Test
    void theOlderHookShapeBuildsTheSameDocumentWithoutItsExecution() throws IOException {
        ObjectValue current = (ObjectValue) builder.build(event(SAMPLES.resolve("deployment-hook/pre-scale-up-web-privileged.json"))).value();
        InputDocument legacy = builder.build(event(SAMPLES.resolve("deployment-hook/legacy-shape-web-privileged.json")));
        assertTrue(legacy.isComplete(), legacy.missing().toString());
        ObjectValue doc = (ObjectValue) legacy.value();
        for (String section : List.of("service", "network", "images", "taskDefinition", "tags", "account", "region", "trigger")) {
            assertEquals(Json.write(current.get(section)), Json.write(doc.get(section)), section);
        }
        assertEquals("{\"serviceRevisionArn\":\"arn:aws:ecs:us-east-1:111122223333:service-revision/prod/web/9313423515462893900\"}",
                Json.write(doc.get("deployment")));
        assertNull(((ObjectValue) doc.get("event")).get("id"), "the older shape has no executionId");
    }

    @Test
    void aDeploymentWhoseRevisionCannotBeReadIsMissingDataWithTheServiceItNames() throws IOException {
        InputDocument doc = builder.build(event(SAMPLES.resolve("deployment-hook/pre-scale-up-unknown-revision-error.json")));
        assertTrue(doc.missing().orElseThrow().contains("service-revision/prod/web/7000000000000000001 not found"), doc.missing().toString());
        ObjectValue service = (ObjectValue) ((ObjectValue) doc.value()).get("service");
        assertEquals("{\"arn\":\"arn:aws:ecs:us-east-1:111122223333:service/prod/web\",\"cluster\":\"arn:aws:ecs:us-east-1:111122223333:cluster/prod\","
                + "\"name\":\"web\"}", Json.write(service));
        assertNull(((ObjectValue) doc.value()).get("taskDefinition"));
        InputDocument noRevision = new InputDocumentBuilder(new DirectoryTaskDefinitionSource(List.of(SAMPLES.resolve("taskdefs"))))
                .build(event(SAMPLES.resolve("deployment-hook/pre-scale-up-web-privileged.json")));
        assertTrue(noRevision.missing().orElseThrow().contains("no service revision source is configured"), noRevision.missing().toString());
    }

    @Test
    void aRevisionWhoseTaskDefinitionIsUnknownIsMissingData() throws IOException {
        InputDocument doc = new InputDocumentBuilder(TaskDefinitionSource.NONE, ServiceSource.NONE,
                new DirectoryServiceRevisionSource(List.of(SAMPLES.resolve("deployment-hook/revisions"))))
                .build(event(SAMPLES.resolve("deployment-hook/pre-scale-up-web-compliant.json")));
        assertTrue(doc.missing().orElseThrow().contains("task definition arn:aws:ecs:us-east-1:111122223333:task-definition/web:12"),
                doc.missing().toString());
        assertEquals("{\"owner\":\"team-web@example.com\"}",
                Json.write(((ObjectValue) ((ObjectValue) doc.value()).get("deployment")).get("hookDetails")), "hookDetails reach the policy");
    }

    @Test
    void updateCapacityProvider() throws IOException {
        assertBuildsExample("cloudtrail/updatecapacityprovider-protection-turned-off.json", "input-update-capacity-provider.json");
    }

    @Test
    void untagResource() throws IOException {
        assertBuildsExample("cloudtrail/untagresource-required-team-tag.json", "input-untag-resource.json");
    }

    static EcsEvent call(String eventName, String request, String response) {
        String event = """
                {"version":"0","id":"t1","detail-type":"AWS API Call via CloudTrail","source":"aws.ecs","account":"111122223333",
                 "time":"2025-06-13T10:00:00Z","region":"us-east-1",
                 "detail":{"eventSource":"ecs.amazonaws.com","eventName":"%s","awsRegion":"us-east-1","recipientAccountId":"111122223333",
                           "requestParameters":%s,"responseElements":%s}}
                """.formatted(eventName, request, response);
        ReceivedEvent r = EventReader.read(event.getBytes(java.nio.charset.StandardCharsets.UTF_8)).get(0);
        return assertInstanceOf(ReceivedEvent.Accepted.class, r).event();
    }

    ObjectValue doc(EcsEvent e) {
        InputDocument d = builder.build(e);
        assertTrue(d.isComplete(), d.missing().toString());
        return (ObjectValue) d.value();
    }

    static Object at(ObjectValue doc, String... path) {
        Value v = doc;
        for (String p : path) {
            v = v instanceof ObjectValue o ? o.get(p) : null;
        }
        return v == null ? null : Json.toJava(v);
    }

    @Test
    void taskSetWithoutResponseComesFromTheRequest() {
        ObjectValue d = doc(call("UpdateTaskSet", """
                {"cluster":"prod","service":"arn:aws:ecs:us-east-1:111122223333:service/prod/storefront",
                 "taskSet":"arn:aws:ecs:us-east-1:111122223333:task-set/prod/storefront/ecs-svc/42","scale":{"value":50.0,"unit":"PERCENT"}}""",
                "null"));
        assertEquals("ecs-svc/42", at(d, "taskSet", "id"), "the ID keeps its ecs-svc/ prefix");
        assertEquals("arn:aws:ecs:us-east-1:111122223333:task-set/prod/storefront/ecs-svc/42", at(d, "taskSet", "arn"));
        assertEquals("storefront", at(d, "service", "name"));
        assertNull(d.get("taskDefinition"), "UpdateTaskSet need not name a task definition");
        assertNull(d.get("network"));
    }

    @Test
    void createTaskSetMustNameATaskDefinition() {
        InputDocument d = builder.build(call("CreateTaskSet", "{\"service\":\"storefront\",\"cluster\":\"prod\"}", "null"));
        assertFalse(d.isComplete());
        assertTrue(d.missing().get().contains("CreateTaskSet names no task definition"), d.missing().get());
    }

    @Test
    void clusterSettingsAreTheRequestsOverlaidWithTheResponses() {
        ObjectValue d = doc(call("UpdateClusterSettings",
                "{\"cluster\":\"prod\",\"settings\":[{\"name\":\"containerInsights\",\"value\":\"enabled\"},{\"name\":\"other\",\"value\":\"x\"}]}",
                "{\"cluster\":{\"clusterName\":\"prod\",\"settings\":[{\"name\":\"containerInsights\",\"value\":\"enhanced\"},{\"name\":\"bad\"}]}}"));
        assertEquals(java.util.Map.of("containerInsights", "enhanced", "other", "x"), at(d, "cluster", "settings"));
        assertNull(at(d, "cluster", "tags"), "only CreateCluster knows all of a cluster's tags");
        ObjectValue created = doc(call("CreateCluster", "{\"clusterName\":\"c\",\"tags\":[{\"key\":\"team\",\"value\":\"d\"}]}", "null"));
        assertEquals("c", at(created, "cluster", "name"));
        assertEquals(java.util.Map.of("team", "d"), at(created, "cluster", "tags"));
        assertNull(at(created, "cluster", "settings"), "no settings anywhere: absent, not {}");
    }

    @Test
    void capacityProviderFallsBackToTheRequest() {
        ObjectValue d = doc(call("UpdateCapacityProvider",
                "{\"name\":\"cp\",\"autoScalingGroupProvider\":{\"managedTerminationProtection\":\"DISABLED\"}}", "{}"));
        assertEquals("cp", at(d, "capacityProvider", "name"));
        assertEquals("DISABLED", at(d, "capacityProvider", "autoScalingGroupProvider", "managedTerminationProtection"));
        assertNull(at(d, "capacityProvider", "arn"));
    }

    @Test
    void taggingNamesTheResourceTypeAndTheChange() {
        ObjectValue tag = doc(call("TagResource",
                "{\"resourceArn\":\"arn:aws:ecs:us-east-1:111122223333:task-definition/web:12\",\"tags\":[{\"key\":\"a\",\"value\":\"b\"}]}", "{}"));
        assertEquals("task-definition", at(tag, "tagging", "resourceType"));
        assertEquals(java.util.Map.of("a", "b"), at(tag, "tagging", "added"));
        assertEquals(java.util.Map.of(), at(tag, "tags"), "the added tags are not the resource's tags");
        ObjectValue untag = doc(call("UntagResource", "{\"resourceArn\":\"not-an-arn\",\"tagKeys\":[\"a\",7]}", "{}"));
        assertNull(at(untag, "tagging", "resourceType"));
        assertEquals(List.of("a"), at(untag, "tagging", "removed"));
        assertEquals("capacity-provider", InputDocumentBuilder.arnResourceType("arn:aws:ecs:us-east-1:1:capacity-provider/x"));
        assertNull(InputDocumentBuilder.arnResourceType("arn:aws:ecs:us-east-1:1:cluster"));
        assertNull(InputDocumentBuilder.taskSetId("arn:aws:ecs:us-east-1:1:service/prod/web"));
    }

    @Test
    void serviceIsTheTasksOwnFromItsGroupOnly() throws IOException {
        ObjectValue legacy = (ObjectValue) builder.build(event(SAMPLES.resolve("task-state-change/report-generator-scheduled-running.json"))).value();
        assertNull(legacy.get("service"), "a scheduled task (group family:...) has no service");
        ObjectValue web = (ObjectValue) builder.build(event(SAMPLES.resolve("task-state-change/web-service-01-provisioning.json"))).value();
        ObjectValue service = (ObjectValue) web.get("service");
        assertEquals("web", Json.toJava(service.get("name")));
        assertEquals("arn:aws:ecs:us-east-1:111122223333:service/prod/web", Json.toJava(service.get("arn")));
    }

    @Test
    void missingTaskDefinitionIsReportedNotGuessed() throws IOException {
        InputDocument doc = new InputDocumentBuilder(TaskDefinitionSource.NONE)
                .build(event(SAMPLES.resolve("task-state-change/web-service-04-running.json")));
        assertFalse(doc.isComplete());
        assertTrue(doc.missing().get().contains("web:12"), doc.missing().get());
        assertNull(((ObjectValue) doc.value()).get("taskDefinition"));
    }

    @Test
    void detailModeFeedsTheRawDetail() throws IOException {
        EcsEvent e = event(SAMPLES.resolve("task-state-change/web-service-04-running.json"));
        assertEquals(e.detail(), InputDocumentBuilder.detailInput(e).value());
    }

    @Test
    void cacheAsksOncePerRevisionAndNeverCachesAFamily() {
        AtomicInteger calls = new AtomicInteger();
        CachingTaskDefinitionSource cache = new CachingTaskDefinitionSource(ref -> {
            calls.incrementAndGet();
            return new TaskDefinitionLookup.Found(ObjectValue.EMPTY, ObjectValue.EMPTY, "test");
        }, 10);
        TaskDefinitionReference arn = new TaskDefinitionReference("arn:aws:ecs:us-east-1:1:task-definition/web:12", null, null);
        TaskDefinitionReference shortForm = new TaskDefinitionReference("web:12", "1", "us-east-1");
        cache.lookup(arn);
        assertEquals("cache", ((TaskDefinitionLookup.Found) cache.lookup(shortForm)).from());
        assertEquals(1, calls.get());
        cache.lookup(new TaskDefinitionReference("web", "1", "us-east-1"));
        cache.lookup(new TaskDefinitionReference("web", "1", "us-east-1"));
        assertEquals(3, calls.get());
    }

    @Test
    void referencesToArns() {
        assertEquals("arn:aws:ecs:us-east-1:111122223333:task-definition/web:12",
                new TaskDefinitionReference("web:12", "111122223333", "us-east-1").arn());
        assertEquals("arn:aws-cn:ecs:cn-north-1:1:task-definition/web:3", new TaskDefinitionReference("web:3", "1", "cn-north-1").arn());
        assertNull(new TaskDefinitionReference("web", "1", "us-east-1").arn());
        assertEquals("web", new TaskDefinitionReference("arn:aws:ecs:us-east-1:1:task-definition/web:7", null, null).family());
    }

    @Test
    void directorySourceMatchesByArnFamilyRevisionAndLatest() {
        DirectoryTaskDefinitionSource dir = new DirectoryTaskDefinitionSource(List.of(SAMPLES.resolve("taskdefs")));
        assertTrue(dir.problems().isEmpty(), dir.problems().toString());
        assertInstanceOf(TaskDefinitionLookup.Found.class, dir.lookup(new TaskDefinitionReference("web:12", null, null)));
        TaskDefinitionLookup.Found latest = assertInstanceOf(TaskDefinitionLookup.Found.class, dir.lookup(new TaskDefinitionReference("web", null, null)));
        assertEquals(14L, ((dev.ecsguard.rego.value.NumberValue) latest.taskDefinition().get("revision")).longValue());
        assertInstanceOf(TaskDefinitionLookup.Missing.class, dir.lookup(new TaskDefinitionReference("web:99", null, null)));
    }
}
