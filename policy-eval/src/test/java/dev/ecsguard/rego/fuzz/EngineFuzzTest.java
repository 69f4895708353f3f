package dev.ecsguard.rego.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.Value;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Coverage-guided fuzzing (Jazzer) of the parser, the compiler with the evaluator, and the JSON
 * reader. The property of each: whatever the bytes, the answer is a value or the documented
 * error ({@link RegoException}, {@link Json.JsonException}); any other exception, a
 * StackOverflowError, an OutOfMemoryError or a hang is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} (CI: the {@code fuzz-regression} surefire execution) each target
 * runs on its committed inputs, {@code src/test/resources/dev/ecsguard/rego/fuzz/EngineFuzzTestInputs/<target>/}
 * (seeds, and every finding kept as a case). With {@code JAZZER_FUZZ=1} one target is fuzzed
 * for {@code maxDuration}, from those inputs and the generated corpus in
 * {@code policy-eval/.cifuzz-corpus/} ({@link ConformanceSeedsTest} seeds it from the conformance
 * corpus); README, "Fuzzing", gives the commands.
 */
class EngineFuzzTest {
    /** Small limits: a fuzzed policy that loops is cut short, as the Lambda would cut it. */
    static final EvalOptions LIMITS = EvalOptions.DEFAULT.withLimits(100_000, Duration.ofSeconds(2), 100);

    @FuzzTest(maxDuration = "60s")
    void parser(byte[] data) {
        parse(new String(data, StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "60s")
    void compiler(byte[] data) {
        compileAndEvaluate(new String(data, StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "60s")
    void jsonReader(byte[] data) {
        readJson(data);
    }

    /** Parses a module (version detected): a module or a RegoException. */
    static void parse(String module) {
        try {
            Parser.parseModule(module, "fuzz.rego", null);
        } catch (RegoException expected) {
            // a parse error, with its location, is an answer
        }
    }

    /** Compiles a module and evaluates {@code data} within small limits: a value or a RegoException. */
    static void compileAndEvaluate(String module) {
        try {
            CompiledPolicy p = Rego.builder().module("fuzz.rego", module).build();
            p.prepare("data").eval(null, LIMITS);
        } catch (RegoException expected) {
            // parse, compile and evaluation errors are answers
        }
    }

    /** Reads JSON: a value that writes back to an equal value, or a JsonException. */
    static void readJson(byte[] json) {
        Value v;
        try {
            v = Json.parse(json);
        } catch (Json.JsonException expected) {
            return;
        }
        assertEquals(v, Json.parse(Json.write(v)));
    }
}
