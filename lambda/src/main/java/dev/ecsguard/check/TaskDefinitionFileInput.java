package dev.ecsguard.check;

import dev.ecsguard.event.JsonFields;
import dev.ecsguard.input.InputDocument;
import dev.ecsguard.input.InputDocumentBuilder;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import java.util.Optional;

/**
 * The schema_version "1" input document of a task definition file (trigger
 * {@code task_definition_file}; policies/README.md): {@code taskDefinition} is the definition as
 * the file has it, {@code tags} the file's tags, {@code account} and {@code region} as given; no
 * {@code event}, {@code task}, {@code service}, {@code network}, {@code caller} or {@code request}.
 * The input package builds documents from events only; this is the one shape it has no entry for.
 */
public final class TaskDefinitionFileInput {
    public static final String TRIGGER = "task_definition_file";

    private TaskDefinitionFileInput() {}

    /**
     * @param account the account (null: the task definition ARN's, else absent)
     * @param region the region (null: the task definition ARN's, else {@code defaultRegion})
     * @param defaultRegion the region when neither the flag nor the ARN gives one (AWS_REGION), or null
     * @param file where it came from, recorded as {@code file:PATH}
     */
    public static InputDocument build(CheckTarget.TaskDefinition td, String account, String region, String defaultRegion,
            String file) {
        String arn = JsonFields.nonEmpty(td.taskDefinition(), "taskDefinitionArn");
        String[] arnParts = arn != null && arn.startsWith("arn:") ? arn.split(":", 6) : new String[0];
        if (account == null && arnParts.length == 6 && !arnParts[4].isEmpty()) {
            account = arnParts[4];
        }
        if (region == null && arnParts.length == 6 && !arnParts[3].isEmpty()) {
            region = arnParts[3];
        }
        if (region == null) {
            region = defaultRegion;
        }
        ObjectValue.Builder doc = ObjectValue.builder();
        doc.put(StringValue.of("schema_version"), StringValue.of(InputDocumentBuilder.SCHEMA_VERSION));
        doc.put(StringValue.of("trigger"), StringValue.of(TRIGGER));
        if (account != null) {
            doc.put(StringValue.of("account"), StringValue.of(account));
        }
        if (region != null) {
            doc.put(StringValue.of("region"), StringValue.of(region));
        }
        doc.put(StringValue.of("taskDefinition"), td.taskDefinition());
        doc.put(StringValue.of("tags"), td.tags());
        return new InputDocument(doc.build(), Optional.empty(), Optional.of("file:" + file));
    }
}
