package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.value.Value;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Declared argument types, as the compiler applies them to constant arguments. Each line is a call
 * with literal arguments and what OPA 1.4.2 did with it as written in a module: "rejected" =
 * rego_type_error "NAME: invalid argument(s)", "accepted" = it compiled (whatever it evaluated to).
 */
class BuiltinSignaturesTest {
    static final String TABLE = """
            time.clock([1496430000000000000, "UTC"]) ⇒ accepted
            time.clock([1496430000000000000]) ⇒ rejected
            time.clock([1496430000000000000, "UTC", "x"]) ⇒ rejected
            time.clock([1, 1]) ⇒ rejected
            time.date(["1", "UTC"]) ⇒ rejected
            time.weekday([1496430000000000000]) ⇒ rejected
            time.diff([1496430000000000000], 0) ⇒ rejected
            time.diff([1496430000000000000, "UTC"], 5) ⇒ accepted
            time.format([1496430000000000000, "UTC", "2006"]) ⇒ accepted
            time.format([1496430000000000000, "UTC", "x", "y"]) ⇒ rejected
            time.format([1496430000000000000, "UTC", 1]) ⇒ rejected
            json.marshal_with_options({"a": 1}, {"pretty": true, "indent": "\\t", "prefix": ""}) ⇒ accepted
            json.marshal_with_options({"a": 1}, {"pretty": true, "x": 1}) ⇒ accepted
            json.marshal_with_options({"a": 1}, {"pretty": 1}) ⇒ rejected
            json.marshal_with_options({"a": 1}, {"prefix": "a", "indent": 2}) ⇒ rejected
            json.marshal_with_options({"a": 1}, {1: 2}) ⇒ rejected
            regex.is_valid("a") ⇒ accepted
            regex.is_valid(1) ⇒ rejected
            regex.is_valid(["a"]) ⇒ rejected
            """;

    @TestFactory
    List<DynamicTest> constantArgumentsAsOpaTypeChecks() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            int arrow = line.lastIndexOf(" ⇒ ");
            String call = line.substring(0, arrow).strip(), expected = line.substring(arrow + 3).strip();
            tests.add(DynamicTest.dynamicTest(call, () -> {
                int open = call.indexOf('(');
                Builtin b = BuiltinRegistry.standard().lookup(call.substring(0, open));
                Value[] args = TestContext.args(call.substring(open + 1, call.lastIndexOf(')')));
                boolean ok = true;
                for (int i = 0; i < args.length; i++) ok &= b.signature().args().get(i).accepts(args[i]);
                assertEquals(expected, ok ? "accepted" : "rejected", call);
            }));
        }
        return tests;
    }

    /**
     * Result types as OPA declares them: time.clock/date give 3-element and time.diff 6-element
     * arrays, net.cidr_contains_matches a set of pairs, so unifying with another shape is OPA's
     * compile-time "match error" (checked with opaeval).
     */
    @Test
    void fixedSizeResults() {
        String[][] cases = {
                {"time.clock(input.t)", "[1]", "[1, 2, 3]"},
                {"time.date(input.t)", "[1, 2]", "[1, 2, 3]"},
                {"time.diff(input.t, input.u)", "[1, 2, 3]", "[1, 2, 3, 4, 5, 6]"},
                {"net.cidr_contains_matches(input.a, input.b)", "{[1]}", "{[1, 2]}"},
        };
        for (String[] c : cases) {
            RegoException e = assertThrows(RegoException.class, () -> compile(c[0], c[1]), c[0]);
            assertEquals(ErrorKind.TYPE, e.kind(), c[0]);
            assertEquals("match error", e.first().message(), c[0]);
            compile(c[0], c[2]);
        }
    }

    private static void compile(String call, String value) {
        Rego.builder().module("m.rego", "package p\n\nr if {\n\tx := " + call + "\n\tx = " + value + "\n}\n").build();
    }
}
