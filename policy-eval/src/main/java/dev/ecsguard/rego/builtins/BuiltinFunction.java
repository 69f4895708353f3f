package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.Value;

/**
 * A builtin's implementation. Returns the result, or {@code null} when the call is undefined.
 * Throws {@link BuiltinException} for type errors and other failures; the evaluator turns those
 * into "undefined" or, with strict builtin errors, into eval_type_error / eval_builtin_error.
 */
@FunctionalInterface
public interface BuiltinFunction {
    Value call(Value[] args, BuiltinContext ctx);
}
