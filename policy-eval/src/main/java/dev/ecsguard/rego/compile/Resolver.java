package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.ast.With;
import dev.ecsguard.rego.builtins.Builtin;
import dev.ecsguard.rego.builtins.BuiltinRegistry;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OPA's ResolveRefs and the renaming half of its RewriteLocalVars, for one rule (or query) in one
 * walk: a name a body declares or binds becomes a frame slot of its scope, a rule name or an
 * import becomes a data ref, a call's operator becomes a builtin or a user function's ref. The
 * rewrites OPA does in stages of their own are done to each expression as it is resolved, by the
 * classes named after those stages: {@link RewriteWithValues}, {@link RewriteDynamicTerms},
 * {@link RewriteComprehensionTerms}; and so are the checks OPA makes of the calls
 * ({@link CheckVoidCalls}, {@link CheckUndefinedFuncs#checkArity}, {@link CheckDeprecatedBuiltins}).
 */
final class Resolver {
    private final Compilation c;
    /** The call that is a whole expression (may take an output argument); others may not. */
    Term statementCall;
    /** The rule names of the package (what a bare name may refer to), the package, and the module's imports. */
    final Set<String> ruleNames;
    final List<Value> pkg;
    final Map<String, Term.Ref> imports;
    /**
     * The comprehension and every bodies resolved so far, innermost first (each after the bodies
     * nested in it), for CheckSafetyRuleBodies to order; a new list for each rule clause.
     */
    List<CheckSafetyRuleBodies.NestedBody> nested = new ArrayList<>();
    /** The name of each slot (generated ones too), for messages. */
    final Map<Integer, String> slotNames = new HashMap<>();

    Resolver(Compilation c, Set<String> ruleNames, List<Value> pkg, Map<String, Term.Ref> imports) {
        this.c = c;
        this.ruleNames = ruleNames;
        this.pkg = pkg;
        this.imports = imports;
    }

    Compilation compilation() { return c; }

    /** A generated var in a fresh slot of the scope, named by its prefix ($w, $h, $c) and slot. */
    Term.Var freshVar(String prefix, Scope scope, Location loc) {
        int slot = scope.fresh();
        slotNames.put(slot, prefix + slot);
        return new Term.Var(prefix + slot, slot, loc);
    }

    /** The name of a slot as messages show it ({@code _} for a wildcard). */
    String nameOf(int slot) {
        String n = slotNames.getOrDefault(slot, "$" + slot);
        return n.startsWith("$_") ? "_" : n;
    }

    /** Resolves a body in a scope (its own, or a nested body's). */
    Body resolveBody(Body b, Scope scope) {
        // Vars this body declares exist from their declaration on (see Scope.hidden).
        Set<String> pending = new HashSet<>();
        for (Expr e : b.exprs()) {
            switch (e.kind()) {
                case Expr.Assign a -> Vars.collectUsed(a.left(), pending);
                case Expr.SomeDecl d -> d.vars().forEach(v -> pending.add(v.name()));
                case Expr.SomeIn si -> {
                    if (si.key() != null) Vars.collectUsed(si.key(), pending);
                    Vars.collectUsed(si.value(), pending);
                }
                default -> { }
            }
        }
        pending.removeAll(scope.hidden);
        scope.hidden.addAll(pending);
        try {
            return resolveBodyExprs(b, scope);
        } finally {
            scope.hidden.removeAll(pending);
        }
    }

    private void unhide(Term t, Scope scope) {
        Set<String> names = new HashSet<>();
        Vars.collectUsed(t, names);
        scope.hidden.removeAll(names);
    }

    private Body resolveBodyExprs(Body b, Scope scope) {
        List<Expr> out = new ArrayList<>(b.size());
        for (Expr e : b.exprs()) {
            Expr r = resolveExpr(e, scope);
            r = RewriteWithValues.hoist(this, r, scope, out);
            if (r.negated()) r = RewriteDynamicTerms.hoistNegatedOperands(this, r, scope, out);
            out.add(r);
        }
        return new Body(out);
    }

    Expr resolveExpr(Expr e, Scope scope) {
        Expr.Kind k = switch (e.kind()) {
            case Expr.TermExpr t -> {
                statementCall = t.term();
                yield new Expr.TermExpr(resolve(t.term(), scope));
            }
            case Expr.Unify u -> new Expr.Unify(resolve(u.left(), scope), resolve(u.right(), scope));
            case Expr.Assign a -> {
                // OPA rewrites the right side before it declares the vars of the left side.
                Term right = resolve(a.right(), scope);
                unhide(a.left(), scope);
                yield new Expr.Assign(resolve(a.left(), scope), right);
            }
            case Expr.SomeDecl d -> {
                d.vars().forEach(v -> scope.hidden.remove(v.name()));
                List<Term.Var> vs = new ArrayList<>();
                for (Term.Var v : d.vars()) vs.add((Term.Var) resolve(v, scope));
                yield new Expr.SomeDecl(vs);
            }
            case Expr.SomeIn si -> {
                Term coll = resolve(si.collection(), scope);
                if (si.key() != null) unhide(si.key(), scope);
                unhide(si.value(), scope);
                yield new Expr.SomeIn(si.key() == null ? null : resolve(si.key(), scope),
                    resolve(si.value(), scope), coll);
            }
            case Expr.Every ev -> {
                Term domain = resolve(ev.domain(), scope);
                Scope inner = new Scope(scope);
                if (ev.key() != null) Vars.declareAll(ev.key(), inner);
                Vars.declareAll(ev.value(), inner);
                Vars.prescan(ev.body(), inner);
                Vars.collectUsedBody(ev.body(), inner.used);
                if (ev.key() != null) Vars.collectUsed(ev.key(), inner.bodyVars);
                Vars.collectUsed(ev.value(), inner.bodyVars);
                Vars.collectBodyVars(ev.body(), inner.bodyVars);
                Term key = ev.key() == null ? null : resolve(ev.key(), inner);
                Term value = resolve(ev.value(), inner);
                Body body = resolveBody(ev.body(), inner);
                Set<Integer> init = new HashSet<>();
                if (key != null) c.varsOf(key, init);
                c.varsOf(value, init);
                RewriteLocalVars.checkEveryVarsUsed(c, ev, e.loc());
                Set<Integer> closure = c.safety.closureOf(inner, scope, body);
                Set<Integer> safe = new HashSet<>(init);
                safe.addAll(closure);
                Expr.Every out = new Expr.Every(key, value, domain, body);
                c.closures.put(out, closure);
                nested.add(new CheckSafetyRuleBodies.NestedBody(out, body, safe, inner, e.loc(), null, this));
                yield out;
            }
        };
        List<With> withs = new ArrayList<>();
        for (With w : e.withs()) withs.add(RewriteWithValues.resolve(this, w, scope));
        Expr out = new Expr(k, e.negated(), withs, e.loc(), e.index());
        CheckDeprecatedBuiltins.checkExpr(c, out);
        return out;
    }

    Term resolve(Term t, Scope scope) {
        switch (t) {
            case Term.Scalar s -> { return s; }
            case Term.Var v -> { return resolveVar(v, scope); }
            case Term.Ref r -> {
                boolean saved = c.suppressDeps;
                c.suppressDeps = true;
                Term head;
                try {
                    head = resolve(r.head(), scope);
                } finally {
                    c.suppressDeps = saved;
                }
                List<Term> path = new ArrayList<>();
                for (Term p : r.path()) path.add(resolve(p, scope));
                if (head instanceof Term.Ref hr) {
                    List<Term> all = new ArrayList<>(hr.path());
                    all.addAll(path);
                    Term.Ref out = new Term.Ref(hr.head(), all, r.loc());
                    c.noteDependency(out);
                    return out;
                }
                Term.Ref out = new Term.Ref(head, path, r.loc());
                c.noteDependency(out);
                return out;
            }
            case Term.Call c -> {
                boolean statement = statementCall == c;
                statementCall = null;
                String opName = c.operator().toString();
                if ((opName.equals("rego.metadata.rule") || opName.equals("rego.metadata.chain")) && c.args().isEmpty()) {
                    Compilation comp = this.c;
                    Value v = comp.currentRule == null || comp.metadata == null ? ObjectValue.EMPTY
                            : opName.endsWith("rule") ? comp.metadata.rule(comp.currentRule) : comp.metadata.chain(comp.currentPackage, comp.currentRule);
                    return new Term.Scalar(v, c.loc());
                }
                Term.Ref op = resolveFunctionName(c.operator(), scope, c.loc(), false);
                List<Term> args = new ArrayList<>();
                for (Term a : c.args()) args.add(resolve(a, scope));
                if (op == null) return new Term.Call(c.operator(), args, c.loc());
                CheckVoidCalls.check(this.c, op, c, statement);
                CheckUndefinedFuncs.checkArity(this.c, op, args, c, statement);
                return new Term.Call(op, args, c.loc());
            }
            case Term.ArrayTerm a -> {
                List<Term> out = new ArrayList<>();
                for (Term e : a.elems()) out.add(resolve(e, scope));
                return new Term.ArrayTerm(out, a.loc());
            }
            case Term.SetTerm s -> {
                List<Term> out = new ArrayList<>();
                for (Term e : s.elems()) out.add(resolve(e, scope));
                return new Term.SetTerm(out, s.loc());
            }
            case Term.ObjectTerm o -> {
                List<Term> ks = new ArrayList<>(), vs = new ArrayList<>();
                for (int i = 0; i < o.keys().size(); i++) {
                    ks.add(resolve(o.keys().get(i), scope));
                    vs.add(resolve(o.values().get(i), scope));
                }
                return new Term.ObjectTerm(ks, vs, o.loc());
            }
            case Term.ArrayCompr c -> {
                return resolveCompr(c.head(), c.body(), scope, c.loc(), (h, b) -> new Term.ArrayCompr(h, b, c.loc()));
            }
            case Term.SetCompr c -> {
                return resolveCompr(c.head(), c.body(), scope, c.loc(), (h, b) -> new Term.SetCompr(h, b, c.loc()));
            }
            case Term.ObjectCompr c -> {
                Scope inner = comprScope(c.body(), scope, c.key(), c.value());
                Body body = resolveBody(c.body(), inner);
                List<Expr> exprs = new ArrayList<>(body.exprs());
                Term key = RewriteComprehensionTerms.hoistHead(this, resolve(c.key(), inner), inner, exprs, c.loc());
                Term value = RewriteComprehensionTerms.hoistHead(this, resolve(c.value(), inner), inner, exprs, c.loc());
                body = new Body(exprs);
                Set<Integer> closure = this.c.safety.closureOf(inner, scope, body, key, value);
                Term.ObjectCompr out = new Term.ObjectCompr(key, value, body, c.loc());
                this.c.closures.put(out, closure);
                nested.add(new CheckSafetyRuleBodies.NestedBody(out, body, closure, inner, c.loc(), List.of(key, value), this));
                return out;
            }
        }
    }

    /** An array or set comprehension: its own scope, its body and head resolved, its closure. */
    private Term resolveCompr(Term head, Body body, Scope scope, Location loc,
                              java.util.function.BiFunction<Term, Body, Term> make) {
        Scope inner = comprScope(body, scope, head);
        Body b = resolveBody(body, inner);
        List<Expr> exprs = new ArrayList<>(b.exprs());
        Term h = RewriteComprehensionTerms.hoistHead(this, resolve(head, inner), inner, exprs, loc);
        b = new Body(exprs);
        Set<Integer> closure = c.safety.closureOf(inner, scope, b, h);
        Term out = make.apply(h, b);
        c.closures.put(out, closure);
        nested.add(new CheckSafetyRuleBodies.NestedBody(out, b, closure, inner, loc, List.of(h), this));
        return out;
    }

    private Scope comprScope(Body body, Scope outer, Term... heads) {
        Scope inner = new Scope(outer);
        Vars.prescan(body, inner);
        Vars.collectUsedBody(body, inner.used);
        for (Term h : heads) Vars.collectUsed(h, inner.used);
        Vars.collectBodyVars(body, inner.bodyVars);
        for (Term h : heads) Vars.collectUsed(h, inner.bodyVars);
        return inner;
    }

    private Term resolveVar(Term.Var v, Scope scope) {
        String n = v.name();
        if (n.equals("input") || n.equals("data")) {
            boolean declared = false;
            for (Scope s = scope; s != null; s = s.parent) if (s.declared.contains(n) || s.vars.containsKey(n)) declared = true;
            if (!declared) return new Term.Ref(new Term.Var(n, -1, v.loc()), List.of(), v.loc());
        }
        int local = scope.lookup(n);
        if (local >= 0) return v.withSlot(local);
        boolean declaredLocally = false;
        for (Scope s = scope; s != null; s = s.parent) if (s.declared.contains(n)) declaredLocally = true;
        if (!declaredLocally && !v.isGenerated()) {
            Term.Ref imp = imports.get(n);
            if (imp != null) { c.noteDependency(imp); return imp; }
            if (ruleNames.contains(n)) {
                Term.Ref ref = dataRef(pkg, n, v.loc());
                c.noteDependency(ref);
                return ref;
            }
        }
        int slot = scope.slot(n);
        slotNames.put(slot, n);
        return v.withSlot(slot);
    }

    /** Resolves a call operator to a data ref (user function) or a builtin name ref. */
    Term.Ref resolveFunctionName(Term.Ref op, Scope scope, Location l, boolean forWith) {
        String name = op.toString();
        String first = op.rootName();
        if (first == null) {
            if (!forWith) c.error(ErrorKind.TYPE, "undefined function " + name, l);
            return null;
        }
        List<Term> rest = op.path();
        if (first.equals("data")) {
            Term.Ref r = new Term.Ref(new Term.Var("data", -1, op.loc()), rest, op.loc());
            c.noteDependency(r);
            if (forWith) return r;
            return r;
        }
        Term.Ref imp = imports.get(first);
        if (imp != null) {
            List<Term> all = new ArrayList<>(imp.path());
            all.addAll(rest);
            Term.Ref r = new Term.Ref(imp.head(), all, op.loc());
            c.noteDependency(r);
            return r;
        }
        if (ruleNames.contains(first) && scope.lookup(first) < 0) {
            Term.Ref r = dataRef(pkg, first, op.loc());
            for (Term t : rest) r = r.append(t);
            c.noteDependency(r);
            return r;
        }
        Builtin b = c.builtins.lookup(name);
        if (b != null || isEvaluatorBuiltin(name)) {
            return new Term.Ref(new Term.Var(name, -1, op.loc()), List.of(), op.loc());
        }
        if (forWith) return null;
        String reason = BuiltinRegistry.unsupportedReason(name);
        if (reason != null) {
            c.error(ErrorKind.TYPE, "undefined function " + name + " (not supported by ecs-guard: " + reason + ")", l);
        } else {
            c.error(ErrorKind.TYPE, "undefined function " + name, l);
        }
        return null;
    }

    static Term.Ref dataRef(List<Value> pkg, String name, Location l) {
        List<Term> path = new ArrayList<>();
        for (Value v : pkg) path.add(new Term.Scalar(v, l));
        path.add(Term.Scalar.class.cast(new Term.Scalar(StringValue.of(name), l)));
        return new Term.Ref(new Term.Var("data", -1, l), path, l);
    }

    static boolean isEvaluatorBuiltin(String name) {
        return switch (name) {
            case "print", "walk", "internal.member_2", "internal.member_3", "assign", "eq" -> true;
            default -> false;
        };
    }
}
