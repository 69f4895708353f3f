package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.errors.Location;

import java.util.List;

/**
 * OPA's RewriteComprehensionTerms: a comprehension head that needs evaluating (a ref, call or
 * comprehension in it) becomes a fresh var unified with it at the end of the body, so that
 * {@code [xs[_] | true]} iterates. Done to each comprehension as it is resolved ({@link Resolver}).
 */
final class RewriteComprehensionTerms {
    private RewriteComprehensionTerms() {}

    static Term hoistHead(Resolver res, Term head, Scope inner, List<Expr> exprs, Location loc) {
        if (!needsEval(head)) return head;
        Term.Var v = res.freshVar("$c", inner, head.loc());
        Expr hoisted = new Expr(new Expr.Unify(v, head), false, List.of(), head.loc() == null ? loc : head.loc(), exprs.size());
        CheckDeprecatedBuiltins.checkExpr(res.compilation(), hoisted);
        exprs.add(hoisted);
        return v;
    }

    /** A term whose value has to be computed: a ref, a call, a comprehension, or a composite holding one. */
    static boolean needsEval(Term t) {
        return switch (t) {
            case Term.Ref r -> true;
            case Term.Call c -> true;
            case Term.ArrayCompr c -> true;
            case Term.SetCompr c -> true;
            case Term.ObjectCompr c -> true;
            case Term.ArrayTerm a -> a.elems().stream().anyMatch(RewriteComprehensionTerms::needsEval);
            case Term.SetTerm st -> st.elems().stream().anyMatch(RewriteComprehensionTerms::needsEval);
            case Term.ObjectTerm o -> o.keys().stream().anyMatch(RewriteComprehensionTerms::needsEval)
                    || o.values().stream().anyMatch(RewriteComprehensionTerms::needsEval);
            default -> false;
        };
    }
}
