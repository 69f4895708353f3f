package dev.ecsguard.input;

/**
 * Where the input document's {@code taskDefinition} comes from when the event does not carry it:
 * ECS DescribeTaskDefinition in the Lambda ({@link EcsTaskDefinitionSource}, behind
 * {@link CachingTaskDefinitionSource}), a directory of files in replay
 * ({@link DirectoryTaskDefinitionSource}), or nothing ({@link #NONE}).
 * Implementations answer {@link TaskDefinitionLookup.Missing} rather than throw.
 */
@FunctionalInterface
public interface TaskDefinitionSource {
    TaskDefinitionLookup lookup(TaskDefinitionReference reference);

    /** No source: every lookup is missing. */
    TaskDefinitionSource NONE = ref -> new TaskDefinitionLookup.Missing(
            "task definition " + ref + " is not in the event and no task definition source is configured");
}
