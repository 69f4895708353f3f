package dev.ecsguard.rego.eval;

import dev.ecsguard.rego.builtins.BuiltinCache;
import dev.ecsguard.rego.builtins.BuiltinContext;
import dev.ecsguard.rego.builtins.BuiltinException;
import dev.ecsguard.rego.value.Value;

import java.util.Random;
import java.util.function.Function;

/** The builtin-facing view of one evaluation: fixed clock, seeded randomness, step budget, size limits. */
final class EvalContext implements BuiltinContext {
    private final EvalOptions opts;
    private final long nowNs;
    private final Random random;
    private final BuiltinCache policyCache;
    long steps;
    private final long deadline;

    EvalContext(EvalOptions opts, BuiltinCache policyCache) {
        this.opts = opts;
        this.nowNs = opts.nowNs() != 0 ? opts.nowNs() : System.currentTimeMillis() * 1_000_000L + (System.nanoTime() % 1_000_000L + 1_000_000L) % 1_000_000L;
        this.random = new Random(nowNs);
        this.policyCache = policyCache;
        this.deadline = opts.timeout() == null ? Long.MAX_VALUE : System.nanoTime() + opts.timeout().toNanos();
    }

    EvalOptions options() { return opts; }

    @Override public long nowNs() { return nowNs; }
    @Override public Random random() { return random; }
    @Override public boolean strictBuiltinErrors() { return opts.strictBuiltinErrors(); }
    @Override public Value runtime() { return opts.runtime(); }

    @Override
    public void print(String line) {
        if (opts.print() != null) opts.print().accept(line);
    }

    @Override public int maxStringLength() { return opts.maxStringLength(); }
    @Override public int maxCollectionSize() { return opts.maxCollectionSize(); }

    @Override
    public <K, V> V cached(String namespace, K key, Function<K, V> compute) {
        return policyCache.get(namespace, key, compute);
    }

    /** Charges builtin work; crossing a multiple of 4096 steps checks the deadline, as {@link #step} does. */
    @Override
    public void charge(long units) {
        if (units <= 0) return;
        long before = steps;
        steps += units;
        if (steps > opts.maxSteps()) {
            throw new BuiltinException(BuiltinException.Kind.HALT,
                    "evaluation exceeded its step limit (" + opts.maxSteps() + ")");
        }
        if ((before >>> 12) != (steps >>> 12)) checkDeadline();
    }

    @Override
    public void checkDeadline() {
        if (System.nanoTime() > deadline) {
            throw new BuiltinException(BuiltinException.Kind.HALT,
                    "evaluation exceeded its time limit (" + opts.timeout().toMillis() + " ms)");
        }
    }

    /** Counts one step; every 4096 steps also checks the wall-clock deadline. */
    void step() {
        long s = ++steps;
        if (s > opts.maxSteps()) {
            throw new LimitExceeded("evaluation exceeded its step limit (" + opts.maxSteps() + ")");
        }
        if ((s & 4095) == 0 && System.nanoTime() > deadline) {
            throw new LimitExceeded("evaluation exceeded its time limit (" + opts.timeout().toMillis() + " ms)");
        }
    }

    /** Counts n steps of the evaluator's own bulk work (walk's path copies); checks like {@link #step}. */
    void steps(long n) {
        if (n <= 0) return;
        long before = steps;
        steps += n;
        if (steps > opts.maxSteps()) {
            throw new LimitExceeded("evaluation exceeded its step limit (" + opts.maxSteps() + ")");
        }
        if ((before >>> 12) != (steps >>> 12) && System.nanoTime() > deadline) {
            throw new LimitExceeded("evaluation exceeded its time limit (" + opts.timeout().toMillis() + " ms)");
        }
    }

    static final class LimitExceeded extends RuntimeException {
        LimitExceeded(String m) { super(m, null, false, false); }
    }
}
