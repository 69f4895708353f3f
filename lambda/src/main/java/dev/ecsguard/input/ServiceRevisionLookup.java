package dev.ecsguard.input;

import dev.ecsguard.rego.value.ObjectValue;

/** The answer of a {@link ServiceRevisionSource}. */
public sealed interface ServiceRevisionLookup {
    /**
     * @param revision as DescribeServiceRevisions returns it (API field names: serviceRevisionArn,
     *     serviceArn, clusterArn, taskDefinition, containerImages, launchType, networkConfiguration, ...)
     * @param from {@code ecs:DescribeServiceRevisions} or {@code file:PATH}
     */
    record Found(ObjectValue revision, String from) implements ServiceRevisionLookup {}

    /** Not available; the reason says why (not found, no source, the AWS error). */
    record Missing(String reason) implements ServiceRevisionLookup {}
}
