package dev.ecsguard.rego.ast;

import dev.ecsguard.rego.errors.Location;

/** {@code with target as value}: target is input..., data... or a function ref. */
public record With(Term.Ref target, Term value, Location loc) {}
