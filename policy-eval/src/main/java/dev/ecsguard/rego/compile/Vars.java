package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.ast.With;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The names of the vars in parsed terms and bodies, before they are numbered into frame slots:
 * what a body declares ({@code some}, {@code :=}, {@code some ... in}) and what it mentions
 * outside the comprehensions nested in it.
 */
final class Vars {
    private Vars() {}

    static void declareAll(Term t, Scope s) {
        switch (t) {
            case Term.Var v -> { if (!v.isWildcard()) s.declared.add(v.name()); }
            case Term.ArrayTerm a -> a.elems().forEach(e -> declareAll(e, s));
            case Term.ObjectTerm o -> o.values().forEach(e -> declareAll(e, s));
            case Term.SetTerm st -> st.elems().forEach(e -> declareAll(e, s));
            default -> { }
        }
    }

    /** Marks names declared by some / := / some-in in this body (not nested bodies). */
    static void prescan(Body b, Scope s) {
        for (Expr e : b.exprs()) {
            switch (e.kind()) {
                case Expr.SomeDecl d -> d.vars().forEach(v -> s.declared.add(v.name()));
                case Expr.Assign a -> declareAll(a.left(), s);
                case Expr.SomeIn si -> {
                    if (si.key() != null) declareAll(si.key(), s);
                    declareAll(si.value(), s);
                }
                default -> { }
            }
        }
    }

    static void collectUsedBody(Body b, Set<String> used) {
        for (Expr e : b.exprs()) {
            switch (e.kind()) {
                case Expr.TermExpr t -> collectUsed(t.term(), used);
                case Expr.Unify u -> { collectUsed(u.left(), used); collectUsed(u.right(), used); }
                case Expr.Assign a -> { collectUsed(a.left(), used); collectUsed(a.right(), used); }
                case Expr.SomeDecl d -> d.vars().forEach(v -> used.add(v.name()));
                case Expr.SomeIn si -> {
                    if (si.key() != null) collectUsed(si.key(), used);
                    collectUsed(si.value(), used);
                    collectUsed(si.collection(), used);
                }
                case Expr.Every ev -> collectUsed(ev.domain(), used);
            }
            for (With w : e.withs()) collectUsed(w.value(), used);
        }
    }

    /** The names of the vars in a term (not inside comprehensions), in order of occurrence. */
    static Set<String> varNames(Term t) {
        Set<String> out = new LinkedHashSet<>();
        collectUsed(t, out);
        return out;
    }

    /** The names a body mentions outside nested bodies, `some` declarations aside (OPA drops those). */
    static void collectBodyVars(Body b, Set<String> out) {
        collectUsedBody(new Body(b.exprs().stream().filter(e -> !(e.kind() instanceof Expr.SomeDecl)).toList()), out);
    }

    static void collectUsed(Term t, Set<String> used) {
        switch (t) {
            case Term.Var v -> used.add(v.name());
            case Term.Ref r -> { collectUsed(r.head(), used); r.path().forEach(p -> collectUsed(p, used)); }
            case Term.Call c -> c.args().forEach(a -> collectUsed(a, used));
            case Term.ArrayTerm a -> a.elems().forEach(e -> collectUsed(e, used));
            case Term.SetTerm s -> s.elems().forEach(e -> collectUsed(e, used));
            case Term.ObjectTerm o -> { o.keys().forEach(e -> collectUsed(e, used)); o.values().forEach(e -> collectUsed(e, used)); }
            default -> { }
        }
    }
}
