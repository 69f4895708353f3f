package dev.ecsguard.check;

import dev.ecsguard.decision.Decision;
import java.nio.file.Path;
import java.util.List;

/**
 * What checking one file gave.
 *
 * @param path the file as named on the command line
 * @param kind {@code task_definition}, {@code event}, or null when the file could not be read as either
 * @param evaluations one per task definition or event (empty when the file could not be read)
 * @param problem why the file could not be checked (bad input: exit code 2), or null
 */
public record FileResult(Path path, String kind, List<Evaluation> evaluations, String problem) {
    public FileResult {
        evaluations = List.copyOf(evaluations);
    }

    public static FileResult unreadable(Path path, String problem) {
        return new FileResult(path, null, List.of(), problem);
    }

    /** The file's verdict: error, else violation, else compliant, else skipped. */
    public String decision() {
        if (problem != null || has(Decision.Error.class)) {
            return "error";
        }
        if (has(Decision.Violation.class)) {
            return "violation";
        }
        return has(Decision.Compliant.class) ? "compliant" : "skipped";
    }

    /** Bad input: unreadable, or an event that could not be decided. */
    public boolean failed() {
        return decision().equals("error");
    }

    /** The reason of the first error, or of the first skip, or null. */
    public String reason() {
        if (problem != null) {
            return problem;
        }
        for (Evaluation e : evaluations) {
            if (e.decision() instanceof Decision.Error err) {
                return (e.origin().isEmpty() ? "" : e.origin() + ": ") + err.reason();
            }
        }
        for (Evaluation e : evaluations) {
            if (e.decision() instanceof Decision.Skipped s) {
                return (e.origin().isEmpty() ? "" : e.origin() + ": ") + s.reason();
            }
        }
        return null;
    }

    public List<Evaluation.Located> findings() {
        return evaluations.stream().flatMap(e -> e.findings().stream()).toList();
    }

    private boolean has(Class<? extends Decision> type) {
        return evaluations.stream().anyMatch(e -> type.isInstance(e.decision()));
    }
}
