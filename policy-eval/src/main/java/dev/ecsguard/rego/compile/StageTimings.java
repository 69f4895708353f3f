package dev.ecsguard.rego.compile;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The wall and CPU time of each compiler stage (CPU of the compiling thread, when the JVM can
 * measure it), for {@code ecs-guard eval --stage-timings}.
 */
public final class StageTimings implements StageListener {
    /** One stage's time, in nanoseconds; {@code cpuNanos} is -1 when the JVM cannot measure thread CPU time. */
    public record Timing(String stage, long wallNanos, long cpuNanos) {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
    private final List<Timing> timings = new ArrayList<>();
    private long wall = System.nanoTime();
    private long cpuAt = cpuNow();

    @Override
    public void compileStarted(boolean query) {
        wall = System.nanoTime();
        cpuAt = cpuNow();
    }

    @Override
    public void stageEnded(String stage) {
        long w = System.nanoTime();
        long c = cpuNow();
        timings.add(new Timing(stage, w - wall, cpu ? c - cpuAt : -1));
        wall = w;
        cpuAt = c;
    }

    /** The stages timed so far, in the order they ran. */
    public List<Timing> timings() {
        return List.copyOf(timings);
    }

    /** One line per stage ({@code stage  wall ms  cpu ms}) and a total. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-34s %9s %9s%n", "compiler stage", "wall ms", "cpu ms"));
        long tw = 0, tc = 0;
        for (Timing t : timings) {
            sb.append(String.format(Locale.ROOT, "%-34s %9.3f %9s%n", t.stage(), t.wallNanos() / 1e6, cpuMs(t.cpuNanos())));
            tw += t.wallNanos();
            tc += Math.max(0, t.cpuNanos());
        }
        sb.append(String.format(Locale.ROOT, "%-34s %9.3f %9s%n", "total", tw / 1e6, cpu ? cpuMs(tc) : "-"));
        return sb.toString();
    }

    private static String cpuMs(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private long cpuNow() {
        return cpu ? THREADS.getCurrentThreadCpuTime() : -1;
    }
}
