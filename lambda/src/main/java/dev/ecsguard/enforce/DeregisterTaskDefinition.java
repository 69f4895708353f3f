package dev.ecsguard.enforce;

import dev.ecsguard.aws.AccountAccess;
import dev.ecsguard.decision.ActionKind;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * ECS DeregisterTaskDefinition: the revision becomes INACTIVE, so no new task or service can use
 * it (running tasks and services keep it). ECS cannot make a revision ACTIVE again.
 */
public final class DeregisterTaskDefinition implements ActionExecutor {
    @Override
    public ActionKind kind() {
        return ActionKind.DEREGISTER_TASK_DEFINITION;
    }

    @Override
    public Result execute(Target target, AccountAccess.Access.Granted access, Context context) {
        try {
            var td = access.ecs().deregisterTaskDefinition(b -> b.taskDefinition(target.resource())).taskDefinition();
            return Result.done("revision is " + (td == null ? "INACTIVE" : td.statusAsString())
                    + " (it cannot be re-activated; running tasks keep it)");
        } catch (SdkException e) {
            return Result.failed("DeregisterTaskDefinition failed: " + e.getMessage());
        }
    }
}
