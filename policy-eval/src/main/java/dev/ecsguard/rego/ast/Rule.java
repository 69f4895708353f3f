package dev.ecsguard.rego.ast;

import dev.ecsguard.rego.errors.Location;

import java.util.List;

/**
 * A rule. The head is a ref relative to {@code data} after compilation (before, relative to the
 * package): {@code p}, {@code a.b[x]}, {@code f}. Kinds:
 * <ul>
 *   <li>{@link Kind#SINGLE}: {@code p := v}, also ref heads with variables ({@code o[k] := v});</li>
 *   <li>{@link Kind#MULTI}: {@code s contains x} (or v0 {@code s[x]});</li>
 *   <li>{@link Kind#FUNCTION}: {@code f(x) := v}.</li>
 * </ul>
 *
 * @param key        the member for MULTI rules, else null
 * @param value      the value term (true when absent)
 * @param args       function arguments, else empty
 * @param elseRule   the next {@code else} clause, or null
 * @param assignOp   true when written with {@code :=}
 */
public record Rule(Kind kind, Term.Ref head, List<Term> args, Term key, Term value, Body body,
                   boolean isDefault, Rule elseRule, boolean assignOp, Location loc, String file,
                   Annotations annotations) {
    public enum Kind { SINGLE, MULTI, FUNCTION }

    public Rule {
        args = List.copyOf(args);
    }

    public Rule withHead(Term.Ref h) {
        return new Rule(kind, h, args, key, value, body, isDefault, elseRule, assignOp, loc, file, annotations);
    }

    public Rule withParts(List<Term> a, Term k, Term v, Body b, Rule e) {
        return new Rule(kind, head, a, k, v, b, isDefault, e, assignOp, loc, file, annotations);
    }

    public Rule withAnnotations(Annotations a) {
        return new Rule(kind, head, args, key, value, body, isDefault, elseRule, assignOp, loc, file, a);
    }

    @Override
    public String toString() {
        return (isDefault ? "default " : "") + head + (kind == Kind.FUNCTION ? "(" + args + ")" : "")
                + (key != null ? " contains " + key : "") + (value != null ? " := " + value : "");
    }
}
