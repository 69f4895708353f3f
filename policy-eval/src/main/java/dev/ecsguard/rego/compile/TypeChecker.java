package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.builtins.Builtin;
import dev.ecsguard.rego.builtins.BuiltinRegistry;
import dev.ecsguard.rego.compile.RuleTree.CRule;
import dev.ecsguard.rego.compile.RuleTree.Node;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.types.RegoType;
import dev.ecsguard.rego.types.RegoType.AnyT;
import dev.ecsguard.rego.types.RegoType.Arr;
import dev.ecsguard.rego.types.RegoType.Fn;
import dev.ecsguard.rego.types.RegoType.Obj;
import dev.ecsguard.rego.types.RegoType.Prop;
import dev.ecsguard.rego.types.RegoType.Sc;
import dev.ecsguard.rego.types.RegoType.SetT;
import dev.ecsguard.rego.types.RegoTypes;
import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static dev.ecsguard.rego.types.RegoTypes.contains;
import static dev.ecsguard.rego.types.RegoTypes.isNil;
import static dev.ecsguard.rego.types.RegoTypes.keys;
import static dev.ecsguard.rego.types.RegoTypes.or;
import static dev.ecsguard.rego.types.RegoTypes.select;
import static dev.ecsguard.rego.types.RegoTypes.typeOf;
import static dev.ecsguard.rego.types.RegoTypes.values;

/**
 * OPA's type checker (ast/check.go, ast/env.go; the types themselves are {@link RegoType}, as
 * OPA keeps them in v1/types) over compiled rules: the type
 * of every rule from its head and body, the types of local vars from unifications, builtin
 * signatures and refs, and the errors OPA reports at compile time: "match error" for
 * unifications that cannot succeed ({@code [1] = [1, 2]}, {@code some [1] in [[1, 2]]}),
 * "undefined ref" for refs into values that cannot have that key ({@code x := 1; x.y},
 * {@code data.p.q} when p is a number), and "NAME: invalid argument(s)" for calls whose
 * arguments cannot have the declared types. Unknown types (input, base data, unbound vars)
 * unify with anything, so only what is known for certain is rejected.
 */
final class TypeChecker {

    private static final AnyT A = RegoTypes.ANY;

    /** check.go unifies: can a value of type a also be of type b. */
    static boolean unifies(RegoType a, RegoType b) {
        if (a == null || b == null) return false;
        boolean anyA = a instanceof AnyT, anyB = b instanceof AnyT;
        if (anyA && unifiesAny((AnyT) a, b)) return true;
        if (anyB && unifiesAny((AnyT) b, a)) return true;
        if (anyA || anyB) return false;
        return switch (a) {
            case Sc s -> b == s;
            case Arr x -> b instanceof Arr y && unifiesArraysStatic(x, y) && unifiesArraysStatic(y, x)
                    && (x.dyn() == null || y.dyn() == null || unifies(x.dyn(), y.dyn()));
            case Obj x -> b instanceof Obj y && unifiesObjectsStatic(x, y) && unifiesObjectsStatic(y, x)
                    && (x.dynValue() == null || y.dynValue() == null || unifies(x.dynValue(), y.dynValue()));
            case SetT x -> b instanceof SetT y && unifies(values(x), values(y));
            case Fn x -> {
                if (!(b instanceof Fn y) || x.args().size() != y.args().size()) yield false;
                for (int i = 0; i < x.args().size(); i++) if (!unifies(x.args().get(i), y.args().get(i))) yield false;
                yield true;
            }
            default -> false;
        };
    }

    private static boolean unifiesAny(AnyT a, RegoType b) {
        if (b instanceof Fn) return false;
        for (RegoType t : a.of()) if (unifies(t, b)) return true;
        return a.of().isEmpty();
    }

    private static boolean unifiesArraysStatic(Arr a, Arr b) {
        for (int i = 0; i < a.stat().size(); i++) if (!unifies(a.select(i), b.select(i))) return false;
        return true;
    }

    private static boolean unifiesObjectsStatic(Obj a, Obj b) {
        for (Prop p : a.stat()) if (!unifies(a.select(p.key()), b.select(p.key()))) return false;
        return true;
    }

    /** env.go mergeTypes: how the clauses of one rule combine. */
    static RegoType mergeTypes(RegoType a, RegoType b) {
        if (a == null) return b;
        if (b == null) return a;
        if (a instanceof Obj x && b instanceof Obj y && x.stat().isEmpty() && y.stat().isEmpty()) {
            return new Obj(List.of(), or(x.dynKey(), y.dynKey()), mergeTypes(x.dynValue(), y.dynValue()));
        }
        if (a instanceof SetT x && b instanceof SetT y) return new SetT(or(x.of(), y.of()));
        if (a instanceof AnyT && !(b instanceof AnyT)) return mergeTypes(b, a);
        return or(a, b);
    }

    // ------------------------------------------------------------------ checker

    private final RuleTree tree;
    private final BuiltinRegistry builtins;
    private final IdentityHashMap<Object, java.util.Set<Integer>> closures;
    private final List<RegoError> errors = new ArrayList<>();
    private final Map<Node, RegoType> nodeTypes = new HashMap<>();
    private final java.util.Set<Node> inProgress = new java.util.HashSet<>();

