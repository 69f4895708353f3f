package dev.ecsguard.rego.ast;

import dev.ecsguard.rego.errors.Location;

import java.util.List;

/** A parsed Rego module (one file). {@code pkg} is the package path as a data ref. */
public record Module(String file, Term.Ref pkg, List<Import> imports, List<Rule> rules,
                     List<Annotations> annotations, RegoVersion version, Location loc) {
    public Module {
        imports = List.copyOf(imports);
        rules = List.copyOf(rules);
        annotations = List.copyOf(annotations);
    }
}
