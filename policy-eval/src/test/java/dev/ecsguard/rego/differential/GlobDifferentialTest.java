package dev.ecsguard.rego.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.builtins.GlobCases;
import dev.ecsguard.rego.value.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code glob.match} on random star-and-literal globs (matched by segments), with and without
 * delimiters, against the real OPA: the same answer for every case. Also a few globs with classes
 * and alternatives (the regex path) so both paths meet OPA in one run.
 */
class GlobDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void globMatchAgreesWithOpa() throws Exception {
        OpaOracle opa = OpaOracle.require();
        List<GlobCases.Case> cases = new ArrayList<>(GlobCases.random(20261208, 4000));
        cases.add(new GlobCases.Case("[ab]*.{c,d}", List.of("."), "a.c"));
        cases.add(new GlobCases.Case("[ab]*.{c,d}", List.of("."), "ax.y.d"));
        cases.add(new GlobCases.Case("?*a", null, "ba"));
        // runs between two ** whose literals hold a separator: the next candidate is the next occurrence
        cases.add(new GlobCases.Case("**x.*y**", List.of("."), "x.x.y"));
        cases.add(new GlobCases.Case("**x.*y*z**", List.of("."), "x.x.yz"));
        cases.add(new GlobCases.Case("**a*b", List.of("."), "a.ab"));
        cases.add(new GlobCases.Case("a*b**c*d", List.of("/"), "ax/b/y/czd"));
        ArrayNode in = JSON.createArrayNode();
        for (GlobCases.Case c : cases) {
            ObjectNode o = in.addObject();
            o.put("p", c.pattern());
            if (c.delimiters() == null) o.putNull("d"); else c.delimiters().forEach(o.putArray("d")::add);
            o.put("t", c.text());
        }
        String input = JSON.writeValueAsString(in);
        // An object by index, so that an undefined answer (a syntax error) shows as a missing key.
        String module = "package p\nimport rego.v1\nr := {sprintf(\"%d\", [i]): glob.match(c.p, c.d, c.t) | some i, c in input}\n";
        JsonNode want = JSON.readTree(opa.eval(module, input, "data.p.r")).path("result").path(0).path("expressions").path(0).path("value");
        JsonNode got = JSON.readTree(Json.write(Rego.builder().module("m.rego", module).build()
                .prepare("data.p.r").eval(Json.parse(input)).get(0).expressions().get(0).value()));
        assertTrue(want.size() > 3900, "OPA answered " + want.size() + " cases");
        List<String> diffs = new ArrayList<>();
        int matched = 0;
        for (int i = 0; i < cases.size(); i++) {
            JsonNode w = want.get(Integer.toString(i));
            JsonNode g = got.get(Integer.toString(i));
            if (w != null && w.asBoolean()) matched++;
            if (!java.util.Objects.equals(w, g) && diffs.size() < 30) diffs.add(cases.get(i) + ": opa=" + w + " ours=" + g);
        }
        assertEquals(List.of(), diffs);
        assertTrue(matched > 1000 && matched < cases.size() - 1000, "matching cases: " + matched);
    }
}