    /**
     * The rule nodes a rule node depends on (transitively): the rules OPA's CheckTypes has checked,
     * and put in its type tree, before that rule in every order (it sorts the rule graph, in an
     * order that varies from run to run for rules that do not depend on each other). Null: every
     * rule is in the tree (a query, checked after all rules).
     */
    private final java.util.function.Function<Node, java.util.Set<Node>> dependencies;
    /** The rule nodes being checked, innermost last. */
    private final java.util.ArrayDeque<Node> checking = new java.util.ArrayDeque<>();

    private TypeChecker(RuleTree tree, BuiltinRegistry builtins, IdentityHashMap<Object, java.util.Set<Integer>> closures,
                java.util.function.Function<Node, java.util.Set<Node>> dependencies) {
        this.tree = tree;
        this.builtins = builtins;
        this.closures = closures;
        this.dependencies = dependencies;
    }

    /** OPA's CheckTypes stage: every rule, the types of the rules it refers to first. */
    static void run(Compilation c) {
        TypeChecker types = new TypeChecker(c.tree, c.builtins, c.closures, c.graph::dependenciesOf);
        types.checkAll();
        c.errors.addAll(types.errors);
    }

    /**
     * The query compiler's CheckTypes: a compiled query, against the types of every rule (those
     * earlier queries against the same finished tree worked out are reused).
     */
    static void runQuery(Compilation c, Body query) {
        TypeChecker types = forQueriesAgainst(c.tree, c.builtins, c.closures);
        types.checkQuery(query);
        c.errors.addAll(types.errors);
    }

    /** Checks every rule (the types of rules they refer to first). */
    private void checkAll() {
        List<Node> order = new ArrayList<>();
        collect(tree.root(), order);
        for (Node n : order) nodeType(n);
    }

    /**
     * What a query checker worked out about the rules of a finished tree: each rule node's type and
     * the nodes of OPA's type tree. Neither depends on the query (a query sees every typed rule), so
     * later queries against the tree start from them instead of checking every rule again. Only
     * kept from a check without errors, so reusing it adds none and hides none.
     */
    record QueryRuleTypes(Map<Node, RegoType> nodeTypes, java.util.Set<Node> present) {}

    /** A checker for queries against a finished (no longer changing) tree, reusing what earlier queries worked out. */
    static TypeChecker forQueriesAgainst(RuleTree tree, BuiltinRegistry builtins,
                                         IdentityHashMap<Object, java.util.Set<Integer>> closures) {
        TypeChecker t = new TypeChecker(tree, builtins, closures, null);
        t.reuseQueryRuleTypes = true;
        QueryRuleTypes known = tree.queryRuleTypes;
        if (known != null) {
            t.nodeTypes.putAll(known.nodeTypes());
            if (known.present() != null) t.presence.put(tree.root(), known.present());
        }
        return t;
    }

    private boolean reuseQueryRuleTypes;

    /** Checks a compiled query (its == stays a comparison, as in OPA's query compiler). */
    private void checkQuery(Body body) {
        checkBody(new Env(), body);
        if (reuseQueryRuleTypes && errors.isEmpty() && inProgress.isEmpty()) {
            QueryRuleTypes known = tree.queryRuleTypes;
            if (known == null || known.nodeTypes().size() < nodeTypes.size()) {
                tree.queryRuleTypes = new QueryRuleTypes(java.util.Collections.unmodifiableMap(new HashMap<>(nodeTypes)),
                        presence.containsKey(tree.root()) ? java.util.Set.copyOf(presence.get(tree.root())) : null);
            }
        }
    }

    private static void collect(Node n, List<Node> out) {
        if (n.hasRules()) out.add(n);
        for (Node c : n.children().values()) collect(c, out);
    }

    /** The type of a rule node: its clauses' types merged (any when one has a type error). */
    private RegoType nodeType(Node n) {
        if (nodeTypes.containsKey(n)) return nodeTypes.get(n);
        if (!inProgress.add(n)) return A;
        checking.addLast(n);
        List<CRule> clauses = new ArrayList<>();
        if (n.defaultRule() != null) clauses.add(n.defaultRule());
        clauses.addAll(n.rules());
        RegoType out = null;
        boolean failed = false;
        for (CRule r : clauses) {
            for (CRule c = r; c != null; c = c.elseRule()) {
                int before = errors.size();
                RegoType t = checkRule(c);
                if (errors.size() > before) failed = true;
                else out = mergeTypes(out, t);
            }
        }
        if (failed) out = A;
        checking.removeLast();
        inProgress.remove(n);
        nodeTypes.put(n, out);
        return out;
    }

