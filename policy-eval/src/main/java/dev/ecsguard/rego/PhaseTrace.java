package dev.ecsguard.rego;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Marks at the ends of the phases of one short run (policy load, parse, compile, type check,
 * evaluation, output), so that where a one-shot command spends its start-up can be read without a
 * profiler. Off unless a front end calls {@link #enable} (the CLI does when
 * {@code ECS_GUARD_STARTUP_TRACE=1}); while off, {@link #mark} reads one static field and returns.
 */
public final class PhaseTrace {
    /**
     * A phase that ended at {@code wallNanos} ({@link System#nanoTime()}), when the marking thread
     * had used {@code cpuNanos} of CPU time (-1 when unknown).
     */
    public record Mark(String phase, long wallNanos, long cpuNanos) {}

    private static volatile boolean on;
    private static LongSupplier threadCpu = () -> -1;
    private static final List<Mark> MARKS = new ArrayList<>();

    private PhaseTrace() {}

    /**
     * Starts recording; the first mark is this call ({@code start}).
     *
     * @param threadCpuNanos the calling thread's CPU time so far, in ns, or -1
     */
    public static synchronized void enable(LongSupplier threadCpuNanos) {
        threadCpu = threadCpuNanos;
        MARKS.clear();
        MARKS.add(new Mark("start", System.nanoTime(), threadCpu.getAsLong()));
        on = true;
    }

    /** Stops recording and forgets the marks. */
    public static synchronized void disable() {
        on = false;
        MARKS.clear();
    }

    public static boolean enabled() { return on; }

    /** Records that {@code phase} ended now (a no-op while tracing is off). */
    public static void mark(String phase) {
        if (!on) return;
        synchronized (PhaseTrace.class) {
            MARKS.add(new Mark(phase, System.nanoTime(), threadCpu.getAsLong()));
        }
    }

    /** The marks so far, in order, the first being {@code start}. */
    public static synchronized List<Mark> marks() { return List.copyOf(MARKS); }
}
