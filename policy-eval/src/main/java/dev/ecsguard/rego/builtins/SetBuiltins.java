package dev.ecsguard.rego.builtins;

/** Builtins of one OPA namespace; see {@link BuiltinNamespace}. */
public final class SetBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
    }
}
