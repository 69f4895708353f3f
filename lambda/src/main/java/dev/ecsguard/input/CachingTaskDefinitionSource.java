package dev.ecsguard.input;

/**
 * An ARN-keyed cache in front of another source. A task definition revision never changes once
 * registered, so a found revision is kept (least recently used evicted beyond {@code maxEntries});
 * a bare family (latest revision) and a miss are never cached.
 */
public final class CachingTaskDefinitionSource implements TaskDefinitionSource {
    private final TaskDefinitionSource delegate;
    private final LruCache<String, TaskDefinitionLookup.Found> cache;

    public CachingTaskDefinitionSource(TaskDefinitionSource delegate, int maxEntries) {
        this.delegate = delegate;
        this.cache = new LruCache<>(maxEntries);
    }

    @Override
    public TaskDefinitionLookup lookup(TaskDefinitionReference reference) {
        String key = reference.arn();
        if (key != null) {
            TaskDefinitionLookup.Found cached = cache.get(key);
            if (cached != null) {
                return new TaskDefinitionLookup.Found(cached.taskDefinition(), cached.tags(), "cache");
            }
        }
        TaskDefinitionLookup answer = delegate.lookup(reference);
        if (key != null && answer instanceof TaskDefinitionLookup.Found found) {
            cache.put(key, found);
        }
        return answer;
    }

    /** Puts a task definition the caller already has (e.g. from a RegisterTaskDefinition event). */
    public void remember(String arn, TaskDefinitionLookup.Found found) {
        cache.put(arn, found);
    }

    public int size() {
        return cache.size();
    }

    /** Lookups by ARN answered from the cache. */
    public long hits() {
        return cache.hits();
    }

    /** Lookups by ARN that went to the delegate (a bare family is never cached and not counted). */
    public long misses() {
        return cache.misses();
    }
}
