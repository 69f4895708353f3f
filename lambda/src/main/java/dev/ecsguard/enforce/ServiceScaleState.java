package dev.ecsguard.enforce;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What scaling a service to zero changes, as recorded in its ledger item before the change, so
 * that {@code restore} can put it back: the desired count and, when the service has an Application
 * Auto Scaling target, its min/max capacity and suspended state.
 *
 * @param cluster the cluster (ARN or name) the service is in
 * @param scalableTarget false: the service had no scalable target (min/max/suspended unused)
 */
public record ServiceScaleState(String cluster, int desiredCount, boolean scalableTarget, int minCapacity, int maxCapacity,
        boolean dynamicScalingInSuspended, boolean dynamicScalingOutSuspended, boolean scheduledScalingSuspended) {

    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("cluster", AttributeValue.fromS(cluster));
        m.put("prev_desired_count", num(desiredCount));
        m.put("prev_scalable_target", AttributeValue.fromBool(scalableTarget));
        if (scalableTarget) {
            m.put("prev_min_capacity", num(minCapacity));
            m.put("prev_max_capacity", num(maxCapacity));
            m.put("prev_dynamic_in_suspended", AttributeValue.fromBool(dynamicScalingInSuspended));
            m.put("prev_dynamic_out_suspended", AttributeValue.fromBool(dynamicScalingOutSuspended));
            m.put("prev_scheduled_suspended", AttributeValue.fromBool(scheduledScalingSuspended));
        }
        return m;
    }

    /** The state a ledger item holds, or null when it holds none (the service was never read). */
    public static ServiceScaleState fromItem(Map<String, AttributeValue> item) {
        if (!item.containsKey("prev_desired_count") || !item.containsKey("cluster")) {
            return null;
        }
        boolean target = Boolean.TRUE.equals(item.getOrDefault("prev_scalable_target", AttributeValue.fromBool(false)).bool());
        return new ServiceScaleState(item.get("cluster").s(), Integer.parseInt(item.get("prev_desired_count").n()), target,
                target ? Integer.parseInt(item.get("prev_min_capacity").n()) : 0,
                target ? Integer.parseInt(item.get("prev_max_capacity").n()) : 0,
                target && item.get("prev_dynamic_in_suspended").bool(),
                target && item.get("prev_dynamic_out_suspended").bool(),
                target && item.get("prev_scheduled_suspended").bool());
    }

    private static AttributeValue num(int n) {
        return AttributeValue.fromN(Integer.toString(n));
    }

    /** e.g. {@code desired count 3; auto scaling min 1, max 4, not suspended}. */
    public String describe() {
        String s = "desired count " + desiredCount;
        if (!scalableTarget) {
            return s + "; no auto scaling target";
        }
        boolean any = dynamicScalingInSuspended || dynamicScalingOutSuspended || scheduledScalingSuspended;
        return s + "; auto scaling min " + minCapacity + ", max " + maxCapacity + (any ? ", suspended" : ", not suspended");
    }
}
