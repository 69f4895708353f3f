package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.Value;

import java.util.Random;
import java.util.function.Function;

/** What a builtin may see of the evaluation it runs in. One instance per evaluation. */
public interface BuiltinContext {
    /** Nanoseconds since the epoch, fixed once per evaluation ({@code time.now_ns}). */
    long nowNs();

    /** Source of randomness for {@code rand.intn} and {@code uuid.rfc4122}, seeded per evaluation. */
    Random random();

    /** Whether builtin errors are raised (true) or make the call undefined (false). */
    boolean strictBuiltinErrors();

    /** The value of {@code opa.runtime()}: {"env": {...}, ...}; empty unless configured. */
    Value runtime();

    /** Receives print() and trace() output, one line per call. */
    void print(String line);

    /**
     * A per-policy cache for compiled artefacts (regular expressions, glob matchers, parsed
     * templates), shared by evaluations of the same compiled policy. Thread-safe.
     */
    <K, V> V cached(String namespace, K key, Function<K, V> compute);

    /**
     * Charges {@code units} of work against the evaluation's step budget; builtins that build
     * large results ({@code numbers.range}, {@code strings.repeat}...) call this before allocating.
     * Throws a HALT {@link BuiltinException} when the budget is exhausted.
     */
    void charge(long units);
}
