package dev.ecsguard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * member.yaml's role: trusted by the central function's role only, with exactly the central
 * function's ECS and Application Auto Scaling statements for the same Mode and Clusters.
 */
class MemberTemplateTest {
    static final Set<String> ECS_SIDS = Set.of("ReadTaskDefinitions", "ReadServices", "ListServices", "ReadServiceRevisions",
            "ReadScalableTargets",
            "StopTasks", "ScaleServices", "DeregisterTaskDefinitions", "SuspendServiceScaling");
    static final String CENTRAL_ROLE = "arn:aws:iam::999988887777:role/ecs-guard-FunctionRole-ABC";

    static Stream<Map<String, String>> settings() {
        return Stream.of(Map.of(), Map.of("Mode", "enforce"), Map.of("Mode", "enforce", "Clusters", "prod,batch-*"));
    }

    @ParameterizedTest
    @MethodSource("settings")
    @SuppressWarnings("unchecked")
    void memberRoleHasTheCentralFunctionsEcsStatements(Map<String, String> settings) throws JsonProcessingException {
        Map<String, String> params = new java.util.HashMap<>(settings);
        params.put("CentralEventBusArn", "arn:aws:events:us-east-1:999988887777:event-bus/default");
        params.put("CentralFunctionRoleArn", CENTRAL_ROLE);
        Map<String, Object> member = Cfn.evaluate(Templates.file("member.yaml", Map.of()), params);
        Map<String, Object> role = (Map<String, Object>) TemplateParityTest.properties(member, "MemberRole");
        assertEquals("ecs-guard-member", role.get("RoleName"));
        assertEquals(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow",
                "Principal", Map.of("AWS", CENTRAL_ROLE), "Action", "sts:AssumeRole"))), role.get("AssumeRolePolicyDocument"));
        List<Object> policies = (List<Object>) role.get("Policies");
        Object memberStatements = ((Map<String, Object>) ((Map<String, Object>) policies.get(0)).get("PolicyDocument")).get("Statement");

        Map<String, Object> central = Cfn.evaluate(Templates.cdk(settings).json(), Map.of());
        Map<String, Object> centralRole = TemplateParityTest.properties(central, "FunctionRole");
        List<Map<String, Object>> centralStatements = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                ((List<Object>) centralRole.get("Policies")).get(0)).get("PolicyDocument")).get("Statement");
        List<Map<String, Object>> ecs = centralStatements.stream().filter(s -> ECS_SIDS.contains((String) s.get("Sid"))).toList();
        assertEquals(TemplateParityTest.pretty(ecs), TemplateParityTest.pretty(memberStatements));
    }
}
