package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.PhaseTrace;
import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Import;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.ast.With;
import dev.ecsguard.rego.builtins.Builtin;
import dev.ecsguard.rego.builtins.BuiltinRegistry;
import dev.ecsguard.rego.compile.RuleTree.CRule;
import dev.ecsguard.rego.compile.RuleTree.Node;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns parsed modules into a {@link RuleTree} of resolved, slot-numbered, safety-ordered rules.
 * Stages, in OPA's order where it matters for which error is reported first: resolve refs and
 * imports, build the rule tree, check rule conflicts, check functions, rewrite locals to slots,
 * check safety and reorder bodies, check recursion.
 */
public final class Compiler {
    static final Set<String> DEPRECATED = Set.of("any", "all", "re_match", "set_diff", "net.cidr_overlap",
            "cast_array", "cast_set", "cast_string", "cast_boolean", "cast_null", "cast_object");

    private final BuiltinRegistry builtins;
    private final RuleTree tree = new RuleTree();
    private final List<RegoError> errors = new ArrayList<>();
    /** Calls of deprecated builtins (Rego v1), reported once the type checker found nothing. */
    private final List<RegoError> deprecated = new ArrayList<>();
    /** Closure slots each comprehension / every body reads from its enclosing scope. */
    final IdentityHashMap<Object, Set<Integer>> closures = new IdentityHashMap<>();
    /**
     * Data paths (ground prefixes of refs) each rule node reads; resolved to nodes after compilation.
     * Insertion-ordered, so that recursion is reported from the first rule in source order on every run.
     */
    private final Map<Node, Set<List<Value>>> deps = new java.util.LinkedHashMap<>();
    private Node currentNode;
    private Rule currentRule;
    private List<Value> currentPackage = List.of();
    private Metadata metadata;
    private RegoVersion currentVersion = RegoVersion.V1;

    public Compiler(BuiltinRegistry builtins) {
        this.builtins = builtins;
    }

    public RuleTree tree() { return tree; }

    private RegoException fail() { return new RegoException(errors); }

    private void error(ErrorKind k, String msg, Location l) { errors.add(new RegoError(k, msg, l)); }

    // ------------------------------------------------------------------ modules

    public RuleTree compile(List<Module> modules) {
        // Stage 1: rule tree and per-package rule names.
        Map<List<Value>, Set<String>> names = new HashMap<>();
        for (Module m : modules) {
            List<Value> pkg = pathValues(m.pkg());
            tree.nodeFor(pkg).isPackage = true;
            Set<String> ns = names.computeIfAbsent(pkg, k -> new HashSet<>());
            for (Rule r : m.rules()) {
                ns.add(r.head().rootName());
                if (m.version() == RegoVersion.V1 && (r.head().rootName().equals("input") || r.head().rootName().equals("data"))) {
                    error(ErrorKind.COMPILE, "rules must not shadow " + r.head().rootName() + " (use a different rule name)", r.loc());
                }
            }
        }
        if (!errors.isEmpty()) throw fail();
        for (Module m : modules) checkImports(m);
        if (!errors.isEmpty()) throw fail();
        metadata = new Metadata(modules);
        // Stage 2: every rule on the node of its ground head prefix; conflicts between them.
        Map<Node, List<Rule>> byNode = new java.util.LinkedHashMap<>();
        Map<Rule, List<Term>> rests = new IdentityHashMap<>();
        Map<Rule, Module> owners = new IdentityHashMap<>();
        for (Module m : modules) {
            List<Value> pkg = pathValues(m.pkg());
            for (Rule r : m.rules()) {
                List<Value> path = new ArrayList<>(pkg);
                List<Term> rest = new ArrayList<>();
                groundPrefix(r, path, rest);
                Node node = tree.nodeFor(path);
                byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(r);
                rests.put(r, rest);
                owners.put(r, m);
            }
        }
        // OPA's RewriteLocalVars errors (cannot assign, assigned above, ...) come before conflicts and safety.
        for (Module m : modules) {
            LocalVarScopes scopes = new LocalVarScopes(m.version(), errors);
            for (Rule r : m.rules()) {
                for (Rule c = r; c != null; c = c.elseRule()) {
                    List<Term> head = new ArrayList<>(r.head().path());
                    head.addAll(c.args());
                    if (c.key() != null) head.add(c.key());
                    if (c.value() != null) head.add(c.value());
                    scopes.checkRule(c.args(), head, c.body());
                }
            }
        }
        if (!errors.isEmpty()) throw fail();
        checkConflicts(byNode, owners);
        checkPackageConflicts(modules);
        if (!errors.isEmpty()) throw fail();
        declaredArity.clear();
        for (Map.Entry<Node, List<Rule>> e : byNode.entrySet()) declaredArity.put(e.getKey(), e.getValue().get(0).args().size());
        checkUndefinedFunctions(modules, names);
        if (!errors.isEmpty()) throw fail();
        checkHeadSafety(modules, names);
        if (!errors.isEmpty()) throw fail();
        // Stage 3: resolve and attach every rule.
        for (Module m : modules) {
            List<Value> pkg = pathValues(m.pkg());
            currentVersion = m.version();
            Map<String, Term.Ref> imports = importMap(m);
            for (Rule r : m.rules()) {
                List<Value> path = new ArrayList<>(pkg);
                groundPrefix(r, path, new ArrayList<>());
                compileRule(r, pkg, names.get(pkg), imports, tree.nodeFor(path), rests.get(r));
            }
        }
        if (!errors.isEmpty()) throw fail();
        checkCalls(tree);
        if (!errors.isEmpty()) throw fail();
        checkRecursion();
        if (!errors.isEmpty()) throw fail();
        PhaseTrace.mark("compile: resolve, safety, recursion");
        TypeChecker types = new TypeChecker(tree, builtins, closures, this::dependenciesOf);
        types.checkAll();
        PhaseTrace.mark("compile: type check");
        errors.addAll(types.errors);
        if (!errors.isEmpty()) throw fail();
        errors.addAll(deprecated);
        if (!errors.isEmpty()) throw fail();
        prune(tree.root());
        tree.freeze(builtins);
        return tree;
    }

    /** Rego v1 (and v0 with rego.v1): no two imports may bind the same name, future and rego imports included. */
    private void checkImports(Module m) {
        if (m.version() != RegoVersion.V1) return;
        Map<String, Import> seen = new HashMap<>();
        for (Import i : m.imports()) {
            Import before = seen.putIfAbsent(String.valueOf(i.name()), i);
            if (before != null) {
                error(ErrorKind.COMPILE, "import must not shadow import " + before.path()
                        + (before.alias() != null ? " as " + before.alias() : ""), i.loc());
            }
        }
    }

    private Map<String, Term.Ref> importMap(Module m) {
        Map<String, Term.Ref> out = new HashMap<>();
        for (Import i : m.imports()) {
            String path = i.path().toString();
            if (path.startsWith("future.") || path.equals("rego.v1")) continue;
            Term.Ref ref = i.path();
            if (ref.rootName().equals("data") || ref.rootName().equals("input")) {
                ref = new Term.Ref(new Term.Var(ref.rootName(), -1, ref.loc()), ref.path(), ref.loc());
            }
            if (i.name() != null) out.put(i.name(), ref);
        }
        return out;
    }

    static List<Value> pathValues(Term.Ref ref) {
        List<Value> out = new ArrayList<>();
        for (Term t : ref.path()) out.add(((Term.Scalar) t).value());
        return out;
    }

