package dev.ecsguard.decision;

import java.util.Locale;
import java.util.Optional;

/**
 * The actions a policy can request in a violation's {@code actions} and a deployment can allow
 * ({@code ACTIONS}). Declared in the order they are carried out for one violating task: the
 * service first (so its scheduler starts no replacement), then the task, then the revision; the
 * answer to an ECS deployment lifecycle hook; and the alert last, when every outcome is known.
 */
public enum ActionKind {
    SCALE_SERVICE("scale_service", Effect.REMEDIATION),
    STOP_TASK("stop_task", Effect.REMEDIATION),
    DEREGISTER_TASK_DEFINITION("deregister_task_definition", Effect.REMEDIATION),
    BLOCK_DEPLOYMENT("block_deployment", Effect.VERDICT),
    ALERT("alert", Effect.NOTICE);

    /** What carrying an action out does. */
    public enum Effect {
        /** Changes resources in the account (through the account's role, claimed in the ledger, under the circuit breaker). */
        REMEDIATION,
        /**
         * Changes nothing in the account: the function's own answer to the caller that asked (a
         * deployment lifecycle hook answered FAILED). No role, no breaker slot: nothing that exists is touched.
         */
        VERDICT,
        /** Tells people (SNS). */
        NOTICE
    }

    private final String label;
    private final Effect effect;

    ActionKind(String label, Effect effect) {
        this.label = label;
        this.effect = effect;
    }

    public Effect effect() {
        return effect;
    }

    /** The name policies and {@code ACTIONS} use, e.g. {@code stop_task}. */
    public String label() {
        return label;
    }

    /** True for actions that change the account (and count against the circuit breaker). */
    public boolean remediation() {
        return effect == Effect.REMEDIATION;
    }

    /** The labels of every action, in order: {@code scale_service, stop_task, ...}. */
    public static String labels() {
        return String.join(", ", java.util.Arrays.stream(values()).map(ActionKind::label).toList());
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
