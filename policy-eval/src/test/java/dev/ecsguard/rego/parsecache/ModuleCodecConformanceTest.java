package dev.ecsguard.rego.parsecache;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.QueryResult;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.conformance.CaseLoader;
import dev.ecsguard.rego.conformance.ConformanceCase;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.value.ObjectValue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The parsed-module cache changes nothing: every module of the OPA conformance corpus
 * ({@code ../shared/conformance}) and of the starter library decodes to the module the parser
 * gives, and a sample of the corpus's cases, and the starter library's tests, evaluate to the same
 * results (or the same errors) from cached modules as from sources.
 */
class ModuleCodecConformanceTest {

    @Test
    void everyCorpusModuleRoundTripsAndASampleEvaluatesTheSame(@TempDir Path dir) throws IOException {
        Path corpus = corpus();
        List<ConformanceCase> cases = new ArrayList<>();
        for (Path f : CaseLoader.findFiles(List.of(corpus))) cases.addAll(CaseLoader.load(f, f.toString(), null));
        assertTrue(cases.size() > 1000, "the corpus has its cases: " + cases.size());

        ParsedModuleCache cache = new ParsedModuleCache(dir, "test-engine");
        int modules = 0, evaluated = 0;
        for (int n = 0; n < cases.size(); n++) {
            ConformanceCase c = cases.get(n);
            Map<String, String> sources = new LinkedHashMap<>();
            for (int i = 0; i < c.modules().size(); i++) sources.put("test-" + i + ".rego", c.modules().get(i));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Module m;
                try {
                    m = Parser.parseModule(e.getValue(), e.getKey(), c.version());
                } catch (RegoException | StackOverflowError ex) {
                    continue;
                }
                assertRoundTrips(m, c.id());
                modules++;
            }
            if (n % 4 != 0 || c.inputTerm() != null) continue;
            outcome(c, sources, cache); // writes the entries the next call reads
            assertEquals(outcome(c, sources, null), outcome(c, sources, cache), c.id());
            evaluated++;
        }
        assertTrue(modules > 1000 && evaluated > 300, modules + " modules, " + evaluated + " cases evaluated");
    }

    @Test
    void theStarterLibraryRoundTrips() throws IOException {
        Path policies = repoRoot().resolve("policies");
        try (Stream<Path> s = Files.walk(policies)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".rego")).toList()) {
                assertRoundTrips(Parser.parseModule(Files.readString(p), p.toString(), null), p.toString());
            }
        }
    }

    static void assertRoundTrips(Module m, String what) {
        byte[] bytes = ModuleCodec.encode(m);
        Module back;
        try {
            back = ModuleCodec.decode(bytes);
        } catch (ModuleCodec.MalformedException e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
        assertEquals(m, back, what);
        assertArrayEquals(bytes, ModuleCodec.encode(back), what + ": re-encoded differently (number literal text?)");
    }

    /** What the case evaluates to (results as text) or the errors it fails with. */
    static String outcome(ConformanceCase c, Map<String, String> sources, ParsedModuleCache cache) {
        try {
            Rego.Builder b = Rego.builder().version(c.version());
            if (cache == null) sources.forEach(b::module);
            else cache.parseAll(sources, c.version()).forEach(b::module);
            if (c.data() != null) b.data(c.data());
            CompiledPolicy policy = b.build();
            EvalOptions opts = EvalOptions.DEFAULT.withStrict(c.strictError()).withRuntime(ObjectValue.EMPTY)
                    .withLimits(5_000_000L, Duration.ofSeconds(10), 2_000);
            List<QueryResult> r = policy.prepare(c.query()).eval(c.input(), opts);
            return "results " + r;
        } catch (RegoException e) {
            return "errors " + e.errors();
        } catch (RuntimeException | StackOverflowError e) {
            return "threw " + e.getClass().getName();
        }
    }

    static Path corpus() {
        String configured = System.getProperty("conformance.dir", System.getenv("CONFORMANCE_DIR"));
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured))) return Path.of(configured);
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int up = 0; p != null && up < 4; up++, p = p.getParent()) {
            Path dir = p.resolve("shared").resolve("conformance");
            if (Files.isRegularFile(dir.resolve("README.md"))) return dir;
        }
        if ("true".equals(System.getenv("CI"))) fail("../shared/conformance not found: CI=true requires it");
        Assumptions.abort("../shared/conformance not found (set -Dconformance.dir or CONFORMANCE_DIR)");
        return null;
    }

    static Path repoRoot() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("policies"))) p = p.getParent();
        if (p == null) fail("no policies/ directory above " + System.getProperty("user.dir"));
        return p;
    }
}
