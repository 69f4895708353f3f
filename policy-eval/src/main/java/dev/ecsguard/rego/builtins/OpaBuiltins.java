package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Signature;
import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.BooleanValue;

/**
 * {@code opa.runtime()} (whatever the host configured; empty by default) and {@code trace(note)}
 * (the note goes to the print sink; always true). {@code print} and {@code walk} belong to the
 * evaluator.
 */
public final class OpaBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        r.register(new Builtin("opa.runtime", Signature.of(Type.objectOf(Type.STRING, Type.ANY)),
                (a, ctx) -> ctx.runtime(), false, null));
        r.register(new Builtin("trace", Signature.of(Type.BOOLEAN, Type.STRING), (a, ctx) -> {
            ctx.print(RegexBuiltins.str("trace", a, 0));
            return BooleanValue.TRUE;
        }, false, null));
    }
}
