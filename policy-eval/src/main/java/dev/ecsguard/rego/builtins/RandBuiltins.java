package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Signature;
import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.Value;

import java.util.Map;
import java.util.Random;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code rand.intn(str, n)}: a random integer in [0, |n|) from the evaluation's random source,
 * the same number for the same (str, n) within one evaluation, as OPA caches it per query.
 */
public final class RandBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        r.register(new Builtin("rand.intn", Signature.of(Type.NUMBER, Type.STRING, Type.NUMBER), (a, ctx) -> {
            String name = "rand.intn";
            String str = RegexBuiltins.str(name, a, 0);
            long n0 = RegexBuiltins.intOperand(name, a, 1);
            if (n0 == 0) return NumberValue.ZERO;
            long n = n0 == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(n0);
            return perEvaluation(ctx, "rand.intn\u0000" + str + "\u0000" + n,
                    () -> NumberValue.of(ctx.random().nextLong(n)));
        }, false, null));
    }

    /**
     * Memoises a value for the current evaluation. The builtin context has no per-evaluation store,
     * but its {@link Random} is created per evaluation: results are kept in a weak map keyed by that
     * instance, so they live exactly as long as the evaluation's random source.
     */
    static Value perEvaluation(BuiltinContext ctx, String key, Supplier<Value> compute) {
        Random owner = ctx.random();
        Map<String, Value> memo;
        synchronized (MEMO) {
            memo = MEMO.computeIfAbsent(owner, k -> new ConcurrentHashMap<>());
        }
        return memo.computeIfAbsent(key, k -> compute.get());
    }

    private static final WeakHashMap<Random, Map<String, Value>> MEMO = new WeakHashMap<>();
}
