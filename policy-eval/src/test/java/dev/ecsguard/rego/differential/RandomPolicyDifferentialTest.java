package dev.ecsguard.rego.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsguard.rego.QueryResult;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated policies evaluated by ecs-guard and by the real OPA must agree rule for rule.
 * This judges the engine on programs nobody wrote down, beyond the conformance corpus.
 * Skipped (with a message) where ../shared/tools/opa/opaeval is absent; a failure with CI=true.
 */
class RandomPolicyDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Eight fixed seeds; {@code -Ddifferential.moreSeeds=N} adds N more (a longer search, by hand). */
    static java.util.stream.LongStream seeds() {
        long more = Long.getLong("differential.moreSeeds", 0);
        return java.util.stream.LongStream.concat(java.util.stream.LongStream.of(11, 12, 13, 14, 15, 21, 22, 23),
                java.util.stream.LongStream.range(1_000, 1_000 + more));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void engineAgreesWithOpaOnGeneratedRules(long seed) throws Exception {
        OpaOracle opa = OpaOracle.require();
        String module = new RandomPolicyGenerator(seed).module(150);

        JsonNode opaOut = JSON.readTree(opa.eval(module, RandomPolicyGenerator.INPUT, "data.p"));
        assertTrue(!opaOut.has("errors"), () -> "OPA rejected the generated module: " + opaOut);
        JsonNode opaValue = opaOut.path("result").path(0).path("expressions").path(0).path("value");

        List<QueryResult> ours = Rego.builder().module("m.rego", module).build()
                .prepare("data.p").eval(Json.parse(RandomPolicyGenerator.INPUT));
        Value ourValue = ours.isEmpty() ? ObjectValue.EMPTY : ours.get(0).expressions().get(0).value();
        JsonNode ourNode = JSON.readTree(Json.write(ourValue));

        List<String> diffs = new ArrayList<>();
        for (Iterator<String> it = opaValue.fieldNames(); it.hasNext(); ) {
            String rule = it.next();
            if (!opaValue.get(rule).equals(ourNode.get(rule))) {
                diffs.add(rule + ": opa=" + opaValue.get(rule) + " ours=" + ourNode.get(rule) + "\n" + ruleSource(module, rule));
            }
        }
        for (Iterator<String> it = ourNode.fieldNames(); it.hasNext(); ) {
            String rule = it.next();
            if (!opaValue.has(rule)) diffs.add(rule + ": only ecs-guard defines it\n" + ruleSource(module, rule));
        }
        assertEquals(List.of(), diffs, "rules where ecs-guard and OPA disagree (seed " + seed + ")");
    }

    private static String ruleSource(String module, String rule) {
        int at = module.indexOf("\n" + rule + " contains");
        if (at < 0) return "";
        int end = module.indexOf("\n}\n", at);
        return module.substring(at + 1, end < 0 ? module.length() : end + 2);
    }
}