    /** OPA's checkRule: the body's errors, and the type the rule contributes at its node. */
    private RegoType checkRule(CRule r) {
        Env env = new Env();
        int before = errors.size();
        checkBody(env, r.body());
        // OPA moves calls and refs of the head into the body: check them after it
        List<Term> head = new ArrayList<>(r.rest());
        if (r.key() != null) head.add(r.key());
        if (r.value() != null) head.add(r.value());
        for (Term t : head) {
            closures(env, t);
            checkRefs(env, t, new int[1]);
            checkNestedCalls(env, t);
        }
        if (errors.size() > before) return null;
        if (r.kind() == Rule.Kind.FUNCTION) {
            // args the body does not type are any
            for (Term a : r.args()) {
                java.util.Set<Integer> vs = new java.util.HashSet<>();
                varSlots(a, vs);
                for (Integer slot : vs) env.vars.putIfAbsent(slot, A);
            }
            List<RegoType> args = new ArrayList<>();
            for (Term a : r.args()) {
                RegoType t = env.type(a);
                args.add(t == null ? A : t);
            }
            return new Fn(args, env.type(r.value()));
        }
        if (r.kind() == Rule.Kind.MULTI) {
            RegoType k = env.type(r.key());
            return k == null ? null : new SetT(k);
        }
        RegoType v = env.type(r.value());
        if (v == null) return null;
        for (int i = r.rest().size() - 1; i >= 0; i--) {
            RegoType k = env.type(r.rest().get(i));
            if (k == null) return null;
            v = new Obj(List.of(), k, v);
        }
        return v;
    }

    private static void varSlots(Term t, java.util.Set<Integer> out) {
        switch (t) {
            case Term.Var v -> { if (v.slot() >= 0) out.add(v.slot()); }
            case Term.ArrayTerm a -> a.elems().forEach(x -> varSlots(x, out));
            case Term.SetTerm s -> s.elems().forEach(x -> varSlots(x, out));
            case Term.ObjectTerm o -> { o.keys().forEach(x -> varSlots(x, out)); o.values().forEach(x -> varSlots(x, out)); }
            case Term.Ref r -> { varSlots(r.head(), out); r.path().forEach(x -> varSlots(x, out)); }
            case Term.Call c -> c.args().forEach(x -> varSlots(x, out));
            default -> { }
        }
    }

    /** Object keys that OPA's Intersect pairs: equal constants, or the same var. */
    private static boolean sameKey(Term a, Term b) {
        Value x = Parser.groundValue(a), y = Parser.groundValue(b);
        if (x != null && y != null) return x.compareTo(y) == 0;
        if (a instanceof Term.Var v && b instanceof Term.Var w) return v.slot() == w.slot() && v.name().equals(w.name());
        return a.equals(b);
    }

    /** Var types of one body (OPA's TypeEnv over locals); copies for nested bodies. */
    private final class Env {
        final Map<Integer, RegoType> vars;
        /** Result types of the calls nested in the expression being checked. */
        final IdentityHashMap<Term.Call, RegoType> calls = new IdentityHashMap<>();

        Env() { vars = new HashMap<>(); }
        Env(Env outer) { vars = new HashMap<>(outer.vars); calls.putAll(outer.calls); }

        RegoType var(Term.Var v) { return v.slot() >= 0 ? vars.get(v.slot()) : null; }
        void put(Term.Var v, RegoType t) { if (v.slot() >= 0) vars.put(v.slot(), t); }

        /** env.GetByValue. */
        RegoType type(Term t) {
            return switch (t) {
                case Term.Scalar s -> typeOf(s.value());
                case Term.Var v -> var(v);
                case Term.ArrayTerm a -> {
                    List<RegoType> st = new ArrayList<>();
                    for (Term e : a.elems()) st.add(type(e));
                    yield new Arr(st, st.isEmpty() ? A : null);
                }
                case Term.ObjectTerm o -> {
                    List<Prop> ps = new ArrayList<>();
                    RegoType dk = null, dv = null;
                    for (int i = 0; i < o.keys().size(); i++) {
                        Value k = Parser.groundValue(o.keys().get(i));
                        if (k != null) ps.add(new Prop(k, type(o.values().get(i))));
                        else { dk = type(o.keys().get(i)); dv = type(o.values().get(i)); }
                    }
                    if (ps.isEmpty() && dk == null && dv == null) { dk = A; dv = A; }
                    yield new Obj(ps, dk, dv);
                }
                case Term.SetTerm s -> {
                    RegoType of = null;
                    for (Term e : s.elems()) of = or(of, type(e));
                    yield new SetT(of == null ? A : of);
                }
                case Term.ArrayCompr c -> {
                    Env inner = new Env(this);
                    if (!checkQuietly(inner, c.body())) yield null;
                    yield new Arr(List.of(), inner.type(c.head()));
                }
                case Term.SetCompr c -> {
                    Env inner = new Env(this);
                    if (!checkQuietly(inner, c.body())) yield null;
                    yield new SetT(inner.type(c.head()));
                }
                case Term.ObjectCompr c -> {
                    Env inner = new Env(this);
                    if (!checkQuietly(inner, c.body())) yield null;
                    yield new Obj(List.of(), inner.type(c.key()), inner.type(c.value()));
                }
                case Term.Ref r -> refType(r);
                case Term.Call c -> calls.get(c);
            };
        }

        /** env.GetByRef. */
        RegoType refType(Term.Ref r) {
            Term h = r.head();
            RegoType base;
            int from = 0;
            if (h instanceof Term.Var v && v.slot() < 0 && "data".equals(v.name())) {
                return dataRefType(r.path());
            } else if (h instanceof Term.Var v && v.slot() < 0) {
                return "input".equals(v.name()) ? A : null;
            } else if (h instanceof Term.Var v) {
                base = var(v);
            } else if (h instanceof Term.Call c) {
                base = calls.get(c);
            } else {
                base = type(h);   // a literal head: OPA binds it to a var first
            }
            if (base == null) return null;
            return selectRef(base, r.path(), from);
        }
    }

