package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.ast.With;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoError;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declaration errors of OPA's RewriteLocalVars stage (compile.go rewriteDeclaredVarsInBody),
 * found by walking a rule the way OPA rewrites it: one scope per body (the rule's, with its
 * arguments, and one per comprehension and {@code every} body), each remembering how a name
 * first occurred there. Declaring a name ({@code :=}, {@code some}, {@code some ... in}) that
 * already occurred in the same scope is an error: "var x referenced above" (used before, e.g.
 * {@code x > 1; some x}), "assigned above", "declared above", "arg x redeclared". A name that an
 * enclosing scope knows (declared, or seen there before) is that outer var when used in a nested
 * body, so declaring it afterwards in the nested body makes a new local
 * ({@code n := 1; [n | n > 0; n := 2]} is accepted).
 *
 * <p>The other half of OPA's RewriteLocalVars, giving every var of a body its own frame slot, is
 * done as the names are resolved ({@link Resolver}, {@link Scope}).
 */
final class RewriteLocalVars {
    private enum Occurrence { SEEN, ASSIGNED, DECLARED, ARG }

    private final RegoVersion version;
    private final List<RegoError> errors;
    private final Deque<Map<String, Occurrence>> scopes = new ArrayDeque<>();

    private RewriteLocalVars(RegoVersion version, List<RegoError> errors) {
        this.version = version;
        this.errors = errors;
    }

    /** The declaration errors of every rule clause of every module, before any other check of the bodies. */
    static void run(Compilation c) {
        for (Module m : c.modules) {
            RewriteLocalVars scopes = new RewriteLocalVars(m.version(), c.errors);
            for (Rule r : m.rules()) {
                for (Rule clause = r; clause != null; clause = clause.elseRule()) {
                    List<Term> head = new ArrayList<>(r.head().path());
                    head.addAll(clause.args());
                    if (clause.key() != null) head.add(clause.key());
                    if (clause.value() != null) head.add(clause.value());
                    scopes.checkRule(clause.args(), head, clause.body());
                }
            }
        }
    }

    /** The declaration errors of a query. */
    static void runQuery(Compilation c, Body query) {
        new RewriteLocalVars(c.currentVersion, c.errors).checkQuery(query);
    }

    /** Checks one rule clause: its argument names, the comprehensions of its head, its body. */
    private void checkRule(List<Term> args, List<Term> head, Body body) {
        // Head comprehensions are rewritten first, each with a stack of its own (rewriteNestedHeadVarLocalTransform).
        for (Term t : head) {
            scopes.clear();
            scopes.push(new HashMap<>());
            headComprehensions(t);
        }
        scopes.clear();
        Map<String, Occurrence> rule = new HashMap<>();
        for (Term a : args) for (String n : Vars.varNames(a)) if (!n.startsWith("$_")) rule.put(n, Occurrence.ARG);
        scopes.push(rule);
        body(body);
        scopes.clear();
    }

    /** Checks a query body (no arguments). */
    private void checkQuery(Body body) {
        scopes.clear();
        scopes.push(new HashMap<>());
        body(body);
        scopes.clear();
    }

    private void headComprehensions(Term t) {
        switch (t) {
            case Term.ArrayCompr c -> comprehension(c.body(), List.of(c.head()));
            case Term.SetCompr c -> comprehension(c.body(), List.of(c.head()));
            case Term.ObjectCompr c -> comprehension(c.body(), List.of(c.key(), c.value()));
            case Term.Ref r -> { headComprehensions(r.head()); r.path().forEach(this::headComprehensions); }
            case Term.Call c -> c.args().forEach(this::headComprehensions);
            case Term.ArrayTerm a -> a.elems().forEach(this::headComprehensions);
            case Term.SetTerm s -> s.elems().forEach(this::headComprehensions);
            case Term.ObjectTerm o -> { o.keys().forEach(this::headComprehensions); o.values().forEach(this::headComprehensions); }
            default -> { }
        }
    }

    private void body(Body b) {
        for (Expr e : b.exprs()) expr(e);
    }

    private void expr(Expr e) {
        switch (e.kind()) {
            case Expr.Assign a -> assignment(e, a);
            case Expr.SomeDecl d -> { for (Term.Var v : d.vars()) declare(v.name(), Occurrence.DECLARED, e.loc()); }
            case Expr.SomeIn si -> {
                // rewriteSomeDeclStatement: the vars `v = coll[k]` binds (coll's own vars aside) are declared
                Set<String> coll = new LinkedHashSet<>(Vars.varNames(si.collection()));
                Set<String> declared = new LinkedHashSet<>();
                if (si.key() != null) declared.addAll(patternVars(si.key()));
                declared.addAll(patternVars(si.value()));
                declared.removeAll(coll);
                for (String n : declared) declare(n, Occurrence.DECLARED, e.loc());
                if (si.key() != null) term(si.key());
                term(si.value());
                term(si.collection());
                withs(e);
            }
            case Expr.Every ev -> {
                term(ev.domain());
                scopes.push(new HashMap<>());
                if (ev.key() != null) declare(ev.key(), Occurrence.DECLARED, e.loc());
                declare(ev.value(), Occurrence.DECLARED, e.loc());
                body(ev.body());
                scopes.pop();
                withs(e);
            }
            case Expr.TermExpr t -> { term(t.term()); withs(e); }
            case Expr.Unify u -> { term(u.left()); term(u.right()); withs(e); }
        }
    }

