package dev.ecsguard.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ecsguard.aws.ClientFactory;
import dev.ecsguard.config.Config;
import dev.ecsguard.log.StructuredLog;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.testsupport.LambdaContexts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The handler without AWS: whatever arrives, it returns normally and logs one record per event. */
class EnforcementHandlerTest {
    final List<String> lines = new ArrayList<>();

    EnforcementHandler handler(Map<String, String> env) {
        URI nowhere = URI.create("http://127.0.0.1:9");
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y"));
        Config config = Config.fromEnvironment(env);
        return new EnforcementHandler(config, new ClientFactory(Optional.of(nowhere), Region.US_EAST_1, creds),
                new StructuredLog(config.logLevel(), lines::add, Clock.systemUTC()), Clock.systemUTC());
    }

    static ObjectValue invoke(EnforcementHandler h, byte[] payload) throws IOException {
        return invoke(h, payload, null);
    }

    static ObjectValue invoke(EnforcementHandler h, byte[] payload, Context context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.handleRequest(new ByteArrayInputStream(payload), out, context);
        return (ObjectValue) Json.parse(out.toByteArray());
    }

    List<ObjectValue> decisionLines() {
        List<ObjectValue> out = new ArrayList<>();
        for (String l : lines) {
            ObjectValue o = (ObjectValue) Json.parse(l);
            if (o.get("message") != null && "decision".equals(Json.toJava(o.get("message")))) {
                out.add(o);
            }
        }
        return out;
    }

    @Test
    void poisonEventsReturnNormallyWithAnErrorRecord() throws IOException {
        EnforcementHandler h = handler(Map.of());
        for (String poison : List.of("", "{", "[]", "null", "{\"detail-type\":\"ECS Task State Change\",\"source\":\"aws.ecs\"}",
                "[".repeat(50_000), "\u0000\u0001garbage")) {
            lines.clear();
            ObjectValue response = invoke(h, poison.getBytes(StandardCharsets.UTF_8));
            assertEquals(1L, Json.toJava(response.get("events")), poison);
            assertEquals(1L, Json.toJava(response.get("error")), poison);
            List<ObjectValue> decisions = decisionLines();
            assertEquals(1, decisions.size());
            assertEquals("ERROR", Json.toJava(decisions.get(0).get("level")));
            assertEquals("error", Json.toJava(decisions.get(0).get("decision")));
        }
    }

    @Test
    void anOversizedPayloadIsAnErrorRecord() throws IOException {
        EnforcementHandler h = handler(Map.of("MAX_EVENT_BYTES", "1024"));
        ObjectValue response = invoke(h, ("{\"x\":\"" + "a".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(1L, Json.toJava(response.get("error")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("MAX_EVENT_BYTES")));
    }

    @Test
    void withoutAPolicyEveryEvaluableEventIsAnErrorNeverAViolation() throws IOException {
        EnforcementHandler h = handler(Map.of());
        assertTrue(lines.stream().anyMatch(l -> l.contains("policy rejected") && l.contains("neither POLICY_PARAMETER nor POLICY_PATH")));
        byte[] event = PrimingCorpus.read(PrimingCorpus.EVENTS.get(0));
        ObjectValue response = invoke(h, event);
        assertEquals(1L, Json.toJava(response.get("error")));
        assertTrue(decisionLines().get(0).get("reason").toString().contains("no policy in force"));
    }

    static byte[] sample(String name) throws IOException {
        return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("..", "events-samples", "deployment-hook", name));
    }

    static String answer(EnforcementHandler h, byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.handleRequest(new ByteArrayInputStream(payload), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Nothing reachable here: every hook is an error, answered by HOOK_FAILURE_POLICY, and only with hookStatus. */
    @Test
    void aHookThatCannotBeJudgedIsAnsweredByHookFailurePolicyInBothShapes() throws IOException {
        EnforcementHandler ignore = handler(Map.of("MODE", "enforce"));
        EnforcementHandler fail = handler(Map.of("MODE", "enforce", "HOOK_FAILURE_POLICY", "fail"));
        for (String shape : List.of("pre-scale-up-web-privileged.json", "legacy-shape-web-privileged.json")) {
            lines.clear();
            assertEquals("{\"hookStatus\":\"SUCCEEDED\"}", answer(ignore, sample(shape)), shape);
            ObjectValue d = decisionLines().get(0);
            assertEquals("error", Json.toJava(d.get("decision")), d::toString);
            assertEquals("SUCCEEDED", Json.toJava(d.get("hook_status")), d::toString);
            assertTrue(Json.toJava(d.get("reason")).toString().contains("DescribeServiceRevisions"), d::toString);
            lines.clear();
            assertEquals("{\"hookStatus\":\"FAILED\"}", answer(fail, sample(shape)), shape);
            ObjectValue f = decisionLines().get(0);
            assertTrue(f.toString().contains("not recorded"), "blocked without the ledger: " + f);
        }
    }

    @Test
    void bytesThatNameAHookButCannotBeReadAreStillAnsweredAsAHook() throws IOException {
        byte[] broken = "{\"lifecycleStage\":\"PRE_SCALE_UP\",\"executionDetails\":{".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"hookStatus\":\"SUCCEEDED\"}", answer(handler(Map.of()), broken));
        assertEquals("{\"hookStatus\":\"FAILED\"}", answer(handler(Map.of("MODE", "enforce", "HOOK_FAILURE_POLICY", "fail")), broken));
        assertEquals("{\"hookStatus\":\"SUCCEEDED\"}", answer(handler(Map.of("HOOK_FAILURE_POLICY", "fail")), broken),
                "dry-run never blocks");
    }

    @Test
    void aRollbackIsLetThroughWhateverThePolicy() throws IOException {
        EnforcementHandler fail = handler(Map.of("MODE", "enforce", "HOOK_FAILURE_POLICY", "fail"));
        assertEquals("{\"hookStatus\":\"SUCCEEDED\"}", answer(fail, sample("production-traffic-shift-rollback-skipped.json")));
        assertEquals("skipped", Json.toJava(decisionLines().get(0).get("decision")));
    }

    @Test
    void eventsLeftWhenTheInvocationsTimeRunsOutAreErrorRecordsNotATimeout() throws IOException {
        EnforcementHandler h = handler(Map.of());
        byte[] event = PrimingCorpus.read(PrimingCorpus.EVENTS.get(0));
        // Less time left than the safety margin: nothing is decided, the handler answers at once.
        ObjectValue late = invoke(h, event, LambdaContexts.remaining(Deadline.SAFETY_MARGIN.toMillis() - 500));
        assertEquals(1L, Json.toJava(late.get("error")));
        assertEquals("not decided: " + EnforcementPipeline.TIME_UP, Json.toJava(decisionLines().get(0).get("reason")));
        // With time left the same event is decided as without a context (here: no policy in force).
        lines.clear();
        invoke(h, event, LambdaContexts.remaining(60_000));
        assertTrue(decisionLines().get(0).get("reason").toString().contains("no policy in force"));
    }

    @Test
    void primingRunsWithoutAws() {
        EnforcementHandler h = handler(Map.of());
        h.prime();
        ObjectValue primed = lines.stream().map(l -> (ObjectValue) Json.parse(l))
                .filter(o -> o.get("message") != null && "primed for snapshot".equals(Json.toJava(o.get("message"))))
                .findFirst().orElseThrow();
        long rounds = (Long) Json.toJava(primed.get("rounds"));
        assertTrue(rounds >= 1, primed::toString);
        assertEquals(rounds * PrimingCorpus.EVENTS.size(), Json.toJava(primed.get("decisions")), primed::toString);
    }
}
