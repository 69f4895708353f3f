package dev.ecsguard.policy;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.testing.RegoTestRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every {@code test_} rule of the version's modules with the engine's Rego test runner (the
 * one behind {@code ecs-guard test}), over the version's own data. Any failure or error rejects
 * the version; the summary names the first failing tests. A version without tests passes.
 * The tests run against the policy just compiled from those same modules (test modules included)
 * and data, with its Rego version: compiling them a second time cost every check, replay and
 * Lambda initialisation as much as the first compile.
 */
public final class RegoTestSelfTest implements PolicySelfTest {

    @Override
    public Outcome run(PolicyContents contents, CompiledPolicy compiled) {
        if (contents.modules().values().stream().noneMatch(src -> src.contains(RegoTestRunner.TEST_PREFIX))) {
            return new Outcome(false, 0, 0, "self-test: no test_ rules");
        }
        RegoTestRunner.Report report;
        try {
            report = RegoTestRunner.run(compiled, RegoTestRunner.Options.DEFAULT);
        } catch (RegoException e) {
            return new Outcome(true, 0, 1, "self-test: the tests do not compile: " + String.valueOf(e.getMessage()).split("\n")[0]);
        }
        int passed = (int) report.count(RegoTestRunner.Status.PASS);
        int failed = (int) (report.count(RegoTestRunner.Status.FAIL) + report.count(RegoTestRunner.Status.ERROR));
        if (passed + failed == 0) {
            return new Outcome(false, 0, 0, "self-test: no test_ rules");
        }
        StringBuilder summary = new StringBuilder("self-test: ").append(report.summaryLine());
        List<String> failing = new ArrayList<>();
        for (RegoTestRunner.TestResult r : report.results()) {
            if ((r.status() == RegoTestRunner.Status.FAIL || r.status() == RegoTestRunner.Status.ERROR) && failing.size() < 3) {
                failing.add(r.name() + (r.message() == null ? "" : " (" + r.message() + ")"));
            }
        }
        if (!failing.isEmpty()) {
            summary.append(": ").append(String.join("; ", failing));
        }
        return new Outcome(true, passed, failed, summary.toString());
    }
}
