package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.ast.With;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * OPA's CheckDeprecatedBuiltins, which runs after CheckTypes: in Rego v1 a call of a deprecated
 * builtin is an error ("deprecated built-in function calls in expression: any"). The calls are
 * found as each expression is resolved and reported by this stage, after the types are checked.
 */
final class CheckDeprecatedBuiltins {
    static final Set<String> DEPRECATED = Set.of("any", "all", "re_match", "set_diff", "net.cidr_overlap",
            "cast_array", "cast_set", "cast_string", "cast_boolean", "cast_null", "cast_object");

    private CheckDeprecatedBuiltins() {}

    static void run(Compilation c) {
        c.errors.addAll(c.deprecated);
    }

    /** Deprecated calls in a rule head (OPA moves head calls into the body before its check). */
    static void checkHead(Compilation c, Term t, Location l) {
        if (c.currentVersion != RegoVersion.V1 || t == null) return;
        String d = findDeprecated(t);
        if (d != null) c.deprecated.add(new RegoError(ErrorKind.TYPE, "deprecated built-in function calls in expression: " + d, l));
    }

    /** Deprecated calls in an expression (comprehension bodies are expressions of their own). */
    static void checkExpr(Compilation c, Expr e) {
        if (c.currentVersion != RegoVersion.V1) return;
        List<Term> terms = new ArrayList<>();
        switch (e.kind()) {
            case Expr.TermExpr t -> terms.add(t.term());
            case Expr.Unify u -> { terms.add(u.left()); terms.add(u.right()); }
            case Expr.Assign a -> terms.add(a.right());
            case Expr.SomeIn si -> terms.add(si.collection());
            case Expr.Every ev -> terms.add(ev.domain());
            default -> { }
        }
        for (With w : e.withs()) terms.add(w.value());
        for (Term t : terms) {
            String d = findDeprecated(t);
            if (d != null) {
                c.deprecated.add(new RegoError(ErrorKind.TYPE, "deprecated built-in function calls in expression: " + d, e.loc()));
                return;
            }
        }
    }

    /** The first deprecated builtin called in a term (comprehension bodies are checked as bodies). */
    private static String findDeprecated(Term t) {
        List<Term> parts = switch (t) {
            case Term.Call c -> {
                String n = c.operator().toString();
                if (c.operator().path().isEmpty() && DEPRECATED.contains(n)) yield null;
                yield c.args();
            }
            case Term.Ref r -> { List<Term> l = new ArrayList<>(r.path()); l.add(0, r.head()); yield l; }
            case Term.ArrayTerm a -> a.elems();
            case Term.SetTerm st -> st.elems();
            case Term.ObjectTerm o -> { List<Term> l = new ArrayList<>(o.keys()); l.addAll(o.values()); yield l; }
            case Term.ArrayCompr c -> List.of(c.head());
            case Term.SetCompr c -> List.of(c.head());
            case Term.ObjectCompr c -> List.of(c.key(), c.value());
            default -> List.of();
        };
        if (parts == null) return ((Term.Call) t).operator().toString();
        for (Term p : parts) {
            String d = findDeprecated(p);
            if (d != null) return d;
        }
        return null;
    }
}
