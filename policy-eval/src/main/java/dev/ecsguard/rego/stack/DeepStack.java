package dev.ecsguard.rego.stack;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the engine's recursive work (parsing, compiling, evaluating) on threads whose stack fits the
 * deepest program the source limits admit, whatever the caller's own stack is. The parser, the
 * compiler and the evaluator recurse once or a few times per level of nesting (a term inside a
 * term, an operand of an operator chain, an {@code else} branch, a rule called by a rule); at the
 * limits ({@link dev.ecsguard.rego.ast.SourceLimits#DEFAULT}: 20,000 levels of nesting, 1,000
 * nested rule evaluations) that takes more than the 1 MB a JVM thread has by default: the deepest
 * admitted program measured, 19,990 nested parentheses, needs between 16 and 32 MiB (it overflows
 * 16 MiB; 19,990 chained {@code +} terms or {@code else} branches pass with 16 MiB). The memory is
 * reserved, and only the pages a deep program touches are used.
 *
 * <p>Work submitted from a thread of this pool runs in place. Other callers hand each call over
 * to an idle pool thread (measured 50-70 us on a loaded 2-core machine), so the engine does that
 * only where the depth calls for it: parsing a source whose brackets nest deeper than
 * {@link #SHALLOW_DEPTH}, evaluating a program that deep, and every compile (once per policy).
 */
public final class DeepStack {
    /**
     * Stack of each thread: 64 MiB, at least twice what the deepest admitted programs were measured
     * to need; {@code -Decsguard.stackBytes=N} sets another size (the measurement runs with it).
     */
    public static final long STACK_BYTES = Long.getLong("ecsguard.stackBytes", 64L << 20);

    /**
     * Nesting up to which work runs on the caller's stack (the parser's own limit before deep
     * stacks existed, which the 1 MB default stack always held).
     */
    public static final int SHALLOW_DEPTH = 256;

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Worker(r);
                t.setDaemon(true);
                return t;
            });

    private DeepStack() {}

    /** A thread of the pool. */
    private static final class Worker extends Thread {
        Worker(Runnable r) {
            super(null, r, "ecs-guard-deep-stack-" + COUNT.incrementAndGet(), STACK_BYTES);
        }
    }

    /** Whether the current thread has the deep stack (work runs in place). */
    public static boolean current() {
        return Thread.currentThread() instanceof Worker;
    }

    /**
     * The result of work run on a deep-stack thread (in place when already on one). What the work
     * throws is thrown here unchanged, an {@link Error} included.
     */
    public static <T> T call(Supplier<T> work) {
        if (current()) return work.get();
        Future<T> f = POOL.submit(work::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    // The work cannot be stopped halfway; wait for it, and keep the interrupt for the caller.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } catch (CancellationException e) {
            throw new IllegalStateException("deep-stack work cancelled", e);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Work on the caller's stack when it nests at most {@link #SHALLOW_DEPTH} levels, else {@link #call}. */
    public static <T> T callFor(int depth, Supplier<T> work) {
        return depth <= SHALLOW_DEPTH ? work.get() : call(work);
    }

    /** Runs work on a deep-stack thread (in place when already on one). */
    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
