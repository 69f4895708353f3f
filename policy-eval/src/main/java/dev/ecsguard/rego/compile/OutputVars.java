package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.ast.With;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Which vars an expression binds once the vars in {@code safe} are bound: OPA's
 * outputVarsForExpr (compile.go) and its unifier (unify.go), which the safety check
 * (reorderBodyForSafety) orders bodies by. Vars are frame slots here.
 *
 * <ul>
 *   <li>a ref whose head is safe binds the vars of its path ({@code input.xs[i]} binds i);</li>
 *   <li>a call binds the vars of its output argument once its inputs are safe;</li>
 *   <li>{@code a = b} (and {@code :=}, and {@code some k, v in c} as {@code v = c[k]}) binds what
 *       the unifier finds: a var against a safe term; a pattern element by element against a
 *       pattern of the same kind and size (an array pattern against an object or a string binds
 *       nothing); object patterns by equal keys, never a var used as a key.</li>
 * </ul>
 */
final class OutputVars {
    private final IdentityHashMap<Object, Set<Integer>> closures;
    private final ToIntFunction<Term.Call> arity;

    /**
     * @param closures the enclosing-scope slots each comprehension and every body reads
     * @param arity    the declared arity of a call's operator, -1 when unknown
     */
    OutputVars(IdentityHashMap<Object, Set<Integer>> closures, ToIntFunction<Term.Call> arity) {
        this.closures = closures;
        this.arity = arity;
    }

    /** outputVarsForExpr: the slots the expression binds; none when negated or a with value is unsafe. */
    Set<Integer> of(Expr e, Set<Integer> safe) {
        Set<Integer> out = new HashSet<>();
        if (e.negated()) return out;
        for (With w : e.withs()) if (!safe.containsAll(vars(w.value(), SAFETY))) return out;
        switch (e.kind()) {
            case Expr.TermExpr t -> {
                if (t.term() instanceof Term.Call c) call(c, safe, out);
                else refs(t.term(), safe, out);
            }
            case Expr.Unify u -> {
                if (u.left() instanceof Term.Var hv && hv.name().startsWith("$h")) {
                    // An operand hoisted out of a negation (after OPA's safety check, in its
                    // RewriteDynamicTerms) binds only its own var, once its inputs are safe.
                    if (safe.containsAll(vars(u.right(), SAFETY))) out.add(hv.slot());
                } else {
                    eq(u.left(), u.right(), safe, out);
                }
            }
            case Expr.Assign a -> eq(a.left(), a.right(), safe, out);   // := is = once declared (RewriteLocalVars)
            case Expr.SomeIn si -> eq(si.value(), someInRef(si), safe, out);
            case Expr.Every ev -> refs(ev.domain(), safe, out);
            case Expr.SomeDecl d -> { }
        }
        return out;
    }

    /** The ref OPA's rewriteSomeDeclStatement makes of {@code some k, v in coll}: {@code coll[k]}. */
    static Term.Ref someInRef(Expr.SomeIn si) {
        Term key = si.key() != null ? si.key() : new Term.Var("$some", -1, si.value().loc());
        if (si.collection() instanceof Term.Ref r) return r.append(key);
        return new Term.Ref(si.collection(), List.of(key), si.collection().loc());
    }

    /** outputVarsForExprEq: ref outputs, then what unifying the two sides binds. */
    private void eq(Term a, Term b, Set<Integer> safe, Set<Integer> out) {
        Set<Integer> output = new HashSet<>();
        refs(a, safe, output);
        refs(b, safe, output);
        output.addAll(safe);
        output.addAll(new Unifier(output).run(a, b));
        output.removeAll(safe);
        out.addAll(output);
    }

    /** outputVarsForExprCall: ref outputs, and the output argument's vars once the inputs are safe. */
    private void call(Term.Call c, Set<Integer> safe, Set<Integer> out) {
        String op = c.operator().rootName();
        refs(c, safe, out);
        if ("print".equals(op)) return;   // OPA rewrites print's arguments into closures first
        int n = switch (op == null ? "" : op) {
            case "internal.member_2" -> 2;
            case "internal.member_3" -> 3;
            default -> arity.applyAsInt(c);
        };
        if (n < 0) { out.clear(); return; }
        if (n >= c.args().size()) return;
        Set<Integer> inputs = new HashSet<>();
        for (int i = 0; i < n; i++) inputs.addAll(vars(c.args().get(i), OUTPUT_ARGS));
        inputs.removeAll(out);
        if (!safe.containsAll(inputs)) { out.clear(); return; }
        for (int i = n; i < c.args().size(); i++) out.addAll(vars(c.args().get(i), OUTPUT_ARGS));
    }

