package dev.ecsguard.input;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ARN-keyed cache in front of another source. A task definition revision never changes once
 * registered, so a found revision is kept (least recently used evicted beyond {@code maxEntries});
 * a bare family (latest revision) and a miss are never cached.
 */
public final class CachingTaskDefinitionSource implements TaskDefinitionSource {
    private final TaskDefinitionSource delegate;
    private final Map<String, TaskDefinitionLookup.Found> cache;
    private long hits;
    private long misses;

    public CachingTaskDefinitionSource(TaskDefinitionSource delegate, int maxEntries) {
        this.delegate = delegate;
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TaskDefinitionLookup.Found> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public TaskDefinitionLookup lookup(TaskDefinitionReference reference) {
        String key = reference.arn();
        if (key != null) {
            TaskDefinitionLookup.Found cached;
            synchronized (cache) {
                cached = cache.get(key);
            }
            if (cached != null) {
                synchronized (cache) {
                    hits++;
                }
                return new TaskDefinitionLookup.Found(cached.taskDefinition(), cached.tags(), "cache");
            }
        }
        TaskDefinitionLookup answer = delegate.lookup(reference);
        synchronized (cache) {
            misses++;
            if (key != null && answer instanceof TaskDefinitionLookup.Found found) {
                cache.put(key, found);
            }
        }
        return answer;
    }

    /** Puts a task definition the caller already has (e.g. from a RegisterTaskDefinition event). */
    public void remember(String arn, TaskDefinitionLookup.Found found) {
        synchronized (cache) {
            cache.put(arn, found);
        }
    }

    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    public long hits() {
        synchronized (cache) {
            return hits;
        }
    }

    public long misses() {
        synchronized (cache) {
            return misses;
        }
    }
}
