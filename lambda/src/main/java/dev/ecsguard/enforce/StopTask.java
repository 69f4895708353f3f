package dev.ecsguard.enforce;

import dev.ecsguard.aws.AccountAccess;
import dev.ecsguard.decision.ActionKind;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Task;

/** ECS StopTask, with the reason {@code ecs-guard: RULE_ID (decision EVENT_ID)} (at most 255 characters, ECS's limit). */
public final class StopTask implements ActionExecutor {
    static final int MAX_REASON = 255;

    @Override
    public ActionKind kind() {
        return ActionKind.STOP_TASK;
    }

    static String reason(java.util.List<String> rules, String eventId) {
        String r = "ecs-guard: " + String.join(",", rules) + " (decision " + (eventId == null ? "unknown" : eventId) + ")";
        return r.length() <= MAX_REASON ? r : r.substring(0, MAX_REASON - 3) + "...";
    }

    @Override
    public Result execute(Target target, AccountAccess.Access.Granted access, Context context) {
        Target.TaskTarget t = (Target.TaskTarget) target;
        String reason = reason(context.rules(), context.eventId());
        try {
            Task stopped = access.ecs().stopTask(b -> {
                b.task(t.task().arn()).reason(reason);
                if (t.task().cluster() != null) {
                    b.cluster(t.task().cluster());
                }
            }).task();
            String status = stopped == null ? "" : " (last status " + stopped.lastStatus() + ", desired " + stopped.desiredStatus() + ")";
            return Result.done("stopped" + status + ", reason \"" + reason + "\"");
        } catch (SdkException e) {
            return Result.failed("StopTask failed: " + e.getMessage());
        }
    }
}
