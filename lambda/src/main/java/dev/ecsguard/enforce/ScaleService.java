package dev.ecsguard.enforce;

import dev.ecsguard.aws.AccountAccess;
import dev.ecsguard.decision.ActionKind;
import dev.ecsguard.ledger.LedgerException;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Scales a service to zero so its scheduler starts no replacement for a stopped task, and keeps
 * Application Auto Scaling from scaling it back: reads the desired count (DescribeServices) and the
 * scalable target {@code service/CLUSTER/SERVICE} / {@code ecs:service:DesiredCount}
 * (DescribeScalableTargets), records them ({@link ServiceScaleState}), suspends dynamic scaling in
 * and out and scheduled scaling with min capacity 0 (RegisterScalableTarget), then sets the desired
 * count to 0 (UpdateService).
 */
public final class ScaleService implements ActionExecutor {
    @Override
    public ActionKind kind() {
        return ActionKind.SCALE_SERVICE;
    }

    @Override
    public Result execute(Target target, AccountAccess.Access.Granted access, Context context) {
        Target.ServiceTarget t = (Target.ServiceTarget) target;
        String cluster = t.service().cluster();
        String resourceId = t.scalableResourceId();
        if (cluster == null || resourceId == null) {
            return Result.failed("the cluster of " + t.resource() + " is not known");
        }
        try {
            List<Service> found = access.ecs().describeServices(b -> b.cluster(cluster).services(t.resource())).services();
            if (found.isEmpty() || "INACTIVE".equals(found.get(0).status())) {
                return Result.failed("DescribeServices: " + t.resource() + " is not an active service");
            }
            int desired = found.get(0).desiredCount() == null ? 0 : found.get(0).desiredCount();
            List<ScalableTarget> targets = access.autoScaling().describeScalableTargets(b -> b
                    .serviceNamespace(ServiceNamespace.ECS).resourceIds(resourceId)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)).scalableTargets();
            ServiceScaleState before;
            if (targets.isEmpty()) {
                before = new ServiceScaleState(cluster, desired, false, 0, 0, false, false, false);
            } else {
                ScalableTarget st = targets.get(0);
                SuspendedState s = st.suspendedState();
                before = new ServiceScaleState(cluster, desired, true, st.minCapacity(), st.maxCapacity(),
                        s != null && Boolean.TRUE.equals(s.dynamicScalingInSuspended()),
                        s != null && Boolean.TRUE.equals(s.dynamicScalingOutSuspended()),
                        s != null && Boolean.TRUE.equals(s.scheduledScalingSuspended()));
            }
            try {
                context.recordBeforeActing(before.toItem());
            } catch (LedgerException e) {
                return Result.failed("nothing changed: the previous state could not be recorded for a restore ("
                        + e.getMessage() + ")");
            }
            if (before.scalableTarget()) {
                access.autoScaling().registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(resourceId).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                        .minCapacity(0).maxCapacity(before.maxCapacity())
                        .suspendedState(s -> s.dynamicScalingInSuspended(true).dynamicScalingOutSuspended(true)
                                .scheduledScalingSuspended(true)));
            }
            access.ecs().updateService(b -> b.cluster(cluster).service(t.resource()).desiredCount(0));
            return Result.done("desired count " + desired + " -> 0"
                    + (before.scalableTarget() ? "; auto scaling suspended, min capacity " + before.minCapacity() + " -> 0"
                            : "; no auto scaling target")
                    + "; was: " + before.describe());
        } catch (SdkException e) {
            return Result.failed("scaling to zero failed: " + e.getMessage());
        }
    }
}
