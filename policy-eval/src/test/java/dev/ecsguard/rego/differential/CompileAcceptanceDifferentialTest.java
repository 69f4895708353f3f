package dev.ecsguard.rego.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.QueryResult;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.value.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The acceptance differential: generated programs that lean on the compile-time checks
 * ({@link TypedProgramGenerator}) are compiled by the real OPA ({@code opaeval}) and by the engine.
 * A program OPA accepts and the engine rejects (a check stricter than OPA's), one the engine
 * accepts and OPA rejects, one both reject with a different error kind, or one both accept with
 * different values of the generated rule fails the test, with the program printed.
 *
 * <p>Fixed seeds run in CI; {@code -Ddifferential.acceptance.moreSeeds=N} adds N more seeds
 * (a longer search, by hand); {@code -Ddifferential.acceptance.verbose=true} prints every program
 * with both outcomes. Skipped (with a message) where ../shared/tools/opa/opaeval is absent,
 * except with {@code CI=true}, where that is a failure.
 */
class CompileAcceptanceDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROGRAMS_PER_SEED = 40;

    static LongStream seeds() {
        long more = Long.getLong("differential.acceptance.moreSeeds", 0);
        return LongStream.concat(LongStream.of(1, 2, 3, 4, 5, 6, 7, 8), LongStream.range(10_000, 10_000 + more));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void engineAcceptsWhatOpaAccepts(long seed) throws Exception {
        OpaOracle opa = OpaOracle.find();
        if (opa == null && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("../shared/tools/opa/opaeval not found: CI=true requires it");
        }
        Assumptions.assumeTrue(opa != null, "../shared/tools/opa/opaeval not found: acceptance differential skipped");
        TypedProgramGenerator gen = new TypedProgramGenerator(seed);
        List<String> diffs = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < PROGRAMS_PER_SEED; i++) {
            String program = gen.program();
            String theirs = opaOutcome(opa.eval(program, TypedProgramGenerator.INPUT, "data.p.r"));
            String ours = ourOutcome(program);
            if (!theirs.startsWith("error")) accepted++;
            if (Boolean.getBoolean("differential.acceptance.verbose")) {
                System.out.println("--- seed " + seed + " program " + i + ": opa " + theirs + ", ecs-guard " + ours + "\n" + generatedPart(program));
            }
            if (!theirs.equals(ours)) {
                diffs.add("program " + i + ": opa " + theirs + ", ecs-guard " + ours + "\n" + generatedPart(program));
            }
        }
        System.out.printf("seed %d: %d programs, %d accepted by OPA, %d disagreements%n", seed, PROGRAMS_PER_SEED, accepted, diffs.size());
        assertEquals(List.of(), diffs, "programs where ecs-guard and OPA disagree on acceptance, error kind or value (seed "
                + seed + "; helpers as in TypedProgramGenerator.HELPERS)");
    }

    /** OPA's outcome: {@code error CODE}, {@code undefined}, or the value of {@code data.p.r} as JSON. */
    private static String opaOutcome(String out) throws Exception {
        JsonNode n = JSON.readTree(out);
        if (n.has("errors")) return "error " + n.path("errors").path(0).path("code").asText();
        JsonNode results = n.path("result");
        if (!results.isArray() || results.isEmpty()) return "undefined";
        return "value " + canonical(results.path(0).path("expressions").path(0).path("value"));
    }

    private static String ourOutcome(String program) throws Exception {
        try {
            CompiledPolicy policy = Rego.builder().module("m.rego", program).build();
            List<QueryResult> rs = policy.prepare("data.p.r").eval(Json.parse(TypedProgramGenerator.INPUT));
            if (rs.isEmpty()) return "undefined";
            return "value " + canonical(JSON.readTree(Json.write(rs.get(0).expressions().get(0).value())));
        } catch (RegoException e) {
            return "error " + e.first().kind().code();
        }
    }

    /** JSON with numbers compared by value (1.0 and 1 alike). */
    private static String canonical(JsonNode v) throws Exception {
        return JSON.writeValueAsString(JSON.readTree(JSON.writeValueAsString(v)
                .replaceAll("(?<=[\\[:,])(-?\\d+)\\.0(?=[,\\]}])", "$1")));
    }

    /** The program without the helpers every program has. */
    private static String generatedPart(String program) {
        int at = program.indexOf("scaled := y if y := input.n * 3");
        return at < 0 ? program : program.substring(program.indexOf('\n', at) + 1).strip();
    }
}
