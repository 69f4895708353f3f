package dev.ecsguard.input;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A cache in front of another service source, keyed by cluster and deployment ID, least recently
 * used evicted beyond {@code maxEntries}.
 *
 * <ul>
 *   <li>{@link ServiceLookup.Found} is kept: a deployment ID never moves to another service, and
 *       the section holds only facts fixed for that ID.
 *   <li>{@link ServiceLookup.NoService} is kept for {@link #NO_SERVICE_TTL} only. Without it, the
 *       burst of STOPPED events that follows a finished deployment (its ID no longer listed) would
 *       each list and describe every service of the cluster; with a short TTL, a deployment that
 *       ECS had not yet shown (eventual consistency) is looked for again soon.
 *   <li>{@link ServiceLookup.Unknown} (an AWS error) is never kept: the next event asks again.
 * </ul>
 */
public final class CachingServiceSource implements ServiceSource {
    public static final Duration NO_SERVICE_TTL = Duration.ofSeconds(30);

    /** A found service never expires; a "no service" answer expires at {@code expiresAtNanos}. */
    private record Cached(ServiceLookup answer, long expiresAtNanos) {
        boolean live(long now) {
            return answer instanceof ServiceLookup.Found || now - expiresAtNanos < 0;
        }
    }

    private final ServiceSource delegate;
    private final LongSupplier nanoTime;
    private final long noServiceTtlNanos;
    private final LruCache<String, Cached> cache;

    public CachingServiceSource(ServiceSource delegate, int maxEntries) {
        this(delegate, maxEntries, NO_SERVICE_TTL, System::nanoTime);
    }

    CachingServiceSource(ServiceSource delegate, int maxEntries, Duration noServiceTtl, LongSupplier nanoTime) {
        this.delegate = delegate;
        this.nanoTime = nanoTime;
        this.noServiceTtlNanos = noServiceTtl.toNanos();
        this.cache = new LruCache<>(maxEntries);
    }

    @Override
    public ServiceLookup lookup(ServiceReference ref) {
        String key = ref.cluster() + "\n" + ref.deploymentId();
        long now = nanoTime.getAsLong();
        Cached e = cache.get(key, c -> c.live(now));
        if (e != null) {
            return e.answer instanceof ServiceLookup.Found f ? new ServiceLookup.Found(f.service(), f.taskDefinition(), "cache") : e.answer;
        }
        ServiceLookup answer = delegate.lookup(ref);
        switch (answer) {
            case ServiceLookup.Found f -> cache.put(key, new Cached(f, 0));
            case ServiceLookup.NoService n -> cache.put(key, new Cached(n, nanoTime.getAsLong() + noServiceTtlNanos));
            case ServiceLookup.Unknown u -> { }
        }
        return answer;
    }

    public int size() {
        return cache.size();
    }

    public long hits() {
        return cache.hits();
    }

    public long misses() {
        return cache.misses();
    }
}
