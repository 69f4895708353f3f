package dev.ecsguard.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * The service of a task known only by its {@code startedBy} deployment ID: the matching, the ECS
 * calls (paging, batches of ten, errors), the cache, and how the builder uses the answer.
 */
class ServiceSourceTest {
    static final String CLUSTER = "arn:aws:ecs:us-east-1:111122223333:cluster/prod";
    static final String WEB_12 = "arn:aws:ecs:us-east-1:111122223333:task-definition/web:12";
    static final ServiceReference REF = new ServiceReference(CLUSTER, "ecs-svc/42");

    static Service service(String name, String... deploymentIds) {
        List<Deployment> deployments = new ArrayList<>();
        for (String id : deploymentIds) {
            deployments.add(Deployment.builder().id(id).taskDefinition(WEB_12).launchType(LaunchType.FARGATE).build());
        }
        return Service.builder().serviceName(name).serviceArn("arn:aws:ecs:us-east-1:111122223333:service/prod/" + name)
                .clusterArn(CLUSTER).desiredCount(3).launchType(LaunchType.EC2).deployments(deployments).build();
    }

    // ---------------------------------------------------------------- matching

    @Test
    void deploymentIdMatchesExactlyOneServicesDeployment() {
        List<Service> services = List.of(service("api", "ecs-svc/420", "ecs-svc/4"), service("web", "ecs-svc/7", "ecs-svc/42"));
        ServiceLookup.Found f = EcsServiceSource.match(services, REF).orElseThrow();
        assertEquals(Map.of("name", "web", "arn", "arn:aws:ecs:us-east-1:111122223333:service/prod/web", "cluster", CLUSTER,
                "launchType", "FARGATE"), Json.toJava(f.service()), "the deployment's launch type; no desiredCount (it changes)");
        assertEquals(WEB_12, f.taskDefinition());
        assertEquals("ecs:DescribeServices", f.from());
        assertTrue(EcsServiceSource.match(List.of(service("api", "ecs-svc/420")), REF).isEmpty(), "no prefix match");
        assertTrue(EcsServiceSource.match(List.of(service("only-one")), REF).isEmpty(), "never the only service of the cluster");
    }

    @Test
    void taskSetIdMatchesToo() {
        Service blueGreen = Service.builder().serviceName("bg").serviceArn("arn:aws:ecs:us-east-1:111122223333:service/prod/bg")
                .taskSets(TaskSet.builder().id("ecs-svc/42").taskDefinition(WEB_12).build()).build();
        ServiceLookup.Found f = EcsServiceSource.match(List.of(service("web", "ecs-svc/1"), blueGreen), REF).orElseThrow();
        assertEquals("bg", Json.toJava(f.service().get("name")));
        assertEquals(CLUSTER, Json.toJava(f.service().get("cluster")), "the searched cluster when the service omits it");
        assertNull(f.service().get("launchType"));
    }

    @Test
    void startedByNamesADeploymentOnlyWithTheServicePrefix() {
        assertEquals("ecs-svc/42", ServiceReference.deploymentId("ecs-svc/42"));
        assertNull(ServiceReference.deploymentId("ecs-svc/"));
        assertNull(ServiceReference.deploymentId("events-rule/nightly"));
        assertNull(ServiceReference.deploymentId("arn:aws:iam::1:user/alice"));
        assertNull(ServiceReference.deploymentId(null));
    }

    // ---------------------------------------------------------------- ECS calls

    /** ListServices in pages of {@code pageSize}, DescribeServices from {@code all}; records every call. */
    static final class FakeEcs implements EcsClient {
        final List<Service> all;
        final int pageSize;
        final List<String> calls = new ArrayList<>();
        RuntimeException failure;

        FakeEcs(List<Service> all, int pageSize) {
            this.all = all;
            this.pageSize = pageSize;
        }

        @Override
        public ListServicesResponse listServices(ListServicesRequest r) {
            calls.add("list " + r.cluster() + " " + r.nextToken());
            if (failure != null) {
                throw failure;
            }
            int from = r.nextToken() == null ? 0 : Integer.parseInt(r.nextToken());
            int to = Math.min(all.size(), from + pageSize);
            return ListServicesResponse.builder().serviceArns(all.subList(from, to).stream().map(Service::serviceArn).toList())
                    .nextToken(to < all.size() ? String.valueOf(to) : null).build();
        }

        @Override
        public DescribeServicesResponse describeServices(DescribeServicesRequest r) {
            calls.add("describe " + r.services().size());
            assertTrue(r.services().size() <= 10, "DescribeServices takes at most 10 services");
            assertEquals(CLUSTER, r.cluster());
            return DescribeServicesResponse.builder().services(all.stream().filter(s -> r.services().contains(s.serviceArn())).toList()).build();
        }

