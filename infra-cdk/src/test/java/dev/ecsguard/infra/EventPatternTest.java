package dev.ecsguard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsguard.event.EcsEvent;
import dev.ecsguard.event.EventReader;
import dev.ecsguard.event.HandledEvents;
import dev.ecsguard.event.ReceivedEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/**
 * The EventBridge rules as deployed, run by AWS's own matcher (event-ruler) over every event in
 * events-samples/: each rule matches exactly the events the function's {@link EventReader}
 * accepts for it, and no other. The rules of the CDK app, template.yaml and member.yaml are first
 * required to be {@link HandledEvents}'s patterns.
 */
class EventPatternTest {
    static final String TASK = "task-state-change";
    static final String API = "api-call";

    @Test
    void everyTemplateDeploysTheHandledEventsPatterns() {
        JsonNode task = Templates.JSON.valueToTree(HandledEvents.taskStateChangePattern());
        JsonNode api = Templates.JSON.valueToTree(HandledEvents.apiCallPattern());
        Map<String, Map<String, Object>> templates = Map.of(
                "CDK app", Templates.cdk(Map.of()).json(),
                "template.yaml", Templates.file("template.yaml", Map.of()),
                "member.yaml", Templates.file("member.yaml", Map.of()));
        templates.forEach((name, t) -> {
            Map<String, JsonNode> patterns = patterns(t);
            String suffix = name.equals("member.yaml") ? "ForwardRule" : "Rule";
            assertEquals(2, patterns.size(), name + ": " + patterns.keySet());
            assertEquals(task, patterns.get("TaskStateChange" + suffix), name);
            assertEquals(api, patterns.get("ApiCall" + suffix), name);
        });
    }

    @Test
    void rulesMatchExactlyTheEventsTheFunctionDecides() throws Exception {
        Machine machine = deployedRules();

        Map<String, Integer> seen = new TreeMap<>();
        List<String> checked = new ArrayList<>();
        for (Path file : samples()) {
            String name = Templates.ROOT.resolve("events-samples").relativize(file).toString();
            JsonNode root;
            try {
                root = Templates.JSON.readTree(Files.readAllBytes(file));
            } catch (IOException notJson) {
                root = null;
            }
            if (root == null || !root.isObject()) {
                // Not JSON, or not an object: nothing EventBridge carries. The function reports it.
                for (ReceivedEvent r : EventReader.read(Files.readAllBytes(file))) {
                    assertInstanceOf(ReceivedEvent.Unreadable.class, r, name);
                }
                seen.merge("not an event", 1, Integer::sum);
                continue;
            }
            for (JsonNode event : busEvents(root)) {
                String json = event.toString();
                // One bus event may be several decisions (a RunTask that started several tasks): all alike.
                List<ReceivedEvent> read = EventReader.read(json.getBytes(StandardCharsets.UTF_8));
                String expected = expectedRule(read.get(0));
                for (ReceivedEvent r : read) {
                    assertEquals(expected, expectedRule(r), name + ": " + describe(r));
                }
                List<String> matched = machine.rulesForJSONEvent(json);
                assertEquals(expected == null ? List.of() : List.of(expected), matched,
                        name + ": the function " + describe(read.get(0)) + ", the rules matched " + matched);
                seen.merge(expected == null ? "no rule" : expected, 1, Integer::sum);
                checked.add(name);
            }
        }
        // Every kind of outcome is exercised by the samples.
        assertTrue(seen.getOrDefault(TASK, 0) >= 15, seen::toString);
        assertTrue(seen.getOrDefault(API, 0) >= 7, seen::toString);
        assertTrue(seen.getOrDefault("no rule", 0) >= 8, seen::toString);
        assertTrue(checked.stream().anyMatch(n -> n.startsWith("wrapped/")), "SNS/SQS deliveries are unwrapped");
        assertTrue(checked.stream().anyMatch(n -> n.equals("cloudtrail/trail-log-file.json")), "trail records are wrapped");
    }

    /** Cases the samples do not hold: a status the function does not decide, a failed call with errorCode null. */
    @Test
    void rulesAgreeWithTheFunctionBeyondTheSamples() throws Exception {
        Machine machine = deployedRules();
        String task = Files.readString(Templates.ROOT.resolve("events-samples/task-state-change/web-service-04-running.json"));
        for (String status : HandledEvents.TASK_STATUSES) {
            String e = task.replace("\"lastStatus\": \"RUNNING\",\n    \"launchType\"", "\"lastStatus\": \"" + status + "\",\n    \"launchType\"");
            assertEquals(List.of(TASK), machine.rulesForJSONEvent(e), status);
            assertEquals(TASK, expectedRule(EventReader.read(e.getBytes(StandardCharsets.UTF_8)).get(0)), status);
        }
        String unknown = task.replace("\"lastStatus\": \"RUNNING\",\n    \"launchType\"", "\"lastStatus\": \"HIBERNATING\",\n    \"launchType\"");
        assertTrue(unknown.contains("HIBERNATING"), "the sample's shape changed: update this test");
        assertEquals(List.of(), machine.rulesForJSONEvent(unknown));
        assertEquals(null, expectedRule(EventReader.read(unknown.getBytes(StandardCharsets.UTF_8)).get(0)));
        for (String call : List.of("StopTask", "DeleteService", "DescribeServices")) {
            String e = Files.readString(Templates.ROOT.resolve("events-samples/cloudtrail/runtask-ci-deployer-compliant.json"))
                    .replace("\"eventName\": \"RunTask\"", "\"eventName\": \"" + call + "\"");
            assertEquals(List.of(), machine.rulesForJSONEvent(e), call);
            assertEquals(null, expectedRule(EventReader.read(e.getBytes(StandardCharsets.UTF_8)).get(0)), call);
        }
    }

