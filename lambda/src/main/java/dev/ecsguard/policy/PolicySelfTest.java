package dev.ecsguard.policy;

import dev.ecsguard.rego.CompiledPolicy;

/**
 * The gate a new policy version passes before it replaces the one in force: its own
 * {@code test_} rules must pass ({@link RegoTestSelfTest}, on the engine's Rego test runner).
 */
@FunctionalInterface
public interface PolicySelfTest {
    /**
     * What a run found.
     *
     * @param ran false when no tests were run (none defined, or the gate is off)
     */
    record Outcome(boolean ran, int passed, int failed, String summary) {
        public boolean accepted() {
            return failed == 0;
        }
    }

    Outcome run(PolicyContents contents, CompiledPolicy compiled);

    /** No gate: every version that compiles is accepted. */
    PolicySelfTest NOT_RUN = (contents, compiled) -> new Outcome(false, 0, 0, "self-test: off");
}
