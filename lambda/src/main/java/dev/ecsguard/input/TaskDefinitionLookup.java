package dev.ecsguard.input;

import dev.ecsguard.rego.value.ObjectValue;

/** The answer of a {@link TaskDefinitionSource}. */
public sealed interface TaskDefinitionLookup {
    /**
     * @param taskDefinition as DescribeTaskDefinition returns it (API field names)
     * @param tags key to value ({} when none)
     * @param from where it came from, for the decision record: {@code event}, {@code cache},
     *     {@code ecs:DescribeTaskDefinition}, {@code file:PATH}
     */
    record Found(ObjectValue taskDefinition, ObjectValue tags, String from) implements TaskDefinitionLookup {}

    /** Not available; the reason says why (not found, no source, the AWS error). */
    record Missing(String reason) implements TaskDefinitionLookup {}
}
