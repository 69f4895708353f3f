package dev.ecsguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The starter policies' unit tests pass in ecs-guard ({@code ecs-guard test policies/}) and, every
 * one of the same tests, in the real OPA ({@code policies/run-opa-tests.sh}, which also checks that
 * each rule module's METADATA agrees with data/config.json). Skipped with a message without
 * {@code ../shared/tools/opa/opaeval} or jq; with {@code CI=true} their absence is a failure.
 */
class StarterPoliciesInOpaTest {
    private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$");

    @Test
    void everyPolicyTestPassesInEcsGuardAndInOpa() throws IOException, InterruptedException {
        Path opaeval = CliRun.opaeval();
        boolean jq = new ProcessBuilder("sh", "-c", "command -v jq").start().waitFor() == 0;
        if ((opaeval == null || !jq) && "true".equals(System.getenv("CI"))) {
            fail("policies/run-opa-tests.sh needs ../shared/tools/opa/opaeval and jq (CI=true requires them)");
        }
        Assumptions.assumeTrue(opaeval != null && jq, "opaeval or jq missing: the policy tests in OPA are skipped");

        Path policies = CliRun.repoRoot().resolve("policies");
        CliRun ours = CliRun.run("test", policies.toString());
        assertEquals(0, ours.exit(), ours.out() + ours.err());
        int ecsGuardPassed = passed(ours.out(), "ecs-guard test");

        ProcessBuilder pb = new ProcessBuilder("bash", policies.resolve("run-opa-tests.sh").toString(), policies.toString())
                .redirectErrorStream(true);
        pb.environment().put("OPAEVAL", opaeval.toString());
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("run-opa-tests.sh timed out");
        }
        String opa = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), opa);
        assertTrue(opa.contains("rule modules agree with data/config.json"), opa);
        assertEquals(ecsGuardPassed, passed(opa, "run-opa-tests.sh"), "the same tests run in both");
    }

    private static int passed(String out, String what) {
        Matcher m = SUMMARY.matcher(out);
        int passed = -1;
        while (m.find()) {
            assertEquals("0", m.group(2), what + ": " + out);
            passed = Integer.parseInt(m.group(1));
        }
        assertTrue(passed > 100, what + " ran " + passed + " tests: " + out);
        return passed;
    }
}