    private static RegoType selectRef(RegoType t, List<Term> path, int i) {
        for (; i < path.size(); i++) {
            if (t == null) return null;
            Term k = path.get(i);
            Value kv = k instanceof Term.Scalar s ? s.value() : null;
            t = kv != null ? select(t, kv) : values(t);
        }
        return t;
    }

    /**
     * env.go GetByRef/getRefRec for {@code data}: down the type tree (nodes with a typed rule at
     * or below them) to a rule node, whose type the rest of the ref selects from; a missing
     * node is base data (any).
     */
    private RegoType dataRefType(List<Term> path) {
        Node n = tree.root();
        if (!present(n)) return A;
        for (int i = 0; i < path.size(); i++) {
            Value k = constant(path.get(i));
            RegoType t = ruleType(n);
            if (t != null) {
                Node c = k == null ? null : n.child(k);
                if (c != null && present(c)) { n = c; continue; }
                return selectRef(t, path, i);
            }
            if (k == null) return selectRef(extent(n), path, i);
            Node c = n.child(k);
            if (c == null || !present(c)) return A;
            n = c;
        }
        return extent(n);
    }

    /**
     * env.go getRefRecExtent: a rule node's type, else an object of the nodes below it that are
     * in the type tree (string, number and boolean keys) with any other string key.
     */
    private RegoType extent(Node n) {
        RegoType t = ruleType(n);
        if (t != null) return t;
        List<Prop> ps = new ArrayList<>();
        for (Map.Entry<Value, Node> e : n.children().entrySet()) {
            Value k = e.getKey();
            if ((k instanceof StringValue || k instanceof NumberValue || k instanceof BooleanValue) && present(e.getValue())) {
                ps.add(new Prop(k, extent(e.getValue())));
            }
        }
        return new Obj(ps, Sc.STRING, A);
    }

    private static Value constant(Term t) {
        return t instanceof Term.Scalar s ? s.value() : Parser.groundValue(t);
    }

    /** Checks a nested body for its type only, reporting nothing (env.GetByValue on comprehensions). */
    private boolean checkQuietly(Env env, Body b) {
        int before = errors.size();
        checkBody(env, b);
        boolean ok = errors.size() == before;
        while (errors.size() > before) errors.remove(errors.size() - 1);
        return ok;
    }

    /** OPA's CheckBody: per expression, nested bodies, refs, nested calls, then the expression. */
    private void checkBody(Env env, Body body) {
        for (Expr e : body.exprs()) {
            if (e.kind() instanceof Expr.SomeIn si && si.collection() instanceof Term.Scalar) {
                // `some x in 5`: OPA's rewritten `x = 5[_]` cannot unify ("match error", not the ref's "undefined ref")
                errors.add(new RegoError(ErrorKind.TYPE, "match error", e.loc()));
                continue;
            }
            int before = errors.size();
            checkClosures(env, e);
            boolean closureErrors = errors.size() > before;
            int beforeRefs = errors.size();
            int[] callErrors = {0};
            if (e.kind() instanceof Expr.SomeIn si) {
                // OPA rewrites `some k, v in coll` to `v = coll[k]` (k generated when absent)
                checkRefs(env, OutputVars.someInRef(si), callErrors);
                checkRefs(env, si.value(), callErrors);
            } else {
                forEachTerm(e, t -> checkRefs(env, t, callErrors));
            }
            boolean refErrors = errors.size() - beforeRefs > callErrors[0];
            if (e.kind() instanceof Expr.TermExpr te && te.term() instanceof Term.Call c) {
                for (Term a : c.args()) checkNestedCalls(env, a);   // the call itself is the statement
            } else {
                forEachTerm(e, t -> checkNestedCalls(env, t));
            }
            checkExpr(env, e, closureErrors || refErrors);
        }
    }

    private void forEachTerm(Expr e, java.util.function.Consumer<Term> f) {
        switch (e.kind()) {
            case Expr.TermExpr t -> f.accept(t.term());
            case Expr.Unify u -> { f.accept(u.left()); f.accept(u.right()); }
            case Expr.Assign a -> { f.accept(a.left()); f.accept(a.right()); }
            case Expr.SomeIn si -> {
                if (si.key() != null) f.accept(si.key());
                f.accept(si.value());
                f.accept(si.collection());
            }
            case Expr.Every ev -> f.accept(ev.domain());
            case Expr.SomeDecl d -> { }
        }
    }

    /** Comprehension (and every) bodies in an expression are checked in a copy of the env. */
    private void checkClosures(Env env, Expr e) {
        forEachTerm(e, t -> closures(env, t));
    }

    private void closures(Env env, Term t) {
        switch (t) {
            case Term.ArrayCompr c -> checkBody(new Env(env), c.body());
            case Term.SetCompr c -> checkBody(new Env(env), c.body());
            case Term.ObjectCompr c -> checkBody(new Env(env), c.body());
            case Term.Ref r -> { closures(env, r.head()); r.path().forEach(x -> closures(env, x)); }
            case Term.Call c -> c.args().forEach(x -> closures(env, x));
            case Term.ArrayTerm a -> a.elems().forEach(x -> closures(env, x));
            case Term.SetTerm s -> s.elems().forEach(x -> closures(env, x));
            case Term.ObjectTerm o -> { o.keys().forEach(x -> closures(env, x)); o.values().forEach(x -> closures(env, x)); }
            default -> { }
        }
    }

