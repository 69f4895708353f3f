package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.ast.With;

import java.util.function.Consumer;

/** Walks over terms and bodies: the terms of each expression, the bodies nested in a term, the calls in them. */
final class Walk {
    private Walk() {}

    static void bodyTerms(Body b, java.util.function.Consumer<Term> f) {
        for (Expr e : b.exprs()) {
            switch (e.kind()) {
                case Expr.TermExpr t -> f.accept(t.term());
                case Expr.Unify u -> { f.accept(u.left()); f.accept(u.right()); }
                case Expr.Assign a -> { f.accept(a.left()); f.accept(a.right()); }
                case Expr.SomeIn si -> { if (si.key() != null) f.accept(si.key()); f.accept(si.value()); f.accept(si.collection()); }
                case Expr.Every ev -> f.accept(ev.domain());
                case Expr.SomeDecl d -> { }
            }
            for (With w : e.withs()) f.accept(w.value());
        }
    }

    /** The comprehension bodies directly inside a term. */
    static void nestedBodies(Term t, java.util.function.Consumer<Body> f) {
        switch (t) {
            case Term.ArrayCompr c -> { nestedBodies(c.head(), f); f.accept(c.body()); }
            case Term.SetCompr c -> { nestedBodies(c.head(), f); f.accept(c.body()); }
            case Term.ObjectCompr c -> { nestedBodies(c.key(), f); nestedBodies(c.value(), f); f.accept(c.body()); }
            case Term.Call c -> c.args().forEach(a -> nestedBodies(a, f));
            case Term.Ref r -> { nestedBodies(r.head(), f); r.path().forEach(x -> nestedBodies(x, f)); }
            case Term.ArrayTerm a -> a.elems().forEach(x -> nestedBodies(x, f));
            case Term.SetTerm st -> st.elems().forEach(x -> nestedBodies(x, f));
            case Term.ObjectTerm o -> { o.keys().forEach(x -> nestedBodies(x, f)); o.values().forEach(x -> nestedBodies(x, f)); }
            default -> { }
        }
    }

    static void bodyCalls(Body b, java.util.function.Consumer<Term.Call> f) {
        for (Expr e : b.exprs()) {
            switch (e.kind()) {
                case Expr.TermExpr t -> callsIn(t.term(), f);
                case Expr.Unify u -> { callsIn(u.left(), f); callsIn(u.right(), f); }
                case Expr.Assign a -> { callsIn(a.left(), f); callsIn(a.right(), f); }
                case Expr.SomeIn si -> {
                    if (si.key() != null) callsIn(si.key(), f);
                    callsIn(si.value(), f);
                    callsIn(si.collection(), f);
                }
                case Expr.Every ev -> { callsIn(ev.domain(), f); bodyCalls(ev.body(), f); }
                case Expr.SomeDecl d -> { }
            }
            for (With w : e.withs()) callsIn(w.value(), f);
        }
    }

    static void callsIn(Term t, java.util.function.Consumer<Term.Call> f) {
        switch (t) {
            case Term.Call c -> { f.accept(c); c.args().forEach(a -> callsIn(a, f)); }
            case Term.Ref r -> { callsIn(r.head(), f); r.path().forEach(x -> callsIn(x, f)); }
            case Term.ArrayTerm a -> a.elems().forEach(x -> callsIn(x, f));
            case Term.SetTerm st -> st.elems().forEach(x -> callsIn(x, f));
            case Term.ObjectTerm o -> { o.keys().forEach(x -> callsIn(x, f)); o.values().forEach(x -> callsIn(x, f)); }
            case Term.ArrayCompr c -> { callsIn(c.head(), f); bodyCalls(c.body(), f); }
            case Term.SetCompr c -> { callsIn(c.head(), f); bodyCalls(c.body(), f); }
            case Term.ObjectCompr c -> { callsIn(c.key(), f); callsIn(c.value(), f); bodyCalls(c.body(), f); }
            default -> { }
        }
    }

    static void forEachExprTerm(Expr e, java.util.function.Consumer<Term> f) {
        switch (e.kind()) {
            case Expr.TermExpr t -> f.accept(t.term());
            case Expr.Unify u -> { f.accept(u.left()); f.accept(u.right()); }
            case Expr.Assign a -> { f.accept(a.left()); f.accept(a.right()); }
            case Expr.SomeDecl d -> { }
            case Expr.SomeIn si -> { if (si.key() != null) f.accept(si.key()); f.accept(si.value()); f.accept(si.collection()); }
            case Expr.Every ev -> f.accept(ev.domain());
        }
        for (With w : e.withs()) f.accept(w.value());
    }
}
