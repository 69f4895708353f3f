package dev.ecsguard.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.value.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionReaderTest {
    static Decision decide(String module, String query, String input) {
        return DecisionReader.read(Rego.builder().module("p.rego", module).build().prepare(query).eval(Json.parse(input)), query);
    }

    @Test
    void booleanAllow() {
        String policy = "package p\ndefault allow := false\nallow if input.ok\n";
        assertInstanceOf(Decision.Compliant.class, decide(policy, "data.p.allow", "{\"ok\": true}"));
        assertInstanceOf(Decision.Violation.class, decide(policy, "data.p.allow", "{\"ok\": false}"));
    }

    @Test
    void undefinedAllowIsAViolationAsOpaAllowedSaysSo() {
        Decision d = decide("package p\nallow if input.ok\n", "data.p.allow", "{}");
        assertTrue(assertInstanceOf(Decision.Violation.class, d).findings().get(0).msg().contains("undefined"));
    }

    @Test
    void setOfStringsAndObjects() {
        assertInstanceOf(Decision.Compliant.class, decide("package p\ndeny contains m if { m := input.x }\n", "data.p.deny", "{}"));
        Decision.Violation v = assertInstanceOf(Decision.Violation.class,
                decide("package p\ndeny contains m if { m := input.x }\n", "data.p.deny", "{\"x\": \"bad\"}"));
        assertEquals("bad", v.findings().get(0).msg());
        Decision.Violation o = assertInstanceOf(Decision.Violation.class, decide("""
                package p
                violations contains {"msg": "m", "rule": "R1", "severity": "high", "actions": ["stop_task", "alert"],
                    "resource": "arn:x", "container": "app"} if input.bad
                """, "data.p.violations", "{\"bad\": true}"));
        Finding f = o.findings().get(0);
        assertEquals("R1", f.rule());
        assertEquals("high", f.severity());
        assertEquals(List.of("stop_task", "alert"), f.actions());
        assertEquals("arn:x", f.resource());
        assertEquals("app", f.details().get("container"));
        assertEquals(List.of("stop_task", "alert"), List.copyOf(o.requestedActions()));
    }

    @Test
    void arraysAndOtherShapes() {
        assertInstanceOf(Decision.Compliant.class, DecisionReader.read(Json.parse("[]"), "q"));
        assertInstanceOf(Decision.Violation.class, DecisionReader.read(Json.parse("[{\"message\": \"x\", \"id\": \"R\"}]"), "q"));
        assertInstanceOf(Decision.Error.class, DecisionReader.read(Json.parse("{\"allow\": true}"), "q"));
        assertInstanceOf(Decision.Error.class, DecisionReader.read(Json.parse("42"), "q"));
    }
}