    /** outputVarsForTerms: the path vars of every ref with a safe head (not inside closures). */
    void refs(Term t, Set<Integer> safe, Set<Integer> out) {
        switch (t) {
            case Term.Ref r -> {
                if (!refSafe(r, safe)) return;
                for (Term p : r.path()) out.addAll(vars(p, REF_PATH));
                refs(r.head(), safe, out);
                for (Term p : r.path()) refs(p, safe, out);
            }
            case Term.Call c -> c.args().forEach(x -> refs(x, safe, out));
            case Term.ArrayTerm a -> a.elems().forEach(x -> refs(x, safe, out));
            case Term.SetTerm s -> s.elems().forEach(x -> refs(x, safe, out));
            case Term.ObjectTerm o -> { o.keys().forEach(x -> refs(x, safe, out)); o.values().forEach(x -> refs(x, safe, out)); }
            default -> { }
        }
    }

    /** unify.go isRefSafe: the ref's head (a var, a call's arguments, a literal's vars) is safe. */
    private boolean refSafe(Term.Ref r, Set<Integer> safe) {
        if (r.head() instanceof Term.Var v) return v.slot() < 0 || safe.contains(v.slot());
        return safe.containsAll(vars(r.head(), SAFETY));
    }

    // ---------------------------------------------------------------- vars of terms

    /** Which parts of a term {@link #vars} skips (OPA's VarVisitorParams). */
    private record Skip(boolean refHead, boolean objectKeys, boolean sets, boolean closures) {}

    /** SafetyCheckVisitorParams: the vars an expression must have bound (closures apart). */
    static final Skip SAFETY = new Skip(false, false, false, true);
    /** The vars of a ref's path that the ref binds. */
    private static final Skip REF_PATH = new Skip(true, false, false, false);
    /** The vars of call arguments (outputVarsForExprCall). */
    private static final Skip OUTPUT_ARGS = new Skip(true, true, true, true);
    /** The vars a pattern binds (unifier markAllSafe). */
    private static final Skip PATTERN = new Skip(true, true, false, true);

    Set<Integer> vars(Term t, Skip skip) {
        Set<Integer> out = new HashSet<>();
        vars(t, skip, out);
        return out;
    }

    private void vars(Term t, Skip skip, Set<Integer> out) {
        switch (t) {
            case Term.Var v -> { if (v.slot() >= 0) out.add(v.slot()); }
            case Term.Ref r -> {
                if (!skip.refHead()) vars(r.head(), skip, out);
                for (Term p : r.path()) vars(p, skip, out);
            }
            case Term.Call c -> c.args().forEach(x -> vars(x, skip, out));
            case Term.ArrayTerm a -> a.elems().forEach(x -> vars(x, skip, out));
            case Term.SetTerm s -> { if (!skip.sets()) s.elems().forEach(x -> vars(x, skip, out)); }
            case Term.ObjectTerm o -> {
                if (!skip.objectKeys()) o.keys().forEach(x -> vars(x, skip, out));
                o.values().forEach(x -> vars(x, skip, out));
            }
            case Term.ArrayCompr c -> closure(c, skip, out);
            case Term.SetCompr c -> closure(c, skip, out);
            case Term.ObjectCompr c -> closure(c, skip, out);
            case Term.Scalar s -> { }
        }
    }

    private void closure(Object c, Skip skip, Set<Integer> out) {
        if (skip.closures()) return;
        Set<Integer> cl = closures.get(c);
        if (cl != null) out.addAll(cl);
    }

    // ---------------------------------------------------------------- unify.go

    /** unify.go's unifier: the vars a unification binds, given the safe ones. */
    private final class Unifier {
        private final Set<Integer> safe;
        private final Set<Integer> unified = new HashSet<>();
        /** A var and the unsafe vars it waits for ({@code x = y} with neither safe). */
        private final Map<Integer, Set<Integer>> unknown = new HashMap<>();

        Unifier(Set<Integer> safe) { this.safe = safe; }

        Set<Integer> run(Term a, Term b) {
            unify(a, b);
            return unified;
        }

        private boolean isSafe(Term.Var v) { return v.slot() < 0 || safe.contains(v.slot()) || unified.contains(v.slot()); }

