package dev.ecsguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CheckTargetTest {
    private static CheckTarget classify(String json) throws CheckInputException {
        return CheckTarget.of(SourceFile.parse(Path.of("f.json"), json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String problem(String json) {
        return assertThrows(CheckInputException.class, () -> classify(json)).problem();
    }

    @Test
    void registerTaskDefinitionInputWithTagsArray() throws Exception {
        CheckTarget.TaskDefinition td = assertInstanceOf(CheckTarget.TaskDefinition.class, classify("""
                {"family": "web", "containerDefinitions": [], "tags": [{"key": "team", "value": "a"}, {"key": "env"}]}"""));
        assertEquals("register-task-definition", td.shape());
        assertNull(td.taskDefinition().get("tags"));
        assertEquals("web", ((dev.ecsguard.rego.value.StringValue) td.taskDefinition().get("family")).value());
        assertEquals(Json.parse("{\"team\": \"a\", \"env\": \"\"}"), td.tags());
    }

    @Test
    void describeTaskDefinitionOutput() throws Exception {
        CheckTarget.TaskDefinition td = assertInstanceOf(CheckTarget.TaskDefinition.class, classify("""
                {"taskDefinition": {"family": "web", "revision": 3}, "tags": [{"Key": "k", "Value": "v"}]}"""));
        assertEquals("describe-task-definition", td.shape());
        assertEquals(Json.parse("{\"family\": \"web\", \"revision\": 3}"), td.taskDefinition());
        assertEquals(Json.parse("{\"k\": \"v\"}"), td.tags());
    }

    @Test
    void noTagsIsAnEmptyObject() throws Exception {
        CheckTarget.TaskDefinition td = (CheckTarget.TaskDefinition) classify("{\"family\": \"web\"}");
        assertEquals(ObjectValue.EMPTY, td.tags());
    }

    @Test
    void eventsOfEveryShapeGoToTheEventReader() throws Exception {
        assertInstanceOf(CheckTarget.Event.class, classify("{\"detail-type\": \"ECS Task State Change\", \"detail\": {}}"));
        assertInstanceOf(CheckTarget.Event.class, classify("{\"Records\": []}"));
        assertInstanceOf(CheckTarget.Event.class, classify("{\"eventName\": \"RunTask\", \"eventSource\": \"ecs.amazonaws.com\"}"));
        assertInstanceOf(CheckTarget.Event.class, classify("{\"Type\": \"Notification\", \"Message\": \"{}\"}"));
        // An event that happens to carry a taskDefinition is still an event.
        assertInstanceOf(CheckTarget.Event.class, classify("{\"detail-type\": \"x\", \"taskDefinition\": {}}"));
    }

    @Test
    void anythingElseIsRefusedWithWhatItIs() {
        assertTrue(problem("[1, 2]").contains("the JSON is an array, not an object"));
        assertTrue(problem("\"text\"").contains("a string, not an object"));
        assertTrue(problem("{\"Resources\": {}}").startsWith("not a task definition or event"));
        assertTrue(problem("{\"family\": \"x\", \"containerDefinitions\": {}}").contains("containerDefinitions is an object"));
        assertTrue(problem("{\"schema_version\": \"1\", \"trigger\": \"run_task\", \"taskDefinition\": {}}")
                .contains("ecs-guard input document"));
    }
}
