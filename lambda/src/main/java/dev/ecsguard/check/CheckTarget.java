package dev.ecsguard.check;

import dev.ecsguard.input.EcsTags;

import dev.ecsguard.event.JsonFields;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

/**
 * What a file holds: a task definition (in one of the two shapes the AWS CLI reads and writes) or
 * something for the event reader. Anything else is refused with a message that says what it is.
 */
public sealed interface CheckTarget {
    /**
     * A task definition.
     *
     * @param taskDefinition the definition, without its {@code tags}
     * @param tags the file's tags as {@code {"key": "value"}}
     * @param shape {@code register-task-definition} (the object itself, as {@code --cli-input-json}
     *     takes it) or {@code describe-task-definition} ({@code {"taskDefinition": {...}, "tags": [...]}})
     */
    record TaskDefinition(ObjectValue taskDefinition, ObjectValue tags, String shape) implements CheckTarget {}

    /** An EventBridge event, a CloudTrail record or log file, or an SNS/SQS delivery of one. */
    record Event() implements CheckTarget {}

    /** Classifies the parsed {@code file}. */
    static CheckTarget of(SourceFile file) throws CheckInputException {
        if (!(file.root() instanceof ObjectValue o)) {
            throw new CheckInputException(file.path(), "not a task definition or event: the JSON is "
                    + article(file.root().typeName()) + ", not an object");
        }
        if (isEvent(o)) {
            return new Event();
        }
        if (JsonFields.present(o, "schema_version") && JsonFields.present(o, "trigger")) {
            throw new CheckInputException(file.path(), "an ecs-guard input document, not a task definition or event:"
                    + " evaluate it with ecs-guard eval");
        }
        if (o.get("taskDefinition") instanceof ObjectValue td) {
            return new TaskDefinition(withoutTags(td), EcsTags.toObject(o.get("tags") != null ? o.get("tags") : td.get("tags")),
                    "describe-task-definition");
        }
        if (o.get("containerDefinitions") != null || o.get("family") != null) {
            if (o.get("containerDefinitions") != null && !(o.get("containerDefinitions") instanceof ArrayValue)) {
                throw new CheckInputException(file.path(), "not a task definition: containerDefinitions is "
                        + article(o.get("containerDefinitions").typeName()) + ", not an array");
            }
            return new TaskDefinition(withoutTags(o), EcsTags.toObject(o.get("tags")), "register-task-definition");
        }
        throw new CheckInputException(file.path(), "not a task definition or event: no family or containerDefinitions"
                + " (register-task-definition JSON), no taskDefinition (describe-task-definition output),"
                + " no detail-type (EventBridge event), Records or eventName (CloudTrail)");
    }

    private static boolean isEvent(ObjectValue o) {
        return o.get("detail-type") != null || o.get("Records") != null
                || (o.get("eventName") != null && o.get("eventSource") != null)
                || ("Notification".equals(JsonFields.string(o, "Type")) && o.get("Message") != null);
    }

    private static ObjectValue withoutTags(ObjectValue td) {
        return td.get("tags") != null ? td.without(StringValue.of("tags")) : td;
    }



    private static String article(String typeName) {
        return ("aeiou".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
    }
}
