package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.ast.With;
import dev.ecsguard.rego.compile.RuleTree.CRule;
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
 * declarations nothing uses. The bodies nested in a clause are ordered first (innermost first),
 * then the clause's body; then the clause becomes a compiled rule on its node.
 */
final class CheckSafetyRuleBodies {
    /**
     * A comprehension or every body as {@link Resolver} left it: the construct it belongs to, the
     * body, what is safe in it from the start (the closure, and every's key and value), its scope,
     * where it is, the comprehension's head terms (null for every) and the rule's resolver.
     */
    record NestedBody(Object construct, Body body, Set<Integer> safe, Scope scope, Location loc, List<Term> heads, Resolver res) {}

    private final Compilation c;

    /** An unsafe var found in one of a clause's bodies, reported when the clause is done. */
    private record UnsafeVar(String var, String message, Location loc) {}

    private final List<UnsafeVar> unsafeFound = new ArrayList<>();

    CheckSafetyRuleBodies(Compilation c) {
        this.c = c;
    }

    /** Errors reported so far, and unsafe vars found but not yet reported. */
    private int findings() {
        return c.errors.size() + unsafeFound.size();
    }

    /**
     * Reports the unsafe vars found in a clause's (or query's) bodies, nested ones included, as
     * OPA's safetyErrorSlice does over its one unsafe set: each var once, at its first location.
     */
    private void reportUnsafe() {
        List<UnsafeVar> found = new ArrayList<>(unsafeFound);
        unsafeFound.clear();
        found.sort(java.util.Comparator.comparingInt((UnsafeVar u) -> u.loc() == null ? 0 : u.loc().row())
                .thenComparingInt(u -> u.loc() == null ? 0 : u.loc().col()));
        Set<String> reported = new HashSet<>();
        for (UnsafeVar u : found) if (reported.add(u.var())) c.error(ErrorKind.UNSAFE_VAR, u.message(), u.loc());
    }

    /** The stage: every resolved clause, in source order, ordered and put on its rule node. */
    static void run(Compilation c) {
        for (ResolveRefs.Clause clause : c.clauses) {
            CRule compiled = c.safety.finish(clause);
            if (clause.rule().isDefault()) clause.node().defaultRule = compiled;
            else clause.node().rules.add(compiled);
        }
        c.clauses.clear();
    }

    /** The query compiler's CheckSafety: the query's nested bodies, then the query. */
    static void runQuery(Compilation c, ResolveRefs.Query q) {
        Map<Object, Body> ordered = c.safety.orderNested(q.nested);
        Body body = c.safety.orderBody(q.body, new HashSet<>(), q.scope, Location.NONE);
        c.safety.reportUnsafe();
        q.body = c.safety.rebuild(body, ordered);
    }

    /** One clause (and its else clauses): its nested bodies, its body, its head vars. */
    private CRule finish(ResolveRefs.Clause cl) {
        Rule r = cl.rule();
        Map<Object, Body> ordered = orderNested(cl.nested());
        int before = findings();
        Body body = orderBody(cl.body(), cl.initial(), cl.scope(), r.loc());
        boolean bodyUnsafe = findings() > before;
        reportUnsafe();
        // Head vars must be bound by the body (an unsafe body already says which).
        Set<Integer> bound = new HashSet<>(cl.initial());
        for (Expr e : body.exprs()) bound.addAll(c.outputs(e, bound));
        Set<Integer> headVars = new LinkedHashSet<>();
        // OPA's RewriteRefsInHead moves head refs into the body: their path vars are bound there
        for (Term t : cl.rest()) { c.outputVars.refs(t, bound, bound); c.varsOf(t, headVars); }
        if (cl.key() != null) { c.outputVars.refs(cl.key(), bound, bound); c.varsOf(cl.key(), headVars); }
        if (cl.value() != null) { c.outputVars.refs(cl.value(), bound, bound); c.varsOf(cl.value(), headVars); }
        for (Integer v : headVars) {
            if (!bound.contains(v) && !bodyUnsafe) {
                c.error(ErrorKind.UNSAFE_VAR, "var " + cl.res().nameOf(v) + " is unsafe", r.loc());
            }
        }
        CRule elseRule = cl.elseClause() == null ? null : finish(cl.elseClause());
        return new CRule(r.kind(), rebuildAll(cl.rest(), ordered), rebuildAll(cl.args(), ordered), rebuildOrNull(cl.key(), ordered),
                rebuildOrNull(cl.value(), ordered), rebuild(body, ordered), cl.scope().frameSize(), elseRule, r.loc(), cl.node(), r);
    }