    /** event-ruler loaded with the CDK app's two rules, as EventBridge runs them. */
    static Machine deployedRules() throws Exception {
        Map<String, JsonNode> deployed = patterns(Templates.cdk(Map.of()).json());
        Machine machine = new Machine();
        machine.addRule(TASK, deployed.get("TaskStateChangeRule").toString());
        machine.addRule(API, deployed.get("ApiCallRule").toString());
        return machine;
    }

    /**
     * Which rule must match what the function read: its trigger's, or none for what it skips or
     * cannot read, and none for a deployment lifecycle hook, which ECS invokes directly (never
     * through EventBridge): no rule may deliver one.
     */
    static String expectedRule(ReceivedEvent r) {
        if (r instanceof ReceivedEvent.Accepted a) {
            return switch (a.event()) {
                case EcsEvent.TaskStateChange t -> TASK;
                case EcsEvent.ApiCall c -> API;
                case EcsEvent.DeploymentHook h -> null;
            };
        }
        return null;
    }

    static String describe(ReceivedEvent r) {
        return switch (r) {
            case ReceivedEvent.Accepted a -> "accepts it (" + a.event().trigger().label() + ")";
            case ReceivedEvent.Ignored i -> "skips it (" + i.reason() + ")";
            case ReceivedEvent.Unreadable u -> "cannot read it (" + u.reason() + ")";
        };
    }

    /**
     * The events as they are on an EventBridge bus: a wrapped delivery (SNS notification, SQS or
     * SNS records) gives the event inside; a raw CloudTrail record (a trail's log file) gives the
     * event EventBridge makes of it.
     */
    static List<JsonNode> busEvents(JsonNode node) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if ("Notification".equals(node.path("Type").asText()) && node.path("Message").isTextual()) {
            out.addAll(busEvents(Templates.JSON.readTree(node.get("Message").asText())));
        } else if (node.path("Records").isArray()) {
            for (JsonNode r : node.get("Records")) {
                if (r.path("Sns").path("Message").isTextual()) {
                    out.addAll(busEvents(Templates.JSON.readTree(r.get("Sns").get("Message").asText())));
                } else if (r.path("body").isTextual()) {
                    out.addAll(busEvents(Templates.JSON.readTree(r.get("body").asText())));
                } else {
                    out.add(cloudTrailEvent(r));
                }
            }
        } else if (!node.has("detail-type") && node.has("eventName") && node.has("eventSource")) {
            out.add(cloudTrailEvent(node));
        } else {
            out.add(node);
        }
        return out;
    }

    /** "AWS API Call via CloudTrail" as EventBridge delivers a CloudTrail record of any service. */
    static JsonNode cloudTrailEvent(JsonNode record) {
        ObjectNode e = Templates.JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", record.path("eventID").asText("id"));
        e.put("detail-type", "AWS API Call via CloudTrail");
        e.put("source", "aws." + record.path("eventSource").asText().split("\\.")[0]);
        e.put("account", record.path("recipientAccountId").asText());
        e.put("time", record.path("eventTime").asText());
        e.put("region", record.path("awsRegion").asText());
        e.set("resources", Templates.JSON.createArrayNode());
        e.set("detail", record);
        return e;
    }

    static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.walk(Templates.ROOT.resolve("events-samples"))) {
            return s.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.toString().contains("/taskdefs/") && !p.toString().contains("/inputs/"))
                    .filter(p -> !p.getFileName().toString().equals("expected.json")).sorted().toList();
        }
    }

    /** Each AWS::Events::Rule's EventPattern, by logical ID. */
    @SuppressWarnings("unchecked")
    static Map<String, JsonNode> patterns(Map<String, Object> template) {
        Map<String, JsonNode> out = new TreeMap<>();
        ((Map<String, Object>) template.get("Resources")).forEach((id, r) -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            if ("AWS::Events::Rule".equals(resource.get("Type"))) {
                out.put(id, Templates.JSON.valueToTree(((Map<String, Object>) resource.get("Properties")).get("EventPattern")));
            }
        });
        return out;
    }
}
