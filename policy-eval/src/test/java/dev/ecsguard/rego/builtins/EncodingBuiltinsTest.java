package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

/** Encoding builtins; expected values observed with OPA 1.4.2 (builtins/encoding.cases). */
class EncodingBuiltinsTest {
    @TestFactory
    List<DynamicTest> opaCases() {
        return OpaCases.load("encoding");
    }
}
