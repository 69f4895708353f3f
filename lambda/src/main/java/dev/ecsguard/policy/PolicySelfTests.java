package dev.ecsguard.policy;

import dev.ecsguard.rego.ast.RegoVersion;

/** The self-test gate ecs-guard uses for a Rego version setting. */
public final class PolicySelfTests {
    private PolicySelfTests() {}

    /** The version's own test_ rules must pass ({@link RegoTestSelfTest}). */
    public static PolicySelfTest standard(RegoVersion version) {
        return new RegoTestSelfTest(version);
    }
}
