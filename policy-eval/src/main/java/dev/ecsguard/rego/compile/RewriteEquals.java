package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Term;

/**
 * OPA's RewriteEquals, which runs after the safety checks: in rule bodies {@code a == b} (no
 * {@code with}) is then evaluated as unification {@code a = b}. It never binds a var (safety was
 * decided with {@code ==}); a query keeps {@code ==} as a comparison, so that a lone
 * {@code 1 == 2} reports false.
 */
final class RewriteEquals {
    private RewriteEquals() {}

    static Expr rewrite(Expr e) {
        if (e.kind() instanceof Expr.TermExpr t && t.term() instanceof Term.Call c && c.args().size() == 2
                && c.operator().path().isEmpty() && "equal".equals(c.operator().rootName())
                && e.withs().isEmpty()) {
            return e.withKind(new Expr.Unify(c.args().get(0), c.args().get(1)));
        }
        return e;
    }
}
