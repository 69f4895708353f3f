package dev.ecsguard.input;

import dev.ecsguard.rego.value.ObjectValue;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * ECS DescribeTaskDefinition (with its tags). Wrap it in a {@link CachingTaskDefinitionSource}:
 * revisions are immutable. An AWS error is answered as {@link TaskDefinitionLookup.Missing} with
 * the error's message, so the decision becomes "error" and nothing is remediated on a guess.
 */
public final class EcsTaskDefinitionSource implements TaskDefinitionSource {
    private final EcsClient ecs;

    public EcsTaskDefinitionSource(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public TaskDefinitionLookup lookup(TaskDefinitionReference reference) {
        String name = reference.arn() != null ? reference.arn() : reference.text();
        try {
            DescribeTaskDefinitionResponse r = ecs.describeTaskDefinition(b -> b.taskDefinition(name).include(TaskDefinitionField.TAGS));
            if (r.taskDefinition() == null) {
                return new TaskDefinitionLookup.Missing("DescribeTaskDefinition " + name + " returned no task definition");
            }
            ObjectValue td = (ObjectValue) SdkValues.toValue(r.taskDefinition());
            ObjectValue tags = r.hasTags() ? EcsTags.toObject(SdkValues.toValue(r.tags())) : ObjectValue.EMPTY;
            return new TaskDefinitionLookup.Found(td, tags, "ecs:DescribeTaskDefinition");
        } catch (SdkException e) {
            return new TaskDefinitionLookup.Missing("DescribeTaskDefinition " + name + " failed: " + e.getMessage());
        }
    }
}
