package dev.ecsguard.policy;

/** The self-test gate ecs-guard uses. */
public final class PolicySelfTests {
    private PolicySelfTests() {}

    /** The version's own test_ rules must pass ({@link RegoTestSelfTest}), compiled as the version was. */
    public static PolicySelfTest standard() {
        return new RegoTestSelfTest();
    }
}
