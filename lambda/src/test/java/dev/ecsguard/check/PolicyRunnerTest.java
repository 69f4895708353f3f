package dev.ecsguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.decision.Decision;
import dev.ecsguard.input.InputDocument;
import dev.ecsguard.policy.PolicySelfTest;
import dev.ecsguard.rego.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyRunnerTest {
    @TempDir Path dir;

    private PolicyRunner load(String rego) throws Exception {
        Files.writeString(dir.resolve("p.rego"), rego);
        return PolicyRunner.load(List.of(dir), "data.p.deny");
    }

    @Test
    void evaluatesAnInputDocumentIntoADecision() throws Exception {
        PolicyRunner r = load("""
                package p
                deny contains {"msg": "privileged", "rule": "R1", "severity": "high"} if input.privileged
                test_ok if { count(deny) == 0 with input as {} }
                """);
        Decision v = r.evaluate(InputDocument.complete(Json.parse("{\"privileged\": true}"), null));
        assertEquals("R1", assertInstanceOf(Decision.Violation.class, v).findings().get(0).rule());
        assertInstanceOf(Decision.Compliant.class, r.evaluate(InputDocument.complete(Json.parse("{}"), null)));
    }

    @Test
    void missingDataIsAnErrorNotAViolation() throws Exception {
        PolicyRunner r = load("package p\ndeny contains \"x\" if true\n");
        Decision d = r.evaluate(new InputDocument(Json.parse("{}"), Optional.of("task definition web:1 not found"), Optional.empty()));
        assertEquals("missing data: task definition web:1 not found", assertInstanceOf(Decision.Error.class, d).reason());
    }

    @Test
    void evaluationErrorsAreErrors() throws Exception {
        PolicyRunner r = load("package p\nv := 1 if input.a\nv := 2 if input.a\ndeny contains v if true\n");
        Decision d = r.evaluate(InputDocument.complete(Json.parse("{\"a\": true}"), null));
        assertTrue(assertInstanceOf(Decision.Error.class, d).reason().startsWith("evaluation failed: "), d.toString());
    }

    @Test
    void aPolicyThatDoesNotCompileOrFailsItsTestsIsRefused() throws Exception {
        PolicyRunner.PolicyException e = assertThrows(PolicyRunner.PolicyException.class,
                () -> load("package p\ndeny contains x if { x := y }\n"));
        assertTrue(e.getMessage().contains("does not compile"), e.getMessage());
        assertTrue(e.getMessage().contains("p.rego"), e.getMessage());

        Files.writeString(dir.resolve("p.rego"), "package p\ndeny contains 1 if true\ntest_fails if { count(deny) == 0 }\n");
        PolicyRunner.PolicyException tests = assertThrows(PolicyRunner.PolicyException.class,
                () -> PolicyRunner.load(List.of(dir), "data.p.deny"));
        assertTrue(tests.getMessage().contains("fails its own tests"), tests.getMessage());
        // ... unless the tests are skipped.
        PolicyRunner.load(List.of(dir), "data.p.deny", PolicySelfTest.NOT_RUN);
    }

    @Test
    void aQueryThatNamesNothingIsRefused() throws Exception {
        Files.writeString(dir.resolve("p.rego"), "package p\ndeny contains 1 if false\n");
        assertThrows(PolicyRunner.PolicyException.class, () -> PolicyRunner.load(List.of(dir), "data.q.violations"));
        assertThrows(PolicyRunner.PolicyException.class, () -> PolicyRunner.load(List.of(dir.resolve("none")), "data.p.deny"));
    }
}
