package dev.ecsguard.rego.builtins;

import java.util.List;

/** Every builtin namespace in the standard library, in registration order. */
final class StandardLibrary {
    private StandardLibrary() {}

    static List<BuiltinNamespace> namespaces() {
        return List.of(
                new ComparisonBuiltins(),
                new ArithmeticBuiltins(),
                new BitsBuiltins(),
                new AggregateBuiltins(),
                new ArrayBuiltins(),
                new SetBuiltins(),
                new ObjectBuiltins(),
                new TypeBuiltins(),
                new StringBuiltins(),
                new EncodingBuiltins(),
                new RegexBuiltins(),
                new GlobBuiltins(),
                new TimeBuiltins(),
                new NetBuiltins(),
                new SemverBuiltins(),
                new UnitsBuiltins(),
                new UuidBuiltins(),
                new CryptoBuiltins(),
                new GraphBuiltins(),
                new RandBuiltins(),
                new OpaBuiltins(),
                new JsonSchemaBuiltins()
        );
    }
}
