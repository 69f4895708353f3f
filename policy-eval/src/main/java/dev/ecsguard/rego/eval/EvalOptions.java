package dev.ecsguard.rego.eval;

import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.Value;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Per-evaluation settings. Limits make a pathological policy or input fail with an
 * {@code eval_limit_error} instead of hanging or exhausting memory.
 *
 * @param strictBuiltinErrors raise builtin errors instead of treating the call as undefined
 * @param maxSteps            expression evaluations allowed (also charged by large builtins)
 * @param timeout             wall-clock limit, checked every few thousand steps
 * @param maxDepth            nesting of rule and function evaluations
 * @param print               receives print() output; null discards it
 * @param runtime             value of opa.runtime()
 * @param nowNs               fixed time.now_ns(), or 0 for the clock at evaluation start
 */
public record EvalOptions(boolean strictBuiltinErrors, long maxSteps, Duration timeout, int maxDepth,
                          Consumer<String> print, Value runtime, long nowNs) {
    public static final EvalOptions DEFAULT = new EvalOptions(false, 20_000_000L, Duration.ofSeconds(10), 1_000,
            null, ObjectValue.EMPTY, 0L);

    public EvalOptions withStrict(boolean s) {
        return new EvalOptions(s, maxSteps, timeout, maxDepth, print, runtime, nowNs);
    }

    public EvalOptions withPrint(Consumer<String> p) {
        return new EvalOptions(strictBuiltinErrors, maxSteps, timeout, maxDepth, p, runtime, nowNs);
    }

    public EvalOptions withRuntime(Value r) {
        return new EvalOptions(strictBuiltinErrors, maxSteps, timeout, maxDepth, print, r, nowNs);
    }

    public EvalOptions withLimits(long steps, Duration t, int depth) {
        return new EvalOptions(strictBuiltinErrors, steps, t, depth, print, runtime, nowNs);
    }

    public EvalOptions withNowNs(long n) {
        return new EvalOptions(strictBuiltinErrors, maxSteps, timeout, maxDepth, print, runtime, n);
    }
}
