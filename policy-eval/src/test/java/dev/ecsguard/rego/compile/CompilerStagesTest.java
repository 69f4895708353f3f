package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.errors.RegoException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compiler runs OPA's stages in OPA's order, stops after the first that reports errors, and reports each one's end. */
class CompilerStagesTest {
    private static final List<String> MODULE_STAGES = List.of("CheckKeywordOverrides", "CheckDuplicateImports", "SetAnnotationSet",
            "SetRuleTree", "RewriteLocalVars", "CheckRuleConflicts", "CheckUndefinedFuncs", "CheckSafetyRuleHeads", "ResolveRefs",
            "RewriteWithValues", "CheckSafetyRuleBodies", "CheckRecursion", "CheckTypes", "CheckDeprecatedBuiltins", "BuildRuleIndices");

    private static List<String> stagesOf(String module) {
        List<String> heard = new ArrayList<>();
        try {
            Rego.builder().module("p.rego", module).stageListener(heard::add).build();
        } catch (RegoException e) {
            heard.add("error: " + e.first().message());
        }
        return heard;
    }

    @Test
    void aModuleGoesThroughEveryStageInOrder() {
        assertEquals(MODULE_STAGES, stagesOf("package p\nallow if input.x == 1\n"));
    }

    @Test
    void theCompileEndsWithTheFirstStageThatReportsErrors() {
        List<String> conflict = stagesOf("package p\nx := 1\nx contains 2\n");
        assertEquals(MODULE_STAGES.subList(0, MODULE_STAGES.indexOf("CheckRuleConflicts") + 1),
                conflict.subList(0, conflict.size() - 1));
        assertEquals("error: conflicting rules data.p.x found", conflict.get(conflict.size() - 1));

        List<String> recursive = stagesOf("package p\na if b\nb if a\n");
        assertEquals("CheckRecursion", recursive.get(recursive.size() - 2));
        assertTrue(recursive.get(recursive.size() - 1).startsWith("error: rule data.p.a is recursive"), recursive.toString());
    }

    @Test
    void queryStagesArePrefixed() {
        CompiledPolicy p = Rego.builder().module("p.rego", "package p\nallow := true\n").build();
        List<String> heard = new ArrayList<>();
        p.prepare("data.p.allow == true", heard::add);
        assertEquals(List.of("query RewriteLocalVars", "query ResolveRefs", "query RewriteWithValues", "query CheckUndefinedFuncs",
                "query CheckSafety", "query CheckTypes", "query CheckDeprecatedBuiltins"), heard);
    }

    @Test
    void timingsHaveOneRowPerStageAndATotal() {
        StageTimings t = new StageTimings();
        Rego.builder().module("p.rego", "package p\nallow if input.x == 1\n").stageListener(t).build();
        assertEquals(MODULE_STAGES, t.timings().stream().map(StageTimings.Timing::stage).toList());
        for (StageTimings.Timing x : t.timings()) assertTrue(x.wallNanos() >= 0, x.toString());
        String table = t.table();
        assertEquals(MODULE_STAGES.size() + 2, table.lines().count(), table);
        assertTrue(table.lines().reduce((a, b) -> b).orElseThrow().startsWith("total"), table);
    }
}
