package dev.ecsguard.policy;

import dev.ecsguard.rego.ast.RegoVersion;

/** The self-test gate ecs-guard uses for a Rego version setting. */
public final class PolicySelfTests {
    private PolicySelfTests() {}

    /** The version's own test_ rules must pass ({@link RegoTestSelfTest}); modules parsed as {@code version} (null: detect). */
    public static PolicySelfTest standard(RegoVersion version) {
        return new RegoTestSelfTest(version);
    }

    /** {@link #standard(RegoVersion)} with the Rego version detected per module. */
    public static PolicySelfTest standard() {
        return standard(null);
    }
}
