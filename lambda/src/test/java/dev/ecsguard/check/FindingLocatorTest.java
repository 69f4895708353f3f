package dev.ecsguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecsguard.decision.Finding;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingLocatorTest {
    private static final JsonLocations EVENT = JsonLocations.of("""
            {
              "detail": {
                "userIdentity": {"type": "AssumedRole"},
                "requestParameters": {
                  "family": "web",
                  "networkConfiguration": {"awsvpcConfiguration": {
                    "assignPublicIp": "ENABLED"}},
                  "overrides": {"containerOverrides": [
                    {"name": "app", "command": ["sh"]}]},
                  "containerDefinitions": [
                    {"name": "app"}]
                },
                "responseElements": {"tasks": [{"containers": [
                  {"name": "app"}]}]}
              }
            }
            """.getBytes(StandardCharsets.UTF_8));

    private static int line(String source, String container) {
        Map<String, Object> details = new HashMap<>();
        if (source != null) {
            details.put("source", source);
        }
        if (container != null) {
            details.put("container", container);
        }
        return FindingLocator.locate(new Finding("m", "R", "high", List.of(), null, details), EVENT).line();
    }

    @Test
    void containerFindingsPointAtTheContainerOfTheirSource() {
        assertEquals(11, line("task_definition", "app"));
        assertEquals(9, line("overrides", "app"));
        assertEquals(14, line("task", "app"));
        assertEquals(11, line(null, "app"));
    }

    @Test
    void findingsAboutClustersCapacityProvidersPlatformsAndTagsPointAtTheirSetting() {
        JsonLocations call = JsonLocations.of("""
                {"detail": {
                  "requestParameters": {
                    "cluster": "prod",
                    "platformVersion": "1.3.0",
                    "settings": [{"name": "containerInsights", "value": "disabled"}],
                    "autoScalingGroupProvider": {
                      "managedTerminationProtection": "DISABLED"},
                    "tagKeys": ["team"]}}}
                """.getBytes(StandardCharsets.UTF_8));
        Map<String, Integer> expected = Map.of("platform", 4, "cluster", 5, "capacity_provider", 7, "tags", 8);
        expected.forEach((source, want) -> assertEquals(want,
                FindingLocator.locate(new Finding("m", "R", "low", List.of(), null, Map.of("source", source)), call).line(), source));
    }

    @Test
    void otherFindingsPointAtWhatTheyAreAbout() {
        assertEquals(7, line("network", null));
        assertEquals(3, line("caller", null));
        assertEquals(8, line("overrides", null));
        assertEquals(5, line("task_definition", null));
        // An unknown container falls back to the task definition.
        assertEquals(5, line("task_definition", "ghost"));
    }

    @Test
    void nothingKnownIsTheTaskDefinitionArnOrTheFirstLine() {
        JsonLocations arnOnly = JsonLocations.of("{\n\"detail\": {\n\"taskDefinitionArn\": \"arn\"}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(3, FindingLocator.locate(Finding.message("m"), arnOnly).line());
        JsonLocations nothing = JsonLocations.of("{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(new JsonLocations.Position(1, 1), FindingLocator.locate(Finding.message("m"), nothing));
    }
}
