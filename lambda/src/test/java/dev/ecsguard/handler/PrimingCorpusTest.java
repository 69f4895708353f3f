package dev.ecsguard.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.cli.CliRun;
import dev.ecsguard.config.Config;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.input.InputDocumentBuilder;
import dev.ecsguard.input.ServiceSource;
import dev.ecsguard.policy.DirectoryPolicySource;
import dev.ecsguard.policy.PolicyCompiler;
import dev.ecsguard.policy.PolicySelfTest;
import dev.ecsguard.policy.PolicyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The priming corpus is in the jar and every event in it is decided, not skipped or an error. */
class PrimingCorpusTest {
    @Test
    void everyPrimingEventIsDecidedWithItsTaskDefinitionFromTheJar() {
        Config config = Config.defaults();
        PolicyStore store = new PolicyStore(new DirectoryPolicySource(CliRun.repoRoot().resolve("policies")),
                new PolicyCompiler(config.policyQuery(), null, PolicySelfTest.NOT_RUN, Clock.systemUTC()),
                config.policyTtl(), Clock.systemUTC(), e -> { });
        store.refresh();
        EnforcementPipeline pipeline = new EnforcementPipeline(config, store,
                new InputDocumentBuilder(PrimingCorpus.taskDefinitions(), ServiceSource.NONE, PrimingCorpus.serviceRevisions()));
        List<String> kinds = new ArrayList<>();
        List<byte[]> events = PrimingCorpus.events();
        assertEquals(PrimingCorpus.EVENTS.size(), events.size());
        for (int i = 0; i < events.size(); i++) {
            for (DecisionRecord r : pipeline.process(events.get(i))) {
                String what = PrimingCorpus.EVENTS.get(i) + ": " + r.decision();
                assertTrue(r.decision() instanceof Decision.Compliant || r.decision() instanceof Decision.Violation, what);
                kinds.add(r.trigger() + "/" + r.decision().label());
            }
        }
        // Both outcomes and every trigger are primed.
        assertTrue(kinds.contains("task_state_change/compliant"), kinds::toString);
        assertTrue(kinds.contains("task_state_change/violation"), kinds::toString);
        assertTrue(kinds.contains("deployment/compliant"), kinds::toString);
        assertTrue(kinds.contains("deployment/violation"), kinds::toString);
        for (String trigger : List.of("register_task_definition", "run_task", "create_service", "update_service",
                "create_task_set", "create_cluster", "update_capacity_provider", "untag_resource")) {
            assertTrue(kinds.stream().anyMatch(k -> k.startsWith(trigger + "/")), trigger + " in " + kinds);
        }
    }
}
