package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.errors.RegoException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The unsafe vars a rule reports, across its body and the bodies nested in it, as OPA 1.4.2
 * reports them (each list observed with opaeval): each var once, at its first location; a var
 * declared in a comprehension is that comprehension's own.
 */
class CheckSafetyRuleBodiesTest {
    private static TreeSet<String> unsafe(String body) {
        RegoException e = assertThrows(RegoException.class,
                () -> Rego.builder().module("t.rego", "package t\np if { " + body + " }\n").build());
        TreeSet<String> out = new TreeSet<>();
        e.errors().forEach(x -> out.add(x.message() + " @" + x.location().col()));
        return out;
    }

    @Test
    void aVarUnsafeInSeveralBodiesIsReportedOnceAtItsFirstPlace() {
        // z is unsafe in the first comprehension, and again in the second, which reads x.
        assertEquals(new TreeSet<>(List.of("var y is unsafe @18", "var z is unsafe @18")),
                unsafe("x := [y | y := z]; w := [q | q := x[_]; q == z]"));
        assertEquals(new TreeSet<>(List.of("var y is unsafe @18", "var z is unsafe @18", "var q is unsafe @37")),
                unsafe("x := [y | y := z]; w := [q | q := z]"));
        assertEquals(new TreeSet<>(List.of("var q is unsafe @18", "var x is unsafe @18", "var _ is unsafe @18",
                "var z is unsafe @29", "var y is unsafe @48")), unsafe("w := [q | q := x[_]; q == z]; x := [y | y := z]"));
    }

    @Test
    void varsDeclaredInDifferentComprehensionsAreDifferentVars() {
        assertEquals(new TreeSet<>(List.of("var q is unsafe @18", "var z is unsafe @18", "var q is unsafe @37", "var w is unsafe @37")),
                unsafe("a := [q | q := z]; b := [q | q := w]"));
        assertEquals(new TreeSet<>(List.of("var q is unsafe @26", "var z is unsafe @26", "var q is unsafe @53")),
                unsafe("a := [q | some q; q == z]; b := [q | some q; q == z]"));
    }
}
