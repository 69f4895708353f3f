package dev.ecsguard.check;

import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.Finding;
import java.util.List;

/**
 * One decision made on a file: the file's task definition, or one event it holds.
 *
 * @param origin where in the file the event was ({@code Records[1]}, {@code Message}...), empty for the file itself
 * @param eventId the event id, or null
 * @param trigger the input document's trigger ({@code task_definition_file}, {@code run_task}...), or null
 * @param decision compliant, violation, skipped or error
 * @param findings the violations with their place in the file (empty unless a violation)
 */
public record Evaluation(String origin, String eventId, String trigger, Decision decision, List<Located> findings) {
    public Evaluation {
        findings = List.copyOf(findings);
    }

    /** A violation and the line it is about. */
    public record Located(Finding finding, JsonLocations.Position position) {}
}
