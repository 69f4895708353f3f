package dev.ecsguard.policy;

import dev.ecsguard.rego.CompiledPolicy;

/**
 * The gate a new policy version passes before it replaces the one in force: its own
 * {@code test_} rules must pass.
 */
@FunctionalInterface
public interface PolicySelfTest {
    /** What a run found. {@code run == 0} with {@code ran == false} means no runner was available. */
    record Outcome(boolean ran, int passed, int failed, String summary) {
        public boolean accepted() {
            return failed == 0;
        }
    }

    Outcome run(PolicyContents contents, CompiledPolicy compiled);

    /**
     * TODO(policy-self-test): until the engine's Rego test runner
     * (dev.ecsguard.rego.testing.RegoTestRunner) is committed, policy versions are accepted
     * without running their test_ rules; the decision records say "self-test: not run".
     */
    PolicySelfTest NOT_RUN = (contents, compiled) -> new Outcome(false, 0, 0, "self-test: not run (no Rego test runner)");
}
