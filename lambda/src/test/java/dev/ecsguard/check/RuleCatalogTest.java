package dev.ecsguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.rego.Rego;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {
    @Test
    void packageAndRuleAnnotationsWithACustomId() {
        RuleCatalog c = RuleCatalog.of(Rego.builder().module("a.rego", """
                # METADATA
                # title: Privileged containers
                # description: >-
                #   Runs with every capability.
                # custom:
                #   id: ECS_PRIVILEGED
                #   severity: Critical
                #   security_hub_control: ECS.4
                #   aws_config_rule: ecs-containers-nonprivileged
                #   remediation: Remove it.
                package rules.privileged

                # METADATA
                # title: Rule scoped
                # custom:
                #   id: RULE_SCOPED
                deny contains "x" if false

                # METADATA
                # title: no id, not a rule of the catalog
                other := 1
                """).module("b.rego", """
                # METADATA
                # title: decision without custom
                package main

                x := 1
                """).build());
        RuleCatalog.RuleInfo p = c.get("ECS_PRIVILEGED").orElseThrow();
        assertEquals("Privileged containers", p.title());
        assertEquals("Runs with every capability.", p.description());
        assertEquals("Remove it.", p.remediation());
        assertEquals("critical", p.severity());
        assertEquals(List.of("security-hub/ECS.4", "aws-config/ecs-containers-nonprivileged"), p.tags());
        RuleCatalog.RuleInfo r = c.get("RULE_SCOPED").orElseThrow();
        assertNull(r.severity());
        assertNull(r.description());
        assertEquals(List.of("ECS_PRIVILEGED", "RULE_SCOPED"), c.all().stream().map(RuleCatalog.RuleInfo::id).toList());
        assertTrue(c.get("NOPE").isEmpty());
        assertTrue(c.get(null).isEmpty());
    }

    @Test
    void theStarterLibraryDocumentsEveryRuleModule() throws Exception {
        PolicyRunner runner = PolicyRunner.load(List.of(CheckCli.policies()), "data.ecsguard.violations",
                dev.ecsguard.policy.PolicySelfTest.NOT_RUN);
        RuleCatalog c = RuleCatalog.of(runner.policy().compiled());
        assertEquals(25, c.all().size());
        for (RuleCatalog.RuleInfo r : c.all()) {
            assertTrue(r.id().startsWith("ECS_"), r.id());
            assertTrue(r.title() != null && r.description() != null && r.remediation() != null, r.id());
            assertTrue(List.of("critical", "high", "medium", "low").contains(r.severity()), r.id());
        }
        assertEquals(List.of("security-hub/ECS.4", "aws-config/ecs-containers-nonprivileged"),
                c.get("ECS_PRIVILEGED").orElseThrow().tags());
        assertEquals(List.of("security-hub/ECS.13", "security-hub/ECS.14", "security-hub/ECS.15", "aws-config/tagged-ecs-service",
                "aws-config/tagged-ecs-cluster", "aws-config/tagged-ecs-taskdefinition"), c.get("ECS_MISSING_TAGS").orElseThrow().tags(),
                "a rule that maps to several controls lists them");
    }
}
