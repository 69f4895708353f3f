package dev.ecsguard.enforce;

import dev.ecsguard.aws.Arn;

/** The resource one action is carried out on. */
public sealed interface Target {
    /** The ARN acted on: the ledger key, the {@code resource} of {@code actions_taken}. */
    String resource();

    /** The cluster, for {@code CLUSTERS}; null when the resource belongs to none (a task definition of an API call). */
    String cluster();

    /** The account the resource is in (from its ARN), or null. */
    default String account() {
        return Arn.parse(resource()).map(Arn::account).filter(a -> !a.isEmpty()).orElse(null);
    }

    /** The region the resource is in (from its ARN), or null. */
    default String region() {
        return Arn.parse(resource()).map(Arn::region).filter(r -> !r.isEmpty()).orElse(null);
    }

    record TaskTarget(Subject.Task task) implements Target {
        @Override
        public String resource() {
            return task.arn();
        }

        @Override
        public String cluster() {
            return task.cluster();
        }
    }

    record ServiceTarget(Subject.Service service) implements Target {
        @Override
        public String resource() {
            return service.arn();
        }

        @Override
        public String cluster() {
            return service.cluster();
        }

        /** Application Auto Scaling's resource ID {@code service/CLUSTER/SERVICE}; null when the cluster is unknown. */
        public String scalableResourceId() {
            String c = service.cluster();
            return c == null ? null : "service/" + c.substring(c.lastIndexOf('/') + 1) + "/" + service.name();
        }
    }

    /** @param cluster the cluster of the task that runs it, null for a task definition on its own */
    record TaskDefinitionTarget(String arn, String cluster) implements Target {
        @Override
        public String resource() {
            return arn;
        }
    }

    /**
     * A service deployment waiting for the deployment gate's answer.
     *
     * @param resource the service deployment ARN (else the target service revision's)
     * @param cluster the service's cluster
     */
    record DeploymentTarget(String resource, String cluster) implements Target {}

    /** @param resource what the alert is about (the decision's resource) */
    record AlertTarget(String resource, String cluster) implements Target {}
}
