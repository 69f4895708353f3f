package dev.ecsguard.rego.ast;

import java.util.List;
import java.util.stream.Collectors;

/** A conjunction of expressions. */
public record Body(List<Expr> exprs) {
    public Body { exprs = List.copyOf(exprs); }

    public static Body of(Expr... e) { return new Body(List.of(e)); }

    public int size() { return exprs.size(); }

    @Override public String toString() { return exprs.stream().map(Expr::toString).collect(Collectors.joining("; ")); }
}
