package dev.ecsguard.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.config.Config;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The handler end to end on moto_server: policy modules and data from SSM (SecureString, a
 * parameter path), the task definition from ECS DescribeTaskDefinition, the decision in the log.
 */
@ExtendWith(MotoServerExtension.class)
class EnforcementHandlerMotoTest {
    static final String POLICY = """
            package guard

            violations contains {"msg": sprintf("container %s runs privileged", [c.name]), "rule": "PRIV",
                "severity": data.guard.severity, "actions": ["stop_task", "alert"], "resource": input.taskDefinition.taskDefinitionArn} if {
                some c in input.taskDefinition.containerDefinitions
                c.privileged == true
            }
            """;

    final List<String> lines = new ArrayList<>();

    EnforcementHandler handler(AwsBackend aws, EcsClient ecs, SsmClient ssm, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("POLICY_QUERY", "data.guard.violations", "AWS_REGION", "us-east-1"));
        env.putAll(extra);
        Config config = Config.fromEnvironment(env);
        return new EnforcementHandler(config, aws.clientFactory(), new StructuredLog(Config.LogLevel.DEBUG, lines::add,
                Clock.systemUTC()), Clock.systemUTC());
    }

    static String taskEvent(String taskDefinitionArn) {
        return """
                {"version":"0","id":"moto-1","detail-type":"ECS Task State Change","source":"aws.ecs","account":"123456789012",
                 "time":"2025-06-12T09:14:12Z","region":"us-east-1","resources":[],
                 "detail":{"taskArn":"arn:aws:ecs:us-east-1:123456789012:task/prod/abc","clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/prod",
                   "group":"service:web","lastStatus":"RUNNING","desiredStatus":"RUNNING","taskDefinitionArn":"%s","containers":[]}}
                """.formatted(taskDefinitionArn);
    }

    static ObjectValue invoke(EnforcementHandler h, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        ObjectValue response = (ObjectValue) Json.parse(out.toByteArray());
        return (ObjectValue) ((ArrayValue) response.get("records")).get(0);
    }

    static String register(EcsClient ecs, String family, boolean privileged) {
        return ecs.registerTaskDefinition(r -> r.family(family).containerDefinitions(ContainerDefinition.builder()
                .name("app").image("nginx:1.27").memory(128).privileged(privileged).build())).taskDefinition().taskDefinitionArn();
    }

    @Test
    void policyFromAnSsmPathAndTaskDefinitionFromEcs(AwsBackend aws) throws IOException {
        try (EcsClient ecs = aws.ecs(); SsmClient ssm = aws.ssm()) {
            ssm.putParameter(r -> r.name("/ecs-guard/policies/guard.rego").type(ParameterType.SECURE_STRING).value(POLICY));
            ssm.putParameter(r -> r.name("/ecs-guard/policies/data.json").type(ParameterType.STRING)
                    .value("{\"guard\": {\"severity\": \"critical\"}}"));
            String bad = register(ecs, "debug-tools", true);
            String good = register(ecs, "web", false);
            EnforcementHandler h = handler(aws, ecs, ssm, Map.of("POLICY_PATH", "/ecs-guard/policies"));
            assertTrue(h.pipeline().policies().current().isPresent(), lines.toString());

            ObjectValue violation = invoke(h, taskEvent(bad));
            assertEquals("violation", Json.toJava(violation.get("decision")), violation.toString());
            ObjectValue finding = (ObjectValue) ((ArrayValue) violation.get("violations")).get(0);
            assertEquals("PRIV", Json.toJava(finding.get("rule")));
            assertEquals("critical", Json.toJava(finding.get("severity")), "data document from SSM");
            assertEquals(List.of("stop_task", "alert"), Json.toJava(violation.get("actions")));
            assertEquals("ecs:DescribeTaskDefinition", Json.toJava(violation.get("task_definition_from")));
            assertEquals(64, Json.toJava(((ObjectValue) violation.get("policy")).get("sha256")).toString().length());

            assertEquals("compliant", Json.toJava(invoke(h, taskEvent(good)).get("decision")));
            ObjectValue again = invoke(h, taskEvent(bad));
            assertEquals("cache", Json.toJava(again.get("task_definition_from")));
            assertEquals(1L, h.taskDefinitionCache().hits());

            String missing = taskEvent("arn:aws:ecs:us-east-1:123456789012:task-definition/nope:1");
            ObjectValue error = invoke(h, missing);
            assertEquals("error", Json.toJava(error.get("decision")));
            assertTrue(Json.toJava(error.get("reason")).toString().contains("DescribeTaskDefinition"));
        }
    }

    @Test
    void oneSecureStringParameterAndABrokenUpdateThatIsRejected(AwsBackend aws) throws IOException {
        try (EcsClient ecs = aws.ecs(); SsmClient ssm = aws.ssm()) {
            String policy = POLICY.replace("data.guard.severity", "\"high\"");
            ssm.putParameter(r -> r.name("/ecs-guard/policy").type(ParameterType.SECURE_STRING).value(policy));
            String bad = register(ecs, "debug-tools", true);
            EnforcementHandler h = handler(aws, ecs, ssm, Map.of("POLICY_PARAMETER", "/ecs-guard/policy", "POLICY_TTL_SECONDS", "0"));
            ObjectValue first = invoke(h, taskEvent(bad));
            assertEquals("violation", Json.toJava(first.get("decision")));
            String version = Json.toJava(((ObjectValue) first.get("policy")).get("version")).toString();
            assertEquals("ssm:/ecs-guard/policy:1", version);

            ssm.putParameter(r -> r.name("/ecs-guard/policy").type(ParameterType.SECURE_STRING).overwrite(true)
                    .value("package guard\nviolations contains x if {"));
            ObjectValue second = invoke(h, taskEvent(bad));
            assertEquals("violation", Json.toJava(second.get("decision")), "the last good version stays in force");
            assertEquals(version, Json.toJava(((ObjectValue) second.get("policy")).get("version")));
            assertTrue(lines.stream().anyMatch(l -> l.contains("policy rejected") && l.contains("ssm:/ecs-guard/policy:2")), lines.toString());
        }
    }

    @Test
    void compatibilityModeForTheOriginalOpaSamplePolicy(AwsBackend aws) throws IOException {
        try (EcsClient ecs = aws.ecs(); SsmClient ssm = aws.ssm()) {
            ssm.putParameter(r -> r.name("/opa/policy").type(ParameterType.SECURE_STRING).value("""
                    package ecstaskstatuswatcher

                    default allow = false

                    allow {
                        input.group == "service:web"
                    }
                    """));
            EnforcementHandler h = handler(aws, ecs, ssm, Map.of("POLICY_PARAMETER", "/opa/policy", "INPUT_MODE", "detail",
                    "REGO_VERSION", "v0", "POLICY_QUERY", "data.ecstaskstatuswatcher.allow"));
            String event = taskEvent("arn:aws:ecs:us-east-1:123456789012:task-definition/never-looked-up:1");
            assertEquals("compliant", Json.toJava(invoke(h, event).get("decision")));
            assertEquals("violation", Json.toJava(invoke(h, event.replace("service:web", "family:x")).get("decision")));
        }
    }
}
