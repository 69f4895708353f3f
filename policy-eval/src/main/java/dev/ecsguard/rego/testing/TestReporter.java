package dev.ecsguard.rego.testing;

import dev.ecsguard.rego.testing.RegoTestRunner.Report;
import dev.ecsguard.rego.testing.RegoTestRunner.Status;
import dev.ecsguard.rego.testing.RegoTestRunner.TestResult;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a test report as text: one line per test grouped by file ({@code data.p.test_x: PASS (12us)}),
 * the print output and reason of every failure (of every test with {@code verbose}), the coverage
 * when collected, and the closing line {@code N passed, N failed}.
 */
public final class TestReporter {
    private static final String RULE = "-".repeat(80);

    private TestReporter() {}

    public static void print(Report r, PrintStream out, boolean verbose) {
        String file = null;
        for (TestResult t : r.results()) {
            if (!t.file().equals(file)) {
                if (file != null) out.println();
                file = t.file();
                out.println(file + ":");
            }
            out.println(t.name() + ": " + t.status() + (t.status() == Status.SKIP ? "" : " (" + duration(t.durationNs()) + ")"));
            boolean failed = t.status() == Status.FAIL || t.status() == Status.ERROR;
            if (failed && t.message() != null) {
                for (String line : t.message().split("\n")) out.println("  " + line);
            }
            if ((failed || verbose) && !t.prints().isEmpty()) {
                out.println("  print output:");
                for (String p : t.prints()) for (String line : p.split("\n", -1)) out.println("    " + line);
            }
        }
        if (r.coverage() != null) {
            out.println(RULE);
            printCoverage(r.coverage(), out, verbose);
        }
        out.println(RULE);
        out.println(r.summaryLine());
    }

    /** The coverage section: per file percentage and uncovered lines, then the rules never evaluated. */
    public static void printCoverage(Coverage.Report c, PrintStream out, boolean verbose) {
        out.println("coverage (rule bodies and heads, by line):");
        int width = 10;
        for (Coverage.FileCoverage f : c.files()) width = Math.max(width, f.file().length());
        for (Coverage.FileCoverage f : c.files()) {
            int all = f.covered().size() + f.notCovered().size();
            out.printf(Locale.ROOT, "  %-" + width + "s %6.1f%% %4d/%-4d lines%s%n", f.file(), f.percent(), f.covered().size(), all,
                    f.notCovered().isEmpty() ? "" : "  not covered: " + Coverage.ranges(f.notCovered()));
        }
        out.printf(Locale.ROOT, "  %-" + width + "s %6.1f%% %4d/%-4d lines%n", "total", c.percent(), c.coveredLines(),
                c.coveredLines() + c.notCoveredLines());
        long never = c.rules().stream().filter(x -> !x.evaluated()).count();
        long neverTrue = c.rules().stream().filter(x -> x.evaluated() && !x.succeeded()).count();
        if (never > 0) {
            out.println("rules never evaluated:");
            for (Coverage.RuleCoverage x : c.rules()) {
                if (!x.evaluated()) out.println("  " + x.file() + ":" + x.row() + " " + x.name());
            }
        }
        if (neverTrue > 0 && verbose) {
            out.println("rules evaluated but never producing a value:");
            for (Coverage.RuleCoverage x : c.rules()) {
                if (x.evaluated() && !x.succeeded()) out.println("  " + x.file() + ":" + x.row() + " " + x.name());
            }
        }
    }

    /** Go-like duration: 850ns, 12.3us, 4.56ms, 1.2s. */
    static String duration(long ns) {
        if (ns < 1_000) return ns + "ns";
        if (ns < 1_000_000) return trim(ns / 1_000.0) + "us";
        if (ns < 1_000_000_000) return trim(ns / 1_000_000.0) + "ms";
        return trim(ns / 1_000_000_000.0) + "s";
    }

    private static String trim(double d) {
        String s = String.format(Locale.ROOT, "%.3f", d);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
