package dev.ecsguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStoreTest {
    static final String GOOD = "package t\ndeny contains \"bad\" if input.bad\n";

    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final AtomicReference<PolicyContents> contents = new AtomicReference<>(PolicyContents.of("v1", Map.of("t.rego", GOOD), Map.of()));
    final AtomicInteger loads = new AtomicInteger();
    final ManualClock clock = new ManualClock();
    final List<PolicyStore.RefreshEvent> events = new ArrayList<>();
    final PolicySource source = new PolicySource() {
        @Override
        public PolicyContents load() {
            loads.incrementAndGet();
            return contents.get();
        }

        @Override
        public String describe() {
            return "test";
        }
    };

    PolicyStore store(PolicySelfTest selfTest) {
        return new PolicyStore(source, new PolicyCompiler("data.t.deny", null, selfTest, clock), Duration.ofSeconds(60), clock, events::add);
    }

    @Test
    void compiledOncePerVersionAndRefreshedAfterTheTtl() {
        PolicyStore s = store(PolicySelfTest.NOT_RUN);
        s.refreshIfStale();
        assertInstanceOf(PolicyStore.RefreshEvent.Loaded.class, events.get(0));
        String sha = s.current().orElseThrow().sha256();
        clock.now = clock.now.plusSeconds(30);
        s.refreshIfStale();
        assertEquals(1, loads.get(), "within the TTL the source is not asked");
        clock.now = clock.now.plusSeconds(31);
        s.refreshIfStale();
        assertEquals(2, loads.get());
        assertInstanceOf(PolicyStore.RefreshEvent.Unchanged.class, events.get(1));
        contents.set(PolicyContents.of("v2", Map.of("t.rego", GOOD + "deny contains \"worse\" if input.worse\n"), Map.of()));
        s.refresh();
        assertNotEquals(sha, s.current().orElseThrow().sha256());
        assertEquals("v2", s.current().orElseThrow().version());
    }

    @Test
    void aBrokenVersionIsRejectedAndTheLastGoodOneStays() {
        PolicyStore s = store(PolicySelfTest.NOT_RUN);
        s.refresh();
        contents.set(PolicyContents.of("v2", Map.of("t.rego", "package t\ndeny contains x if {"), Map.of()));
        PolicyStore.RefreshEvent.Rejected r = assertInstanceOf(PolicyStore.RefreshEvent.Rejected.class, s.refresh());
        assertTrue(r.reason().contains("does not compile"), r.reason());
        assertEquals("v1", s.current().orElseThrow().version());
    }

    @Test
    void aVersionFailingItsTestsIsRejected() {
        PolicyStore s = store((c, compiled) -> c.version().equals("v1")
                ? new PolicySelfTest.Outcome(true, 1, 0, "1 passed")
                : new PolicySelfTest.Outcome(true, 0, 1, "0 passed, 1 failed"));
        s.refresh();
        contents.set(PolicyContents.of("v2", Map.of("t.rego", GOOD + "# changed\n"), Map.of()));
        assertInstanceOf(PolicyStore.RefreshEvent.Rejected.class, s.refresh());
        assertEquals("v1", s.current().orElseThrow().version());
    }

    @Test
    void noPolicyAtAllIsReported() {
        contents.set(PolicyContents.of("v0", Map.of("t.rego", "package other\nx := 1\n"), Map.of()));
        PolicyStore s = store(PolicySelfTest.NOT_RUN);
        s.refresh();
        assertTrue(s.current().isEmpty());
        assertTrue(s.unavailableReason().contains("names no rule"), s.unavailableReason());
    }

    @Test
    void dataDocumentsAreMergedAndConflictsRejected() throws Exception {
        assertEquals("{\"a\":{\"b\":1,\"c\":2}}", dev.ecsguard.rego.value.Json.write(
                PolicyCompiler.mergeData(Map.of("1.json", "{\"a\":{\"b\":1}}", "2.json", "{\"a\":{\"c\":2}}"))));
        assertThrows(PolicyLoadException.class, () -> PolicyCompiler.mergeData(new java.util.TreeMap<>(Map.of("1.json", "{\"a\":1}", "2.json", "{\"a\":2}"))));
        assertThrows(PolicyLoadException.class, () -> PolicyCompiler.mergeData(Map.of("1.json", "[1]")));
    }

    @Test
    void directorySourceReadsModulesAndDataAndHashesContents(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t.rego"), GOOD);
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/config.json"), "{\"t\": {\"x\": 1}}");
        Files.writeString(dir.resolve(".hidden.rego"), "not rego");
        PolicyContents c = new DirectoryPolicySource(dir).load();
        assertEquals(1, c.modules().size());
        assertEquals(1, c.dataDocuments().size());
        assertEquals(c.sha256(), new DirectoryPolicySource(dir).load().sha256());
        Files.writeString(dir.resolve("t.rego"), GOOD + "\n");
        assertNotEquals(c.sha256(), new DirectoryPolicySource(dir).load().sha256());
        assertThrows(PolicyLoadException.class, () -> new DirectoryPolicySource(dir.resolve("nope")).load());
    }

    @Test
    void theVersionsOwnTestRulesGateIt() {
        String test = "package t_test\nimport data.t\ntest_bad_is_denied if { \"bad\" in t.deny with input as {\"bad\": true} }\n";
        contents.set(PolicyContents.of("v1", Map.of("t.rego", GOOD, "t_test.rego", test), Map.of()));
        PolicyStore s = store(new RegoTestSelfTest());
        s.refresh();
        PolicyStore.RefreshEvent.Loaded loaded = assertInstanceOf(PolicyStore.RefreshEvent.Loaded.class, events.get(0));
        assertEquals("self-test: 1 passed, 0 failed", loaded.policy().selfTest().summary());
        contents.set(PolicyContents.of("v2", Map.of("t.rego", "package t\ndeny contains \"bad\" if input.nope\n", "t_test.rego", test), Map.of()));
        PolicyStore.RefreshEvent.Rejected r = assertInstanceOf(PolicyStore.RefreshEvent.Rejected.class, s.refresh());
        assertTrue(r.reason().contains("fails its own tests") && r.reason().contains("test_bad_is_denied"), r.reason());
        assertEquals("v1", s.current().orElseThrow().version());
    }
}