    private void declare(Term t, Occurrence how, Location l) {
        if (t instanceof Term.Var v) declare(v.name(), how, l);
    }

    /** rewriteDeclaredAssignment: the right side and the with values first, then each var assigned. */
    private void assignment(Expr e, Expr.Assign a) {
        if (e.negated()) {
            errors.add(new RegoError(ErrorKind.COMPILE, "cannot assign vars inside negated expression", e.loc()));
            return;
        }
        term(a.right());
        for (With w : e.withs()) term(w.value());
        List<Term> bad = new ArrayList<>();
        assignTargets(a.left(), bad);
        if (!bad.isEmpty()) {
            for (Term t : bad) errors.add(new RegoError(ErrorKind.COMPILE, "cannot assign to " + Parser.valueName(t), e.loc()));
            return;
        }
        for (String n : Vars.varNames(a.left())) {
            if (n.equals("input") || n.equals("data")) {
                // OPA's CheckKeywordOverrides (Rego v1): a local may not be named after a root document
                if (version == RegoVersion.V1) {
                    errors.add(new RegoError(ErrorKind.COMPILE, "variables must not shadow " + n + " (use a different variable name)", e.loc()));
                }
                continue;
            }
            declare(n, Occurrence.ASSIGNED, e.loc());
        }
    }

    /** rewriteDeclaredVar: a name may be declared once per scope, and not after it occurred there. */
    private void declare(String n, Occurrence how, Location l) {
        if (n.startsWith("$_")) return;   // wildcards are distinct vars
        Map<String, Occurrence> top = scopes.peek();
        Occurrence before = top.get(n);
        if (before != null) {
            String msg = switch (before) {
                case SEEN -> "var " + n + " referenced above";
                case ASSIGNED -> "var " + n + " assigned above";
                case DECLARED -> "var " + n + " declared above";
                case ARG -> "arg " + n + " redeclared";
            };
            errors.add(new RegoError(ErrorKind.COMPILE, msg, l));
            return;
        }
        top.put(n, how);
    }

    /** rewriteDeclaredVarsInTerm: a name known to some scope is that var; otherwise it is seen here. */
    private void seen(String n) {
        for (Map<String, Occurrence> s : scopes) if (s.containsKey(n)) return;
        scopes.peek().put(n, Occurrence.SEEN);
    }

    private void withs(Expr e) {
        for (With w : e.withs()) { term(w.target()); term(w.value()); }
    }

    private void term(Term t) {
        switch (t) {
            case Term.Var v -> { if (!v.isWildcard()) seen(v.name()); }
            case Term.Ref r -> {
                if (r.path().isEmpty() && r.head() instanceof Term.Var v && (v.name().equals("input") || v.name().equals("data"))) return;
                term(r.head());
                r.path().forEach(this::term);
            }
            case Term.Call c -> { term(c.operator()); c.args().forEach(this::term); }
            case Term.ArrayTerm a -> a.elems().forEach(this::term);
            case Term.SetTerm s -> s.elems().forEach(this::term);
            case Term.ObjectTerm o -> { o.keys().forEach(this::term); o.values().forEach(this::term); }
            case Term.ArrayCompr c -> comprehension(c.body(), List.of(c.head()));
            case Term.SetCompr c -> comprehension(c.body(), List.of(c.head()));
            case Term.ObjectCompr c -> comprehension(c.body(), List.of(c.key(), c.value()));
            case Term.Scalar s -> { }
        }
    }

    /** A comprehension's body and then its head, in a scope of their own. */
    private void comprehension(Body body, List<Term> heads) {
        scopes.push(new HashMap<>());
        body(body);
        heads.forEach(this::term);
        scopes.pop();
    }

    /** The vars a unification with the pattern can bind: array elements and object values, not keys. */
    private static Set<String> patternVars(Term t) {
        Set<String> out = new LinkedHashSet<>();
        switch (t) {
            case Term.Var v -> out.add(v.name());
            case Term.ArrayTerm a -> a.elems().forEach(x -> out.addAll(patternVars(x)));
            case Term.ObjectTerm o -> o.values().forEach(x -> out.addAll(patternVars(x)));
            default -> { }
        }
        return out;
    }

    /** The terms on the left of {@code :=} that are not assignable: OPA walks arrays and object values. */
    static void assignTargets(Term t, List<Term> bad) {
        switch (t) {
            case Term.Var v -> { }
            case Term.ArrayTerm a -> a.elems().forEach(x -> assignTargets(x, bad));
            case Term.ObjectTerm o -> o.values().forEach(x -> assignTargets(x, bad));
            case Term.Ref r when r.path().isEmpty() && r.head() instanceof Term.Var v
                    && (v.name().equals("input") || v.name().equals("data")) -> { }
            default -> bad.add(t);
        }
    }

    /**
     * {@code every k, v in xs { ... }}: a declared key or value its body never uses is an error
     * (OPA's rewriteEvery, checkUnusedDeclaredVars). Checked as the every body is resolved.
     */
    static void checkEveryVarsUsed(Compilation c, Expr.Every ev, Location l) {
        Set<String> used = new HashSet<>();
        Vars.collectUsedBody(ev.body(), used);
        for (Term t : ev.key() == null ? List.of(ev.value()) : List.of(ev.key(), ev.value())) {
            if (t instanceof Term.Var v && !v.isWildcard() && !used.contains(v.name())) {
                c.error(ErrorKind.COMPILE, "declared var " + v.name() + " unused", l);
            }
        }
    }
}
