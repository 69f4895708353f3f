package dev.ecsguard.input;

import java.util.Objects;

/**
 * A task's claim to a service deployment: its cluster and the {@code ecs-svc/...} ID it was
 * {@code startedBy}. ECS gives that ID to the deployment (or task set) that launched the task,
 * and it never moves to another service.
 *
 * @param cluster the task's clusterArn (the only cluster searched: the deployment is never
 *     looked for elsewhere)
 * @param deploymentId the task's {@code startedBy}, {@code ecs-svc/...}
 */
public record ServiceReference(String cluster, String deploymentId) {
    static final String DEPLOYMENT_PREFIX = "ecs-svc/";

    public ServiceReference {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(deploymentId, "deploymentId");
    }

    /** The deployment ID in {@code startedBy}, or null when it names no service deployment. */
    public static String deploymentId(String startedBy) {
        return startedBy != null && startedBy.startsWith(DEPLOYMENT_PREFIX)
                && startedBy.length() > DEPLOYMENT_PREFIX.length() ? startedBy : null;
    }

    @Override
    public String toString() {
        return deploymentId + " in " + cluster;
    }
}
