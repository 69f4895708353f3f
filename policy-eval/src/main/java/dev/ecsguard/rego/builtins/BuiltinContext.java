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
     * templates, recent match answers), shared by evaluations of the same compiled policy.
     * Thread-safe and bounded per namespace (see {@link BuiltinCache}): an entry can be evicted and
     * computed again, so {@code compute} must be a pure function of the key.
     */
    <K, V> V cached(String namespace, K key, Function<K, V> compute);

    /**
     * Charges {@code units} of work against the evaluation's step budget (one unit per
     * {@link WorkLimits#UNIT} characters or elements scanned or produced); builtins that build large
     * results ({@code numbers.range}, {@code strings.replace_n}...) call this before allocating.
     * Also checks the wall-clock deadline every few thousand units. Throws a HALT
     * {@link BuiltinException} when the budget or the time is exhausted.
     */
    void charge(long units);

    /** Throws a HALT {@link BuiltinException} when the evaluation's wall-clock deadline has passed. */
    void checkDeadline();

    /** The longest string (in UTF-16 units) a builtin may build or return. */
    int maxStringLength();

    /** The most elements an array, set or object built by a builtin may hold. */
    int maxCollectionSize();
}
