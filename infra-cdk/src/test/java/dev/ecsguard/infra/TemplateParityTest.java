package dev.ecsguard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cdk deploy} and {@code sam deploy} create the same stack: template.yaml, transformed by
 * aws-sam-translator (as CloudFormation's SAM transform does) and evaluated for a set of parameter
 * values, equals the CDK app's template synthesized with the same settings, resource by resource
 * and output by output. The differences allowed are named in {@link #allowedDifferences}, each
 * with its reason; anything else fails with both versions of the resource.
 */
class TemplateParityTest {
    /** Defaults; everything optional switched on; a single policy parameter with the compatibility settings. */
    static Stream<Map<String, String>> settings() {
        Map<String, String> full = new LinkedHashMap<>();
        full.put("Mode", "enforce");
        full.put("Clusters", "prod,batch-*");
        full.put("AlertEmail", "secops@example.com");
        full.put("DecisionBusName", "ecs-guard-decisions");
        full.put("MemberAccountIds", "111122223333,444455556666");
        full.put("OrganizationId", "o-abcdefghij");
        full.put("PolicyPath", "/acme/ecs-policies");
        full.put("PolicyKmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        full.put("LogLevel", "DEBUG");
        full.put("Runtime", "java21");
        full.put("MemorySize", "2048");
        full.put("ReservedConcurrency", "4");
        full.put("LogRetentionDays", "365");
        full.put("BreakerMaxRemediations", "3");
        full.put("BreakerWindowSeconds", "600");
        full.put("LedgerTtlDays", "7");
        full.put("Revision", "2");
        full.put("HookFailurePolicy", "fail");
        Map<String, String> single = Map.of("PolicyParameterName", "/acme/ecs-guard.rego", "Actions", "alert,stop_task",
                "InputMode", "detail", "RegoVersion", "v0", "PolicyQuery", "data.ecstaskstatuswatcher.allow",
                "JavaToolOptions", "-XX:+UseSerialGC", "MemberRoleName", "acme-ecs-guard");
        return Stream.of(Map.of(), full, single);
    }

    @ParameterizedTest
    @MethodSource("settings")
    void cdkAndSamDeclareTheSameStack(Map<String, String> settings) throws JsonProcessingException {
        Map<String, Object> cdk = normalized(Cfn.evaluate(Templates.cdk(settings).json(), Map.of()));
        Map<String, Object> sam = normalized(Cfn.evaluate(Templates.file("template.yaml", settings), settings));
        allowedDifferences(cdk, sam);

        Map<String, Object> cdkResources = resources(cdk);
        Map<String, Object> samResources = resources(sam);
        assertEquals(new TreeSet<>(samResources.keySet()), new TreeSet<>(cdkResources.keySet()), "logical IDs (SAM, CDK)");
        for (String id : samResources.keySet()) {
            assertEquals(pretty(samResources.get(id)), pretty(cdkResources.get(id)), id + " differs (SAM, CDK)");
        }
        assertEquals(pretty(sam.get("Outputs")), pretty(cdk.get("Outputs")), "Outputs (SAM, CDK)");
    }

    /**
     * The only differences between the two templates, each removed here after checking it is what
     * it should be.
     */
    @SuppressWarnings("unchecked")
    static void allowedDifferences(Map<String, Object> cdk, Map<String, Object> sam) {
        Map<String, Object> cdkFunction = properties(cdk, "Function");
        Map<String, Object> samFunction = properties(sam, "Function");
        // 1. Where the jar is: sam deploy uploads it to its bucket (CodeUri), cdk deploy to the
        //    bootstrap bucket as an asset. The same file either way.
        Map<String, Object> cdkCode = (Map<String, Object>) cdkFunction.remove("Code");
        Map<String, Object> samCode = (Map<String, Object>) samFunction.remove("Code");
        assertTrue(String.valueOf(cdkCode.get("S3Bucket")).startsWith("cdk-"), cdkCode::toString);
        assertTrue(String.valueOf(cdkCode.get("S3Key")).endsWith(".jar"), cdkCode::toString);
        assertEquals(Map.of("S3Bucket", "sam-deploy-bucket", "S3Key", "ecs-guard.jar"), samCode);
        // 2. SAM tags every function it creates.
        assertEquals(List.of(Map.of("Key", "lambda:createdBy", "Value", "SAM")), samFunction.remove("Tags"));
        // 3. CDK keeps replaced versions as well as deleted ones (UpdateReplacePolicy); SAM only
        //    deleted ones. A version is never replaced in place (a new one gets a new logical ID).
        assertEquals("Retain", ((Map<String, Object>) resources(cdk).get("FunctionVersion")).remove("UpdateReplacePolicy"));
    }

    @Test
    void parametersAreTheCdkAppsSettings() {
        Map<String, Object> declared = parameters(Templates.file("template.yaml", Map.of()));
        List<String> names = new ArrayList<>(declared.keySet());
        assertEquals(Settings.DEFINITIONS.stream().map(Settings.Definition::name).toList(), names);
        for (Settings.Definition d : Settings.DEFINITIONS) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) declared.get(d.name());
            assertEquals("String", p.get("Type"), d.name());
            assertEquals(d.defaultValue(), p.get("Default"), d.name());
            assertEquals(d.description(), p.get("Description"), d.name());
            assertEquals(d.allowedValues().isEmpty() ? null : d.allowedValues(), p.get("AllowedValues"), d.name());
            assertEquals(d.allowedPattern(), p.get("AllowedPattern"), d.name());
            assertEquals(d.maxLength() == 0 ? null : d.maxLength(), p.get("MaxLength"), d.name());
        }
    }

    /** The version (what SnapStart snapshots, with its environment) is replaced whenever a setting changes. */
    @Test
    void samPublishesANewVersionWhenASettingChanges() {
        String dryRun = versionDescription(Map.of());
        assertEquals(Settings.defaults().versionDescription(), dryRun);
        assertNotEquals(dryRun, versionDescription(Map.of("Mode", "enforce")));
        assertNotEquals(dryRun, versionDescription(Map.of("Clusters", "prod")));
        assertNotEquals(dryRun, versionDescription(Map.of("Revision", "2")));
        assertNotEquals(dryRun, versionDescription(Map.of("HookFailurePolicy", "fail")));
        String longest = Settings.of(Map.of("Actions", Settings.ALL_ACTIONS, "Clusters", "c".repeat(112),
                "BreakerMaxRemediations", "999999", "BreakerWindowSeconds", "999999", "LedgerTtlDays", "9999",
                "Revision", "9999", "MemorySize", "2048", "Mode", "enforce", "HookFailurePolicy", "ignore")).versionDescription();
        assertTrue(longest.length() <= 256, "Lambda's limit on a version description: " + longest.length());
    }

    @Test
    void bothRejectTwoPolicySources() {
        Map<String, Object> rules = parametersOrRules(Templates.file("template.yaml", Map.of()), "Rules");
        assertTrue(rules.containsKey("OnePolicySource"), rules::toString);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Settings.of(Map.of("PolicyParameterName", "/a", "PolicyPath", "/b")));
        assertEquals("PolicyParameterName and PolicyPath are both set: set one of them", e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static String versionDescription(Map<String, String> settings) {
        Map<String, Object> sam = Cfn.evaluate(Templates.file("template.yaml", settings), settings);
        for (Object r : resources(sam).values()) {
            Map<String, Object> resource = (Map<String, Object>) r;
            if ("AWS::Lambda::Version".equals(resource.get("Type"))) {
                return (String) ((Map<String, Object>) resource.get("Properties")).get("Description");
            }
        }
        throw new AssertionError("no AWS::Lambda::Version");
    }

    /** Without CDK's own metadata, the version under one logical ID ("FunctionVersion") in both. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> normalized(Map<String, Object> evaluated) throws JsonProcessingException {
        String version = null;
        for (Map.Entry<String, Object> e : resources(evaluated).entrySet()) {
            Map<String, Object> r = (Map<String, Object>) e.getValue();
            r.remove("Metadata");
            if ("AWS::Lambda::Version".equals(r.get("Type"))) {
                version = e.getKey();
            }
        }
        String json = Templates.JSON.writeValueAsString(evaluated);
        if (version != null) {
            json = json.replace(version, "FunctionVersion");
        }
        return Templates.JSON.readValue(json, LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> resources(Map<String, Object> t) {
        return (Map<String, Object>) t.get("Resources");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> t, String id) {
        return (Map<String, Object>) ((Map<String, Object>) resources(t).get(id)).get("Properties");
    }

    static Map<String, Object> parameters(Map<String, Object> t) {
        return parametersOrRules(t, "Parameters");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parametersOrRules(Map<String, Object> t, String section) {
        return (Map<String, Object>) t.get(section);
    }

    static String pretty(Object o) throws JsonProcessingException {
        return Templates.JSON.writer(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).withDefaultPrettyPrinter().writeValueAsString(o);
    }
}
