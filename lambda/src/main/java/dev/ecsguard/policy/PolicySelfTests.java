package dev.ecsguard.policy;

/** The self-test gate ecs-guard uses: see {@link PolicySelfTest#NOT_RUN} until the Rego test runner lands. */
public final class PolicySelfTests {
    private PolicySelfTests() {}

    public static PolicySelfTest standard() {
        return PolicySelfTest.NOT_RUN;
    }
}
