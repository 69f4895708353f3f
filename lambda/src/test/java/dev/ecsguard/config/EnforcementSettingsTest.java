package dev.ecsguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.decision.ActionKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnforcementSettingsTest {
    @Test
    void defaultsActOnNothingLiveAndAllowEveryAction() {
        Config c = Config.fromEnvironment(Map.of());
        EnforcementSettings e = c.enforcement();
        assertEquals(Config.EnforcementMode.DRY_RUN, c.mode());
        assertEquals(EnumSet.allOf(ActionKind.class), e.actions());
        assertTrue(e.clusters().all());
        assertEquals("ecs-guard-ledger", e.ledgerTable());
        assertEquals(Duration.ofDays(30), e.ledgerTtl());
        assertEquals(Optional.empty(), e.alertTopicArn());
        assertEquals(Optional.empty(), e.eventBusName());
        assertEquals(Optional.empty(), e.memberRoleName());
        assertEquals(10, e.breakerMaxRemediations());
        assertEquals(Duration.ofSeconds(900), e.breakerWindow());
        assertEquals(EnforcementSettings.HookFailurePolicy.IGNORE, e.hookFailurePolicy());
        assertTrue(e.allows(ActionKind.BLOCK_DEPLOYMENT), "block_deployment is allowed by default");
    }

    @Test
    void hookFailurePolicyIsIgnoreOrFail() {
        assertEquals(EnforcementSettings.HookFailurePolicy.FAIL,
                Config.fromEnvironment(Map.of("HOOK_FAILURE_POLICY", " Fail ")).enforcement().hookFailurePolicy());
        assertEquals(EnforcementSettings.HookFailurePolicy.IGNORE,
                Config.fromEnvironment(Map.of("HOOK_FAILURE_POLICY", "ignore")).enforcement().hookFailurePolicy());
        ConfigException bad = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("HOOK_FAILURE_POLICY", "allow")));
        assertEquals("HOOK_FAILURE_POLICY=allow is not one of ignore, fail", bad.getMessage());
        ConfigException badAction = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("ACTIONS", "block")));
        assertTrue(badAction.getMessage().contains("block_deployment"), badAction.getMessage());
        assertEquals(EnumSet.of(ActionKind.BLOCK_DEPLOYMENT, ActionKind.ALERT),
                Config.fromEnvironment(Map.of("ACTIONS", "block_deployment,alert")).enforcement().actions());
    }

    @Test
    void readsEveryVariable() {
        EnforcementSettings e = Config.fromEnvironment(Map.of("ACTIONS", "stop_task, alert", "CLUSTERS", "prod,arn:aws:ecs:*:*:cluster/pay-*",
                "LEDGER_TABLE", "t", "LEDGER_TTL_DAYS", "7", "ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:1:a",
                "EVENT_BUS_NAME", "central", "MEMBER_ROLE_NAME", "guard/ecs-guard-member", "BREAKER_MAX_REMEDIATIONS", "3",
                "BREAKER_WINDOW_SECONDS", "60")).enforcement();
        assertEquals(EnumSet.of(ActionKind.STOP_TASK, ActionKind.ALERT), e.actions());
        assertEquals("stop_task,alert", e.actionsLabel());
        assertEquals("t", e.ledgerTable());
        assertEquals(Duration.ofDays(7), e.ledgerTtl());
        assertEquals(Optional.of("guard/ecs-guard-member"), e.memberRoleName());
        assertEquals(3, e.breakerMaxRemediations());
        assertEquals(Duration.ofSeconds(60), e.breakerWindow());
        assertTrue(e.clusters().includes("arn:aws:ecs:us-east-1:111122223333:cluster/prod"));
        assertTrue(e.clusters().includes("prod"));
        assertTrue(e.clusters().includes("arn:aws:ecs:eu-west-1:111122223333:cluster/pay-eu"));
        assertFalse(e.clusters().includes("arn:aws:ecs:us-east-1:111122223333:cluster/production"));
        assertFalse(e.clusters().includes(null), "an unknown cluster is outside an explicit list");
        assertTrue(Config.fromEnvironment(Map.of("ACTIONS", "none")).enforcement().actions().isEmpty());
    }

    @Test
    void invalidValuesNameTheVariable() {
        assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("ACTIONS", "stop_task,reboot")))
                .getMessage().startsWith("ACTIONS: reboot"));
        assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("BREAKER_MAX_REMEDIATIONS", "0")))
                .getMessage().contains("BREAKER_MAX_REMEDIATIONS"));
        assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("BREAKER_MAX_REMEDIATIONS", "101")))
                .getMessage().contains("1..100"));
        assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("MEMBER_ROLE_NAME",
                "arn:aws:iam::1:role/x"))).getMessage().contains("not an ARN"));
        assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("ALERT_TOPIC_ARN", "alerts")))
                .getMessage().contains("ALERT_TOPIC_ARN"));
        assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("LEDGER_TTL_DAYS", "soon")))
                .getMessage().contains("LEDGER_TTL_DAYS"));
    }
}
