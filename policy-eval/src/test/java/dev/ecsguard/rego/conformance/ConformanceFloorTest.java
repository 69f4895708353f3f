package dev.ecsguard.rego.conformance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Holds every case that passed once, for each corpus of OPA-answered cases beside the repository:
 * {@code ../shared/conformance} (floor {@code src/test/resources/conformance-floor.txt}) and
 * {@code ../shared/peers-dev}, real policy libraries' own unit tests (floor
 * {@code peers-dev-floor.txt}). Each corpus folder is run and the test fails, listing them, when a
 * case named in the committed floor (one {@code file :: note} per line, sorted) no longer passes,
 * so a compile check stricter than OPA's cannot land silently. New passes are reported so the
 * floor can be raised.
 *
 * <p>Raise the floors deliberately, after checking that the new passes are real, with
 * {@code mvn -pl policy-eval test -Dtest=ConformanceFloorTest -Dconformance.updateFloor=true}
 * (or env {@code CONFORMANCE_UPDATE_FLOOR=true}): each floor file is rewritten to the current
 * passing set. Lowering a floor that way hides a regression; review the diff.
 *
 * <p>A corpus is found beside the repository ({@code ../shared/<name>} from the repository root),
 * or at {@code -Dconformance.dir=...} / env {@code CONFORMANCE_DIR} ({@code -Dpeers.dir} /
 * {@code PEERS_DIR} for peers-dev). Without it the test is skipped with a message, except with
 * {@code CI=true}, where that is a failure.
 */
public class ConformanceFloorTest {
    static final String FLOOR_RESOURCE = "conformance-floor.txt";

    /** A corpus and the floor that holds it. */
    record Corpus(String name, String floorResource, String dirProperty, String dirEnv) {
        @Override public String toString() { return name; }
    }

    static Stream<Corpus> corpora() {
        return Stream.of(new Corpus("conformance", FLOOR_RESOURCE, "conformance.dir", "CONFORMANCE_DIR"),
                new Corpus("peers-dev", "peers-dev-floor.txt", "peers.dir", "PEERS_DIR"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpora")
    void everyFlooredCaseStillPasses(Corpus c) throws IOException {
        Path corpus = corpusDir(c);
        if (corpus == null) {
            String msg = c.name() + " corpus not found (../shared/" + c.name() + " beside the repository; set -D"
                    + c.dirProperty() + " or " + c.dirEnv() + ")";
            if ("true".equals(System.getenv("CI"))) fail(msg + ": CI=true requires it");
            Assumptions.abort(msg + ": floor not checked");
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(corpus)) {
            folders = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        TreeSet<String> passing = new TreeSet<>();
        Map<String, String> failing = new TreeMap<>();
        long pass = 0, failed = 0, skip = 0;
        System.out.println(c.name() + " corpus: " + corpus);
        for (Path folder : folders) {
            ConformanceSuite.Report r = ConformanceSuite.run(List.of(folder), null);
            for (ConformanceRunner.Outcome o : r.outcomes()) {
                String id = o.testCase().id();
                if (o.status() == ConformanceRunner.Status.PASS) passing.add(id);
                else if (o.status() == ConformanceRunner.Status.FAIL) failing.put(id, o.reason());
            }
            long p = r.count(ConformanceRunner.Status.PASS), f = r.count(ConformanceRunner.Status.FAIL),
                    k = r.count(ConformanceRunner.Status.SKIP);
            pass += p;
            failed += f;
            skip += k;
            System.out.printf("%-20s %5d passed %5d failed %5d skipped%n", folder.getFileName(), p, f, k);
        }
        System.out.println(pass + " passed, " + failed + " failed, " + skip + " skipped");

        Path floorFile = floorFile(c.floorResource());
        if (updateRequested()) {
            List<String> lines = new ArrayList<>();
            lines.add("# " + c.name() + " cases that pass (file :: note), sorted; ConformanceFloorTest fails when one stops passing.");
            lines.add("# Regenerate deliberately: mvn -pl policy-eval test -Dtest=ConformanceFloorTest -Dconformance.updateFloor=true");
            lines.addAll(passing);
            Files.writeString(floorFile, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            System.out.println(c.name() + " floor rewritten: " + floorFile + " (" + passing.size() + " cases)");
            return;
        }
        TreeSet<String> floor = readFloor(floorFile);
        List<String> lost = new ArrayList<>();
        for (String id : floor) {
            if (!passing.contains(id)) {
                String why = failing.containsKey(id) ? failing.get(id) : "no longer passes (skipped or not found in the corpus)";
                lost.add(id + " :: " + why);
            }
        }
        long gained = passing.stream().filter(id -> !floor.contains(id)).count();
        System.out.println(c.name() + " floor: " + floor.size() + " cases; passing now: " + passing.size() + "; above the floor: "
                + gained + (gained > 0 ? " (raise it with -Dconformance.updateFloor=true)" : ""));
        if (!lost.isEmpty()) {
            fail(lost.size() + " " + c.name() + " case(s) in the floor no longer pass:\n  " + String.join("\n  ", lost));
        }
    }

    private static boolean updateRequested() {
        return Boolean.getBoolean("conformance.updateFloor") || "true".equals(System.getenv("CONFORMANCE_UPDATE_FLOOR"));
    }

    private static TreeSet<String> readFloor(Path file) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) out.add(line);
        }
        return out;
    }

    /** A floor file in the source tree (the module directory is user.dir under Maven). */
    static Path floorFile(String resource) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path base : new Path[] {dir, dir.resolve("policy-eval")}) {
            Path res = base.resolve("src/test/resources");
            if (Files.isDirectory(res) && Files.isDirectory(base.resolve("src/main/java/dev/ecsguard/rego"))) {
                return res.resolve(resource);
            }
        }
        throw new IllegalStateException("cannot find policy-eval/src/test/resources from " + dir);
    }

    /** ../shared/conformance from the repository root, found from user.dir upwards; or the configured one. */
    public static Path corpusDir() {
        return corpusDir(corpora().findFirst().orElseThrow());
    }

    /** ../shared/NAME from the repository root, found from user.dir upwards; or the configured one. */
    static Path corpusDir(Corpus c) {
        String configured = System.getProperty(c.dirProperty(), System.getenv(c.dirEnv()));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
        }
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int up = 0; p != null && up < 4; up++, p = p.getParent()) {
            Path dir = p.resolve("shared").resolve(c.name());
            if (Files.isDirectory(dir) && (Files.isRegularFile(dir.resolve("README.md")) || Files.isRegularFile(dir.resolve("SOURCES.md")))) {
                return dir.normalize();
            }
        }
        return null;
    }
}