        @Override
        public String serviceName() {
            return "ecs";
        }

        @Override
        public void close() {}
    }

    static List<Service> services(int n, int withDeployment42) {
        return IntStream.range(0, n).mapToObj(i -> service("svc" + i, i == withDeployment42 ? "ecs-svc/42" : "ecs-svc/9" + i)).toList();
    }

    @Test
    void listsEveryPageAndDescribesInBatchesOfTenUntilTheMatch() {
        FakeEcs ecs = new FakeEcs(services(37, 24), 15);
        ServiceLookup.Found f = assertInstanceOf(ServiceLookup.Found.class, new EcsServiceSource(ecs).lookup(REF));
        assertEquals("svc24", Json.toJava(f.service().get("name")));
        assertEquals(List.of("list " + CLUSTER + " null", "describe 10", "list " + CLUSTER + " 15", "describe 10", "describe 10"),
                ecs.calls, "stops at the batch holding the match: the third page is never listed");
    }

    @Test
    void noServiceWithTheIdAfterTheWholeCluster() {
        FakeEcs ecs = new FakeEcs(services(23, -1), 100);
        ServiceLookup.NoService n = assertInstanceOf(ServiceLookup.NoService.class, new EcsServiceSource(ecs).lookup(REF));
        assertTrue(n.reason().contains("none of the 23 services"), n.reason());
        assertEquals(List.of("list " + CLUSTER + " null", "describe 10", "describe 10", "describe 3"), ecs.calls);
        FakeEcs single = new FakeEcs(services(1, -1), 100);
        assertInstanceOf(ServiceLookup.NoService.class, new EcsServiceSource(single).lookup(REF), "not the only service");
    }

    @Test
    void anAwsErrorIsUnknownNotNoService() {
        FakeEcs ecs = new FakeEcs(services(3, 0), 100);
        ecs.failure = EcsException.builder().message("Rate exceeded").statusCode(400).build();
        ServiceLookup.Unknown u = assertInstanceOf(ServiceLookup.Unknown.class, new EcsServiceSource(ecs).lookup(REF));
        assertTrue(u.reason().contains("Rate exceeded") && u.reason().contains("ecs-svc/42"), u.reason());
    }

    // ---------------------------------------------------------------- cache

    @Test
    void cacheKeepsFoundForeverNoServiceBrieflyAndUnknownNever() {
        AtomicLong now = new AtomicLong(1_000);
        AtomicInteger calls = new AtomicInteger();
        ServiceLookup.Found web = EcsServiceSource.match(List.of(service("web", "ecs-svc/42")), REF).orElseThrow();
        CachingServiceSource cache = new CachingServiceSource(ref -> {
            calls.incrementAndGet();
            if (!ref.cluster().equals(CLUSTER)) {
                return new ServiceLookup.NoService("another cluster");
            }
            return switch (ref.deploymentId()) {
                case "ecs-svc/42" -> web;
                case "ecs-svc/gone" -> new ServiceLookup.NoService("finished");
                default -> new ServiceLookup.Unknown("throttled");
            };
        }, 10, Duration.ofSeconds(30), now::get);

        assertEquals("ecs:DescribeServices", ((ServiceLookup.Found) cache.lookup(REF)).from());
        now.addAndGet(Duration.ofDays(3).toNanos());
        ServiceLookup.Found again = (ServiceLookup.Found) cache.lookup(REF);
        assertEquals("cache", again.from());
        assertEquals(web.service(), again.service());
        assertEquals(1, calls.get());
        assertInstanceOf(ServiceLookup.NoService.class, cache.lookup(new ServiceReference("arn:aws:ecs:us-east-1:1:cluster/other", "ecs-svc/42")));
        assertEquals(2, calls.get(), "keyed by cluster too");

        ServiceReference gone = new ServiceReference(CLUSTER, "ecs-svc/gone");
        cache.lookup(gone);
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertInstanceOf(ServiceLookup.NoService.class, cache.lookup(gone));
        assertEquals(3, calls.get(), "no service: kept for the TTL");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        cache.lookup(gone);
        assertEquals(4, calls.get(), "and asked again after it");

        ServiceReference throttled = new ServiceReference(CLUSTER, "ecs-svc/throttled");
        cache.lookup(throttled);
        cache.lookup(throttled);
        assertEquals(6, calls.get(), "an error is never cached");
        assertEquals(2L, cache.hits());
    }

    @Test
    void cacheIsBounded() {
        CachingServiceSource cache = new CachingServiceSource(ref -> EcsServiceSource.match(
                List.of(service("s", ref.deploymentId())), ref).orElseThrow(), 3);
        for (int i = 0; i < 10; i++) {
            cache.lookup(new ServiceReference(CLUSTER, "ecs-svc/" + i));
        }
        assertEquals(3, cache.size());
    }