    /** Orders nested bodies, innermost first; a comprehension's head must then be safe. By construct. */
    private Map<Object, Body> orderNested(List<NestedBody> nested) {
        Map<Object, Body> ordered = new IdentityHashMap<>();
        for (NestedBody nb : nested) {
            int before = findings();
            Body b = orderBody(nb.body(), new HashSet<>(nb.safe()), nb.scope(), nb.loc());
            if (nb.heads() != null && findings() == before) checkHeadSafe(nb.res(), nb.heads(), b, nb.safe(), nb.loc());
            ordered.put(nb.construct(), b);
        }
        return ordered;
    }

    /**
     * A body with its comprehensions and every expressions holding their ordered bodies (new terms,
     * which read the same closures); what holds none is returned as it is.
     */
    private Body rebuild(Body body, Map<Object, Body> ordered) {
        if (ordered.isEmpty()) return body;
        List<Expr> out = new ArrayList<>(body.size());
        boolean changed = false;
        for (Expr e : body.exprs()) {
            Expr r = rebuild(e, ordered);
            changed |= r != e;
            out.add(r);
        }
        return changed ? new Body(out) : body;
    }

    private Expr rebuild(Expr e, Map<Object, Body> ordered) {
        Expr.Kind k = switch (e.kind()) {
            case Expr.TermExpr t -> {
                Term x = rebuild(t.term(), ordered);
                yield x == t.term() ? t : new Expr.TermExpr(x);
            }
            case Expr.Unify u -> {
                Term l = rebuild(u.left(), ordered), r = rebuild(u.right(), ordered);
                yield l == u.left() && r == u.right() ? u : new Expr.Unify(l, r);
            }
            case Expr.Assign a -> {
                Term l = rebuild(a.left(), ordered), r = rebuild(a.right(), ordered);
                yield l == a.left() && r == a.right() ? a : new Expr.Assign(l, r);
            }
            case Expr.SomeIn si -> {
                Term key = si.key() == null ? null : rebuild(si.key(), ordered);
                Term v = rebuild(si.value(), ordered), coll = rebuild(si.collection(), ordered);
                yield key == si.key() && v == si.value() && coll == si.collection() ? si : new Expr.SomeIn(key, v, coll);
            }
            case Expr.Every ev -> {
                Term domain = rebuild(ev.domain(), ordered);
                Body own = ordered.get(ev);
                Body body = rebuild(own != null ? own : ev.body(), ordered);
                if (domain == ev.domain() && body == ev.body()) yield ev;
                Expr.Every out = new Expr.Every(ev.key(), ev.value(), domain, body);
                carryClosure(ev, out);
                yield out;
            }
            case Expr.SomeDecl d -> d;
        };
        List<With> withs = e.withs();
        List<With> newWiths = null;
        for (int i = 0; i < withs.size(); i++) {
            With w = withs.get(i);
            Term v = rebuild(w.value(), ordered);
            if (v != w.value()) {
                if (newWiths == null) newWiths = new ArrayList<>(withs);
                newWiths.set(i, new With(w.target(), v, w.loc()));
            }
        }
        if (k == e.kind() && newWiths == null) return e;
        Expr out = k == e.kind() ? e : e.withKind(k);
        return newWiths == null ? out : out.withWiths(newWiths);
    }

