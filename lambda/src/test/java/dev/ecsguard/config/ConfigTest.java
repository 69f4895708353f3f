package dev.ecsguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void defaultsWhenNothingIsSet() {
        Config c = Config.fromEnvironment(Map.of());
        assertEquals("data.ecsguard.violations", c.policyQuery());
        assertEquals(Config.InputMode.FULL, c.inputMode());
        assertEquals(Config.RegoVersionSetting.AUTO, c.regoVersion());
        assertEquals(Duration.ofSeconds(60), c.policyTtl());
        assertEquals(Config.EnforcementMode.DRY_RUN, c.mode());
        assertEquals(Config.LogLevel.INFO, c.logLevel());
        assertTrue(c.policyParameter().isEmpty());
        assertTrue(c.policyPath().isEmpty());
    }

    @Test
    void readsEveryVariable() {
        Config c = Config.fromEnvironment(Map.of(
                "POLICY_PATH", "/ecs-guard/policies", "POLICY_QUERY", "data.ecstaskstatuswatcher.allow",
                "INPUT_MODE", "detail", "REGO_VERSION", "v0", "POLICY_TTL_SECONDS", "5", "MODE", "enforce",
                "LOG_LEVEL", "debug", "AWS_REGION", "eu-west-1", "EVAL_TIMEOUT_MS", "250", "MAX_EVENT_BYTES", "4096"));
        assertEquals(Optional.of("/ecs-guard/policies"), c.policyPath());
        assertEquals("data.ecstaskstatuswatcher.allow", c.policyQuery());
        assertEquals(Config.InputMode.DETAIL, c.inputMode());
        assertEquals(Config.RegoVersionSetting.V0, c.regoVersion());
        assertEquals(Duration.ofSeconds(5), c.policyTtl());
        assertEquals(Config.EnforcementMode.ENFORCE, c.mode());
        assertEquals(Config.LogLevel.DEBUG, c.logLevel());
        assertEquals(Optional.of("eu-west-1"), c.awsRegion());
        assertEquals(Duration.ofMillis(250), c.evalTimeout());
        assertEquals(4096, c.maxEventBytes());
    }

    @Test
    void invalidValuesNameTheVariable() {
        assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("INPUT_MODE", "raw")))
                .getMessage().startsWith("INPUT_MODE=raw"));
        assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("POLICY_TTL_SECONDS", "soon")))
                .getMessage().contains("POLICY_TTL_SECONDS"));
        assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("MODE", "yolo")))
                .getMessage().contains("MODE"));
        assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("POLICY_PARAMETER", "/a", "POLICY_PATH", "/b")));
    }

    @Test
    void blankValuesAreDefaults() {
        assertEquals(Config.DEFAULT_QUERY, Config.fromEnvironment(Map.of("POLICY_QUERY", "  ")).policyQuery());
    }
}
