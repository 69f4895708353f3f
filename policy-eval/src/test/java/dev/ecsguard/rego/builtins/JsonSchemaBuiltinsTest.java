package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

/** json.verify_schema and json.match_schema against OPA 1.4.2's answers (builtins/jsonschema.cases, from gen_cases.py). */
class JsonSchemaBuiltinsTest {
    @TestFactory
    List<DynamicTest> recordedFromOpa() {
        return OpaCases.load("jsonschema");
    }
}
