package dev.ecsguard.rego.builtins;

import java.util.List;

/** Every builtin namespace in the standard library, in registration order. */
final class StandardLibrary {
    private StandardLibrary() {}

    static List<BuiltinNamespace> namespaces() {
        return List.of(
                // Namespace classes are added here as they are written, one per family.
        );
    }
}