    // ---------------------------------------------------------------- the builder

    static InputDocument build(String group, String startedBy, ServiceSource services) throws IOException {
        String event = Files.readString(InputDocumentBuilderTest.SAMPLES.resolve("task-state-change/web-service-04-running.json"),
                        StandardCharsets.UTF_8)
                .replace("\"group\": \"service:web\"", group == null ? "\"group_absent\": true" : "\"group\": \"" + group + "\"")
                .replace("\"startedBy\": \"ecs-svc/4718263547281937465\"", "\"startedBy\": \"" + startedBy + "\"");
        java.nio.file.Path tmp = Files.createTempFile("event", ".json");
        try {
            Files.writeString(tmp, event);
            return new InputDocumentBuilder(new DirectoryTaskDefinitionSource(List.of(InputDocumentBuilderTest.SAMPLES.resolve("taskdefs"))),
                    services).build(InputDocumentBuilderTest.event(tmp));
        } finally {
            Files.delete(tmp);
        }
    }

    static ObjectValue serviceOf(InputDocument doc) {
        return (ObjectValue) ((ObjectValue) doc.value()).get("service");
    }

    @Test
    void aTaskWhoseGroupNamesNoServiceGetsTheServiceOfItsDeployment() throws IOException {
        List<ServiceReference> asked = new ArrayList<>();
        ServiceSource source = ref -> {
            asked.add(ref);
            return EcsServiceSource.match(List.of(service("api", "ecs-svc/1"), service("web", "ecs-svc/42")), ref)
                    .<ServiceLookup>map(f -> f).orElse(new ServiceLookup.NoService("none"));
        };
        for (String group : new String[] {"family:web", null}) {
            InputDocument doc = build(group, "ecs-svc/42", source);
            assertTrue(doc.isComplete(), doc.missing().toString());
            assertEquals("arn:aws:ecs:us-east-1:111122223333:service/prod/web", Json.toJava(serviceOf(doc).get("arn")), String.valueOf(group));
        }
        assertEquals(List.of(REF, REF), asked, "the task's own cluster and exact startedBy");

        InputDocument unknownDeployment = build("family:web", "ecs-svc/77", source);
        assertTrue(unknownDeployment.isComplete());
        assertNull(serviceOf(unknownDeployment), "no service has that deployment: none, never a guess");
    }

    @Test
    void theGroupWinsAndOtherStartersAreNotLookedUp() throws IOException {
        ServiceSource never = ref -> {
            throw new AssertionError("looked up " + ref);
        };
        assertEquals("web", Json.toJava(serviceOf(build("service:web", "ecs-svc/42", never)).get("name")));
        InputDocument scheduled = build("family:web", "events-rule/nightly", never);
        assertTrue(scheduled.isComplete());
        assertNull(serviceOf(scheduled));
    }

    @Test
    void aFailedLookupIsMissingDataNotAnAbsentService() throws IOException {
        InputDocument doc = build("family:web", "ecs-svc/42", ref -> new ServiceLookup.Unknown("DescribeServices failed: Access denied"));
        assertFalse(doc.isComplete());
        assertEquals("DescribeServices failed: Access denied", doc.missing().get());
        assertNull(serviceOf(doc));
        assertTrue(((ObjectValue) doc.value()).get("taskDefinition") != null, "the rest of the document is still built");

        InputDocument replay = build("family:web", "ecs-svc/42", ServiceSource.NONE);
        assertFalse(replay.isComplete());
        assertTrue(replay.missing().get().contains("no service source"), replay.missing().get());

        InputDocument both = new InputDocumentBuilder(TaskDefinitionSource.NONE, ref -> new ServiceLookup.Unknown("throttled"))
                .build(InputDocumentBuilderTest.event(InputDocumentBuilderTest.SAMPLES.resolve(
                        "task-state-change/report-generator-scheduled-running.json")));
        assertTrue(both.missing().get().contains("report-generator:5"), "events-rule/...: only the task definition is missing");
    }

    @Test
    void aDeploymentOfAnotherTaskDefinitionIsNotTheTasksService() throws IOException {
        Service other = Service.builder().serviceName("web").serviceArn("arn:aws:ecs:us-east-1:111122223333:service/prod/web")
                .deployments(Deployment.builder().id("ecs-svc/42").taskDefinition(WEB_12.replace("web:12", "web:13")).build()).build();
        InputDocument doc = build("family:web", "ecs-svc/42",
                ref -> EcsServiceSource.match(List.of(other), ref).<ServiceLookup>map(f -> f).orElseThrow());
        assertTrue(doc.isComplete());
        assertNull(serviceOf(doc), "RunTask lets anyone write startedBy: a task of web:12 is not from a web:13 deployment");
        assertEquals(Optional.empty(), doc.missing());
    }
}
