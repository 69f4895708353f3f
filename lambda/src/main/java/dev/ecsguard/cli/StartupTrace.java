package dev.ecsguard.cli;

import dev.ecsguard.rego.PhaseTrace;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code ECS_GUARD_STARTUP_TRACE=1}: where one command's start-up goes. Prints to stderr, after the
 * command, the time from JVM start to {@code main}, then each phase that {@link PhaseTrace} marked
 * (argument parsing, policy load, builtins, parse, each compiler stage by its OPA name, evaluation, output)
 * with its wall time and the main thread's CPU time, then the whole run's wall time and the
 * process's CPU time (JIT compiler and GC threads included). The thread's CPU time is read from
 * Linux's {@code /proc/thread-self/schedstat} (elsewhere that column is empty); the management
 * beans are loaded only for the last two lines, after the last mark.
 */
final class StartupTrace {
    static final String VARIABLE = "ECS_GUARD_STARTUP_TRACE";
    private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");

    private StartupTrace() {}

    /** Starts the trace when the variable is set to anything but empty, 0 or false. */
    static void enableFromEnvironment() {
        String v = System.getenv(VARIABLE);
        if (v != null && !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false")) {
            PhaseTrace.enable(StartupTrace::threadCpuNanos);
        }
    }

    /** CPU time of the threads that ran the command before the current one (see continueOnThisThread). */
    private static volatile long carriedCpuNanos;

    /**
     * The command moved to the calling thread from one that had used {@code earlierCpuNanos}: the
     * marks made from here on count that time too, so the phases add up as on one thread.
     */
    static void continueOnThisThread(long earlierCpuNanos) {
        long here = ownCpuNanos();
        carriedCpuNanos = earlierCpuNanos < 0 || here < 0 ? 0 : earlierCpuNanos - here;
    }

    /** The CPU time of the command's threads so far in ns, or -1. */
    static long threadCpuNanos() {
        long own = ownCpuNanos();
        return own < 0 ? -1 : own + carriedCpuNanos;
    }

    /** The calling thread's own CPU time in ns (first field of schedstat), or -1. */
    private static long ownCpuNanos() {
        try {
            String s = new String(Files.readAllBytes(SCHEDSTAT), StandardCharsets.US_ASCII);
            int sp = s.indexOf(' ');
            return Long.parseLong(sp < 0 ? s.trim() : s.substring(0, sp));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static void printIfEnabled(PrintStream err) {
        if (!PhaseTrace.enabled()) return;
        List<PhaseTrace.Mark> marks = PhaseTrace.marks();
        long end = System.nanoTime();
        long uptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
        long cpuNs = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "ecs-guard startup trace          wall ms   cpu ms (main thread)%n"));
        PhaseTrace.Mark start = marks.get(0);
        row(b, "jvm start -> main", Math.max(0, uptimeMs - ms(end - start.wallNanos())), ms(start.cpuNanos()));
        for (int i = 1; i < marks.size(); i++) {
            PhaseTrace.Mark m = marks.get(i), prev = marks.get(i - 1);
            row(b, m.phase(), ms(m.wallNanos() - prev.wallNanos()),
                    m.cpuNanos() < 0 || prev.cpuNanos() < 0 ? -1 : ms(m.cpuNanos() - prev.cpuNanos()));
        }
        row(b, "total: jvm uptime, process cpu", uptimeMs, cpuNs < 0 ? -1 : ms(cpuNs));
        err.print(b);
        err.flush();
    }

    private static double ms(long nanos) { return nanos < 0 ? -1 : nanos / 1e6; }

    private static void row(StringBuilder b, String phase, double wallMs, double cpuMs) {
        b.append(String.format(Locale.ROOT, "  %-34s %7.1f %8s%n", phase, wallMs,
                cpuMs < 0 ? "" : String.format(Locale.ROOT, "%.1f", cpuMs)));
    }
}