    /**
     * The rule path of a rule: the package, the rule name and the ground prefix of its head ref
     * (any ground term, as in OPA's rule tree: {@code a[1]}, {@code a[true]}); the rest of the
     * head ref goes to {@code rest}.
     */
    private static void groundPrefix(Rule r, List<Value> path, List<Term> rest) {
        path.add(StringValue.of(r.head().rootName()));
        boolean ground = true;
        for (Term t : r.head().path()) {
            Value v = ground ? Parser.groundValue(t) : null;
            if (v != null) path.add(v);
            else { ground = false; rest.add(t); }
        }
    }

    /** The ref OPA names a rule by in messages: data, package, head ref (vars as written; no function args). */
    private static String ruleRef(Rule r, Module m) {
        List<Term> path = new ArrayList<>(m.pkg().path());
        path.add(Term.string(r.head().rootName(), r.loc()));
        path.addAll(r.head().path());
        return new Term.Ref(new Term.Var("data", r.loc()), path, r.loc()).toString();
    }

    /**
     * OPA's checkRuleConflicts over the rule tree, depth first: a rule with a ground ref may have no
     * rules below it ("rule data.p.a conflicts with [data.p.a.b]"); the rules of one node must agree
     * in kind and arity and not mix complete with partial definitions ("conflicting rules
     * data.p.q[x] found", named after the node's last rule); at most one default rule per node.
     */
    private void checkConflicts(Map<Node, List<Rule>> byNode, Map<Rule, Module> owners) {
        List<Node> order = new ArrayList<>();
        depthFirst(tree.root(), order);
        for (Node n : order) {
            List<Rule> rules = byNode.get(n);
            if (rules == null || rules.isEmpty()) continue;
            Set<Boolean> multi = new HashSet<>();
            Set<Integer> arities = new HashSet<>();
            int complete = 0, partial = 0;
            boolean groundRule = false;
            List<Rule> defaults = new ArrayList<>();
            String name = "";
            for (Rule r : rules) {
                name = ruleRef(r, owners.get(r));
                multi.add(r.kind() == Rule.Kind.MULTI);
                arities.add(r.args().size());
                if (r.isDefault()) defaults.add(r);
                boolean ground = true;
                for (Term t : r.head().path()) if (Parser.groundValue(t) == null) ground = false;
                if (ground) groundRule = true;
                if (r.kind() != Rule.Kind.MULTI && ground) complete++; else partial++;
            }
            n.kind = rules.get(0).kind();
            Location first = rules.get(0).loc();
            if (groundRule && !n.children.isEmpty()) {
                List<String> below = rulesBelow(n, byNode, owners);
                if (!below.isEmpty()) {
                    error(ErrorKind.TYPE, "rule " + name + " conflicts with [" + String.join(" ", below) + "]", first);
                    continue;
                }
            }
            if (multi.size() > 1 || arities.size() > 1 || (complete >= 1 && partial >= 1)) {
                error(ErrorKind.TYPE, "conflicting rules " + name + " found", first);
                continue;
            }
            if (defaults.size() > 1) {
                StringBuilder sb = new StringBuilder("multiple default rules " + name + " found at ");
                for (int i = 0; i < defaults.size(); i++) {
                    if (i > 0) sb.append(", ");
                    Location l = defaults.get(i).loc();
                    sb.append(l.file()).append(':').append(l.row());
                }
                error(ErrorKind.TYPE, sb.toString(), owners.get(defaults.get(0)).loc());
            }
        }
    }

    /** OPA's CheckUndefinedFuncs, a stage before the safety checks: calls of names that are no function. */
    private void checkUndefinedFunctions(List<Module> modules, Map<List<Value>, Set<String>> names) {
        for (Module m : modules) {
            List<Value> pkg = pathValues(m.pkg());
            currentVersion = m.version();
            Resolver res = new Resolver(names.get(pkg), pkg, importMap(m));
            Scope empty = new Scope(null);
            for (Rule r : m.rules()) {
                for (Rule c = r; c != null; c = c.elseRule()) {
                    List<Term> terms = new ArrayList<>(r.head().path());
                    if (c.key() != null) terms.add(c.key());
                    if (c.value() != null) terms.add(c.value());
                    Set<Term.Call> statements = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
                    statementCalls(c.body(), statements);
                    for (Term t : terms) nestedBodies(t, nb -> statementCalls(nb, statements));
                    for (Term t : terms) callsIn(t, call -> checkOperator(res, empty, call, statements.contains(call)));
                    bodyCalls(c.body(), call -> checkOperator(res, empty, call, statements.contains(call)));
                }
            }
        }
    }

    private void checkOperator(Resolver res, Scope scope, Term.Call c, boolean statement) {
        String name = c.operator().toString();
        if (name.equals("rego.metadata.rule") || name.equals("rego.metadata.chain")) return;
        Term.Ref op = res.resolveFunctionName(c.operator(), scope, c.loc(), false);
        if (op == null) return;
        if (!"data".equals(op.rootName())) res.checkArity(op, c.args(), c, statement);
        else checkCall(tree, new PendingCall(op, c.args().size(), statement, c.loc()), n -> declaredArity.getOrDefault(n, -1));
    }

    /** The number of arguments of the rules at each rule node, before their bodies are compiled (OPA's GetArity). */
    private final Map<Node, Integer> declaredArity = new HashMap<>();

    /** Calls that are whole expressions (they may take an output argument), in nested bodies too. */
    private static void statementCalls(Body b, Set<Term.Call> out) {
        for (Expr e : b.exprs()) {
            if (e.kind() instanceof Expr.TermExpr t && t.term() instanceof Term.Call c) out.add(c);
            if (e.kind() instanceof Expr.Every ev) statementCalls(ev.body(), out);
        }
        bodyTerms(b, t -> nestedBodies(t, nb -> statementCalls(nb, out)));
    }

