package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.Value;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Arithmetic and bits builtins; expected values observed with OPA 1.4.2 (builtins/arithmetic.cases). */
class ArithmeticBuiltinsTest {
    private final TestContext ctx = new TestContext();

    @TestFactory
    List<DynamicTest> opaCases() {
        return OpaCases.load("arithmetic");
    }

    @Test
    void resultsAreCanonicalNumbers() {
        Value r = ctx.callLit("plus", "1.50", "0");
        assertEquals("1.5", r.toString());
        assertNull(((NumberValue) r).literal());
        assertNull(((NumberValue) ctx.callLit("mul", "1e3", "1")).literal());
        assertEquals("1.2345675e+06", ctx.callLit("plus", "1234567.5", "0").toString());
        assertEquals(ctx.callLit("plus", "1234567.5", "0"), TestContext.v("1234567.5"));
    }

    @Test
    void operatorsAreInfix() {
        BuiltinRegistry r = BuiltinRegistry.standard();
        assertEquals("+", r.lookup("plus").infix());
        assertEquals("-", r.lookup("minus").infix());
        assertEquals("*", r.lookup("mul").infix());
        assertEquals("/", r.lookup("div").infix());
        assertEquals("%", r.lookup("rem").infix());
        assertEquals("==", r.lookup("equal").infix());
    }

    @Test
    void hugeRangeIsRefusedNotAllocated() {
        ctx.budget = 1000;
        BuiltinException e = assertThrows(BuiltinException.class,
                () -> ctx.callLit("numbers.range", "0", "100000000000"));
        assertEquals(BuiltinException.Kind.LIMIT, e.kind());
        assertEquals("result exceeds the maximum collection size (100000000001 > 1048576 elements)", e.getMessage());
        TestContext small = new TestContext();
        small.budget = 1000;
        assertThrows(BuiltinException.class, () -> small.callLit("numbers.range", "1", "5000"));
        assertEquals(3, ((dev.ecsguard.rego.value.ArrayValue) new TestContext().callLit("numbers.range", "1", "3")).size());
    }

    @Test
    void hugeShiftIsRefused() {
        assertThrows(BuiltinException.class, () -> ctx.callLit("bits.lsh", "1", "100000000000"));
    }
}
