package dev.ecsguard.rego.ast;

import dev.ecsguard.rego.errors.Location;

import java.util.List;

/**
 * One expression of a body: what it evaluates ({@link Kind}), whether it is negated with
 * {@code not}, and its {@code with} modifiers.
 */
public record Expr(Kind kind, boolean negated, List<With> withs, Location loc, int index) {
    public Expr {
        withs = List.copyOf(withs);
    }

    public Expr(Kind kind, Location loc) { this(kind, false, List.of(), loc, 0); }

    public Expr withKind(Kind k) { return new Expr(k, negated, withs, loc, index); }
    public Expr withIndex(int i) { return new Expr(kind, negated, withs, loc, i); }
    public Expr withWiths(List<With> w) { return new Expr(kind, negated, w, loc, index); }
    public Expr negate(boolean n) { return new Expr(kind, n, withs, loc, index); }

    /** What an expression evaluates. */
    public sealed interface Kind {}

    /** A bare term: true unless the term is false or undefined. Also a call used as a statement. */
    public record TermExpr(Term term) implements Kind {
        @Override public String toString() { return term.toString(); }
    }

    /** {@code a = b} (unify) — reordered freely by the compiler. */
    public record Unify(Term left, Term right) implements Kind {
        @Override public String toString() { return left + " = " + right; }
    }

    /** {@code a := b} — declares the vars of the left side; order is fixed. */
    public record Assign(Term left, Term right) implements Kind {
        @Override public String toString() { return left + " := " + right; }
    }

    /** {@code some x, y} */
    public record SomeDecl(List<Term.Var> vars) implements Kind {
        public SomeDecl { vars = List.copyOf(vars); }
        @Override public String toString() { return "some " + vars; }
    }

    /** {@code some k, v in coll} (key may be null). */
    public record SomeIn(Term key, Term value, Term collection) implements Kind {
        @Override public String toString() {
            return "some " + (key == null ? "" : key + ", ") + value + " in " + collection;
        }
    }

    /** {@code every k, v in domain { body }} (key may be null). */
    public record Every(Term key, Term value, Term domain, Body body) implements Kind {
        @Override public String toString() {
            return "every " + (key == null ? "" : key + ", ") + value + " in " + domain + " { " + body + " }";
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (negated) sb.append("not ");
        sb.append(kind);
        for (With w : withs) sb.append(" with ").append(w.target()).append(" as ").append(w.value());
        return sb.toString();
    }
}
