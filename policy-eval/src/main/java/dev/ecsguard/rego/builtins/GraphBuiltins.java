package dev.ecsguard.rego.builtins;

/** Builtins of one OPA namespace; see {@link BuiltinNamespace}. */
public final class GraphBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
    }
}