    /**
     * OPA's refChecker (check.go, Visit/checkRef): every ref of an expression outside closures,
     * outer refs before the refs in their keys. A call in a ref (its head or a key) is checked
     * first, as OPA's compiler moves it into an expression of its own before the ref
     * (RewriteExprTerms); {@code callErrors} counts what those calls report.
     */
    private void checkRefs(Env env, Term t, int[] callErrors) {
        switch (t) {
            case Term.Ref r -> {
                checkCallsInRef(env, r, callErrors);
                checkRef(env, r);
                checkRefs(env, r.head(), callErrors);
                for (Term p : r.path()) checkRefs(env, p, callErrors);
            }
            case Term.Call c -> c.args().forEach(x -> checkRefs(env, x, callErrors));
            case Term.ArrayTerm a -> a.elems().forEach(x -> checkRefs(env, x, callErrors));
            case Term.SetTerm s -> s.elems().forEach(x -> checkRefs(env, x, callErrors));
            case Term.ObjectTerm o -> { o.keys().forEach(x -> checkRefs(env, x, callErrors)); o.values().forEach(x -> checkRefs(env, x, callErrors)); }
            default -> { }
        }
    }

    private void checkCallsInRef(Env env, Term.Ref r, int[] callErrors) {
        int before = errors.size();
        if (r.head() instanceof Term.Call c) checkNestedCalls(env, c);
        for (Term p : r.path()) if (p instanceof Term.Call c) checkNestedCalls(env, c);
        callErrors[0] += errors.size() - before;
    }

    /**
     * check.go checkRef for one ref. A ref into {@code data} walks the type tree of the rules
     * ({@link #checkDataRef}); any other base is one type: a local var's, a call result's, a
     * literal's (OPA binds a literal or call head to a generated var first). A base with no
     * known type ({@code input} without a schema, an untyped function argument, a call whose
     * result type is unknown) is checked as {@code any} from its head on, so every unbound var
     * in the ref is typed {@code any} (OPA finds the head in no type env and falls back to
     * {@code checkRefLeaf(types.A, ref, 0)}).
     */
    private void checkRef(Env env, Term.Ref r) {
        Term h = r.head();
        if (h instanceof Term.Var v && v.slot() < 0) {
            if ("data".equals(v.name())) checkDataRef(env, r);
            else checkRefLeaf(env, A, r, 0);   // input: a root document without a schema
            return;
        }
        RegoType base = switch (h) {
            case Term.Var v -> env.var(v);
            case Term.Call c -> env.calls.get(c);
            default -> {
                RegoType lt = env.type(h);
                // `__local = [x, 1]` with x untyped types x any (check.go unify2 on a var and an array)
                if (isNil(lt)) { unify1(env, h, A, false); lt = env.type(h); }
                yield lt;
            }
        };
        if (base == null) {
            // the head itself (a var, or the var a call's result is bound to) becomes keys(any)
            if (h instanceof Term.Var v) env.put(v, A);
            if (h instanceof Term.Call c) env.calls.put(c, A);
            base = A;
        }
        checkRefLeaf(env, base, r, 0);
    }

    /**
     * check.go checkRef over the type tree of {@code data}: a node is in the tree when a rule at or
     * below it has a type. A var key takes the key type of the node's extent; a key with no
     * node below starts over in the builtins' env, where {@code data} is a root document of
     * type any, so every later var is typed any. At a rule node the rule's type decides
     * (checkRefLeaf). Keys 1 and 2 (after {@code data}) must be vars or strings.
     */
    private void checkDataRef(Env env, Term.Ref r) {
        if (dataRefType(r.path()) instanceof Fn) {
            // checkApply: a function is only called, never referenced as a value
            errors.add(new RegoError(ErrorKind.TYPE, "undefined ref: " + r, r.loc()));
            return;
        }
        Node n = tree.root();
        List<Term> path = r.path();
        if (!present(n)) { checkRefLeaf(env, A, r, 0); return; }
        for (int i = 0; i < path.size(); i++) {
            Term k = path.get(i);
            // A ref or call as a key is a generated var by now (RewriteDynamicTerms, RewriteExprTerms).
            boolean dynamic = k instanceof Term.Var || k instanceof Term.Ref || k instanceof Term.Call;
            if (i < 2 && !(dynamic || k instanceof Term.Scalar s && s.value() instanceof StringValue)) {
                errors.add(new RegoError(ErrorKind.TYPE, "undefined ref: " + r, r.loc()));
                return;
            }
            if (dynamic) {
                RegoType ks = keys(extent(n));
                RegoType exist = keyType(env, k);
                if (exist == null) { if (k instanceof Term.Var v) env.put(v, ks); }
                else if (!unifies(ks, exist)) {
                    errors.add(new RegoError(ErrorKind.TYPE, "undefined ref: " + r, r.loc()));
                    return;
                }
            }
            Value kv = dynamic ? null : constant(k);
            Node c = kv == null ? null : n.child(kv);
            if (c == null || !present(c)) { checkRefLeaf(env, A, r, 0); return; }
            RegoType t = ruleType(c);
            if (t != null) { checkRefLeaf(env, t, r, i + 1); return; }
            n = c;
        }
    }

