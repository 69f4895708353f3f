package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Term;

import java.util.ArrayList;
import java.util.List;

/**
 * OPA's RewriteDynamicTerms, for what it changes in a negation: the ref and call operands of a
 * negated call are evaluated outside the negation, each bound to a fresh var by an expression
 * just before ({@code not startswith(input.missing, "x")} is undefined, not true). Done to each
 * expression as it is resolved ({@link Resolver}). {@code ==} is unification in OPA by then
 * (RewriteEquals), so its ref operands stay inside.
 */
final class RewriteDynamicTerms {
    private RewriteDynamicTerms() {}

    static Expr hoistNegatedOperands(Resolver res, Expr e, Scope scope, List<Expr> out) {
        if (!(e.kind() instanceof Expr.TermExpr t) || !(t.term() instanceof Term.Call c)) return e;
        String op = c.operator().toString();
        boolean equality = op.equals("equal") && c.args().size() == 2;
        List<Term> args = new ArrayList<>();
        for (Term a : c.args()) {
            // In `==` (unification in OPA) a ref operand stays inside; calls and composites' parts move out.
            args.add(equality && a instanceof Term.Ref ? a : hoist(res, a, e, scope, out));
        }
        return e.withKind(new Expr.TermExpr(new Term.Call(c.operator(), args, c.loc())));
    }

    private static Term hoist(Resolver res, Term t, Expr origin, Scope scope, List<Expr> out) {
        if (t instanceof Term.Ref || t instanceof Term.Call) {
            Term.Var v = res.freshVar("$h", scope, t.loc());
            out.add(new Expr(new Expr.Unify(v, t), false, origin.withs(), origin.loc(), origin.index()));
            return v;
        }
        return hoistInside(res, t, origin, scope, out);
    }

    private static Term hoistInside(Resolver res, Term t, Expr origin, Scope scope, List<Expr> out) {
        switch (t) {
            case Term.ArrayTerm a -> {
                List<Term> el = new ArrayList<>();
                for (Term x : a.elems()) el.add(hoist(res, x, origin, scope, out));
                return new Term.ArrayTerm(el, a.loc());
            }
            case Term.SetTerm st -> {
                List<Term> el = new ArrayList<>();
                for (Term x : st.elems()) el.add(hoist(res, x, origin, scope, out));
                return new Term.SetTerm(el, st.loc());
            }
            case Term.ObjectTerm o -> {
                List<Term> vs = new ArrayList<>();
                for (Term x : o.values()) vs.add(hoist(res, x, origin, scope, out));
                return new Term.ObjectTerm(o.keys(), vs, o.loc());
            }
            default -> { return t; }
        }
    }
}
