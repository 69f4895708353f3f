package dev.ecsguard.input;

/**
 * Where a deployment's target service revision comes from: ECS DescribeServiceRevisions in the
 * Lambda ({@link EcsServiceRevisionSource}), files in replay ({@link DirectoryServiceRevisionSource}),
 * or nothing ({@link #NONE}). A revision never changes, but one is read once per deployment, so
 * there is no cache. Implementations answer {@link ServiceRevisionLookup.Missing} rather than throw.
 */
@FunctionalInterface
public interface ServiceRevisionSource {
    ServiceRevisionLookup lookup(String serviceRevisionArn);

    /** No source: every lookup is missing. */
    ServiceRevisionSource NONE = arn -> new ServiceRevisionLookup.Missing(
            "service revision " + arn + " cannot be read: no service revision source is configured");
}
