package dev.ecsguard.input;

/**
 * Finds the service a task belongs to from the deployment that started it, for tasks whose
 * {@code group} does not name one: ECS ListServices/DescribeServices in the Lambda
 * ({@link EcsServiceSource}, behind {@link CachingServiceSource}), or nothing ({@link #NONE}).
 * Implementations answer {@link ServiceLookup.Unknown} rather than throw.
 */
@FunctionalInterface
public interface ServiceSource {
    ServiceLookup lookup(ServiceReference reference);

    /**
     * No source (replay, the CLI: no AWS account). Unknown, not "no service": the Lambda would
     * have found one, and a policy may exempt by service ARN, so a replay must not decide as if
     * there were none.
     */
    ServiceSource NONE = ref -> new ServiceLookup.Unknown(
            "the service of deployment " + ref + " cannot be resolved: no service source is configured");
}
