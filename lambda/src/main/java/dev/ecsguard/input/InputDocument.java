package dev.ecsguard.input;

import dev.ecsguard.rego.value.Value;
import java.util.Optional;

/**
 * What the policy is evaluated on, and whether it is complete.
 *
 * @param value the policy's {@code input}: the schema_version "1" document, or the raw event
 *     {@code detail} in compatibility mode
 * @param missing why data the decision needs is missing (the task definition could not be
 *     found...): such an input is not evaluated, the decision is "error"
 * @param taskDefinitionFrom where {@code taskDefinition} came from ({@code event}, {@code cache},
 *     {@code ecs:DescribeTaskDefinition}, {@code file:PATH}), or empty
 */
public record InputDocument(Value value, Optional<String> missing, Optional<String> taskDefinitionFrom) {
    public static InputDocument complete(Value value, String taskDefinitionFrom) {
        return new InputDocument(value, Optional.empty(), Optional.ofNullable(taskDefinitionFrom));
    }

    public boolean isComplete() {
        return missing.isEmpty();
    }
}