        private void unify(Term a, Term b) {
            switch (a) {
                case Term.Var av -> {
                    switch (b) {
                        case Term.Var bv -> {
                            if (isSafe(bv)) markSafe(av);
                            else if (isSafe(av)) markSafe(bv);
                            else { markUnknown(av, bv.slot()); markUnknown(bv, av.slot()); }
                        }
                        case Term.ArrayTerm x -> unifyAll(av, b);
                        case Term.ObjectTerm x -> unifyAll(av, b);
                        case Term.Ref r -> { if (refSafe(r, safe)) markSafe(av); }
                        case Term.Call c -> { if (safe.containsAll(vars(c, SAFETY))) markSafe(av); }
                        default -> markSafe(av);
                    }
                }
                case Term.Ref r -> {
                    if (refSafe(r, safe)) safeAgainst(b, true, true);
                }
                case Term.Call c -> {
                    if (safe.containsAll(vars(c, SAFETY))) safeAgainst(b, true, true);
                }
                case Term.ArrayCompr c -> safeAgainst(b, true, false);
                case Term.ObjectCompr c -> safeAgainst(b, false, true);
                case Term.SetCompr c -> safeAgainst(b, false, false);
                case Term.ArrayTerm x -> {
                    switch (b) {
                        case Term.Var bv -> unifyAll(bv, a);
                        case Term.ArrayCompr c -> markAllSafe(a);
                        case Term.ObjectCompr c -> markAllSafe(a);
                        case Term.SetCompr c -> markAllSafe(a);
                        case Term.Ref r -> { if (refSafe(r, safe)) markAllSafe(a); }
                        case Term.Call c -> { if (safe.containsAll(vars(c, SAFETY))) markAllSafe(a); }
                        case Term.ArrayTerm y -> {
                            if (x.elems().size() == y.elems().size()) {
                                for (int i = 0; i < x.elems().size(); i++) unify(x.elems().get(i), y.elems().get(i));
                            }
                        }
                        default -> { }
                    }
                }
                case Term.ObjectTerm x -> {
                    switch (b) {
                        case Term.Var bv -> unifyAll(bv, a);
                        case Term.Ref r -> { if (refSafe(r, safe)) markAllSafe(a); }
                        case Term.Call c -> { if (safe.containsAll(vars(c, SAFETY))) markAllSafe(a); }
                        case Term.ObjectTerm y -> {
                            if (x.keys().size() == y.keys().size()) {
                                for (int i = 0; i < x.keys().size(); i++) {
                                    int j = keyIndex(y, x.keys().get(i));
                                    if (j >= 0) unify(x.values().get(i), y.values().get(j));
                                }
                            }
                        }
                        default -> { }
                    }
                }
                default -> { if (b instanceof Term.Var bv) markSafe(bv); }
            }
        }

        /** The other side of a safe ref, call or comprehension: a var, or a pattern of the allowed kinds. */
        private void safeAgainst(Term b, boolean arrays, boolean objects) {
            switch (b) {
                case Term.Var bv -> markSafe(bv);
                case Term.ArrayTerm x -> { if (arrays) markAllSafe(b); }
                case Term.ObjectTerm x -> { if (objects) markAllSafe(b); }
                default -> { }
            }
        }

        /** object.Get: the key term equal to k (a constant of equal value, or the same var). */
        private int keyIndex(Term.ObjectTerm o, Term k) {
            Value kv = Parser.groundValue(k);
            for (int j = 0; j < o.keys().size(); j++) {
                Term t = o.keys().get(j);
                if (kv != null) {
                    Value tv = Parser.groundValue(t);
                    if (tv != null && tv.compareTo(kv) == 0) return j;
                } else if (k instanceof Term.Var kv2 && t instanceof Term.Var tv2) {
                    if (kv2.slot() == tv2.slot() && kv2.name().equals(tv2.name())) return j;
                } else if (t.toString().equals(k.toString())) {
                    return j;
                }
            }
            return -1;
        }

        private void markAllSafe(Term x) {
            for (Integer v : vars(x, PATTERN)) markSafe(v);
        }

        private void markSafe(Term.Var v) {
            if (v.slot() >= 0) markSafe(v.slot());
        }

        private void markSafe(int v) {
            if (!unified.add(v)) return;
            Set<Integer> deps = unknown.remove(v);
            if (deps != null) for (Integer d : deps) markSafe(d);
            for (Map.Entry<Integer, Set<Integer>> e : new ArrayList<>(unknown.entrySet())) {
                Set<Integer> waits = e.getValue();
                if (waits.remove(v) && waits.isEmpty()) markSafe(e.getKey());
            }
        }

        private void markUnknown(Term.Var a, int b) {
            if (a.slot() >= 0 && b >= 0) unknown.computeIfAbsent(a.slot(), k -> new HashSet<>()).add(b);
        }

        private void unifyAll(Term.Var a, Term b) {
            if (isSafe(a)) { markAllSafe(b); return; }
            Set<Integer> waiting = vars(b, PATTERN);
            waiting.removeAll(safe);
            waiting.removeAll(unified);
            if (waiting.isEmpty()) markSafe(a);
            else for (Integer v : waiting) markUnknown(a, v);
        }
    }
}
