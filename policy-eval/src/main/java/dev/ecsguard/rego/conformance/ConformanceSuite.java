package dev.ecsguard.rego.conformance;

import dev.ecsguard.rego.ast.RegoVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs every case under some paths and reports per case, per folder and in total. */
public final class ConformanceSuite {
    public record Report(List<ConformanceRunner.Outcome> outcomes) {
        public long count(ConformanceRunner.Status s) { return outcomes.stream().filter(o -> o.status() == s).count(); }
        public String summaryLine() {
            return count(ConformanceRunner.Status.PASS) + " passed, " + count(ConformanceRunner.Status.FAIL) + " failed, "
                    + count(ConformanceRunner.Status.SKIP) + " skipped";
        }
    }

    private ConformanceSuite() {}

    public static Report run(List<Path> roots, RegoVersion forced) throws IOException {
        List<ConformanceRunner.Outcome> out = new ArrayList<>();
        for (Path root : roots) {
            Path base = root.toAbsolutePath().normalize();
            Path rel = base.getParent() == null ? base : base.getParent();
            for (Path f : CaseLoader.findFiles(List.of(base))) {
                String name = rel.relativize(f.toAbsolutePath().normalize()).toString();
                List<ConformanceCase> cases;
                try {
                    cases = CaseLoader.load(f, name, forced);
                } catch (RuntimeException e) {
                    out.add(new ConformanceRunner.Outcome(new ConformanceCase(name, "<file>", null, "", List.of(), null, null,
                            null, null, false, null, null, null, false, Map.of(), null),
                            ConformanceRunner.Status.FAIL, "cannot read case file: " + e.getMessage()));
                    continue;
                }
                for (ConformanceCase c : cases) out.add(ConformanceRunner.run(c));
            }
        }
        return new Report(out);
    }

    /** Prints FAIL/SKIP lines, a per-folder summary and the closing "N passed, N failed, N skipped" line. */
    public static void print(Report r, PrintStream out, boolean verbose) {
        Map<String, long[]> folders = new TreeMap<>();
        for (ConformanceRunner.Outcome o : r.outcomes()) {
            String file = o.testCase().file();
            int slash = file.lastIndexOf('/');
            String folder = slash < 0 ? "." : file.substring(0, slash);
            long[] c = folders.computeIfAbsent(folder, k -> new long[3]);
            c[o.status().ordinal()]++;
            if (o.status() == ConformanceRunner.Status.FAIL) {
                out.println("FAIL " + file + " :: " + o.testCase().note() + " :: " + o.reason());
            } else if (o.status() == ConformanceRunner.Status.SKIP && verbose) {
                out.println("SKIP " + file + " :: " + o.testCase().note() + " :: " + o.reason());
            } else if (verbose) {
                out.println("PASS " + file + " :: " + o.testCase().note());
            }
        }
        out.println();
        for (Map.Entry<String, long[]> e : folders.entrySet()) {
            long[] c = e.getValue();
            out.printf("%-60s %5d passed %5d failed %5d skipped%n", e.getKey(), c[0], c[1], c[2]);
        }
        out.println();
        out.println(r.summaryLine());
    }
}