    private static void bodyTerms(Body b, java.util.function.Consumer<Term> f) {
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
    private static void nestedBodies(Term t, java.util.function.Consumer<Body> f) {
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

    private static void bodyCalls(Body b, java.util.function.Consumer<Term.Call> f) {
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

    private static void callsIn(Term t, java.util.function.Consumer<Term.Call> f) {
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

    /**
     * OPA's CheckSafetyRuleHeads, a stage before the bodies' safety: every var of a rule head
     * (outside comprehensions) must occur in the body or the arguments ("var k is unsafe").
     */
    private void checkHeadSafety(List<Module> modules, Map<List<Value>, Set<String>> names) {
        for (Module m : modules) {
            Set<String> globals = new HashSet<>(names.get(pathValues(m.pkg())));
            for (Import i : m.imports()) if (i.name() != null) globals.add(i.name());
            for (Rule r : m.rules()) {
                for (Rule c = r; c != null; c = c.elseRule()) {
                    Set<String> head = new LinkedHashSet<>();
                    for (Term t : r.head().path()) collectUsed(t, head);
                    if (c.key() != null) collectUsed(c.key(), head);
                    if (c.value() != null) collectUsed(c.value(), head);
                    Set<String> seen = new HashSet<>();
                    collectUsedBody(c.body(), seen);
                    for (Term a : c.args()) collectUsed(a, seen);
                    Set<String> declared = new HashSet<>();
                    Scope tmp = new Scope(null);
                    prescan(c.body(), tmp);
                    declared.addAll(tmp.declared);
                    for (String n : head) {
                        if (seen.contains(n) || n.startsWith("$") || n.equals("input") || n.equals("data")) continue;
                        if (globals.contains(n) && !declared.contains(n)) continue;
                        error(ErrorKind.UNSAFE_VAR, "var " + n + " is unsafe", c.loc());
                    }
                }
            }
        }
    }

    /** A rule whose whole ref is ground may not name a package of another module ("package a.b conflicts with rule b ..."). */
    private void checkPackageConflicts(List<Module> modules) {
        Map<List<Value>, Module> packages = new HashMap<>();
        for (Module m : modules) packages.putIfAbsent(pathValues(m.pkg()), m);
        for (Module m : modules) {
            for (Rule r : m.rules()) {
                List<Value> path = new ArrayList<>(pathValues(m.pkg()));
                List<Term> rest = new ArrayList<>();
                groundPrefix(r, path, rest);
                if (!rest.isEmpty()) continue;
                Module other = packages.get(path);
                if (other == null || other == m) continue;
                Term.Ref pkgRef = new Term.Ref(new Term.Var(((StringValue) pathValues(other.pkg()).get(0)).value(), other.loc()),
                        other.pkg().path().subList(1, other.pkg().path().size()), other.loc());
                error(ErrorKind.TYPE, "package " + pkgRef + " conflicts with rule " + r.head() + " defined at "
                        + r.loc().file() + ":" + r.loc().row(), m.loc());
            }
        }
    }

    private static void depthFirst(Node n, List<Node> out) {
        out.add(n);
        for (Node c : n.children.values()) depthFirst(c, out);
    }

    /** The refs of the rules below a node, as OPA's flattenChildren lists them (no ref under another). */
    private static List<String> rulesBelow(Node n, Map<Node, List<Rule>> byNode, Map<Rule, Module> owners) {
        List<Node> below = new ArrayList<>();
        for (Node c : n.children.values()) depthFirst(c, below);
        List<String> out = new ArrayList<>();
        List<Node> taken = new ArrayList<>();
        for (Node d : below) {
            List<Rule> rs = byNode.get(d);
            if (rs == null || rs.isEmpty()) continue;
            boolean under = false;
            for (Node t : taken) if (d.path().size() > t.path().size() && d.path().subList(0, t.path().size()).equals(t.path())) under = true;
            if (under) continue;
            taken.add(d);
            for (Rule r : rs) {
                String ref = ruleRef(r, owners.get(r));
                if (!out.contains(ref)) out.add(ref);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ rules

    private void compileRule(Rule r, List<Value> pkg, Set<String> ruleNames, Map<String, Term.Ref> imports,
                             Node node, List<Term> rest) {
        currentNode = node;
        currentRule = r;
        currentPackage = pkg;
        Resolver res = new Resolver(ruleNames, pkg, imports);
        CRule c = compileClause(r, rest, res, node);
        if (c == null) return;
        if (r.isDefault()) {
            node.defaultRule = c;
        } else {
            node.rules.add(c);
        }
    }

    private CRule compileClause(Rule r, List<Term> rest, Resolver res, Node node) {
        Scope scope = new Scope(null);
        // Declarations: function args and the body's some/:= vars shadow rule names.
        for (Term a : r.args()) declareAll(a, scope);
        prescan(r.body(), scope);
        for (Term a : r.args()) collectUsed(a, scope.used);
        collectUsedBody(r.body(), scope.used);
        for (Term a : r.args()) collectUsed(a, scope.bodyVars);
        collectBodyVars(r.body(), scope.bodyVars);
        List<Term> args = new ArrayList<>();
        for (Term a : r.args()) {
            if (a instanceof Term.Var v && (v.name().equals("input") || v.name().equals("data"))) {
                error(ErrorKind.COMPILE, "args must not shadow " + v.name() + " (use a different variable name)", r.loc());
            }
            args.add(res.resolve(a, scope));
        }
        Set<Integer> initial = new HashSet<>();
        for (Term a : args) varsOf(a, initial);
        Body body = res.resolveBody(r.body(), scope);
        List<Term> crest = new ArrayList<>();
        for (Term t : rest) crest.add(res.resolve(t, scope));
        Term key = r.key() == null ? null : res.resolve(r.key(), scope);
        Term value = r.value() == null ? null : res.resolve(r.value(), scope);
        for (Term t : crest) res.checkDeprecatedHead(t, r.loc());
        res.checkDeprecatedHead(key, r.loc());
        res.checkDeprecatedHead(value, r.loc());
        int errorsBefore = errors.size();
        body = orderBody(body, initial, scope, r.loc());
        boolean bodyUnsafe = errors.size() > errorsBefore;
        // Head vars must be bound by the body (an unsafe body already says which).
        Set<Integer> bound = new HashSet<>(initial);
        for (Expr e : body.exprs()) bound.addAll(outputs(e, bound));
        Set<Integer> headVars = new LinkedHashSet<>();
        // OPA's RewriteRefsInHead moves head refs into the body: their path vars are bound there
        for (Term t : crest) { outputVars.refs(t, bound, bound); varsOf(t, headVars); }
        if (key != null) { outputVars.refs(key, bound, bound); varsOf(key, headVars); }
        if (value != null) { outputVars.refs(value, bound, bound); varsOf(value, headVars); }
        for (Integer v : headVars) {
            if (!bound.contains(v) && !bodyUnsafe) {
                error(ErrorKind.UNSAFE_VAR, "var " + res.nameOf(v) + " is unsafe", r.loc());
            }
        }
        CRule elseRule = null;
        if (r.elseRule() != null) elseRule = compileClause(r.elseRule().withHead(r.head()), rest, res, node);
        return new CRule(r.kind(), crest, args, key, value, body, scope.frameSize(), elseRule, r.loc(), node, r);
    }

    /** Compiles a query body against the tree (vars become slots of a query frame). */
    public CompiledQuery compileQuery(Body query, List<Value> pkg, Set<String> ruleNames, Map<String, Term.Ref> imports) {
        new LocalVarScopes(currentVersion, errors).checkQuery(query);
        if (!errors.isEmpty()) throw fail();
        Scope scope = new Scope(null);
        prescan(query, scope);
        collectUsedBody(query, scope.used);
        collectBodyVars(query, scope.bodyVars);
        Resolver res = new Resolver(ruleNames == null ? Set.of() : ruleNames, pkg, imports == null ? Map.of() : imports);
        res.inQuery = true;
        compilingQuery = true;
        Body body = res.resolveBody(query, scope);
        if (!errors.isEmpty()) throw fail();
        checkCalls(treeOverride != null ? treeOverride : tree);
        if (!errors.isEmpty()) throw fail();
        body = orderBody(body, new HashSet<>(), scope, Location.NONE);
        if (!errors.isEmpty()) throw fail();
        TypeChecker types = treeOverride != null ? TypeChecker.forQueriesAgainst(treeOverride, builtins, closures)
                : new TypeChecker(tree, builtins, closures, null);
        types.checkQuery(body);
        errors.addAll(types.errors);
        if (!errors.isEmpty()) throw fail();
        errors.addAll(deprecated);
        if (!errors.isEmpty()) throw fail();
        // Only top-level query vars are reported as bindings (not comprehension internals).
        Map<String, Integer> top = new java.util.TreeMap<>();
        for (Map.Entry<String, Integer> e : scope.vars.entrySet()) {
            if (!e.getKey().startsWith("$")) top.put(e.getKey(), e.getValue());
        }
        return new CompiledQuery(body, scope.frameSize(), top, closures);
    }

    /** Compiles a query against an already compiled tree (no package context, no imports). */
    public CompiledQuery compileQueryAgainst(RuleTree compiled, Body query) {
        Compiler qc = this;
        qc.treeOverride = compiled;
        return qc.compileQuery(query, List.of(), Set.of(), Map.of());
    }

    RuleTree treeOverride;

    /** A compiled query. {@code bindings} maps user var names to slots, in name order. */
    public record CompiledQuery(Body body, int frameSize, Map<String, Integer> bindings,
                                IdentityHashMap<Object, Set<Integer>> closures) {}

    // declared names -------------------------------------------------------------

    private static void declareAll(Term t, Scope s) {
        switch (t) {
            case Term.Var v -> { if (!v.isWildcard()) s.declared.add(v.name()); }
            case Term.ArrayTerm a -> a.elems().forEach(e -> declareAll(e, s));
            case Term.ObjectTerm o -> o.values().forEach(e -> declareAll(e, s));
            case Term.SetTerm st -> st.elems().forEach(e -> declareAll(e, s));
            default -> { }
        }
    }

    /** Marks names declared by some / := / some-in in this body (not nested bodies). */
    private static void prescan(Body b, Scope s) {
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

    private static void collectUsedBody(Body b, Set<String> used) {
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
    private static void collectBodyVars(Body b, Set<String> out) {
        collectUsedBody(new Body(b.exprs().stream().filter(e -> !(e.kind() instanceof Expr.SomeDecl)).toList()), out);
    }

    private static void collectUsed(Term t, Set<String> used) {
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

    // ------------------------------------------------------------------ resolution

    /** Resolves names in one rule (or query): locals to slots, rule names and imports to data refs. */
    final class Resolver {
        /** True while compiling a query, whose lone `1 == 2` must report false rather than fail. */
        boolean inQuery;
        /** The call that is a whole expression (may take an output argument); others may not. */
        Term statementCall;
        final Set<String> ruleNames;
        final List<Value> pkg;
        final Map<String, Term.Ref> imports;
        final Map<String, Integer> names = new HashMap<>();
        final Map<Integer, String> slotNames = new HashMap<>();

        Resolver(Set<String> ruleNames, List<Value> pkg, Map<String, Term.Ref> imports) {
            this.ruleNames = ruleNames;
            this.pkg = pkg;
            this.imports = imports;
        }

        String nameOf(int slot) {
            String n = slotNames.getOrDefault(slot, "$" + slot);
            return n.startsWith("$_") ? "_" : n;
        }

        Body resolveBody(Body b, Scope scope) {
            // Vars this body declares exist from their declaration on (see Scope.hidden).
            Set<String> pending = new HashSet<>();
            for (Expr e : b.exprs()) {
                switch (e.kind()) {
                    case Expr.Assign a -> collectUsed(a.left(), pending);
                    case Expr.SomeDecl d -> d.vars().forEach(v -> pending.add(v.name()));
                    case Expr.SomeIn si -> {
                        if (si.key() != null) collectUsed(si.key(), pending);
                        collectUsed(si.value(), pending);
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
            collectUsed(t, names);
            scope.hidden.removeAll(names);
        }

        private Body resolveBodyExprs(Body b, Scope scope) {
            List<Expr> out = new ArrayList<>(b.size());
            for (Expr e : b.exprs()) {
                Expr r = resolveExpr(e, scope);
                r = hoistWithValues(r, scope, out);
                if (r.negated()) r = hoistDynamicOperands(r, scope, out);
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
                    if (si.collection() instanceof Term.Scalar sc) {
                        error(ErrorKind.TYPE, "match error", e.loc());
                    }
                    Term coll = resolve(si.collection(), scope);
                    if (si.key() != null) unhide(si.key(), scope);
                    unhide(si.value(), scope);
                    yield new Expr.SomeIn(si.key() == null ? null : resolve(si.key(), scope),
                        resolve(si.value(), scope), coll);
                }
                case Expr.Every ev -> {
                    Term domain = resolve(ev.domain(), scope);
                    Scope inner = new Scope(scope);
                    if (ev.key() != null) declareAll(ev.key(), inner);
                    declareAll(ev.value(), inner);
                    prescan(ev.body(), inner);
                    collectUsedBody(ev.body(), inner.used);
                    if (ev.key() != null) collectUsed(ev.key(), inner.bodyVars);
                    collectUsed(ev.value(), inner.bodyVars);
                    collectBodyVars(ev.body(), inner.bodyVars);
                    Term key = ev.key() == null ? null : resolve(ev.key(), inner);
                    Term value = resolve(ev.value(), inner);
                    Body body = resolveBody(ev.body(), inner);
                    Set<Integer> init = new HashSet<>();
                    if (key != null) varsOf(key, init);
                    varsOf(value, init);
                    checkEveryVarsUsed(ev, e.loc());
                    Set<Integer> closure = closureOf(inner, scope, body);
                    Set<Integer> safe = new HashSet<>(init);
                    safe.addAll(closure);
                    body = orderBody(body, safe, inner, e.loc());
                    Expr.Every out = new Expr.Every(key, value, domain, body);
                    closures.put(out, closure);
                    yield out;
                }
            };
            List<With> withs = new ArrayList<>();
            for (With w : e.withs()) withs.add(resolveWith(w, scope));
            Expr out = new Expr(k, e.negated(), withs, e.loc(), e.index());
            checkDeprecated(out);
            return out;
        }

        /**
         * OPA evaluates the ref and call operands of a negated call outside the negation
         * (its RewriteDynamicTerms stage): {@code not startswith(input.missing, "x")} is
         * undefined, not true. {@code ==} is unification there, so its operands stay inside.
         */
        private Expr hoistDynamicOperands(Expr e, Scope scope, List<Expr> out) {
            if (!(e.kind() instanceof Expr.TermExpr t) || !(t.term() instanceof Term.Call c)) return e;
            String op = c.operator().toString();
            boolean equality = op.equals("equal") && c.args().size() == 2;
            List<Term> args = new ArrayList<>();
            for (Term a : c.args()) {
                // In `==` (unification in OPA) a ref operand stays inside; calls and composites' parts move out.
                args.add(equality && a instanceof Term.Ref ? a : hoist(a, e, scope, out));
            }
            return e.withKind(new Expr.TermExpr(new Term.Call(c.operator(), args, c.loc())));
        }

        private Term hoist(Term t, Expr origin, Scope scope, List<Expr> out) {
            if (t instanceof Term.Ref || t instanceof Term.Call) {
                int slot = scope.fresh();
                Term.Var v = new Term.Var("$h" + slot, slot, t.loc());
                slotNames.put(slot, "$h" + slot);
                out.add(new Expr(new Expr.Unify(v, t), false, origin.withs(), origin.loc(), origin.index()));
                return v;
            }
            return hoistInside(t, origin, scope, out);
        }

        private Term hoistInside(Term t, Expr origin, Scope scope, List<Expr> out) {
            switch (t) {
                case Term.ArrayTerm a -> {
                    List<Term> el = new ArrayList<>();
                    for (Term x : a.elems()) el.add(hoist(x, origin, scope, out));
                    return new Term.ArrayTerm(el, a.loc());
                }
                case Term.SetTerm st -> {
                    List<Term> el = new ArrayList<>();
                    for (Term x : st.elems()) el.add(hoist(x, origin, scope, out));
                    return new Term.SetTerm(el, st.loc());
                }
                case Term.ObjectTerm o -> {
                    List<Term> vs = new ArrayList<>();
                    for (Term x : o.values()) vs.add(hoist(x, origin, scope, out));
                    return new Term.ObjectTerm(o.keys(), vs, o.loc());
                }
                default -> { return t; }
            }
        }

        /**
         * OPA's RewriteWithValues (rewriteWithModifiers): a {@code with} value that needs evaluating
         * (a ref, call or comprehension in it) is bound to a fresh var by an expression of its own
         * just before, outside the {@code with}: {@code p with input as xs[_]} runs once per
         * element and binds the iteration var. A function reference replacing a function stays.
         */
        private Expr hoistWithValues(Expr e, Scope scope, List<Expr> out) {
            if (e.withs().isEmpty()) return e;
            List<With> withs = new ArrayList<>(e.withs());
            boolean changed = false;
            for (int i = 0; i < withs.size(); i++) {
                With w = withs.get(i);
                if (!needsEval(w.value())) continue;
                boolean inputTarget = "input".equals(w.target().rootName()) && w.target().head() instanceof Term.Var hv && hv.slot() < 0;
                if (!inputTarget && w.value() instanceof Term.Ref r && isFunctionValue(r)) continue;
                int slot = scope.fresh();
                Term.Var v = new Term.Var("$w" + slot, slot, w.value().loc());
                slotNames.put(slot, "$w" + slot);
                Expr bind = new Expr(new Expr.Unify(v, w.value()), false, List.of(), w.loc() == null ? e.loc() : w.loc(), e.index());
                checkDeprecated(bind);
                out.add(bind);
                withs.set(i, new With(w.target(), v, w.loc()));
                changed = true;
            }
            return changed ? e.withWiths(withs) : e;
        }

        /** A builtin, or a data ref to a function: what replaces a function by reference. */
        private boolean isFunctionValue(Term.Ref r) {
            if (!(r.head() instanceof Term.Var hv) || hv.slot() >= 0) return false;
            if (!"data".equals(r.rootName())) return r.path().isEmpty() && builtins.lookup(r.rootName()) != null;
            List<Value> path = new ArrayList<>();
            for (Term t : r.path()) {
                if (!(t instanceof Term.Scalar sc)) return false;
                path.add(sc.value());
            }
            Node n = (treeOverride != null ? treeOverride : tree).find(path);
            return n != null && (pendingArity.containsKey(n) || n.kind == Rule.Kind.FUNCTION);
        }

        /** OPA's RewriteEquals: in rule bodies {@code a == b} is unification, so it can bind vars. */
        Expr rewriteEquals(Expr e) {
            if (e.kind() instanceof Expr.TermExpr t && t.term() instanceof Term.Call c && c.args().size() == 2
                    && c.operator().path().isEmpty() && "equal".equals(c.operator().rootName())
                    && e.withs().isEmpty()) {
                return e.withKind(new Expr.Unify(c.args().get(0), c.args().get(1)));
            }
            return e;
        }

        private void checkEveryVarsUsed(Expr.Every ev, Location l) {
            Set<String> used = new HashSet<>();
            collectUsedBody(ev.body(), used);
            for (Term t : ev.key() == null ? List.of(ev.value()) : List.of(ev.key(), ev.value())) {
                if (t instanceof Term.Var v && !v.isWildcard() && !used.contains(v.name())) {
                    error(ErrorKind.COMPILE, "declared var " + v.name() + " unused", l);
                }
            }
        }

        private With resolveWith(With w, Scope scope) {
            Term.Ref target = w.target();
            String root = target.rootName();
            Term value = null;
            if (!"input".equals(root) && !"data".equals(root)) {
                // `with f as count`: a replacement naming a builtin is a function reference
                Term.Ref asRef = w.value() instanceof Term.Ref r ? r
                        : w.value() instanceof Term.Var v && scope.lookup(v.name()) < 0 && !ruleNames.contains(v.name())
                            && !imports.containsKey(v.name()) ? new Term.Ref(v, List.of(), v.loc()) : null;
                if (asRef != null && asRef.rootName() != null && builtins.lookup(asRef.toString()) != null) {
                    value = new Term.Ref(new Term.Var(asRef.toString(), -1, asRef.loc()), List.of(), asRef.loc());
                }
            }
            if (value == null) value = resolve(w.value(), scope);
            if ("input".equals(root) || "data".equals(root)) {
                Term.Ref t = new Term.Ref(new Term.Var(root, -1, target.loc()), target.path(), target.loc());
                if (!t.isGroundPath()) {
                    error(ErrorKind.TYPE, "with keyword target must reference existing input, data, or a function", w.loc());
                } else if ("data".equals(root)) {
                    pendingDataWiths.add(new PendingCall(t, 0, false, value.loc()));
                }
                return new With(t, value, w.loc());
            }
            // A function or builtin being replaced.
            String name = target.toString();
            Term.Ref fn = resolveFunctionName(target, scope, w.loc(), true);
            if (fn == null) {
                error(ErrorKind.TYPE, "with keyword target must reference existing input, data, or a function", w.loc());
                return w;
            }
            if (name.equals("print") || name.equals("eq") || name.startsWith("internal.") || name.equals("assign")) {
                if (name.equals("print")) error(ErrorKind.COMPILE, "with keyword replacing built-in function: target must not be a void function", w.loc());
                else error(ErrorKind.COMPILE, "with keyword replacing built-in function: replacement of \"" + name + "\" invalid", w.loc());
            }
            return new With(fn, value, w.loc());
        }

        Term resolve(Term t, Scope scope) {
            switch (t) {
                case Term.Scalar s -> { return s; }
                case Term.Var v -> { return resolveVar(v, scope); }
                case Term.Ref r -> {
                    boolean saved = suppressDeps;
                    suppressDeps = true;
                    Term head;
                    try {
                        head = resolve(r.head(), scope);
                    } finally {
                        suppressDeps = saved;
                    }
                    List<Term> path = new ArrayList<>();
                    for (Term p : r.path()) path.add(resolve(p, scope));
                    if (head instanceof Term.Ref hr) {
                        List<Term> all = new ArrayList<>(hr.path());
                        all.addAll(path);
                        Term.Ref out = new Term.Ref(hr.head(), all, r.loc());
                        noteDependency(out);
                        return out;
                    }
                    Term.Ref out = new Term.Ref(head, path, r.loc());
                    checkLiteralRef(out);
                    noteDependency(out);
                    return out;
                }
                case Term.Call c -> {
                    boolean statement = statementCall == c;
                    statementCall = null;
                    String opName = c.operator().toString();
                    if ((opName.equals("rego.metadata.rule") || opName.equals("rego.metadata.chain")) && c.args().isEmpty()) {
                        Value v = currentRule == null || metadata == null ? dev.ecsguard.rego.value.ObjectValue.EMPTY
                                : opName.endsWith("rule") ? metadata.rule(currentRule) : metadata.chain(currentPackage, currentRule);
                        return new Term.Scalar(v, c.loc());
                    }
                    Term.Ref op = resolveFunctionName(c.operator(), scope, c.loc(), false);
                    List<Term> args = new ArrayList<>();
                    for (Term a : c.args()) args.add(resolve(a, scope));
                    if (op == null) return new Term.Call(c.operator(), args, c.loc());
                    if (!statement && isVoid(op)) {
                        // OPA's CheckVoidCalls
                        error(ErrorKind.TYPE, c + " used as value", c.loc());
                    }
                    checkArity(op, args, c, statement);
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
                    Term key = hoistHead(resolve(c.key(), inner), inner, exprs, c.loc());
                    Term value = hoistHead(resolve(c.value(), inner), inner, exprs, c.loc());
                    body = new Body(exprs);
                    Set<Integer> closure = closureOf(inner, scope, body, key, value);
                    int before = errors.size();
                    body = orderBody(body, new HashSet<>(closure), inner, c.loc());
                    if (errors.size() == before) checkHeadSafe(List.of(key, value), body, closure, c.loc());
                    Term.ObjectCompr out = new Term.ObjectCompr(key, value, body, c.loc());
                    closures.put(out, closure);
                    return out;
                }
            }
        }

        /** An array or set comprehension: its own scope, a safety-ordered body, a safe head, its closure. */
        private Term resolveCompr(Term head, Body body, Scope scope, Location loc,
                                  java.util.function.BiFunction<Term, Body, Term> make) {
            Scope inner = comprScope(body, scope, head);
            Body b = resolveBody(body, inner);
            List<Expr> exprs = new ArrayList<>(b.exprs());
            Term h = hoistHead(resolve(head, inner), inner, exprs, loc);
            b = new Body(exprs);
            Set<Integer> closure = closureOf(inner, scope, b, h);
            int before = errors.size();
            b = orderBody(b, new HashSet<>(closure), inner, loc);
            if (errors.size() == before) checkHeadSafe(List.of(h), b, closure, loc);
            Term out = make.apply(h, b);
            closures.put(out, closure);
            return out;
        }

        /**
         * OPA's RewriteComprehensionTerms: a head that needs evaluating (a ref, call or
         * comprehension in it) becomes a fresh var unified with it at the end of the body, so
         * that {@code [xs[_] | true]} iterates.
         */
        private Term hoistHead(Term head, Scope inner, List<Expr> exprs, Location loc) {
            if (!needsEval(head)) return head;
            int slot = inner.fresh();
            Term.Var v = new Term.Var("$c" + slot, slot, head.loc());
            slotNames.put(slot, "$c" + slot);
            Expr hoisted = new Expr(new Expr.Unify(v, head), false, List.of(), head.loc() == null ? loc : head.loc(), exprs.size());
            checkDeprecated(hoisted);
            exprs.add(hoisted);
            return v;
        }

        private static boolean needsEval(Term t) {
            return switch (t) {
                case Term.Ref r -> true;
                case Term.Call c -> true;
                case Term.ArrayCompr c -> true;
                case Term.SetCompr c -> true;
                case Term.ObjectCompr c -> true;
                case Term.ArrayTerm a -> a.elems().stream().anyMatch(Resolver::needsEval);
                case Term.SetTerm st -> st.elems().stream().anyMatch(Resolver::needsEval);
                case Term.ObjectTerm o -> o.keys().stream().anyMatch(Resolver::needsEval)
                        || o.values().stream().anyMatch(Resolver::needsEval);
                default -> false;
            };
        }

        private Scope comprScope(Body body, Scope outer, Term... heads) {
            Scope inner = new Scope(outer);
            prescan(body, inner);
            collectUsedBody(body, inner.used);
            for (Term h : heads) collectUsed(h, inner.used);
            collectBodyVars(body, inner.bodyVars);
            for (Term h : heads) collectUsed(h, inner.bodyVars);
            return inner;
        }

        private void checkHeadSafe(List<Term> heads, Body body, Set<Integer> closure, Location l) {
            Set<Integer> bound = new HashSet<>(closure);
            for (Expr e : body.exprs()) bound.addAll(outputs(e, bound));
            Set<Integer> hv = new LinkedHashSet<>();
            for (Term h : heads) varsOf(h, hv);
            for (Integer v : hv) {
                if (bound.contains(v)) continue;
                String n = nameOf(v);
                if (n.startsWith("$")) continue;   // a hoisted head: the body reports its unsafe vars
                error(ErrorKind.UNSAFE_VAR, "var " + n + " is unsafe", l);
            }
        }

        /** {@code {"a": 1}["b"]}, {@code [1][5]}: a constant key missing from a literal is a type error in OPA. */
        private void checkLiteralRef(Term.Ref r) {
            if (r.path().isEmpty() || !(r.head() instanceof Term.ObjectTerm || r.head() instanceof Term.ArrayTerm)) return;
            Value base = dev.ecsguard.rego.ast.Parser.groundValue(r.head());
            if (base == null || !(r.path().get(0) instanceof Term.Scalar k)) return;
            boolean present = switch (base) {
                case dev.ecsguard.rego.value.ObjectValue o -> o.get(k.value()) != null;
                case dev.ecsguard.rego.value.ArrayValue a -> k.value() instanceof dev.ecsguard.rego.value.NumberValue n
                        && n.isLong() && n.literal() == null && n.longValue() >= 0 && n.longValue() < a.size();
                default -> true;
            };
            if (!present) error(ErrorKind.TYPE, "undefined ref: " + r, r.loc());
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
                if (imp != null) { noteDependency(imp); return imp; }
                if (ruleNames.contains(n)) {
                    Term.Ref ref = dataRef(pkg, n, v.loc());
                    noteDependency(ref);
                    return ref;
                }
            }
            int slot = scope.slot(n);
            names.put(n, slot);
            slotNames.put(slot, n);
            return v.withSlot(slot);
        }

        /** Resolves a call operator to a data ref (user function) or a builtin name ref. */
        Term.Ref resolveFunctionName(Term.Ref op, Scope scope, Location l, boolean forWith) {
            String name = op.toString();
            String first = op.rootName();
            if (first == null) {
                if (!forWith) error(ErrorKind.TYPE, "undefined function " + name, l);
                return null;
            }
            List<Term> rest = op.path();
            if (first.equals("data")) {
                Term.Ref r = new Term.Ref(new Term.Var("data", -1, op.loc()), rest, op.loc());
                noteDependency(r);
                if (forWith) return r;
                return r;
            }
            Term.Ref imp = imports.get(first);
            if (imp != null) {
                List<Term> all = new ArrayList<>(imp.path());
                all.addAll(rest);
                Term.Ref r = new Term.Ref(imp.head(), all, op.loc());
                noteDependency(r);
                return r;
            }
            if (ruleNames.contains(first) && scope.lookup(first) < 0) {
                Term.Ref r = dataRef(pkg, first, op.loc());
                for (Term t : rest) r = r.append(t);
                noteDependency(r);
                return r;
            }
            Builtin b = builtins.lookup(name);
            if (b != null || isEvaluatorBuiltin(name)) {
                return new Term.Ref(new Term.Var(name, -1, op.loc()), List.of(), op.loc());
            }
            if (forWith) return null;
            String reason = BuiltinRegistry.unsupportedReason(name);
            if (reason != null) {
                error(ErrorKind.TYPE, "undefined function " + name + " (not supported by ecs-guard: " + reason + ")", l);
            } else {
                error(ErrorKind.TYPE, "undefined function " + name, l);
            }
            return null;
        }

        void checkArity(Term.Ref op, List<Term> args, Term.Call c, boolean statement) {
            String root = op.rootName();
            if ("data".equals(root)) {   // user functions are checked once the tree is complete
                pendingCalls.add(new PendingCall(op, args.size(), statement, c.loc()));
                return;
            }
            String name = root;
            if (isEvaluatorBuiltin(name)) return;
            Builtin b = builtins.lookup(name);
            if (b == null) return;
            int n = b.arity();
            if (args.size() != n && (args.size() != n + 1 || !statement)) {
                errors.add(new RegoError(ErrorKind.TYPE, name + ": arity mismatch", c.loc(), "have: (" + argTypes(args)
                        + ")\n\twant: (" + String.join(", ", b.signature().args().stream().map(Object::toString).toList()) + ")"));
                return;
            }
            if (args.size() == n + 1 && b.signature().result() == null) {
                error(ErrorKind.TYPE, name + ": arity mismatch", c.loc());
            }
            // argument types: the TypeChecker, after the safety checks, as OPA's CheckTypes stage
        }

        private String argTypes(List<Term> args) {
            List<String> out = new ArrayList<>();
            for (Term a : args) {
                Value v = dev.ecsguard.rego.ast.Parser.groundValue(a);
                out.add(v == null ? "any" : v.typeName());
            }
            return String.join(", ", out);
        }

        private boolean isVoid(Term.Ref op) {
            if (!op.path().isEmpty() || op.rootName() == null) return false;
            if (op.rootName().equals("print")) return true;
            Builtin b = builtins.lookup(op.rootName());
            return b != null && b.signature().result() == null;
        }

        /** Deprecated calls in a rule head (OPA moves head calls into the body before its check). */
        void checkDeprecatedHead(Term t, Location l) {
            if (currentVersion != RegoVersion.V1 || t == null) return;
            String d = findDeprecated(t);
            if (d != null) deprecated.add(new RegoError(ErrorKind.TYPE, "deprecated built-in function calls in expression: " + d, l));
        }

        private void checkDeprecated(Expr e) {
            if (currentVersion != RegoVersion.V1) return;
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
                    // reported after type checking, as OPA's CheckDeprecatedBuiltins stage runs after CheckTypes
                    deprecated.add(new RegoError(ErrorKind.TYPE, "deprecated built-in function calls in expression: " + d, e.loc()));
                    return;
                }
            }
        }

        /** The first deprecated builtin called in a term (comprehension bodies are checked as bodies). */
        private String findDeprecated(Term t) {
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
     * Slots owned by enclosing scopes that a nested body (and its heads) reads: names it uses
     * that resolve outside, and what bodies nested in it read from outside it.
     */
    private Set<Integer> closureOf(Scope inner, Scope outer, Body body, Term... heads) {
        Set<Integer> own = new HashSet<>(inner.vars.values());
        own.addAll(inner.generated);
        Set<Integer> out = new HashSet<>();
        for (String n : inner.used) {
            if (inner.vars.containsKey(n) || inner.declared.contains(n)) continue;
            int s = outer.lookupFromInside(n);
            if (s >= 0 && !own.contains(s)) out.add(s);
        }
        Set<Integer> read = new HashSet<>();
        for (Expr e : body.exprs()) exprVars(e, read);
        for (Term h : heads) varsOf(h, read);
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

    private boolean suppressDeps;

    private void noteDependency(Term.Ref ref) {
        if (suppressDeps) return;
        if (currentNode == null || !"data".equals(ref.rootName())) return;
        // The ref's path as a pattern: ground segments, and null where any key matches.
        List<Value> prefix = new ArrayList<>();
        for (Term t : ref.path()) prefix.add(t instanceof Term.Scalar sc ? sc.value() : null);
        deps.computeIfAbsent(currentNode, k -> new LinkedHashSet<>()).add(prefix);
    }

    // ------------------------------------------------------------------ safety

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
                    safe.addAll(outputs(e, safe));
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
                        error(ErrorKind.UNSAFE_VAR, "var " + name + " is unsafe (hint: `import future.keywords." + name
                                + "` to import a future keyword)", e.loc());
                    } else {
                        error(ErrorKind.UNSAFE_VAR, "var " + name + " is unsafe", e.loc());
                    }
                }
            }
            if (reported.isEmpty()) error(ErrorKind.UNSAFE_VAR, "expression is unsafe", left.get(0).loc());
            return body;
        }
        // `some x` declarations that nothing uses are reported as OPA does.
        for (Expr e : out) {
            if (e.kind() instanceof Expr.SomeDecl d) {
                for (Term.Var v : d.vars()) {
                    int uses = 0;
                    for (Expr o : out) {
                        Set<Integer> vs = new HashSet<>();
                        deepVars(o, vs);   // a use inside a closure counts (checkUnusedDeclaredVars)
                        if (!(o.kind() instanceof Expr.SomeDecl) && vs.contains(v.slot())) uses++;
                    }
                    if (uses == 0) error(ErrorKind.COMPILE, "declared var " + v.name() + " unused", e.loc());
                }
            }
        }
        if (!compilingQuery) {
            // OPA's RewriteEquals runs after the safety checks: == never binds, then evaluates as =
            Resolver rw = new Resolver(Set.of(), List.of(), Map.of());
            out.replaceAll(rw::rewriteEquals);
        }
        return new Body(out);
    }

    /** Compiling a query: {@code ==} stays a comparison (a lone {@code 1 == 2} reports false). */
    private boolean compilingQuery;

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
        forEachExprTerm(e, t -> own.addAll(outputVars.vars(t, OutputVars.SAFETY)));
        Set<Integer> read = new HashSet<>();   // what its closures read
        forEachExprTerm(e, t -> closureReads(t, read));
        if (e.kind() instanceof Expr.Every ev && closures.get(ev) != null) read.addAll(closures.get(ev));
        if (!safe.containsAll(read)) return false;
        Set<Integer> outs = outputs(e, safe);
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
        forEachExprTerm(e, t -> canonical(t, sb.append(' ')));
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
        forEachExprTerm(e, t -> own.addAll(new java.util.TreeSet<>(outputVars.vars(t, OutputVars.SAFETY))));
        Set<Integer> read = new LinkedHashSet<>();
        forEachExprTerm(e, t -> closureReads(t, read));
        if (e.kind() instanceof Expr.Every ev && closures.get(ev) != null) read.addAll(closures.get(ev));
        read.removeAll(safe);
        Set<Integer> outs = outputs(e, safe);
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
            case Term.ArrayCompr c -> out.addAll(closures.getOrDefault(c, Set.of()));
            case Term.SetCompr c -> out.addAll(closures.getOrDefault(c, Set.of()));
            case Term.ObjectCompr c -> out.addAll(closures.getOrDefault(c, Set.of()));
            case Term.Ref r -> { closureReads(r.head(), out); r.path().forEach(x -> closureReads(x, out)); }
            case Term.Call c -> c.args().forEach(x -> closureReads(x, out));
            case Term.ArrayTerm a -> a.elems().forEach(x -> closureReads(x, out));
            case Term.SetTerm st -> st.elems().forEach(x -> closureReads(x, out));
            case Term.ObjectTerm o -> { o.keys().forEach(x -> closureReads(x, out)); o.values().forEach(x -> closureReads(x, out)); }
            default -> { }
        }
    }

    private static void forEachExprTerm(Expr e, java.util.function.Consumer<Term> f) {
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

    /** Every local slot an expression reads or binds (comprehensions contribute their closures). */
    void exprVars(Expr e, Set<Integer> out) {
        switch (e.kind()) {
            case Expr.TermExpr t -> varsOf(t.term(), out);
            case Expr.Unify u -> { varsOf(u.left(), out); varsOf(u.right(), out); }
            case Expr.Assign a -> { varsOf(a.left(), out); varsOf(a.right(), out); }
            case Expr.SomeDecl d -> { }
            case Expr.SomeIn si -> {
                if (si.key() != null) varsOf(si.key(), out);
                varsOf(si.value(), out);
                varsOf(si.collection(), out);
            }
            case Expr.Every ev -> {
                varsOf(ev.domain(), out);
                Set<Integer> c = closures.get(ev);
                if (c != null) out.addAll(c);
            }
        }
        for (With w : e.withs()) varsOf(w.value(), out);
    }

    void varsOf(Term t, Set<Integer> out) {
        switch (t) {
            case Term.Var v -> { if (v.slot() >= 0) out.add(v.slot()); }
            case Term.Ref r -> { varsOf(r.head(), out); for (Term p : r.path()) varsOf(p, out); }
            case Term.Call c -> { for (Term a : c.args()) varsOf(a, out); }
            case Term.ArrayTerm a -> { for (Term e : a.elems()) varsOf(e, out); }
            case Term.SetTerm s -> { for (Term e : s.elems()) varsOf(e, out); }
            case Term.ObjectTerm o -> { for (Term k : o.keys()) varsOf(k, out); for (Term v : o.values()) varsOf(v, out); }
            case Term.ArrayCompr c -> { Set<Integer> cl = closures.get(c); if (cl != null) out.addAll(cl); }
            case Term.SetCompr c -> { Set<Integer> cl = closures.get(c); if (cl != null) out.addAll(cl); }
            case Term.ObjectCompr c -> { Set<Integer> cl = closures.get(c); if (cl != null) out.addAll(cl); }
            case Term.Scalar s -> { }
        }
    }

    /** Every slot an expression mentions, inside its comprehension and every bodies too. */
    private void deepVars(Expr e, Set<Integer> out) {
        exprVars(e, out);
        if (e.kind() instanceof Expr.Every ev) for (Expr x : ev.body().exprs()) deepVars(x, out);
        java.util.function.Consumer<Term> inner = new java.util.function.Consumer<>() {
            @Override public void accept(Term t) {
                nestedBodies(t, b -> { for (Expr x : b.exprs()) deepVars(x, out); });
            }
        };
        bodyTerms(new Body(List.of(e)), inner);
    }

    /** OPA's outputVarsForExpr: the slots an expression binds when the slots in {@code safe} are bound. */
    Set<Integer> outputs(Expr e, Set<Integer> safe) {
        return outputVars.of(e, safe);
    }

    private final OutputVars outputVars = new OutputVars(closures, this::callArity);

    /** Declared arity of a call's operator, or -1 when unknown (user functions resolved later). */
    int callArity(Term.Call c) {
        String root = c.operator().rootName();
        if ("data".equals(root)) {
            List<Value> path = new ArrayList<>();
            for (Term t : c.operator().path()) {
                if (t instanceof Term.Scalar s) path.add(s.value()); else return -1;
            }
            Node n = (treeOverride != null ? treeOverride : tree).find(path);
            if (n == null) return -1;
            for (CRule r : n.rules) return r.args().size();
            if (n.defaultRule != null) return n.defaultRule.args().size();
            // rules not compiled yet: fall back to the parsed arity
            return pendingArity.getOrDefault(n, -1);
        }
        if ("internal.member_2".equals(root) || "internal.member_3".equals(root) || "print".equals(root)) return -1;
        if ("walk".equals(root)) return 1;
        Builtin b = builtins.lookup(root);
        return b == null ? -1 : b.arity();
    }

    final Map<Node, Integer> pendingArity = new HashMap<>();

    /** A call to a user function, checked against the finished rule tree. */
    private record PendingCall(Term.Ref op, int args, boolean statement, Location loc) {}

    private final List<PendingCall> pendingCalls = new ArrayList<>();
    private final List<PendingCall> pendingDataWiths = new ArrayList<>();

    /** Every call to data.x.f(...) must name a function of that arity (or one more, as a statement). */
    private void checkCalls(RuleTree t) {
        for (PendingCall pc : pendingCalls) checkCall(t, pc, n -> n.hasRules() ? (n.kind == Rule.Kind.FUNCTION ? pendingArity.getOrDefault(n, arityOf(n)) : 0) : -1);
        pendingCalls.clear();
        // `with data.p.r.x as v` where data.p.r is a rule: OPA refuses to patch inside a virtual document.
        for (PendingCall w : pendingDataWiths) {
            Node n = t.root();
            int depth = 0;
            for (Term x : w.op().path()) {
                if (n.hasRules()) break;
                n = n.children.get(((Term.Scalar) x).value());
                depth++;
                if (n == null) break;
            }
            if (n != null && n.hasRules() && depth < w.op().path().size() && n.kind != Rule.Kind.FUNCTION) {
                error(ErrorKind.COMPILE, "with keyword cannot partially replace virtual document(s)", w.loc());
            }
        }
        pendingDataWiths.clear();
    }

    /**
     * OPA's CheckUndefinedFuncs for a call of a data ref: the node must have rules ("undefined
     * function") taking that many arguments, one more for a whole expression's output argument
     * ("function data.p.f has arity 1, got 2 arguments"). A rule has arity 0: {@code r()} passes
     * here and the type checker decides whether r's type is callable.
     */
    private void checkCall(RuleTree t, PendingCall pc, java.util.function.ToIntFunction<Node> arityOfNode) {
        List<Value> path = new ArrayList<>();
        for (Term x : pc.op().path()) {
            if (x instanceof Term.Scalar sc) path.add(sc.value()); else return;
        }
        Node n = t.find(path);
        String name = pc.op().toString();
        int arity = n == null ? -1 : arityOfNode.applyAsInt(n);
        if (arity < 0) {
            error(ErrorKind.TYPE, "undefined function " + name, pc.loc());
            return;
        }
        if (!(pc.args() == arity || (pc.statement() && pc.args() == arity + 1))) {
            error(ErrorKind.TYPE, "function " + name + " has arity " + arity + ", got " + pc.args()
                    + " argument" + (pc.args() == 1 ? "" : "s"), pc.loc());
        }
    }

    private static int arityOf(Node n) {
        for (CRule r : n.rules) return r.args().size();
        return n.defaultRule != null ? n.defaultRule.args().size() : 0;
    }

    /** Records the arity of every function before bodies are compiled (calls may precede definitions). */
    public void declareFunctions(List<Module> modules) {
        for (Module m : modules) {
            List<Value> pkg = pathValues(m.pkg());
            for (Rule r : m.rules()) {
                if (r.kind() != Rule.Kind.FUNCTION) continue;
                List<Value> path = new ArrayList<>(pkg);
                groundPrefix(r, path, new ArrayList<>());
                pendingArity.put(tree.nodeFor(path), r.args().size());
            }
        }
    }

    /** Drops nodes with no rule anywhere below (left by references into base documents). */
    private static boolean prune(Node n) {
        n.children.values().removeIf(c -> !prune(c));
        return n.hasRules() || !n.children.isEmpty() || n.isPackage;
    }

    // ------------------------------------------------------------------ recursion

    private void checkRecursion() {
        Map<Node, Integer> state = new HashMap<>();
        for (Node n : deps.keySet()) {
            List<Node> stack = new ArrayList<>();
            if (dfs(n, state, stack)) return;
        }
    }

    private boolean dfs(Node n, Map<Node, Integer> state, List<Node> stack) {
        Integer s = state.get(n);
        if (s != null && s == 2) return false;
        if (s != null && s == 1) {
            int i = stack.indexOf(n);
            List<Node> cycle = new ArrayList<>(stack.subList(i, stack.size()));
            cycle.add(n);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < cycle.size(); k++) {
                if (k > 0) sb.append(" -> ");
                sb.append(cycle.get(k).pathString());
            }
            Location l = n.rules.isEmpty() ? Location.NONE : n.rules.get(0).loc();
            error(ErrorKind.RECURSION, "rule " + n.pathString() + " is recursive: " + sb, l);
            return true;
        }
        state.put(n, 1);
        stack.add(n);
        for (Node d : expand(n)) {
            if (dfs(d, state, stack)) return true;
        }
        stack.remove(stack.size() - 1);
        state.put(n, 2);
        return false;
    }

    private final Map<Node, Set<Node>> transitiveDeps = new HashMap<>();

    /** The rule nodes a node's rules reference, directly or through others (OPA's rule graph). */
    private Set<Node> dependenciesOf(Node n) {
        Set<Node> known = transitiveDeps.get(n);
        if (known != null) return known;
        Set<Node> out = new HashSet<>();
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>(expand(n));
        while (!todo.isEmpty()) {
            Node d = todo.pop();
            if (out.add(d)) todo.addAll(expand(d));
        }
        transitiveDeps.put(n, out);
        return out;
    }

    /** Dependencies of a node: the rule nodes its rules reference (a prefix means all nodes below it). */
    private Set<Node> expand(Node n) {
        Set<Node> out = new LinkedHashSet<>();
        Set<List<Value>> direct = deps.get(n);
        if (direct == null) return out;
        for (List<Value> path : direct) matchDeps(tree.root(), path, 0, out);
        return out;
    }

    /** Rule nodes a ref pattern can reach: the first rule node on each matching branch, or all below its end. */
    private void matchDeps(Node d, List<Value> path, int i, Set<Node> out) {
        if (d.hasRules()) { out.add(d); return; }
        if (i == path.size()) { collectRuleNodes(d, out); return; }
        Value k = path.get(i);
        if (k == null) {
            for (Node c : d.children.values()) matchDeps(c, path, i + 1, out);
        } else {
            Node c = d.children.get(k);
            if (c != null) matchDeps(c, path, i + 1, out);
        }
    }

    private void collectRuleNodes(Node d, Set<Node> out) {
        if (d.hasRules()) out.add(d);
        for (Node c : d.children.values()) collectRuleNodes(c, out);
    }
}
