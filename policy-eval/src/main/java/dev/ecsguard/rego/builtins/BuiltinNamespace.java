package dev.ecsguard.rego.builtins;

/** One family of builtins ({@code strings}, {@code regex}, {@code time}...), registered together. */
public interface BuiltinNamespace {
    void register(BuiltinRegistry registry);
}
