package dev.ecsguard.enforce;

import dev.ecsguard.decision.ActionKind;

/**
 * Which resource each action is carried out on, by trigger. A task (task state change, RunTask,
 * StartTask): the task is stopped, its own service scaled to zero, its revision deregistered.
 * CreateService / UpdateService: the service itself is scaled to zero. RegisterTaskDefinition:
 * the revision is deregistered. A deployment (lifecycle hook): the deployment is blocked, and
 * nothing that runs is touched (the service keeps its current revision). Any other pairing has
 * nothing to act on (not applicable): a new trigger or action is added here, in one place.
 */
final class Targets {
    /** A target, or why there is none. */
    record Resolved(Target target, String why) {
        static Resolved none(String why) {
            return new Resolved(null, why);
        }
    }

    private Targets() {}

    static Resolved of(ActionKind kind, Subject s, String decisionResource) {
        String trigger = s.trigger() == null ? "" : s.trigger();
        boolean taskTrigger = trigger.equals("task_state_change") || trigger.equals("run_task") || trigger.equals("start_task");
        boolean serviceTrigger = trigger.equals("create_service") || trigger.equals("update_service");
        boolean deployment = trigger.equals("deployment");
        String taskCluster = s.task() != null ? s.task().cluster() : null;
        if (deployment && kind.remediation()) {
            return Resolved.none("a deployment decision blocks the deployment; what runs now is left alone");
        }
        return switch (kind) {
            case ALERT -> new Resolved(new Target.AlertTarget(decisionResource != null ? decisionResource : "(unknown)",
                    taskCluster != null ? taskCluster : s.service() != null ? s.service().cluster() : null), null);
            case STOP_TASK -> {
                if (!taskTrigger) {
                    yield Resolved.none("a " + trigger + " decision is about no task");
                }
                yield s.task() == null ? Resolved.none("the event names no task ARN") : new Resolved(new Target.TaskTarget(s.task()), null);
            }
            case SCALE_SERVICE -> {
                if (!taskTrigger && !serviceTrigger) {
                    yield Resolved.none("a " + trigger + " decision is about no service");
                }
                if (s.service() == null) {
                    yield Resolved.none(taskTrigger ? "the task belongs to no service (not started by one)"
                            : "the call names no service ARN, or no cluster and name");
                }
                yield new Resolved(new Target.ServiceTarget(s.service()), null);
            }
            case BLOCK_DEPLOYMENT -> {
                if (!deployment) {
                    yield Resolved.none("a " + trigger + " decision has no deployment waiting for an answer");
                }
                // a hook that could not be read names nothing, and still waits for an answer
                yield new Resolved(new Target.DeploymentTarget(decisionResource != null ? decisionResource : "(unknown)",
                        s.service() != null ? s.service().cluster() : null), null);
            }
            case DEREGISTER_TASK_DEFINITION -> {
                if (!taskTrigger && !trigger.equals("register_task_definition")) {
                    yield Resolved.none("a " + trigger + " decision deregisters nothing (only the service is acted on)");
                }
                yield s.taskDefinitionArn() == null ? Resolved.none("no task definition revision ARN is known")
                        : new Resolved(new Target.TaskDefinitionTarget(s.taskDefinitionArn(), taskCluster), null);
            }
        };
    }
}
