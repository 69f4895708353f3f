package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** String builtins incl. sprintf; expected values observed with OPA 1.4.2 (builtins/strings.cases). */
class StringBuiltinsTest {
    @TestFactory
    List<DynamicTest> opaCases() {
        return OpaCases.load("strings");
    }

    @Test
    void upperUsesSimpleCaseMapping() {
        assertEquals("\"STRAßE\"", new TestContext().json("upper", "\"straße\""));
    }

    @Test
    void templatesAreCachedPerPolicy() {
        TestContext ctx = new TestContext();
        assertEquals("\"a1\"", ctx.json("strings.render_template", "\"a{{.x}}\"", "{\"x\": 1}"));
        assertEquals("\"a2\"", ctx.json("strings.render_template", "\"a{{.x}}\"", "{\"x\": 2}"));
    }
}
