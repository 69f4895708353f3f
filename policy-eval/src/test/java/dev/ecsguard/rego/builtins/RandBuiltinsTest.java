package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rand.intn, uuid.rfc4122 (same arguments, same result within one evaluation), opa.runtime, trace. */
class RandBuiltinsTest {
    @Test
    void randIntnIsStablePerEvaluationAndInRange() {
        TestContext ctx = new TestContext();
        Value a = ctx.callLit("rand.intn", "\"x\"", "100");
        assertEquals(a, ctx.callLit("rand.intn", "\"x\"", "100"));
        assertEquals(a, ctx.callLit("rand.intn", "\"x\"", "-100"));
        long v = ((NumberValue) a).longValue();
        assertTrue(v >= 0 && v < 100);
        assertEquals("0", ctx.json("rand.intn", "\"x\"", "0"));
        assertEquals("TYPE: rand.intn: operand 2 must be integer number but got floating-point number",
                ctx.error("rand.intn", "\"x\"", "1.5"));
        assertFalse(BuiltinRegistry.standard().lookup("rand.intn").deterministic());
    }

    @Test
    void uuidIsStablePerKeyAndEvaluation() {
        TestContext ctx = new TestContext();
        Value a = ctx.callLit("uuid.rfc4122", "\"x\"");
        assertEquals(a, ctx.callLit("uuid.rfc4122", "\"x\""));
        assertNotEquals(a, ctx.callLit("uuid.rfc4122", "\"y\""));
        ObjectValue parsed = (ObjectValue) ctx.call("uuid.parse", a);
        assertEquals(NumberValue.of(4), parsed.get("version"));
        assertEquals(StringValue.of("RFC4122"), parsed.get("variant"));
    }

    @Test
    void runtimeAndTrace() {
        TestContext ctx = new TestContext();
        assertEquals("{}", ctx.json("opa.runtime"));
        ctx.runtime = TestContext.v("{\"env\": {\"A\": \"1\"}}");
        assertEquals(ctx.runtime, ctx.callLit("opa.runtime"));
        assertEquals("true", ctx.json("trace", "\"hello\""));
        assertEquals("hello", ctx.printed.get(0));
        assertEquals("TYPE: trace: operand 1 must be string but got number", ctx.error("trace", "1"));
    }

    @Test
    void timeNowIsTheEvaluationClock() {
        TestContext ctx = new TestContext();
        assertEquals(Long.toString(ctx.nowNs), ctx.json("time.now_ns"));
    }
}
