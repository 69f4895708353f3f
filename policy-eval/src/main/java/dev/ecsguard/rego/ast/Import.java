package dev.ecsguard.rego.ast;

import dev.ecsguard.rego.errors.Location;

/** {@code import data.x.y as z}, {@code import input.a}, {@code import rego.v1}, {@code import future.keywords.in}. */
public record Import(Term.Ref path, String alias, Location loc) {
    /** The name the import binds in the module: its alias or the last path segment. */
    public String name() {
        if (alias != null) return alias;
        if (path.path().isEmpty()) return path.rootName();
        Term last = path.path().get(path.path().size() - 1);
        return last instanceof Term.Scalar s && s.value() instanceof dev.ecsguard.rego.value.StringValue str
                ? str.value() : null;
    }
}
