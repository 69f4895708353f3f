package dev.ecsguard.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.config.Config;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.input.InputDocumentBuilder;
import dev.ecsguard.input.ServiceSource;
import dev.ecsguard.input.TaskDefinitionSource;
import dev.ecsguard.policy.PolicyCompiler;
import dev.ecsguard.policy.PolicyContents;
import dev.ecsguard.policy.PolicySelfTest;
import dev.ecsguard.policy.PolicySource;
import dev.ecsguard.policy.PolicyStore;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.StringValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The invocation's deadline and the last resort for one event: events not decided in time, and
 * events whose processing threw an {@link Error}, are "error" records of their own, and the batch
 * returns in time.
 */
class PipelineDeadlineTest {
    /** Never finishes on its own: a trillion pairs, with the step and time limits set out of reach. */
    static final String SLOW = """
            package ecsguard
            violations contains "slow" if {
              some i in numbers.range(1, 1000000)
              some j in numbers.range(1, 1000000)
              i + j < 0
            }
            """;
    static final String COMPLIANT = """
            package ecsguard
            violations contains "never" if { input.no_such_field == 1 }
            """;
    static final String EVENT = "task-state-change/debug-tools-standalone-privileged-running.json";

    static EnforcementPipeline pipeline(String module, Config.InputMode mode, TaskDefinitionSource taskDefinitions) {
        Config config = Config.fromEnvironment(Map.of("EVAL_TIMEOUT_MS", "600000", "EVAL_MAX_STEPS", "1000000000000"))
                .withInputMode(mode);
        PolicySource source = new PolicySource() {
            @Override
            public PolicyContents load() {
                return PolicyContents.of("test", Map.of("p.rego", module), Map.of());
            }

            @Override
            public String describe() {
                return "inline";
            }
        };
        PolicyStore store = new PolicyStore(source, new PolicyCompiler(config.policyQuery(), null, PolicySelfTest.NOT_RUN,
                Clock.systemUTC()), config.policyTtl(), Clock.systemUTC(), e -> { });
        store.refresh();
        assertTrue(store.current().isPresent(), store.unavailableReason());
        return new EnforcementPipeline(config, store, new InputDocumentBuilder(taskDefinitions, ServiceSource.NONE));
    }

    /** An SQS batch of n copies of the sample event. */
    static byte[] batch(int n) {
        String event = new String(PrimingCorpus.read(EVENT), StandardCharsets.UTF_8);
        String record = "{\"body\":" + Json.write(StringValue.of(event)) + "}";
        return ("{\"Records\":[" + String.join(",", Collections.nCopies(n, record)) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    static String reason(DecisionRecord r) {
        return assertInstanceOf(Decision.Error.class, r.decision(), () -> r.eventId() + ": " + r.decision()).reason();
    }

    @Test
    void eventsNotDecidedByTheDeadlineAreErrorRecordsAndTheBatchReturnsInTime() {
        EnforcementPipeline p = pipeline(SLOW, Config.InputMode.DETAIL, TaskDefinitionSource.NONE);
        Deadline deadline = Deadline.fromRemaining(Deadline.SAFETY_MARGIN.plusMillis(800));
        long t0 = System.nanoTime();
        List<DecisionRecord> records = p.process(batch(5), deadline);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(5, records.size());
        // The first event's evaluation is cut short at the deadline; the others are not started.
        String first = reason(records.get(0));
        assertTrue(first.startsWith(EnforcementPipeline.TIME_UP) && first.contains("evaluation exceeded its time limit")
                && first.endsWith("no action taken"), first);
        for (DecisionRecord r : records.subList(1, 5)) {
            assertEquals("not decided: " + EnforcementPipeline.TIME_UP, reason(r));
            assertEquals("task_state_change", r.trigger());
            assertTrue(r.eventId() != null && !r.eventId().isEmpty());
        }
        assertEquals(List.of("Records[0].body", "Records[1].body", "Records[2].body", "Records[3].body", "Records[4].body"),
                records.stream().map(DecisionRecord::origin).toList());
        // 800 ms of budget; a loaded machine gets slack, a hang (600 s evaluation limit) does not.
        assertTrue(ms < 5_000, "took " + ms + " ms");
        assertTrue(ms >= 700, "took " + ms + " ms");
    }

    @Test
    void aDeadlineAlreadyPassedDecidesNothing() {
        EnforcementPipeline p = pipeline(COMPLIANT, Config.InputMode.DETAIL, TaskDefinitionSource.NONE);
        List<DecisionRecord> records = p.process(batch(3), Deadline.fromRemainingMillis(1_000));
        assertEquals(3, records.size());
        for (DecisionRecord r : records) assertEquals("not decided: " + EnforcementPipeline.TIME_UP, reason(r));
    }

    @Test
    void withTimeLeftEveryEventIsDecided() {
        EnforcementPipeline p = pipeline(COMPLIANT, Config.InputMode.DETAIL, TaskDefinitionSource.NONE);
        List<DecisionRecord> records = p.process(batch(3), Deadline.fromRemaining(Duration.ofSeconds(60)));
        assertEquals(List.of("compliant", "compliant", "compliant"), records.stream().map(r -> r.decision().label()).toList());
    }

    /** A JVM Error thrown while one event is processed (here by its task definition lookup) is that event's error record. */
    @Test
    void anErrorWhileDecidingIsThatEventsErrorRecord() {
        for (Error thrown : List.of(new OutOfMemoryError("Java heap space"), new StackOverflowError(), new AssertionError("bug"))) {
            EnforcementPipeline p = pipeline(COMPLIANT, Config.InputMode.FULL, ref -> { throw thrown; });
            List<DecisionRecord> records = p.process(batch(2), Deadline.NONE);
            assertEquals(2, records.size());
            for (DecisionRecord r : records) {
                assertEquals("input document could not be built: " + thrown, reason(r));
            }
        }
    }
}
