package dev.ecsguard.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happened, as policies see it in {@code input.trigger}: an ECS task state change, one of
 * the ECS API calls (recorded by CloudTrail) that change what runs or how the account runs it, or
 * a service deployment asking the deployment gate (an ECS deployment lifecycle hook) whether it
 * may go on.
 *
 * <p>This enum is the one list of the CloudTrail {@code eventName}s ecs-guard evaluates
 * ({@link #apiCallNames()}): the event reader, the input document and the deployment's event
 * patterns all follow it.
 */
public enum Trigger {
    TASK_STATE_CHANGE("task_state_change", null),
    RUN_TASK("run_task", "RunTask"),
    START_TASK("start_task", "StartTask"),
    CREATE_SERVICE("create_service", "CreateService"),
    UPDATE_SERVICE("update_service", "UpdateService"),
    REGISTER_TASK_DEFINITION("register_task_definition", "RegisterTaskDefinition"),
    CREATE_TASK_SET("create_task_set", "CreateTaskSet"),
    UPDATE_TASK_SET("update_task_set", "UpdateTaskSet"),
    CREATE_CLUSTER("create_cluster", "CreateCluster"),
    UPDATE_CLUSTER("update_cluster", "UpdateCluster"),
    UPDATE_CLUSTER_SETTINGS("update_cluster_settings", "UpdateClusterSettings"),
    CREATE_CAPACITY_PROVIDER("create_capacity_provider", "CreateCapacityProvider"),
    UPDATE_CAPACITY_PROVIDER("update_capacity_provider", "UpdateCapacityProvider"),
    TAG_RESOURCE("tag_resource", "TagResource"),
    UNTAG_RESOURCE("untag_resource", "UntagResource"),
    /** An ECS deployment lifecycle hook invocation: the deployment waits for the answer. */
    DEPLOYMENT("deployment", null);

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

    /** The ECS API action (CloudTrail {@code eventName}), or null for {@link #TASK_STATE_CHANGE} and {@link #DEPLOYMENT}. */
    public String apiName() {
        return apiName;
    }

    /** The CloudTrail {@code eventName}s of every API-call trigger, in declaration order. */
    public static List<String> apiCallNames() {
        List<String> names = new ArrayList<>();
        for (Trigger t : values()) {
            if (t.apiName != null) {
                names.add(t.apiName);
            }
        }
        return List.copyOf(names);
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
