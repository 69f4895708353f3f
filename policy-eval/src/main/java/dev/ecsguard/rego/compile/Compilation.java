package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Import;
import dev.ecsguard.rego.ast.Module;
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
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The state of one compilation, shared by the stages {@link Compiler} runs in order: the modules
 * (or query), the rule tree being built, what earlier stages found for later ones, and the errors
 * of the stage that is running.
 */
final class Compilation {
    final BuiltinRegistry builtins;
    /** The tree the rules are compiled into; for a query, the compiled tree the query runs against. */
    final RuleTree tree;
    /** Compiling a query: {@code ==} stays a comparison (a lone {@code 1 == 2} reports false). */
    final boolean query;
    /** The modules being compiled (none for a query). */
    final List<Module> modules;
    /** The errors of the stage that runs; the driver stops after a stage that reported any. */
    final List<RegoError> errors = new ArrayList<>();
    /** Calls of deprecated builtins (Rego v1), reported by CheckDeprecatedBuiltins once the types are checked. */
    final List<RegoError> deprecated = new ArrayList<>();
    /** Closure slots each comprehension / every body reads from its enclosing scope. */
    final IdentityHashMap<Object, Set<Integer>> closures = new IdentityHashMap<>();
    /** Which rule nodes each rule node refers to (OPA's rule graph), filled while refs are resolved. */
    final RuleGraph graph;

    /** Rule names per package path (OPA's exports): what a bare name in a module of that package may refer to. */
    final Map<List<Value>, Set<String>> ruleNames = new HashMap<>();
    /** The rules at each rule node, in source order (SetRuleTree). */
    final Map<Node, List<Rule>> ruleSets = new LinkedHashMap<>();
    /** The part of each rule's head ref below its rule node (its first non-ground term on). */
    final Map<Rule, List<Term>> headRests = new IdentityHashMap<>();
    /** The module of each rule. */
    final Map<Rule, Module> owners = new IdentityHashMap<>();
    /** Every rule's clauses as ResolveRefs leaves them, for CheckSafetyRuleBodies to finish. */
    final List<ResolveRefs.Clause> clauses = new ArrayList<>();
    /** The values of rego.metadata.rule() and rego.metadata.chain() (SetAnnotationSet). */
    Metadata metadata;
    /** Calls of user functions found while resolving, checked against the finished tree (CheckUndefinedFuncs). */
    final List<CheckUndefinedFuncs.PendingCall> pendingCalls = new ArrayList<>();
    /** {@code with data...} targets found while resolving, checked against the finished tree (RewriteWithValues). */
    final List<CheckUndefinedFuncs.PendingCall> pendingDataWiths = new ArrayList<>();

    /** The rule being compiled: its node (dependencies are noted for it), the rule, its package and Rego version. */
    Node currentNode;
    Rule currentRule;
    List<Value> currentPackage = List.of();
    RegoVersion currentVersion = RegoVersion.V1;
    /** While true, refs resolved are not dependencies (the head of a ref being resolved). */
    boolean suppressDeps;
    /** The number of arguments of every function, by rule node, known before any body is compiled (SetRuleTree). */
    final Map<Node, Integer> pendingArity = new HashMap<>();
    /** Which vars an expression binds (OPA's output vars), by which bodies are ordered. */
    final OutputVars outputVars = new OutputVars(closures, this::callArity);
    /** Where the bodies are ordered for safety (shared by every body, nested ones too). */
    final CheckSafetyRuleBodies safety;

    Compilation(BuiltinRegistry builtins, RuleTree tree, List<Module> modules, boolean query) {
        this.builtins = builtins;
        this.tree = tree;
        this.modules = modules;
        this.query = query;
        this.graph = new RuleGraph(tree);
        this.safety = new CheckSafetyRuleBodies(this);
        for (Module m : modules) {
            Set<String> names = ruleNames.computeIfAbsent(SetRuleTree.pathValues(m.pkg()), k -> new HashSet<>());
            for (Rule r : m.rules()) names.add(r.head().rootName());
        }
    }

    void error(ErrorKind k, String msg, Location l) { errors.add(new RegoError(k, msg, l)); }

    /** Whether rules are defined at a node: the parsed rules of a module compile, a query's compiled tree. */
    boolean definesRules(Node n) {
        return query ? n.hasRules() : ruleSets.containsKey(n);
    }

    /** Notes that the rule being compiled refers to a data ref (a dependency in the rule graph). */
    void noteDependency(Term.Ref ref) {
        if (suppressDeps) return;
        if (currentNode == null || !"data".equals(ref.rootName())) return;
        graph.note(currentNode, ref);
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

    /** Every local slot a term reads or binds (comprehensions contribute their closures). */
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
    void deepVars(Expr e, Set<Integer> out) {
        exprVars(e, out);
        if (e.kind() instanceof Expr.Every ev) for (Expr x : ev.body().exprs()) deepVars(x, out);
        Consumer<Term> inner = new Consumer<>() {
            @Override public void accept(Term t) {
                Walk.nestedBodies(t, b -> { for (Expr x : b.exprs()) deepVars(x, out); });
            }
        };
        Walk.bodyTerms(new Body(List.of(e)), inner);
    }

    /** OPA's outputVarsForExpr: the slots an expression binds when the slots in {@code safe} are bound. */
    Set<Integer> outputs(Expr e, Set<Integer> safe) {
        return outputVars.of(e, safe);
    }

    /** Declared arity of a call's operator, or -1 when unknown (user functions resolved later). */
    int callArity(Term.Call c) {
        String root = c.operator().rootName();
        if ("data".equals(root)) {
            List<Value> path = new ArrayList<>();
            for (Term t : c.operator().path()) {
                if (t instanceof Term.Scalar s) path.add(s.value()); else return -1;
            }
            Node n = tree.find(path);
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

    /** The names a module's imports bind, to the refs they stand for ({@code future.*} and {@code rego.v1} bind none). */
    static Map<String, Term.Ref> importMap(Module m) {
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
}
