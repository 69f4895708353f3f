package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

/** Aggregates, arrays, sets and types; expected values observed with OPA 1.4.2 (builtins/collections.cases). */
class AggregateBuiltinsTest {
    @TestFactory
    List<DynamicTest> opaCases() {
        return OpaCases.load("collections");
    }
}
