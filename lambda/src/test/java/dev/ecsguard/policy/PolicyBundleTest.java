package dev.ecsguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.cli.CliRun;
import dev.ecsguard.config.Config;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.handler.EnforcementPipeline;
import dev.ecsguard.input.CachingTaskDefinitionSource;
import dev.ecsguard.input.DirectoryTaskDefinitionSource;
import dev.ecsguard.input.InputDocumentBuilder;
import dev.ecsguard.log.DecisionJson;
import dev.ecsguard.testsupport.AwsBackend;
import dev.ecsguard.testsupport.MotoServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The starter policies as the SSM parameters a deployment creates: published to moto_server,
 * read back by the function's own {@link SsmPolicySource}, they decide every sample event exactly
 * as {@code policies/} does.
 */
@ExtendWith(MotoServerExtension.class)
class PolicyBundleTest {
    static final Path ROOT = CliRun.repoRoot();
    static final String PATH = "/ecs-guard/test-stack/policies";

    @Test
    void commentsGoButLinesAndStringsStay() {
        String rego = """
                # METADATA
                # title: x
                package p   # trailing

                msg := "not # a comment"  \t
                raw := `also # not` # but this is
                """;
        String stripped = PolicyBundle.withoutComments(rego);
        assertEquals("\n\npackage p\n\nmsg := \"not # a comment\"\nraw := `also # not`\n", stripped);
        assertEquals(rego.split("\n", -1).length, stripped.split("\n", -1).length, "line numbers are kept");
    }

    @Test
    void starterPoliciesFitInSsmParametersWithoutTheirTests() throws PolicyLoadException, IOException {
        List<PolicyBundle.Entry> entries = PolicyBundle.fromDirectory(ROOT.resolve("policies"));
        List<String> names = entries.stream().map(PolicyBundle.Entry::name).toList();
        assertTrue(names.contains("main.rego") && names.contains("lib/ecs.rego") && names.contains("data/config.json"), names::toString);
        assertTrue(names.stream().noneMatch(n -> n.endsWith("_test.rego")), names::toString);
        assertEquals(names.stream().sorted().toList(), names, "name order");
        for (PolicyBundle.Entry e : entries) {
            assertTrue(e.bytes() <= PolicyBundle.ADVANCED_TIER_BYTES, e.name() + " " + e.bytes());
            assertEquals(e.bytes() <= PolicyBundle.STANDARD_TIER_BYTES ? "Standard" : "Advanced", e.tier(), e.name());
            assertFalse(e.value().contains("# METADATA"), e.name());
        }
        String config = entries.stream().filter(PolicyBundle.Entry::isData).findFirst().orElseThrow().value();
        assertFalse(config.contains("\n"), "compact JSON");
        assertTrue(config.length() < Files.readString(ROOT.resolve("policies/data/config.json")).length());
    }

    @Test
    void aModuleTooLargeForAParameterIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("big.rego"), "package big\n\nx := \"" + "a".repeat(9000) + "\"\n");
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> PolicyBundle.fromDirectory(dir));
        assertTrue(e.getMessage().startsWith("big.rego is 9021 bytes without comments; an SSM parameter holds at most 8192"),
                e.getMessage());
        Files.writeString(dir.resolve("big.rego"), "package big\n");
        Files.writeString(dir.resolve("bad.json"), "{\"a\": ");
        assertTrue(assertThrows(PolicyLoadException.class, () -> PolicyBundle.fromDirectory(dir)).getMessage()
                .startsWith("bad.json: invalid JSON"));
    }

    @Test
    void publishedBundleDecidesEverySampleAsThePolicyDirectory(AwsBackend aws) throws Exception {
        List<PolicyBundle.Entry> entries = PolicyBundle.fromDirectory(ROOT.resolve("policies"));
        PolicyContents loaded;
        try (SsmClient ssm = aws.ssm()) {
            for (PolicyBundle.Entry e : entries) {
                ssm.putParameter(r -> r.name(e.parameterName(PATH)).type(ParameterType.STRING)
                        .tier(ParameterTier.fromValue(e.tier())).value(e.value()));
            }
            loaded = SsmPolicySource.path(ssm, PATH).load();
        }
        PolicyContents expected = PolicyBundle.contents(entries, PATH);
        assertEquals(expected.modules(), loaded.modules());
        assertEquals(expected.dataDocuments(), loaded.dataDocuments());

        EnforcementPipeline fromBundle = pipeline(new FixedSource(loaded));
        EnforcementPipeline fromDirectory = pipeline(new DirectoryPolicySource(ROOT.resolve("policies")));
        int decided = 0;
        for (Path sample : samples()) {
            byte[] payload = Files.readAllBytes(sample);
            List<Map<String, Object>> a = comparable(fromBundle.process(payload));
            List<Map<String, Object>> b = comparable(fromDirectory.process(payload));
            assertEquals(b, a, sample.toString());
            decided += a.size();
        }
        assertTrue(decided > 40, "decided " + decided);
    }

    static EnforcementPipeline pipeline(PolicySource source) {
        Config config = Config.defaults();
        PolicyStore store = new PolicyStore(source, new PolicyCompiler(config.policyQuery(), null, PolicySelfTest.NOT_RUN,
                Clock.systemUTC()), config.policyTtl(), Clock.systemUTC(), e -> { });
        store.refresh();
        assertTrue(store.current().isPresent(), store.unavailableReason());
        return new EnforcementPipeline(config, store, new InputDocumentBuilder(new CachingTaskDefinitionSource(
                new DirectoryTaskDefinitionSource(List.of(ROOT.resolve("events-samples/taskdefs"))), 100)));
    }

    static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve("events-samples"))) {
            return s.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.toString().contains("/taskdefs/") && !p.toString().contains("/inputs/"))
                    .filter(p -> !p.getFileName().toString().equals("expected.json")).sorted().toList();
        }
    }

    /** A decision's log fields without the policy identity and timings, which differ by source. */
    static List<Map<String, Object>> comparable(List<DecisionRecord> records) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DecisionRecord r : records) {
            Map<String, Object> f = DecisionJson.fields(r);
            f.remove("policy");
            f.remove("timings_us");
            out.add(f);
        }
        return out;
    }

    record FixedSource(PolicyContents contents) implements PolicySource {
        @Override
        public PolicyContents load() {
            return contents;
        }

        @Override
        public String describe() {
            return "fixed";
        }
    }
}
