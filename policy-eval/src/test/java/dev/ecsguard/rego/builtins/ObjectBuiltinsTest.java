package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

/** Expected values observed with OPA 1.4.2 (builtins/objects.cases). */
class ObjectBuiltinsTest {
    @TestFactory
    List<DynamicTest> opaCases() {
        return OpaCases.load("objects");
    }
}