    /** The type of a dynamic ref key: a var's, a nested ref's or a call result's (null: unknown). */
    private static RegoType keyType(Env env, Term k) {
        return switch (k) {
            case Term.Var v -> env.var(v);
            case Term.Ref kr -> env.refType(kr);
            case Term.Call kc -> env.calls.get(kc);
            default -> null;
        };
    }

    /**
     * The type a rule node has in OPA's type tree when the current rule is checked: null when it
     * has no rules, no type, or is not a dependency of the current rule (whether OPA checked it
     * before is then a matter of chance; absent is the lenient answer).
     */
    private RegoType ruleType(Node n) {
        if (!n.hasRules() || inProgress.contains(n)) return null;
        if (dependencies != null && !checking.isEmpty() && !dependencies.apply(checking.peekLast()).contains(n)) return null;
        return nodeType(n);
    }

    /** Whether a node is in OPA's type tree: a typed rule at or below it. */
    private boolean present(Node n) {
        return presentNodes().contains(n);
    }

    /**
     * The nodes of OPA's type tree while the current rule is checked: its typed dependencies (all
     * typed rules for a query) and their ancestors; worked out once per rule.
     */
    private java.util.Set<Node> presentNodes() {
        Node at = dependencies == null ? null : checking.peekLast();
        Node key = at == null ? tree.root() : at;
        java.util.Set<Node> known = presence.get(key);
        if (known != null) return known;
        java.util.Collection<Node> candidates;
        if (at == null) {
            List<Node> all = new ArrayList<>();
            collect(tree.root(), all);
            candidates = all;
        } else {
            candidates = dependencies.apply(at);
        }
        java.util.Set<Node> out = new java.util.HashSet<>();
        for (Node d : candidates) {
            if (ruleType(d) == null) continue;
            List<Value> path = d.path();
            for (int i = path.size(); i >= 0; i--) {
                Node a = i == path.size() ? d : tree.find(path.subList(0, i));
                if (a == null) a = i == 0 ? tree.root() : null;
                if (a != null && !out.add(a)) break;
            }
        }
        presence.put(key, out);
        return out;
    }

    private final Map<Node, java.util.Set<Node>> presence = new HashMap<>();

    /** check.go checkRefLeaf from path position {@code idx}. */
    private void checkRefLeaf(Env env, RegoType t, Term.Ref r, int idx) {
        List<Term> path = r.path();
        for (int i = idx; i < path.size(); i++) {
            RegoType ks = keys(t);
            if (ks == null) {
                errors.add(new RegoError(ErrorKind.TYPE, "undefined ref: " + r, r.loc()));
                return;
            }
            Term head = path.get(i);
            switch (head) {
                case Term.Var v -> {
                    RegoType exist = env.var(v);
                    if (exist != null) {
                        if (!unifies(exist, ks)) {
                            errors.add(new RegoError(ErrorKind.TYPE, "undefined ref: " + r, r.loc()));
                            return;
                        }
                    } else {
                        env.put(v, ks);
                    }
                }
                case Term.Ref kr -> {
                    RegoType exist = keyType(env, kr);
                    if (exist != null && !unifies(exist, ks)) {
                        errors.add(new RegoError(ErrorKind.TYPE, "undefined ref: " + r, r.loc()));
                        return;
                    }
                }
                case Term.Call kc -> {
                    RegoType exist = keyType(env, kc);
                    if (exist != null && !unifies(exist, ks)) {
                        errors.add(new RegoError(ErrorKind.TYPE, "undefined ref: " + r, r.loc()));
                        return;
                    }
                }
                case Term.Scalar s -> {
                    RegoType child = select(t, s.value());
                    if (child == null) {
                        errors.add(new RegoError(ErrorKind.TYPE, "undefined ref: " + r, r.loc()));
                        return;
                    }
                    t = child;
                    continue;
                }
                case Term.ArrayTerm a -> {
                    if (!unify1(env, head, ks, false)) {
                        errors.add(new RegoError(ErrorKind.TYPE, "undefined ref: " + r, r.loc()));
                        return;
                    }
                }
                case Term.ObjectTerm o -> {
                    if (!unify1(env, head, ks, false)) {
                        errors.add(new RegoError(ErrorKind.TYPE, "undefined ref: " + r, r.loc()));
                        return;
                    }
                }
                case Term.SetTerm s -> {
                    if (!unify1(env, head, ks, false)) {
                        errors.add(new RegoError(ErrorKind.TYPE, "undefined ref: " + r, r.loc()));
                        return;
                    }
                }
                default -> { return; }   // calls and comprehensions as keys: not typed here
            }
            t = values(t);
        }
    }

    /** Calls nested in a term: their arguments are checked and their result types recorded, innermost first. */
    private void checkNestedCalls(Env env, Term t) {
        switch (t) {
            case Term.Call c -> {
                if (env.calls.containsKey(c)) return;   // checked already, as part of a ref
                for (Term a : c.args()) checkNestedCalls(env, a);
                env.calls.put(c, checkCall(env, c, false, null));
            }
            case Term.Ref r -> { checkNestedCalls(env, r.head()); r.path().forEach(x -> checkNestedCalls(env, x)); }
            case Term.ArrayTerm a -> a.elems().forEach(x -> checkNestedCalls(env, x));
            case Term.SetTerm s -> s.elems().forEach(x -> checkNestedCalls(env, x));
            case Term.ObjectTerm o -> { o.keys().forEach(x -> checkNestedCalls(env, x)); o.values().forEach(x -> checkNestedCalls(env, x)); }
            default -> { }
        }
    }

