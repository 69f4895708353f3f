package dev.ecsguard.input;

import dev.ecsguard.rego.value.ObjectValue;

/** The answer of a {@link ServiceSource}. */
public sealed interface ServiceLookup {
    /**
     * The service whose deployment (or task set) has the ID.
     *
     * @param service the input document's {@code service} section: {@code name}, {@code arn},
     *     {@code cluster}, and {@code launchType} when the deployment has one
     * @param taskDefinition the deployment's task definition ARN (null when not given): a task
     *     it started runs exactly that revision
     * @param from {@code ecs:DescribeServices} or {@code cache}
     */
    record Found(ObjectValue service, String taskDefinition, String from) implements ServiceLookup {}

    /** Looked for, and no service of the cluster has the ID (e.g. a finished deployment). */
    record NoService(String reason) implements ServiceLookup {}

    /** Could not look (AWS error, no source configured): whether there is a service is unknown. */
    record Unknown(String reason) implements ServiceLookup {}
}
