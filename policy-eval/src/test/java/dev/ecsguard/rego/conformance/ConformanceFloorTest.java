package dev.ecsguard.rego.conformance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

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
 * Holds every conformance case that passed once: runs every corpus folder of
 * {@code ../shared/conformance} and fails, listing them, when a case named in the committed floor
 * {@code src/test/resources/conformance-floor.txt} (one {@code file :: note} per line, sorted) no
 * longer passes. New passes are reported so the floor can be raised.
 *
 * <p>Raise the floor deliberately, after checking that the new passes are real, with
 * {@code mvn -pl policy-eval test -Dtest=ConformanceFloorTest -Dconformance.updateFloor=true}
 * (or env {@code CONFORMANCE_UPDATE_FLOOR=true}): the floor file is rewritten to the current
 * passing set. Lowering it that way hides a regression; review the diff.
 *
 * <p>The corpus is found beside the repository ({@code ../shared/conformance} from the repository
 * root), or at {@code -Dconformance.dir=...} / env {@code CONFORMANCE_DIR}. Without it the test is
 * skipped with a message, except with {@code CI=true}, where that is a failure.
 */
public class ConformanceFloorTest {
    static final String FLOOR_RESOURCE = "conformance-floor.txt";

    @Test
    void everyFlooredCaseStillPasses() throws IOException {
        Path corpus = corpusDir();
        if (corpus == null) {
            String msg = "conformance corpus not found (../shared/conformance beside the repository; "
                    + "set -Dconformance.dir or CONFORMANCE_DIR)";
            if ("true".equals(System.getenv("CI"))) fail(msg + ": CI=true requires it");
            Assumptions.abort(msg + ": conformance floor not checked");
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(corpus)) {
            folders = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        TreeSet<String> passing = new TreeSet<>();
        Map<String, String> failing = new TreeMap<>();
        long pass = 0, failed = 0, skip = 0;
        System.out.println("conformance corpus: " + corpus);
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
            System.out.printf("%-14s %5d passed %5d failed %5d skipped%n", folder.getFileName(), p, f, k);
        }
        System.out.println(pass + " passed, " + failed + " failed, " + skip + " skipped");

        Path floorFile = floorFile();
        if (updateRequested()) {
            List<String> lines = new ArrayList<>();
            lines.add("# Conformance cases that pass (file :: note), sorted; ConformanceFloorTest fails when one stops passing.");
            lines.add("# Regenerate deliberately: mvn -pl policy-eval test -Dtest=ConformanceFloorTest -Dconformance.updateFloor=true");
            lines.addAll(passing);
            Files.writeString(floorFile, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            System.out.println("conformance floor rewritten: " + floorFile + " (" + passing.size() + " cases)");
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
        System.out.println("floor: " + floor.size() + " cases; passing now: " + passing.size() + "; above the floor: " + gained
                + (gained > 0 ? " (raise it with -Dconformance.updateFloor=true)" : ""));
        if (!lost.isEmpty()) {
            fail(lost.size() + " conformance case(s) in the floor no longer pass:\n  " + String.join("\n  ", lost));
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

    /** The floor file in the source tree (the module directory is user.dir under Maven). */
    static Path floorFile() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path base : new Path[] {dir, dir.resolve("policy-eval")}) {
            Path res = base.resolve("src/test/resources");
            if (Files.isDirectory(res) && Files.isDirectory(base.resolve("src/main/java/dev/ecsguard/rego"))) {
                return res.resolve(FLOOR_RESOURCE);
            }
        }
        throw new IllegalStateException("cannot find policy-eval/src/test/resources from " + dir);
    }

    /** ../shared/conformance from the repository root, found from user.dir upwards; or the configured one. */
    public static Path corpusDir() {
        String configured = System.getProperty("conformance.dir", System.getenv("CONFORMANCE_DIR"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
        }
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int up = 0; p != null && up < 4; up++, p = p.getParent()) {
            Path c = p.resolve("shared/conformance");
            if (Files.isRegularFile(c.resolve("README.md"))) return c.normalize();
        }
        return null;
    }
}
