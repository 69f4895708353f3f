package dev.ecsguard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void defaultsAreDryRunWithEveryActionAndTheStarterPolicies() {
        Settings s = Settings.defaults();
        assertEquals("dry-run", s.get("Mode"));
        assertEquals(List.of("stop_task", "scale_service", "deregister_task_definition", "block_deployment", "alert"), s.list("Actions"));
        assertEquals(List.of(), s.list("Clusters"));
        assertTrue(s.starterPolicies());
        assertEquals("java25", s.get("Runtime"));
    }

    @Test
    void aBadValueIsRejectedNamingTheSetting() {
        assertEquals("Mode=on is not one of dry-run, enforce",
                assertThrows(IllegalArgumentException.class, () -> Settings.of(Map.of("Mode", "on"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.of(Map.of("Actions", "stop_task,reboot")))
                .getMessage().startsWith("Actions=stop_task,reboot does not match"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.of(Map.of("Clusters", "a".repeat(113))))
                .getMessage().equals("Clusters is longer than 112 characters"));
        assertEquals("HookFailurePolicy=allow is not one of ignore, fail",
                assertThrows(IllegalArgumentException.class, () -> Settings.of(Map.of("HookFailurePolicy", "allow"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.of(Map.of("PolicyPath", "/x/")))
                .getMessage().startsWith("PolicyPath=/x/ does not match"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.of(Map.of("mode", "enforce")))
                .getMessage().startsWith("unknown setting(s) [mode]"));
    }

    @Test
    void clusterNamesMayUseWildcardsAsTheFunctionsClusters() {
        assertEquals(List.of("prod", "batch-*"), Settings.of(Map.of("Clusters", "prod,batch-*")).list("Clusters"));
    }
}
