package dev.ecsguard.event;

import java.util.Optional;

/**
 * What happened, as policies see it in {@code input.trigger}: an ECS task state change, or one of
 * the ECS API calls (recorded by CloudTrail) that change what runs.
 */
public enum Trigger {
    TASK_STATE_CHANGE("task_state_change", null),
    RUN_TASK("run_task", "RunTask"),
    START_TASK("start_task", "StartTask"),
    CREATE_SERVICE("create_service", "CreateService"),
    UPDATE_SERVICE("update_service", "UpdateService"),
    REGISTER_TASK_DEFINITION("register_task_definition", "RegisterTaskDefinition");

    private final String label;
    private final String apiName;

    Trigger(String label, String apiName) {
        this.label = label;
        this.apiName = apiName;
    }

    /** The value of {@code input.trigger}, e.g. {@code run_task}. */
    public String label() {
        return label;
    }

    /** The ECS API action, or null for {@link #TASK_STATE_CHANGE}. */
    public String apiName() {
        return apiName;
    }

    /** The trigger of an ECS API call by its CloudTrail {@code eventName}. */
    public static Optional<Trigger> ofApiCall(String eventName) {
        for (Trigger t : values()) {
            if (t.apiName != null && t.apiName.equals(eventName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Launches tasks directly (RunTask, StartTask): the request may carry overrides. */
    public boolean launchesTasks() {
        return this == RUN_TASK || this == START_TASK;
    }
}
