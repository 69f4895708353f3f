package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.ast.With;
import dev.ecsguard.rego.compile.RuleTree.Node;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * OPA's RewriteWithValues (rewriteWithModifiers): the targets of {@code with} are checked and
 * resolved, and a value that needs evaluating is bound before the expression. Done to each
 * expression as it is resolved ({@link Resolver}); the targets inside virtual documents are
 * checked once the rule tree is complete ({@link #checkPartialReplacements}).
 */
final class RewriteWithValues {
    private RewriteWithValues() {}

    /**
     * A target is {@code input}, {@code data} or a ground path in them, or a function or builtin
     * ("with keyword target must reference existing input, data, or a function"), never a void or
     * internal builtin. A replacement naming a builtin ({@code with f as count}) is a function
     * reference.
     */
    static With resolve(Resolver res, With w, Scope scope) {
        Compilation c = res.compilation();
        Term.Ref target = w.target();
        String root = target.rootName();
        Term value = null;
        if (!"input".equals(root) && !"data".equals(root)) {
            // `with f as count`: a replacement naming a builtin is a function reference
            Term.Ref asRef = w.value() instanceof Term.Ref r ? r
                    : w.value() instanceof Term.Var v && scope.lookup(v.name()) < 0 && !res.ruleNames.contains(v.name())
                        && !res.imports.containsKey(v.name()) ? new Term.Ref(v, List.of(), v.loc()) : null;
            if (asRef != null && asRef.rootName() != null && c.builtins.lookup(asRef.toString()) != null) {
                value = new Term.Ref(new Term.Var(asRef.toString(), -1, asRef.loc()), List.of(), asRef.loc());
            }
        }
        if (value == null) value = res.resolve(w.value(), scope);
        if ("input".equals(root) || "data".equals(root)) {
            Term.Ref t = new Term.Ref(new Term.Var(root, -1, target.loc()), target.path(), target.loc());
            if (!t.isGroundPath()) {
                c.error(ErrorKind.TYPE, "with keyword target must reference existing input, data, or a function", w.loc());
            } else if ("data".equals(root)) {
                c.pendingDataWiths.add(new CheckUndefinedFuncs.PendingCall(t, 0, false, value.loc()));
            }
            return new With(t, value, w.loc());
        }
        // A function or builtin being replaced.
        String name = target.toString();
        Term.Ref fn = res.resolveFunctionName(target, scope, w.loc(), true);
        if (fn == null) {
            c.error(ErrorKind.TYPE, "with keyword target must reference existing input, data, or a function", w.loc());
            return w;
        }
        if (name.equals("print") || name.equals("eq") || name.startsWith("internal.") || name.equals("assign")) {
            if (name.equals("print")) c.error(ErrorKind.COMPILE, "with keyword replacing built-in function: target must not be a void function", w.loc());
            else c.error(ErrorKind.COMPILE, "with keyword replacing built-in function: replacement of \"" + name + "\" invalid", w.loc());
        }
        return new With(fn, value, w.loc());
    }

    /**
     * A {@code with} value that needs evaluating (a ref, call or comprehension in it) is bound to a
     * fresh var by an expression of its own just before, outside the {@code with}:
     * {@code p with input as xs[_]} runs once per element and binds the iteration var. A function
     * reference replacing a function stays.
     */
    static Expr hoist(Resolver res, Expr e, Scope scope, List<Expr> out) {
        if (e.withs().isEmpty()) return e;
        List<With> withs = new ArrayList<>(e.withs());
        boolean changed = false;
        for (int i = 0; i < withs.size(); i++) {
            With w = withs.get(i);
            if (!RewriteComprehensionTerms.needsEval(w.value())) continue;
            boolean inputTarget = "input".equals(w.target().rootName()) && w.target().head() instanceof Term.Var hv && hv.slot() < 0;
            if (!inputTarget && w.value() instanceof Term.Ref r && isFunctionValue(res.compilation(), r)) continue;
            Term.Var v = res.freshVar("$w", scope, w.value().loc());
            Expr bind = new Expr(new Expr.Unify(v, w.value()), false, List.of(), w.loc() == null ? e.loc() : w.loc(), e.index());
            CheckDeprecatedBuiltins.checkExpr(res.compilation(), bind);
            out.add(bind);
            withs.set(i, new With(w.target(), v, w.loc()));
            changed = true;
        }
        return changed ? e.withWiths(withs) : e;
    }

    /** A builtin, or a data ref to a function: what replaces a function by reference. */
    private static boolean isFunctionValue(Compilation c, Term.Ref r) {
        if (!(r.head() instanceof Term.Var hv) || hv.slot() >= 0) return false;
        if (!"data".equals(r.rootName())) return r.path().isEmpty() && c.builtins.lookup(r.rootName()) != null;
        List<Value> path = new ArrayList<>();
        for (Term t : r.path()) {
            if (!(t instanceof Term.Scalar sc)) return false;
            path.add(sc.value());
        }
        Node n = c.tree.find(path);
        return n != null && (c.pendingArity.containsKey(n) || n.kind == Rule.Kind.FUNCTION);
    }

    /**
     * {@code with data.p.r.x as v} where {@code data.p.r} is a rule: OPA refuses to patch inside a
     * virtual document ("with keyword cannot partially replace virtual document(s)").
     */
    static void checkPartialReplacements(Compilation c) {
        for (CheckUndefinedFuncs.PendingCall w : c.pendingDataWiths) {
            Node n = c.tree.root();
            int depth = 0;
            for (Term x : w.op().path()) {
                if (c.definesRules(n)) break;
                n = n.children.get(((Term.Scalar) x).value());
                depth++;
                if (n == null) break;
            }
            if (n != null && c.definesRules(n) && depth < w.op().path().size() && n.kind != Rule.Kind.FUNCTION) {
                c.error(ErrorKind.COMPILE, "with keyword cannot partially replace virtual document(s)", w.loc());
            }
        }
        c.pendingDataWiths.clear();
    }
}
