package dev.ecsguard.rego.eval;

import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.Value;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Per-evaluation settings. Limits make a pathological policy or input fail with an
 * {@code eval_limit_error} (steps, time, depth) or an {@code eval_builtin_error} (sizes) instead of
 * hanging or exhausting memory.
 *
 * @param strictBuiltinErrors raise builtin errors instead of treating the call as undefined
 * @param maxSteps            expression evaluations allowed (also charged by builtins for the work they do)
 * @param timeout             wall-clock limit, checked every few thousand steps and inside long builtins
 * @param maxDepth            nesting of rule and function evaluations
 * @param print               receives print() output; null discards it
 * @param runtime             value of opa.runtime()
 * @param nowNs               fixed time.now_ns(), or 0 for the clock at evaluation start
 * @param maxStringLength     longest string (UTF-16 units) a builtin may build or return
 * @param maxCollectionSize   most elements an array, set or object built by a builtin may hold
 */
public record EvalOptions(boolean strictBuiltinErrors, long maxSteps, Duration timeout, int maxDepth,
                          Consumer<String> print, Value runtime, long nowNs,
                          int maxStringLength, int maxCollectionSize) {
    /** Default {@link #maxStringLength}: 16 Mi characters (twice the Lambda's largest event). */
    public static final int DEFAULT_MAX_STRING_LENGTH = 16 * 1024 * 1024;
    /** Default {@link #maxCollectionSize}: 1 Mi elements. */
    public static final int DEFAULT_MAX_COLLECTION_SIZE = 1024 * 1024;

    public static final EvalOptions DEFAULT = new EvalOptions(false, 20_000_000L, Duration.ofSeconds(10), 1_000,
            null, ObjectValue.EMPTY, 0L, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_COLLECTION_SIZE);

    public EvalOptions withStrict(boolean s) {
        return new EvalOptions(s, maxSteps, timeout, maxDepth, print, runtime, nowNs, maxStringLength, maxCollectionSize);
    }

    public EvalOptions withPrint(Consumer<String> p) {
        return new EvalOptions(strictBuiltinErrors, maxSteps, timeout, maxDepth, p, runtime, nowNs, maxStringLength, maxCollectionSize);
    }

    public EvalOptions withRuntime(Value r) {
        return new EvalOptions(strictBuiltinErrors, maxSteps, timeout, maxDepth, print, r, nowNs, maxStringLength, maxCollectionSize);
    }

    public EvalOptions withLimits(long steps, Duration t, int depth) {
        return new EvalOptions(strictBuiltinErrors, steps, t, depth, print, runtime, nowNs, maxStringLength, maxCollectionSize);
    }

    /** Result-size limits of builtins (see {@link #maxStringLength}, {@link #maxCollectionSize}). */
    public EvalOptions withSizeLimits(int stringLength, int collectionSize) {
        if (stringLength < 1 || collectionSize < 1) throw new IllegalArgumentException("size limits must be positive");
        return new EvalOptions(strictBuiltinErrors, maxSteps, timeout, maxDepth, print, runtime, nowNs, stringLength, collectionSize);
    }

    public EvalOptions withNowNs(long n) {
        return new EvalOptions(strictBuiltinErrors, maxSteps, timeout, maxDepth, print, runtime, n, maxStringLength, maxCollectionSize);
    }
}