    /**
     * check.go checkExprBuiltin for a call: the declared argument types must unify with the
     * arguments (an output argument takes the result type). Returns the result type.
     */
    private RegoType checkCall(Env env, Term.Call c, boolean statement, Location at) {
        Term.Ref op = c.operator();
        Fn f;
        if ("data".equals(op.rootName())) {
            // The operator's type in the type tree: a function, any (a rule with an error, or a
            // rule of type any called as `r()`) or anything else, which is no function.
            RegoType t = dataRefType(op.path());
            if (t instanceof AnyT) return null;
            if (!(t instanceof Fn fn)) {
                errors.add(new RegoError(ErrorKind.TYPE, "undefined function " + op, at != null ? at : c.loc()));
                return null;
            }
            f = fn;
        } else {
            f = builtinType(op);
            if (f == null) return null;
        }
        List<Term> args = c.args();
        List<RegoType> params = new ArrayList<>(f.args());
        if (f.result() != null) params.add(f.result());
        if (args.size() > params.size() || args.size() < f.args().size()) return f.result();
        for (int i = 0; i < args.size(); i++) {
            if (!unify1(env, args.get(i), params.get(i), false)) {
                errors.add(new RegoError(ErrorKind.TYPE, op + ": invalid argument(s)", at != null ? at : c.loc()));
                return null;
            }
        }
        return f.result();
    }

    /** walk's declaration (ast/builtins.go): a relation of [path, value] pairs. */
    private static final Fn WALK = new Fn(List.of(A), new Arr(List.of(new Arr(List.of(), A), A), null));

    /** A builtin's declared type; null for those not checked (print, eq, assign, unknown names). */
    private Fn builtinType(Term.Ref op) {
        String root = op.rootName();
        if (root == null || !op.path().isEmpty()) return null;
        return switch (root) {
            case "internal.member_2" -> new Fn(List.of(A, A), Sc.BOOLEAN);
            case "internal.member_3" -> new Fn(List.of(A, A, A), Sc.BOOLEAN);
            case "walk" -> WALK;
            case "print", "eq", "assign" -> null;
            default -> {
                Builtin b = builtins.lookup(root);
                if (b == null) yield null;
                List<RegoType> args = new ArrayList<>();
                for (Type t : b.signature().args()) args.add(RegoTypes.of(t));
                yield new Fn(args, RegoTypes.of(b.signature().result()));
            }
        };
    }

    private void checkExpr(Env env, Expr e, boolean earlierErrors) {
        switch (e.kind()) {
            case Expr.Unify u -> checkEq(env, u.left(), u.right(), e.loc(), earlierErrors);
            case Expr.Assign a -> checkEq(env, a.left(), a.right(), e.loc(), earlierErrors);
            case Expr.TermExpr t -> {
                if (t.term() instanceof Term.Call c) {
                    // the statement call itself (its nested calls were checked already)
                    int before = errors.size();
                    checkCallStatement(env, c, e.loc());
                    if (earlierErrors && errors.size() > before && hasNilArg(env, c)) {
                        while (errors.size() > before) errors.remove(errors.size() - 1);
                    }
                }
            }
            case Expr.SomeIn si -> checkEq(env, si.value(), OutputVars.someInRef(si), e.loc(), earlierErrors);
            default -> { }
        }
    }

    private boolean hasNilArg(Env env, Term.Call c) {
        for (Term a : c.args()) if (isNil(env.type(a))) return true;
        return false;
    }

    private void checkCallStatement(Env env, Term.Call c, Location l) {
        checkCall(env, c, true, l);
    }

    /** check.go checkExprEq. */
    private void checkEq(Env env, Term a, Term b, Location l, boolean earlierErrors) {
        RegoType ta = env.type(a), tb = env.type(b);
        if (!unify2(env, a, ta, b, tb)) {
            if (earlierErrors && (isNil(ta) || isNil(tb))) return;
            errors.add(new RegoError(ErrorKind.TYPE, "match error", l));
        }
    }

    /** check.go unify2; {@code b} may be null when only its type is known (some-in). */
    private boolean unify2(Env env, Term a, RegoType ta, Term b, RegoType tb) {
        boolean nilA = isNil(ta), nilB = isNil(tb);
        if (nilA && !nilB) return unify1(env, a, tb, false);
        if (nilB && !nilA) return b == null || unify1(env, b, ta, false);
        if (!nilA) return unifies(ta, tb);
        if (b == null) return true;
        switch (a) {
            case Term.ArrayTerm x -> { return unify2Array(env, x, b); }
            case Term.ObjectTerm x -> { return unify2Object(env, x, b); }
            case Term.Var v -> { return unify2Var(env, a, b); }
            case Term.Call c -> { return unify2Var(env, a, b); }   // a var by now (RewriteExprTerms)
            default -> { return true; }
        }
    }

