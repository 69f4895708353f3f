package dev.ecsguard.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.cli.CliRun;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import org.junit.jupiter.api.Test;

/** The input document of a task definition file (ecs-guard check), trigger task_definition_file. */
class TaskDefinitionFileDocumentTest {
    private static final ObjectValue TD_WITH_ARN = (ObjectValue) Json.parse(
            "{\"family\": \"web\", \"taskDefinitionArn\": \"arn:aws:ecs:eu-west-1:444455556666:task-definition/web:3\"}");
    private static final ObjectValue TD = (ObjectValue) Json.parse("{\"family\": \"web\"}");

    private static ObjectValue doc(ObjectValue td, String account, String region, String defaultRegion) {
        InputDocument in = InputDocumentBuilder.taskDefinitionFile(td, (ObjectValue) Json.parse("{\"team\": \"a\"}"),
                account, region, defaultRegion, "x.json");
        assertTrue(in.isComplete());
        assertEquals("file:x.json", in.taskDefinitionFrom().orElseThrow());
        return (ObjectValue) in.value();
    }

    @Test
    void schemaVersionOneDocumentWithOnlyTheFileSections() {
        ObjectValue d = doc(TD, "111122223333", "us-east-1", null);
        assertEquals(Json.parse("""
                {"schema_version": "1", "trigger": "task_definition_file", "account": "111122223333",
                 "region": "us-east-1", "taskDefinition": {"family": "web"}, "tags": {"team": "a"}}"""), d);
        for (String absent : new String[] {"event", "task", "service", "network", "caller", "request"}) {
            assertNull(d.get(absent), absent);
        }
    }

    @Test
    void accountAndRegionDefaultToTheArnThenTheEnvironmentThenAbsent() {
        ObjectValue fromArn = doc(TD_WITH_ARN, null, null, "us-west-2");
        assertEquals(Json.parse("\"444455556666\""), fromArn.get("account"));
        assertEquals(Json.parse("\"eu-west-1\""), fromArn.get("region"));

        ObjectValue flagsWin = doc(TD_WITH_ARN, "111122223333", "us-east-1", "us-west-2");
        assertEquals(Json.parse("\"111122223333\""), flagsWin.get("account"));
        assertEquals(Json.parse("\"us-east-1\""), flagsWin.get("region"));

        ObjectValue env = doc(TD, null, null, "us-west-2");
        assertNull(env.get("account"));
        assertEquals(Json.parse("\"us-west-2\""), env.get("region"));

        ObjectValue none = doc(TD, null, null, null);
        assertNull(none.get("account"));
        assertNull(none.get("region"));
    }

    @Test
    void sameDocumentAsTheDocumentedExample() throws Exception {
        ObjectValue example = (ObjectValue) Json.parse(java.nio.file.Files.readAllBytes(
                CliRun.repoRoot().resolve("events-samples/inputs/input-task-definition-file.json")));
        InputDocument built = InputDocumentBuilder.taskDefinitionFile((ObjectValue) example.get("taskDefinition"),
                ObjectValue.EMPTY, "111122223333", "us-east-1", null, "payments-api.json");
        assertEquals(example, built.value());
    }
}
