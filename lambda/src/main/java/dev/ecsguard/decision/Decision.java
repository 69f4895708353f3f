package dev.ecsguard.decision;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome for one event. Only {@link Violation} can lead to remediation; an evaluation that
 * could not be made is {@link Error}, never a violation.
 */
public sealed interface Decision {
    /** compliant, violation, skipped or error: the value in logs and replay output. */
    String label();

    /** Evaluated; the policy found nothing. */
    record Compliant() implements Decision {
        @Override
        public String label() {
            return "compliant";
        }
    }

    /** Evaluated; the policy reported these violations (at least one). */
    record Violation(List<Finding> findings) implements Decision {
        public Violation {
            findings = List.copyOf(findings);
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("a violation needs at least one finding");
            }
        }

        @Override
        public String label() {
            return "violation";
        }

        /** The union of the requested actions, in first-seen order. */
        public Set<String> requestedActions() {
            Set<String> out = new LinkedHashSet<>();
            for (Finding f : findings) {
                out.addAll(f.actions());
            }
            return out;
        }
    }

    /** Not evaluated, on purpose: another detail-type, a failed API call... */
    record Skipped(String reason) implements Decision {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String label() {
            return "skipped";
        }
    }

    /** No decision could be made: unreadable event, missing data or policy, evaluation error or timeout. */
    record Error(String reason) implements Decision {
        public Error {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String label() {
            return "error";
        }
    }
}