    /** unify2 with a var (or a call's output var) on the left and both types unknown. */
    private boolean unify2Var(Env env, Term a, Term b) {
        switch (b) {
            case Term.Var w -> { return unify1(env, a, A, false) && unify1(env, b, env.type(a), false); }
            case Term.Call w -> { return unify1(env, a, A, false) && unify1(env, b, env.type(a), false); }
            case Term.ArrayTerm y -> { return unify2Array(env, y, a); }
            case Term.ObjectTerm y -> { return unify2Object(env, y, a); }
            default -> { return true; }   // a type we do not know: OPA would know it; assume it fits
        }
    }

    private boolean unify2Array(Env env, Term.ArrayTerm a, Term b) {
        switch (b) {
            case Term.ArrayTerm y -> {
                if (a.elems().size() != y.elems().size()) return false;
                for (int i = 0; i < a.elems().size(); i++) {
                    Term x = a.elems().get(i), z = y.elems().get(i);
                    if (!unify2(env, x, env.type(x), z, env.type(z))) return false;
                }
                return true;
            }
            case Term.Var v -> { return unify1(env, a, A, false) && unify1(env, b, env.type(a), false); }
            case Term.Call c -> { return unify1(env, a, A, false) && unify1(env, b, env.type(a), false); }
            default -> { return false; }
        }
    }

    private boolean unify2Object(Env env, Term.ObjectTerm a, Term b) {
        switch (b) {
            case Term.ObjectTerm y -> {
                if (a.keys().size() != y.keys().size()) return false;
                for (int i = 0; i < a.keys().size(); i++) {
                    int j = -1;
                    for (int m = 0; m < y.keys().size(); m++) if (sameKey(a.keys().get(i), y.keys().get(m))) j = m;
                    if (j < 0) return false;
                    Term x = a.values().get(i), z = y.values().get(j);
                    if (!unify2(env, x, env.type(x), z, env.type(z))) return false;
                }
                return true;
            }
            case Term.Var v -> { return unify1(env, a, A, false) && unify1(env, b, env.type(a), false); }
            case Term.Call c -> { return unify1(env, a, A, false) && unify1(env, b, env.type(a), false); }
            default -> { return false; }
        }
    }

    /** check.go unify1: a term against a type, binding untyped vars. */
    private boolean unify1(Env env, Term term, RegoType t, boolean union) {
        switch (term) {
            case Term.ArrayTerm arr -> {
                if (t instanceof Arr at) {
                    if (arr.elems().size() != at.stat().size() && at.dyn() == null) return false;
                    for (int i = 0; i < arr.elems().size(); i++) {
                        if (!unify1(env, arr.elems().get(i), at.select(i), union)) return false;
                    }
                    return true;
                }
                if (t instanceof AnyT x) {
                    if (x.of().isEmpty()) {
                        for (Term e : arr.elems()) unify1(env, e, A, true);
                        return true;
                    }
                    boolean ok = false;
                    for (RegoType u : x.of()) ok = unify1(env, term, u, true) || ok;
                    return ok;
                }
                return false;
            }
            case Term.ObjectTerm obj -> {
                if (t instanceof Obj ot) {
                    if (obj.keys().size() != ot.stat().size() && ot.dynValue() == null) return false;
                    for (int i = 0; i < obj.keys().size(); i++) {
                        Value k = Parser.groundValue(obj.keys().get(i));
                        if (k != null) {
                            RegoType child = ot.select(k);
                            if (child == null || !unify1(env, obj.values().get(i), child, union)) return false;
                        } else {
                            unify1(env, obj.values().get(i), A, union);
                        }
                    }
                    return true;
                }
                if (t instanceof AnyT x) {
                    if (x.of().isEmpty()) {
                        for (int i = 0; i < obj.keys().size(); i++) {
                            unify1(env, obj.keys().get(i), A, true);
                            unify1(env, obj.values().get(i), A, true);
                        }
                        return true;
                    }
                    boolean ok = false;
                    for (RegoType u : x.of()) ok = unify1(env, term, u, true) || ok;
                    return ok;
                }
                return false;
            }
            case Term.SetTerm set -> {
                if (t instanceof SetT st) {
                    RegoType of = values(st);
                    for (Term e : set.elems()) if (!unify1(env, e, of, union)) return false;
                    return true;
                }
                if (t instanceof AnyT x) {
                    if (x.of().isEmpty()) {
                        for (Term e : set.elems()) unify1(env, e, A, true);
                        return true;
                    }
                    boolean ok = false;
                    for (RegoType u : x.of()) ok = unify1(env, term, u, true) || ok;
                    return ok;
                }
                return false;
            }
            case Term.Var v -> {
                if (v.slot() < 0) return true;
                if (!union) {
                    RegoType exist = env.var(v);
                    if (exist != null) return unifies(exist, t);
                    env.put(v, t);
                } else {
                    env.put(v, or(env.var(v), t));
                }
                return true;
            }
            case Term.Call c -> {
                // the var OPA binds the call's result to: typed now when its type was unknown
                RegoType ct = env.calls.get(c);
                if (ct == null) { env.calls.put(c, union ? or(null, t) : t); return true; }
                if (union) { env.calls.put(c, or(ct, t)); return true; }
                return unifies(ct, t);
            }
            default -> {
                RegoType own = env.type(term);
                if (own == null && !(term instanceof Term.Scalar)) return true;
                return unifies(own, t);
            }
        }
    }

}
