package dev.ecsguard.rego.parsecache;

import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.errors.RegoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParsedModuleCacheTest {
    static final String SRC = """
            package p.q

            import rego.v1

            # METADATA
            # title: Deny big
            # custom:
            #   severity: high
            #   limits: [1, 2.50, -0, 1e3]
            deny contains msg if {
                some i, x in input.items
                not x.ok
                x.n > 1.0
                every y in x.tags { startswith(y, "a") }
                msg := sprintf("%v %v", [i, {"k": [1, {2}], "s": {y | y := x.tags[_]}}])
            }

            f(a) := b if { b := a * 2 } else := 0
            default allow := false
            allow if { count(deny) == 0 with input as {"items": []} }
            """;

    private static Map<String, String> sources(String src) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("policies/p.rego", src);
        return m;
    }

    @Test
    void aSecondParseComesFromTheCacheAndEqualsTheParse(@TempDir Path dir) throws Exception {
        ParsedModuleCache cache = new ParsedModuleCache(dir.resolve("parsed"), "engine-1");
        Module parsed = Parser.parseModule(SRC, "policies/p.rego", null);
        assertNull(cache.load("policies/p.rego", SRC, null), "nothing cached yet");

        List<Module> first = cache.parseAll(sources(SRC), null);
        assertEquals(List.of(parsed), first);
        Module cached = cache.load("policies/p.rego", SRC, null);
        assertEquals(parsed, cached);
        assertArrayEquals(ModuleCodec.encode(parsed), ModuleCodec.encode(cached), "number literals' text kept too");
        assertEquals(List.of(parsed), cache.parseAll(sources(SRC), null));
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("parsed"))));
        }
    }

    @Test
    void aChangedSourceVersionFlagFileNameOrEngineMisses(@TempDir Path dir) {
        ParsedModuleCache cache = new ParsedModuleCache(dir, "engine-1");
        cache.parseAll(sources(SRC), null);
        assertNotNull(cache.load("policies/p.rego", SRC, null));
        assertNull(cache.load("policies/p.rego", SRC.replace("x.n > 1.0", "x.n > 2.0"), null), "edited module");
        assertNull(cache.load("policies/p.rego", SRC + "\n", null), "one byte more");
        assertNull(cache.load("policies/p.rego", SRC, RegoVersion.V1), "--v1");
        assertNull(cache.load("policies/other.rego", SRC, null), "other file name (error locations name it)");
        assertNull(new ParsedModuleCache(dir, "engine-2").load("policies/p.rego", SRC, null), "another engine build");

        String edited = SRC.replace("x.n > 1.0", "x.n > 2.0");
        List<Module> reparsed = cache.parseAll(sources(edited), null);
        assertEquals(List.of(Parser.parseModule(edited, "policies/p.rego", null)), reparsed);
        assertNotNull(cache.load("policies/p.rego", edited, null), "the entry was rewritten for the edit");
        assertNull(cache.load("policies/p.rego", SRC, null));
    }

    @Test
    void aCorruptedTruncatedOrForeignEntryIsIgnoredAndRewritten(@TempDir Path dir) throws IOException {
        ParsedModuleCache cache = new ParsedModuleCache(dir, "engine-1");
        Module parsed = cache.parseAll(sources(SRC), null).get(0);
        Path entry = entry(dir);
        byte[] good = Files.readAllBytes(entry);

        for (int at : new int[] {good.length - 1, good.length - 20, good.length / 2, 3}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            Files.write(entry, bad);
            assertNull(cache.load("policies/p.rego", SRC, null), "flipped bit at " + at);
        }
        Files.write(entry, Arrays.copyOf(good, good.length - 9));
        assertNull(cache.load("policies/p.rego", SRC, null), "truncated");
        Files.write(entry, new byte[0]);
        assertNull(cache.load("policies/p.rego", SRC, null), "empty");
        Files.writeString(entry, "not an entry at all");
        assertNull(cache.load("policies/p.rego", SRC, null), "foreign");

        assertEquals(List.of(parsed), cache.parseAll(sources(SRC), null), "parsed again, not trusted");
        assertArrayEquals(good, Files.readAllBytes(entry), "and rewritten");
    }

    @Test
    void aPayloadThatDecodesWrongIsRejectedEvenWithAValidChecksum() {
        byte[] payload = ModuleCodec.encode(Parser.parseModule(SRC, "policies/p.rego", null));
        assertThrows(ModuleCodec.MalformedException.class, () -> ModuleCodec.decode(Arrays.copyOf(payload, payload.length - 1)));
        byte[] longer = Arrays.copyOf(payload, payload.length + 1);
        assertThrows(ModuleCodec.MalformedException.class, () -> ModuleCodec.decode(longer), "trailing bytes");
        byte[] badTag = payload.clone();
        badTag[0] = (byte) 0x7F; // the module's file name: a string reference to nothing written yet
        assertThrows(ModuleCodec.MalformedException.class, () -> ModuleCodec.decode(badTag));
        assertThrows(ModuleCodec.MalformedException.class, () -> ModuleCodec.decode(new byte[] {1, 0, 99}));
    }

    @Test
    void parseErrorsAreTheParsersAndNothingIsCachedForThem(@TempDir Path dir) throws IOException {
        ParsedModuleCache cache = new ParsedModuleCache(dir, "engine-1");
        Map<String, String> src = new LinkedHashMap<>();
        src.put("a.rego", "package a\nx := ");
        src.put("b.rego", "package b\ny := 1");
        src.put("c.rego", "package c\nz := [");
        RegoException cached = assertThrows(RegoException.class, () -> cache.parseAll(src, null));
        Rego.Builder fromSources = Rego.builder();
        src.forEach(fromSources::module);
        RegoException plain = assertThrows(RegoException.class, fromSources::build);
        assertEquals(plain.errors(), cached.errors());
        assertEquals(2, cached.errors().size(), "every module's error, as Rego.Builder reports them");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.filter(p -> p.toString().endsWith(".bin")).count(), "only b.rego");
        }
    }

    @Test
    void anUnwritableCacheOnlyCostsTheParse(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("not-a-directory");
        Files.writeString(file, "x");
        ParsedModuleCache cache = new ParsedModuleCache(file.resolve("parsed"), "engine-1");
        assertEquals(List.of(Parser.parseModule(SRC, "policies/p.rego", null)), cache.parseAll(sources(SRC), null));
        assertEquals(List.of(Parser.parseModule(SRC, "policies/p.rego", null)), cache.parseAll(sources(SRC), null));
    }

    @Test
    void theUsersCacheDirectoryFollowsXdg(@TempDir Path dir) {
        ParsedModuleCache c = ParsedModuleCache.forUser(Map.of("XDG_CACHE_HOME", dir.toString()));
        assertNotNull(c, "the engine build is known when running from classes");
        assertEquals(dir.resolve("ecs-guard").resolve("parsed"), c.dir());
        ParsedModuleCache home = ParsedModuleCache.forUser(Map.of("XDG_CACHE_HOME", "relative/ignored"));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "ecs-guard", "parsed"), home.dir());
        assertFalse(ParsedModuleCache.engineBuild().isBlank());
    }

    private static Path entry(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> entries = s.filter(p -> p.toString().endsWith(".bin")).toList();
            assertEquals(1, entries.size());
            assertTrue(Files.size(entries.get(0)) > SRC.length());
            return entries.get(0);
        }
    }
}
