package dev.ecsguard.rego.fuzz;

import dev.ecsguard.rego.conformance.CaseLoader;
import dev.ecsguard.rego.conformance.ConformanceCase;
import dev.ecsguard.rego.conformance.ConformanceFloorTest;
import dev.ecsguard.rego.value.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fuzz targets' properties ({@link EngineFuzzTest}) over every module, input and data document
 * of the conformance corpus (../shared/conformance), without Jazzer. With
 * {@code -Dfuzz.writeSeeds=true} it also writes them as seeds into Jazzer's generated corpus
 * ({@code policy-eval/.cifuzz-corpus/dev.ecsguard.rego.fuzz.EngineFuzzTest/<target>/}, not
 * committed), for a fuzzing run to start from.
 */
class ConformanceSeedsTest {
    @Test
    void everyConformanceModuleAndDocumentKeepsTheFuzzProperties() throws IOException {
        Path corpus = ConformanceFloorTest.corpusDir();
        if (corpus == null) {
            if ("true".equals(System.getenv("CI"))) fail("conformance corpus not found: CI=true requires it");
            Assumptions.abort("conformance corpus not found");
        }
        Set<String> modules = new LinkedHashSet<>();
        Set<String> documents = new LinkedHashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus)) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path f : files) {
            for (ConformanceCase c : CaseLoader.load(f, f.toString(), null)) {
                modules.addAll(c.modules());
                if (c.input() != null) documents.add(Json.write(c.input()));
                if (c.data() != null) documents.add(Json.write(c.data()));
            }
        }
        for (String m : modules) {
            run("parser", m, () -> EngineFuzzTest.parse(m));
            run("compiler", m, () -> EngineFuzzTest.compileAndEvaluate(m));
        }
        for (String d : documents) run("jsonReader", d, () -> EngineFuzzTest.readJson(d.getBytes(StandardCharsets.UTF_8)));
        System.out.printf("fuzz properties held on %d conformance modules and %d JSON documents%n", modules.size(), documents.size());
        assertTrue(modules.size() > 1000, "modules: " + modules.size());

        if (Boolean.getBoolean("fuzz.writeSeeds")) {
            Path root = Path.of(System.getProperty("user.dir")).resolve(".cifuzz-corpus/dev.ecsguard.rego.fuzz.EngineFuzzTest");
            write(root.resolve("parser"), modules);
            write(root.resolve("compiler"), modules);
            write(root.resolve("jsonReader"), documents);
            System.out.println("seeds written under " + root);
        }
    }

    private static void run(String target, String text, Runnable property) {
        try {
            property.run();
        } catch (Throwable t) {
            fail(target + " threw " + t + " for:\n" + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text), t);
        }
    }

    private static void write(Path dir, Set<String> texts) throws IOException {
        Files.createDirectories(dir);
        for (String t : texts) {
            byte[] b = t.getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(sha1(b)), b);
        }
    }

    private static String sha1(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
