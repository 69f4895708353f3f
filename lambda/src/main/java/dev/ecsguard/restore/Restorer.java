package dev.ecsguard.restore;

import dev.ecsguard.aws.AccountAccess;
import dev.ecsguard.aws.Arn;
import dev.ecsguard.decision.ActionKind;
import dev.ecsguard.enforce.ServiceScaleState;
import dev.ecsguard.ledger.Ledger;
import dev.ecsguard.ledger.LedgerException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Undoes {@code scale_service}: puts a service back to the desired count recorded in its ledger
 * item before ecs-guard scaled it to zero, puts back its Application Auto Scaling min/max capacity
 * and suspended state, and closes the ledger entry (and the service's alert entry), so that a later
 * violation acts again. Used by {@code ecs-guard restore} and by the function invoked with
 * {@code {"restore": [...]}}. A deregistered task definition revision cannot be re-activated (ECS
 * has no such call): the result says so when the same decision deregistered one.
 */
public final class Restorer {
    /** What became of one service. */
    public enum Status { RESTORED, NOTHING_RECORDED, FAILED, BAD_INPUT }

    public record Result(String service, Status status, String detail) {}

    private final Ledger ledger;
    private final AccountAccess accounts;

    public Restorer(Ledger ledger, AccountAccess accounts) {
        this.ledger = ledger;
        this.accounts = accounts;
    }

    /** Why {@code text} is not a service ARN ({@code arn:PARTITION:ecs:REGION:ACCOUNT:service/...}); empty when it is one. */
    public static Optional<String> invalid(String text) {
        Optional<Arn> arn = Arn.parse(text);
        if (arn.isEmpty() || !arn.get().service().equals("ecs") || !arn.get().resourceType().equals("service")
                || arn.get().account().isEmpty() || arn.get().region().isEmpty()) {
            return Optional.of("not an ECS service ARN (arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/NAME): " + text);
        }
        return Optional.empty();
    }

    /**
     * Restores each service. When any argument is not a service ARN nothing is restored and every
     * result is {@link Status#BAD_INPUT} or names the bad argument.
     */
    public List<Result> restore(List<String> services) {
        List<Result> out = new ArrayList<>();
        List<String> bad = services.stream().filter(s -> invalid(s).isPresent()).toList();
        if (services.isEmpty() || !bad.isEmpty()) {
            if (services.isEmpty()) {
                out.add(new Result("", Status.BAD_INPUT, "no service ARN given"));
            }
            for (String s : services) {
                out.add(new Result(s, Status.BAD_INPUT, invalid(s).orElse("not restored: another argument is bad")));
            }
            return out;
        }
        for (String s : services) {
            out.add(restoreOne(s));
        }
        return out;
    }

    /** 0 every service restored, 1 one had nothing recorded or failed, 2 bad input. */
    public static int exitCode(List<Result> results) {
        if (results.stream().anyMatch(r -> r.status() == Status.BAD_INPUT)) {
            return 2;
        }
        return results.stream().allMatch(r -> r.status() == Status.RESTORED) ? 0 : 1;
    }

    private Result restoreOne(String service) {
        String pk = Ledger.actionKey(ActionKind.SCALE_SERVICE.label(), service);
        try {
            Optional<Map<String, AttributeValue>> found = ledger.get(pk);
            if (found.isEmpty()) {
                return new Result(service, Status.NOTHING_RECORDED, "ecs-guard has not scaled this service (no ledger item "
                        + pk + " in " + ledger.table() + ")");
            }
            Map<String, AttributeValue> item = found.get();
            String status = Ledger.str(item, "status");
            if (Ledger.RESTORED.equals(status)) {
                return new Result(service, Status.NOTHING_RECORDED, "already restored: " + Ledger.str(item, "detail"));
            }
            ServiceScaleState state = ServiceScaleState.fromItem(item);
            if (state == null) {
                return new Result(service, Status.NOTHING_RECORDED, "the ledger item (" + status
                        + ") holds no previous state: the service was never changed");
            }
            if (Ledger.IN_PROGRESS.equals(status) && claimedWithinLease(item)) {
                return new Result(service, Status.FAILED, "ecs-guard is scaling it right now; try again in "
                        + Ledger.LEASE.toMinutes() + " minutes");
            }
            Arn arn = Arn.parse(service).orElseThrow();
            AccountAccess.Access access = accounts.forActions(arn.account(), arn.region());
            if (access instanceof AccountAccess.Access.Denied d) {
                return new Result(service, Status.FAILED, d.reason());
            }
            AccountAccess.Access.Granted g = (AccountAccess.Access.Granted) access;
            g.ecs().updateService(b -> b.cluster(state.cluster()).service(service).desiredCount(state.desiredCount()));
            String detail = "desired count 0 -> " + state.desiredCount();
            if (state.scalableTarget()) {
                String resourceId = "service/" + state.cluster().substring(state.cluster().lastIndexOf('/') + 1) + "/"
                        + arn.lastSegment();
                g.autoScaling().registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                        .minCapacity(state.minCapacity()).maxCapacity(state.maxCapacity())
                        .suspendedState(s -> s.dynamicScalingInSuspended(state.dynamicScalingInSuspended())
                                .dynamicScalingOutSuspended(state.dynamicScalingOutSuspended())
                                .scheduledScalingSuspended(state.scheduledScalingSuspended())));
                detail += "; auto scaling min " + state.minCapacity() + ", max " + state.maxCapacity()
                        + (state.dynamicScalingInSuspended() || state.dynamicScalingOutSuspended() || state.scheduledScalingSuspended()
                                ? ", suspended as before" : ", resumed");
            }
            ledger.close(pk, "restored at " + Instant.now() + ": " + detail);
            ledger.close("alert#" + service, "restored");
            String td = Ledger.str(item, "task_definition");
            if (td != null) {
                Optional<Map<String, AttributeValue>> deregistered = ledger.get(
                        Ledger.actionKey(ActionKind.DEREGISTER_TASK_DEFINITION.label(), td));
                if (deregistered.isPresent() && Ledger.DONE.equals(Ledger.str(deregistered.get(), "status"))) {
                    detail += "; task definition " + td + " stays INACTIVE: ECS cannot re-activate a deregistered "
                            + "revision, register it again";
                }
            }
            return new Result(service, Status.RESTORED, detail);
        } catch (SdkException e) {
            return new Result(service, Status.FAILED, "AWS error: " + e.getMessage());
        } catch (LedgerException e) {
            return new Result(service, Status.FAILED, e.getMessage());
        }
    }

    private boolean claimedWithinLease(Map<String, AttributeValue> item) {
        String at = Ledger.str(item, "claimed_at");
        return at != null && Instant.ofEpochSecond(Long.parseLong(at)).isAfter(ledger.clock().instant().minus(Ledger.LEASE));
    }
}
