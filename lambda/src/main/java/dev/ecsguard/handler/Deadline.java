package dev.ecsguard.handler;

import java.time.Duration;

/**
 * When an invocation must have decided its events: the Lambda context's remaining time minus a
 * safety margin for writing the log lines and the response. The pipeline checks it before each
 * event and before acting, and bounds each policy evaluation by it, so that a slow batch ends in
 * {@code error} records for the events left, never in a function timeout that retries the batch.
 *
 * @param atNanos the {@link System#nanoTime()} at which the time is up
 */
public record Deadline(long atNanos) {
    /** Margin kept for the log lines, the metrics and the response after the last event. */
    public static final Duration SAFETY_MARGIN = Duration.ofMillis(1500);

    /** No deadline (replay, check, priming, tests). */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE);

    /** {@code remaining} from now, less the {@link #SAFETY_MARGIN}. */
    public static Deadline fromRemaining(Duration remaining) {
        long budget = remaining.minus(SAFETY_MARGIN).toNanos();
        return new Deadline(System.nanoTime() + Math.max(0, budget));
    }

    /** From the Lambda context's {@code getRemainingTimeInMillis()}. */
    public static Deadline fromRemainingMillis(long remainingMillis) {
        return fromRemaining(Duration.ofMillis(remainingMillis));
    }

    /** The time left, zero when it has passed. */
    public Duration remaining() {
        if (this.equals(NONE)) return Duration.ofNanos(Long.MAX_VALUE);
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    public boolean passed() {
        return !this.equals(NONE) && System.nanoTime() - atNanos >= 0;
    }

    /** The shorter of {@code limit} and the time left. */
    public Duration bound(Duration limit) {
        Duration left = remaining();
        return left.compareTo(limit) < 0 ? left : limit;
    }
}
