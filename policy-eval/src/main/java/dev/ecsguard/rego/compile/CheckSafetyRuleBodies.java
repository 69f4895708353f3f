package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.ast.With;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OPA's CheckSafetyRuleBodies (reorderBodyForSafety; the query compiler's CheckSafety): every body
 * (rule, query, comprehension and every bodies) is reordered so that each expression's inputs are
 * bound before it runs, or its unsafe vars are reported ("var x is unsafe"). Also here: which
 * enclosing vars a closure reads (its inputs), the heads of comprehensions, and {@code some}
 * declarations nothing uses. Bodies are ordered as they are resolved, nested ones first.
 */
final class CheckSafetyRuleBodies {
    private final Compilation c;

    CheckSafetyRuleBodies(Compilation c) {
        this.c = c;
    }

    /**
     * OPA's CheckSafetyRuleBodies (reorderBodyForSafety, also for comprehension and every bodies):
     * reorders a body so every expression's inputs are bound before it runs, or reports the unsafe vars.
     */
    Body orderBody(Body body, Set<Integer> initiallySafe, Scope scope, Location ruleLoc) {
        Set<Integer> safe = new HashSet<>(initiallySafe);
        List<Expr> pending = new ArrayList<>(body.exprs());
        List<Expr> out = new ArrayList<>();
        // OPA's loop appends a ready expression with Body.Append, which renumbers it to its new
        // position, and skips an expression that Body.Contains finds: equal terms at an equal
        // index. So a copy of an expression that was not ready on the first pass can be taken
        // for the reordered original and dropped, its vars left unsafe (`k == 1; k == 1; x[k]`).
        IdentityHashMap<Expr, Integer> index = new IdentityHashMap<>();
        IdentityHashMap<Expr, Set<Integer>> unsafe = new IdentityHashMap<>();
        for (int i = 0; i < pending.size(); i++) index.put(pending.get(i), i);
        List<Expr> dropped = new ArrayList<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (int i = 0; i < pending.size(); i++) {
                Expr e = pending.get(i);
                if (appendedCopy(e, index.get(e), out, index)) {
                    dropped.add(e);
                    pending.remove(i);
                    i--;
                    continue;
                }
                if (isReady(e, safe)) {
                    index.put(e, out.size());
                    out.add(e);
                    safe.addAll(c.outputs(e, safe));
                    pending.remove(i);
                    i--;
                    progress = true;
                } else {
                    unsafe.put(e, unsafeVars(e, safe));
                }
            }
        }
        List<Expr> left = new ArrayList<>(pending);
        for (Expr d : dropped) if (!unsafe.getOrDefault(d, Set.of()).isEmpty()) left.add(d);
        if (!left.isEmpty()) {
            // As OPA: every var of an expression left unordered is unsafe, reported once, at its
            // first such expression (by location).
            left.sort(java.util.Comparator.comparingInt((Expr x) -> x.loc() == null ? 0 : x.loc().row())
                    .thenComparingInt(x -> x.loc() == null ? 0 : x.loc().col()));
            Set<String> reported = new HashSet<>();
            for (Expr e : left) {
                for (Integer v : pending.contains(e) ? unsafeVars(e, safe) : unsafe.get(e)) {
                    String name = slotName(v, scope);
                    if (name.startsWith("$")) continue;   // generated (hoisted operand): its cause is reported
                    if (!reported.add(name)) continue;
                    if (name.equals("contains") || name.equals("every") || name.equals("if") || name.equals("in")) {
                        c.error(ErrorKind.UNSAFE_VAR, "var " + name + " is unsafe (hint: `import future.keywords." + name
                                + "` to import a future keyword)", e.loc());
                    } else {
                        c.error(ErrorKind.UNSAFE_VAR, "var " + name + " is unsafe", e.loc());
                    }
                }
            }
            if (reported.isEmpty()) c.error(ErrorKind.UNSAFE_VAR, "expression is unsafe", left.get(0).loc());
            return body;
        }
        // `some x` declarations that nothing uses are reported as OPA does.
        for (Expr e : out) {
            if (e.kind() instanceof Expr.SomeDecl d) {
                for (Term.Var v : d.vars()) {
                    int uses = 0;
                    for (Expr o : out) {
                        Set<Integer> vs = new HashSet<>();
                        c.deepVars(o, vs);   // a use inside a closure counts (checkUnusedDeclaredVars)
                        if (!(o.kind() instanceof Expr.SomeDecl) && vs.contains(v.slot())) uses++;
                    }
                    if (uses == 0) c.error(ErrorKind.COMPILE, "declared var " + v.name() + " unused", e.loc());
                }
            }
        }
        if (!c.query) {
            // OPA's RewriteEquals runs after the safety checks: == never binds, then evaluates as =
            out.replaceAll(RewriteEquals::rewrite);
        }
        return new Body(out);
    }

    private String slotName(int slot, Scope scope) {
        for (Scope s = scope; s != null; s = s.parent) {
            for (Map.Entry<String, Integer> e : s.vars.entrySet()) {
                if (e.getValue() == slot) return e.getKey().startsWith("$_") ? "_" : e.getKey();
            }
        }
        return "$" + slot;
    }

    /**
     * reorderBodyForSafety: an expression is ready when its own vars are safe or bound by it, and
     * the enclosing vars its closures read are safe already (a closure never reads what its own
     * expression binds).
     */
    boolean isReady(Expr e, Set<Integer> safe) {
        if (e.kind() instanceof Expr.SomeDecl) return true;
        Set<Integer> own = new HashSet<>();
        Walk.forEachExprTerm(e, t -> own.addAll(c.outputVars.vars(t, OutputVars.SAFETY)));
        Set<Integer> read = new HashSet<>();   // what its closures read
        Walk.forEachExprTerm(e, t -> closureReads(t, read));
        if (e.kind() instanceof Expr.Every ev && c.closures.get(ev) != null) read.addAll(c.closures.get(ev));
        if (!safe.containsAll(read)) return false;
        Set<Integer> outs = c.outputs(e, safe);
        for (Integer v : own) if (!safe.contains(v) && !outs.contains(v)) return false;
        return true;
    }

    /** Body.Contains in OPA's reorder loop: an appended expression with equal terms now at e's index. */
    private static boolean appendedCopy(Expr e, int at, List<Expr> out, IdentityHashMap<Expr, Integer> index) {
        if (at >= out.size()) return false;
        Expr a = out.get(at);
        return index.get(a) == at && a.negated() == e.negated() && canonical(a).equals(canonical(e));
    }

    /** An expression's terms and modifiers as text that tells vars apart by slot (locations left out). */
    private static String canonical(Expr e) {
        StringBuilder sb = new StringBuilder(e.kind().getClass().getSimpleName()).append('(');
        Walk.forEachExprTerm(e, t -> canonical(t, sb.append(' ')));
        for (With w : e.withs()) canonical(w.value(), sb.append(" with ").append(w.target()).append(" as "));
        return sb.append(')').toString();
    }

    private static void canonical(Term t, StringBuilder sb) {
        switch (t) {
            case Term.Var v -> sb.append(v.name()).append('#').append(v.slot());
            case Term.Scalar sc -> sb.append(sc.value().toRego());
            case Term.Ref r -> { canonical(r.head(), sb); for (Term p : r.path()) canonical(p, sb.append('[')); }
            case Term.Call c -> { sb.append(c.operator()).append('('); c.args().forEach(a -> canonical(a, sb.append(','))); sb.append(')'); }
            case Term.ArrayTerm a -> { sb.append('['); a.elems().forEach(x -> canonical(x, sb.append(','))); sb.append(']'); }
            case Term.SetTerm st -> { sb.append("set("); st.elems().forEach(x -> canonical(x, sb.append(','))); sb.append(')'); }
            case Term.ObjectTerm o -> {
                sb.append('{');
                for (int i = 0; i < o.keys().size(); i++) { canonical(o.keys().get(i), sb.append(',')); canonical(o.values().get(i), sb.append(':')); }
                sb.append('}');
            }
            case Term.ArrayCompr c -> sb.append("compr@").append(System.identityHashCode(c));
            case Term.SetCompr c -> sb.append("compr@").append(System.identityHashCode(c));
            case Term.ObjectCompr c -> sb.append("compr@").append(System.identityHashCode(c));
        }
    }

    /**
     * The vars OPA reports for an expression left unordered (reorderBodyForSafety's unsafe set):
     * the enclosing vars its closures read that are not safe, unless those are exactly what the
     * expression itself binds (closure-self), then its own vars that are not safe.
     */
    private Set<Integer> unsafeVars(Expr e, Set<Integer> safe) {
        Set<Integer> own = new LinkedHashSet<>();
        Walk.forEachExprTerm(e, t -> own.addAll(new java.util.TreeSet<>(c.outputVars.vars(t, OutputVars.SAFETY))));
        Set<Integer> read = new LinkedHashSet<>();
        Walk.forEachExprTerm(e, t -> closureReads(t, read));
        if (e.kind() instanceof Expr.Every ev && c.closures.get(ev) != null) read.addAll(c.closures.get(ev));
        read.removeAll(safe);
        Set<Integer> outs = c.outputs(e, safe);
        Set<Integer> out = new LinkedHashSet<>();
        if (!read.isEmpty() && read.equals(outs)) {
            for (Integer v : own) if (!safe.contains(v)) out.add(v);
        } else if (!read.isEmpty()) {
            for (Integer v : read) if (!outs.contains(v)) out.add(v);
        } else {
            for (Integer v : own) if (!safe.contains(v) && !outs.contains(v)) out.add(v);
        }
        return out;
    }

    /** The enclosing slots the comprehensions in a term read. */
    private void closureReads(Term t, Set<Integer> out) {
        switch (t) {
            case Term.ArrayCompr x -> out.addAll(c.closures.getOrDefault(x, Set.of()));
            case Term.SetCompr x -> out.addAll(c.closures.getOrDefault(x, Set.of()));
            case Term.ObjectCompr x -> out.addAll(c.closures.getOrDefault(x, Set.of()));
            case Term.Ref r -> { closureReads(r.head(), out); r.path().forEach(x -> closureReads(x, out)); }
            case Term.Call x -> x.args().forEach(a -> closureReads(a, out));
            case Term.ArrayTerm a -> a.elems().forEach(x -> closureReads(x, out));
            case Term.SetTerm st -> st.elems().forEach(x -> closureReads(x, out));
            case Term.ObjectTerm o -> { o.keys().forEach(x -> closureReads(x, out)); o.values().forEach(x -> closureReads(x, out)); }
            default -> { }
        }
    }

    /**
     * Slots owned by enclosing scopes that a nested body (and its heads) reads: names it uses
     * that resolve outside, and what bodies nested in it read from outside it.
     */
    Set<Integer> closureOf(Scope inner, Scope outer, Body body, Term... heads) {
        Set<Integer> own = new HashSet<>(inner.vars.values());
        own.addAll(inner.generated);
        Set<Integer> out = new HashSet<>();
        for (String n : inner.used) {
            if (inner.vars.containsKey(n) || inner.declared.contains(n)) continue;
            int s = outer.lookupFromInside(n);
            if (s >= 0 && !own.contains(s)) out.add(s);
        }
        Set<Integer> read = new HashSet<>();
        for (Expr e : body.exprs()) c.exprVars(e, read);
        for (Term h : heads) c.varsOf(h, read);
        for (Integer s : read) if (!own.contains(s)) out.add(s);
        out.removeIf(s -> !mentionedOutside(s, outer));
        return out;
    }

    /**
     * OPA's reorderBodyForSafety: the vars a closure reads from outside count only when they are
     * body vars of an enclosing body (up to the var's owner); other vars the closure binds itself.
     */
    private static boolean mentionedOutside(int slot, Scope outer) {
        String name = null;
        for (Scope s = outer; s != null && name == null; s = s.parent) {
            for (Map.Entry<String, Integer> e : s.vars.entrySet()) if (e.getValue() == slot) name = e.getKey();
        }
        if (name == null) return true;   // a generated var: always an input
        for (Scope s = outer; s != null; s = s.parent) {
            if (s.bodyVars.contains(name)) return true;
            if (Integer.valueOf(slot).equals(s.vars.get(name))) return false;
        }
        return true;
    }

    /** A comprehension's head vars must be bound by its body (or be closure vars). */
    void checkHeadSafe(Resolver res, List<Term> heads, Body body, Set<Integer> closure, Location l) {
        Set<Integer> bound = new HashSet<>(closure);
        for (Expr e : body.exprs()) bound.addAll(c.outputs(e, bound));
        Set<Integer> hv = new LinkedHashSet<>();
        for (Term h : heads) c.varsOf(h, hv);
        for (Integer v : hv) {
            if (bound.contains(v)) continue;
            String n = res.nameOf(v);
            if (n.startsWith("$")) continue;   // a hoisted head: the body reports its unsafe vars
            c.error(ErrorKind.UNSAFE_VAR, "var " + n + " is unsafe", l);
        }
    }
}