    private Term rebuild(Term t, Map<Object, Body> ordered) {
        switch (t) {
            case Term.Ref r -> {
                Term head = rebuild(r.head(), ordered);
                List<Term> path = rebuildAll(r.path(), ordered);
                return head == r.head() && path == r.path() ? r : new Term.Ref(head, path, r.loc());
            }
            case Term.Call call -> {
                List<Term> args = rebuildAll(call.args(), ordered);
                return args == call.args() ? call : new Term.Call(call.operator(), args, call.loc());
            }
            case Term.ArrayTerm a -> {
                List<Term> el = rebuildAll(a.elems(), ordered);
                return el == a.elems() ? a : new Term.ArrayTerm(el, a.loc());
            }
            case Term.SetTerm st -> {
                List<Term> el = rebuildAll(st.elems(), ordered);
                return el == st.elems() ? st : new Term.SetTerm(el, st.loc());
            }
            case Term.ObjectTerm o -> {
                List<Term> ks = rebuildAll(o.keys(), ordered), vs = rebuildAll(o.values(), ordered);
                return ks == o.keys() && vs == o.values() ? o : new Term.ObjectTerm(ks, vs, o.loc());
            }
            case Term.ArrayCompr x -> {
                Term head = rebuild(x.head(), ordered);
                Body body = rebuild(orderedBody(x, x.body(), ordered), ordered);
                if (head == x.head() && body == x.body()) return x;
                return carryClosure(x, new Term.ArrayCompr(head, body, x.loc()));
            }
            case Term.SetCompr x -> {
                Term head = rebuild(x.head(), ordered);
                Body body = rebuild(orderedBody(x, x.body(), ordered), ordered);
                if (head == x.head() && body == x.body()) return x;
                return carryClosure(x, new Term.SetCompr(head, body, x.loc()));
            }
            case Term.ObjectCompr x -> {
                Term key = rebuild(x.key(), ordered), value = rebuild(x.value(), ordered);
                Body body = rebuild(orderedBody(x, x.body(), ordered), ordered);
                if (key == x.key() && value == x.value() && body == x.body()) return x;
                return carryClosure(x, new Term.ObjectCompr(key, value, body, x.loc()));
            }
            default -> { return t; }
        }
    }

    private Term rebuildOrNull(Term t, Map<Object, Body> ordered) {
        return t == null ? null : rebuild(t, ordered);
    }

    private List<Term> rebuildAll(List<Term> ts, Map<Object, Body> ordered) {
        List<Term> out = null;
        for (int i = 0; i < ts.size(); i++) {
            Term x = rebuild(ts.get(i), ordered);
            if (x != ts.get(i)) {
                if (out == null) out = new ArrayList<>(ts);
                out.set(i, x);
            }
        }
        return out == null ? ts : out;
    }

    private static Body orderedBody(Object construct, Body body, Map<Object, Body> ordered) {
        Body b = ordered.get(construct);
        return b != null ? b : body;
    }

    /** A rebuilt comprehension or every reads what the one it replaces read. */
    private <T> T carryClosure(Object old, T rebuilt) {
        Set<Integer> closure = c.closures.get(old);
        if (closure != null) c.closures.put(rebuilt, closure);
        return rebuilt;
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
                        unsafeFound.add(new UnsafeVar(varIdentity(v, scope), "var " + name + " is unsafe (hint: `import future.keywords." + name
                                + "` to import a future keyword)", e.loc()));
                    } else {
                        unsafeFound.add(new UnsafeVar(varIdentity(v, scope), "var " + name + " is unsafe", e.loc()));
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

    /**
     * A var as OPA tells vars apart after RewriteLocalVars: a declared one ({@code :=}, {@code some},
     * every's key and value) or a wildcard is its own var; any other is its name, the same var in
     * every body of the rule that mentions it.
     */
    private static String varIdentity(int slot, Scope scope) {
        for (Scope s = scope; s != null; s = s.parent) {
            for (Map.Entry<String, Integer> e : s.vars.entrySet()) {
                if (e.getValue() != slot) continue;
                return e.getKey().startsWith("$") || s.declared.contains(e.getKey()) ? "$" + slot : e.getKey();
            }
        }
        return "$" + slot;
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
            int s = outer.lookup(n);
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
