package dev.ecsguard.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.config.Config;
import dev.ecsguard.event.EventReader;
import dev.ecsguard.event.ReceivedEvent;
import dev.ecsguard.handler.EnforcementHandler;
import dev.ecsguard.log.StructuredLog;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.testsupport.AwsBackend;
import dev.ecsguard.testsupport.MotoServerExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The service of a task known only by its {@code startedBy} deployment ID, over real HTTP against
 * moto_server: ListServices and DescribeServices (two batches: twelve services), through the
 * builder and through the Lambda handler.
 */
@ExtendWith(MotoServerExtension.class)
class ServiceSourceMotoTest {
    static final String ACCOUNT = "123456789012";

    record Fixture(String clusterArn, String taskDefinitionArn, Service target) {}

    /** Twelve services in cluster {@code prod}; the target (sorted last, so in the second batch) is {@code web-11}. */
    static Fixture fixture(EcsClient ecs) {
        String cluster = ecs.createCluster(r -> r.clusterName("prod")).cluster().clusterArn();
        String td = ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(ContainerDefinition.builder()
                .name("app").image("nginx:1.27").memory(128).build())).taskDefinition().taskDefinitionArn();
        Service target = null;
        for (int i = 0; i < 12; i++) {
            String name = "web-" + (i < 10 ? "0" + i : String.valueOf(i));
            Service s = ecs.createService(r -> r.cluster("prod").serviceName(name).taskDefinition(td).desiredCount(1)
                    .launchType(LaunchType.EC2)).service();
            target = s;
        }
        return new Fixture(cluster, td, target);
    }

    static String taskEvent(String clusterArn, String group, String startedBy, String taskDefinitionArn) {
        return """
                {"version":"0","id":"moto-svc","detail-type":"ECS Task State Change","source":"aws.ecs","account":"%s",
                 "time":"2025-06-12T09:14:12Z","region":"us-east-1","resources":[],
                 "detail":{"taskArn":"arn:aws:ecs:us-east-1:%s:task/prod/abc","clusterArn":"%s",
                   "group":"%s","startedBy":"%s","lastStatus":"RUNNING","desiredStatus":"RUNNING",
                   "taskDefinitionArn":"%s","containers":[]}}
                """.formatted(ACCOUNT, ACCOUNT, clusterArn, group, startedBy, taskDefinitionArn);
    }

    static InputDocument build(InputDocumentBuilder builder, String event) {
        ReceivedEvent r = EventReader.read(event.getBytes(StandardCharsets.UTF_8)).get(0);
        return builder.build(assertInstanceOf(ReceivedEvent.Accepted.class, r).event());
    }

    @Test
    void aFamilyGroupTaskGetsTheServiceOfItsRealDeploymentAndAnUnknownDeploymentNone(AwsBackend aws) {
        try (EcsClient ecs = aws.ecs()) {
            Fixture f = fixture(ecs);
            String deployment = f.target().deployments().get(0).id();
            assertTrue(deployment.startsWith("ecs-svc/"), deployment);

            CachingServiceSource services = new CachingServiceSource(new EcsServiceSource(ecs), 100);
            InputDocumentBuilder builder = new InputDocumentBuilder(
                    ref -> new TaskDefinitionLookup.Found(ObjectValue.EMPTY, ObjectValue.EMPTY, "test"), services);

            InputDocument doc = build(builder, taskEvent(f.clusterArn(), "family:x", deployment, f.taskDefinitionArn()));
            assertTrue(doc.isComplete(), doc.missing().toString());
            ObjectValue service = (ObjectValue) ((ObjectValue) doc.value()).get("service");
            assertEquals(Map.of("name", "web-11", "arn", f.target().serviceArn(), "cluster", f.clusterArn(), "launchType", "EC2"),
                    Json.toJava(service));

            InputDocument unknown = build(builder, taskEvent(f.clusterArn(), "family:x", "ecs-svc/1234567890", f.taskDefinitionArn()));
            assertTrue(unknown.isComplete(), unknown.missing().toString());
            assertNull(((ObjectValue) unknown.value()).get("service"), "no service has that deployment: none, not web-00..11");

            build(builder, taskEvent(f.clusterArn(), "family:x", deployment, f.taskDefinitionArn()));
            assertEquals(1L, services.hits(), "the second event of the same deployment is answered from the cache");
        }
    }

    @Test
    void theLambdaResolvesTheServiceAndAnUnreachableClusterIsAnError(AwsBackend aws) throws IOException {
        try (EcsClient ecs = aws.ecs(); SsmClient ssm = aws.ssm()) {
            Fixture f = fixture(ecs);
            String deployment = f.target().deployments().get(0).id();
            ssm.putParameter(r -> r.name("/ecs-guard/policy").type(ParameterType.SECURE_STRING).value("""
                    package guard

                    violations contains {"msg": sprintf("task of service %s", [input.service.name]), "rule": "SVC",
                        "severity": "low", "actions": ["alert"], "resource": input.service.arn} if input.service
                    """));
            List<String> lines = new ArrayList<>();
            Config config = Config.fromEnvironment(Map.of("POLICY_QUERY", "data.guard.violations", "AWS_REGION", "us-east-1",
                    "POLICY_PARAMETER", "/ecs-guard/policy"));
            EnforcementHandler h = new EnforcementHandler(config, aws.clientFactory(),
                    new StructuredLog(Config.LogLevel.DEBUG, lines::add, Clock.systemUTC()), Clock.systemUTC());

            ObjectValue found = invoke(h, taskEvent(f.clusterArn(), "family:x", deployment, f.taskDefinitionArn()));
            assertEquals("violation", Json.toJava(found.get("decision")), found.toString());
            ObjectValue finding = (ObjectValue) ((ArrayValue) found.get("violations")).get(0);
            assertEquals(f.target().serviceArn(), Json.toJava(finding.get("resource")));

            ObjectValue none = invoke(h, taskEvent(f.clusterArn(), "family:x", "ecs-svc/1234567890", f.taskDefinitionArn()));
            assertEquals("compliant", Json.toJava(none.get("decision")), none.toString());

            String ghost = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/ghost";
            ObjectValue error = invoke(h, taskEvent(ghost, "family:x", deployment, f.taskDefinitionArn()));
            assertEquals("error", Json.toJava(error.get("decision")), error.toString());
            String reason = Json.toJava(error.get("reason")).toString();
            assertTrue(reason.contains("ListServices/DescribeServices") && reason.contains(deployment), reason);
            assertEquals(2, h.serviceCache().size(), "the found service and the brief no-service answer; never the error");
        }
    }

    static ObjectValue invoke(EnforcementHandler h, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        ObjectValue response = (ObjectValue) Json.parse(out.toByteArray());
        return (ObjectValue) ((ArrayValue) response.get("records")).get(0);
    }
}
