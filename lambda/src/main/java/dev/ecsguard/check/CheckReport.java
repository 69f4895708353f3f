package dev.ecsguard.check;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a report prints: the files' results, the documented rules, and the tool.
 *
 * @param results one per file, in command-line order
 * @param rules the policies' documented rules
 * @param toolVersion ecs-guard's version
 * @param policyVersion the policy's version label and hash, for the record
 * @param workingDirectory what file locations are relative to (SARIF)
 */
public record CheckReport(List<FileResult> results, RuleCatalog rules, String toolVersion, String policyVersion,
        Path workingDirectory) {
    public CheckReport {
        results = List.copyOf(results);
    }

    /** A report format. */
    public interface Format {
        void write(CheckReport report, PrintWriter out);

        static Format named(String name) {
            return switch (name) {
                case "text" -> new TextReport();
                case "json" -> new JsonReport();
                case "sarif" -> new SarifReport();
                default -> throw new IllegalArgumentException("--format must be text, json or sarif, not " + name);
            };
        }
    }

    public long violationCount() {
        return results.stream().mapToLong(r -> r.findings().size()).sum();
    }

    public boolean anyFailed() {
        return results.stream().anyMatch(FileResult::failed);
    }
}
