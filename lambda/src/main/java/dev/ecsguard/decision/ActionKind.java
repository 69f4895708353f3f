package dev.ecsguard.decision;

import java.util.Locale;
import java.util.Optional;

/**
 * The actions a policy can request in a violation's {@code actions} and a deployment can allow
 * ({@code ACTIONS}). Declared in the order they are carried out for one violating task: the
 * service first (so its scheduler starts no replacement), then the task, then the revision, and
 * the alert last, when every outcome is known.
 */
public enum ActionKind {
    SCALE_SERVICE("scale_service", true),
    STOP_TASK("stop_task", true),
    DEREGISTER_TASK_DEFINITION("deregister_task_definition", true),
    ALERT("alert", false);

    private final String label;
    private final boolean remediation;

    ActionKind(String label, boolean remediation) {
        this.label = label;
        this.remediation = remediation;
    }

    /** The name policies and {@code ACTIONS} use, e.g. {@code stop_task}. */
    public String label() {
        return label;
    }

    /** True for actions that change the account (and count against the circuit breaker). */
    public boolean remediation() {
        return remediation;
    }

    public static Optional<ActionKind> of(String label) {
        String l = label.strip().toLowerCase(Locale.ROOT);
        for (ActionKind k : values()) {
            if (k.label.equals(l)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
