package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The virtual document tree: one node per ground path segment under {@code data}; rules hang
 * on the node of their longest ground head prefix. Immutable after compilation.
 */
public final class RuleTree {
    /**
     * The rule types that checking a query against this finished tree worked out: the same for
     * every query, so each {@code prepare} does not type-check every rule again (null until a
     * query has been checked without errors).
     */
    volatile TypeChecker.QueryRuleTypes queryRuleTypes;

    /** A compiled rule clause, ready to evaluate. */
    public record CRule(Rule.Kind kind, List<Term> rest, List<Term> args, Term key, Term value, Body body,
                        int frameSize, CRule elseRule, Location loc, Node node, Rule source) {}

    public static final class Node {
        final TreeMap<Value, Node> children = new TreeMap<>();
        final List<CRule> rules = new ArrayList<>();
        CRule defaultRule;
        Rule.Kind kind;
        /** A package root: present in data (as {}) even without rules. */
        boolean isPackage;
        final List<Value> path;
        final int id;

        Node(List<Value> path, int id) {
            this.path = path;
            this.id = id;
        }

        public TreeMap<Value, Node> children() { return children; }
        public List<CRule> rules() { return rules; }
        public CRule defaultRule() { return defaultRule; }
        public Rule.Kind kind() { return kind; }
        public List<Value> path() { return path; }
        public int id() { return id; }
        public boolean hasRules() { return !rules.isEmpty() || defaultRule != null; }
        /** Hash index over children, built when the tree is frozen (lookups dominate evaluation). */
        java.util.HashMap<Value, Node> index;

        public Node child(Value k) {
            java.util.HashMap<Value, Node> ix = index;
            return ix != null ? ix.get(k) : children.get(k);
        }

        /** True when every rule here has an empty head rest (a complete document or function). */
        public boolean isComplete() {
            for (CRule r : rules) if (!r.rest().isEmpty()) return false;
            return true;
        }

        /** "data.a.b" for messages. */
        public String pathString() {
            StringBuilder sb = new StringBuilder("data");
            for (Value v : path) {
                if (v instanceof StringValue s && dev.ecsguard.rego.ast.Lexer.isIdentifier(s.value())) sb.append('.').append(s.value());
                else sb.append('[').append(v.toRego()).append(']');
            }
            return sb.toString();
        }
    }

    private final Node root = new Node(List.of(), 0);
    private int nextId = 1;

    public Node root() { return root; }

    public int size() { return nextId; }

    Node nodeFor(List<Value> path) {
        Node n = root;
        List<Value> sofar = new ArrayList<>();
        for (Value k : path) {
            sofar.add(k);
            Node c = n.children.get(k);
            if (c == null) {
                c = new Node(List.copyOf(sofar), nextId++);
                n.children.put(k, c);
            }
            n = c;
        }
        return n;
    }

    /** The node at exactly this path, or null. */
    public Node find(List<Value> path) {
        Node n = root;
        for (Value k : path) {
            n = n.child(k);
            if (n == null) return null;
        }
        return n;
    }

    /** Call sites resolved to what they invoke at compile time, by identity. */
    private final java.util.IdentityHashMap<Term.Call, CallTarget> callTargets = new java.util.IdentityHashMap<>();
    private dev.ecsguard.rego.builtins.BuiltinRegistry builtins;

    /** The node a data-ref operator names, or null. */
    public Node functionNode(Term.Ref op) {
        List<Value> path = new ArrayList<>(op.path().size());
        for (Term t : op.path()) {
            if (!(t instanceof Term.Scalar s)) return null;
            path.add(s.value());
        }
        return find(path);
    }

    /** A data ref in a rule whose constant prefix ends at a (non-function) rule node. */
    public record RuleRef(Node node, int consumed) {}

    /** Data refs in rules resolved to the rule node their constant prefix names, by identity. */
    private final java.util.IdentityHashMap<Term.Ref, RuleRef> ruleRefs = new java.util.IdentityHashMap<>();

    /** Where a data ref in a rule enters the rule tree, or null (base data, a variable key, a query's ref). */
    public RuleRef ruleRef(Term.Ref r) {
        return ruleRefs.get(r);
    }

    private void indexRuleRef(Term.Ref r) {
        if (!"data".equals(r.rootName()) || !(r.head() instanceof Term.Var v) || v.slot() >= 0) return;
        Node n = root;
        for (int i = 0; i < r.path().size(); i++) {
            if (!(r.path().get(i) instanceof Term.Scalar sc)) return;
            n = n.children.get(sc.value());   // the TreeMap: hash indexes are still being built
            if (n == null || n.kind == Rule.Kind.FUNCTION) return;
            if (n.hasRules()) {
                ruleRefs.put(r, new RuleRef(n, i + 1));
                return;
            }
        }
    }

    /** What a call site in a rule invokes, or null for a call site the tree has not seen (a query's). */
    public CallTarget callTarget(Term.Call c) {
        return callTargets.get(c);
    }

    /** Builds the lookup indexes; the tree is read-only (and safe to share) afterwards. */
    void freeze(dev.ecsguard.rego.builtins.BuiltinRegistry builtins) {
        this.builtins = builtins;
        freeze(root);
    }

    private void freeze(Node n) {
        n.index = new java.util.HashMap<>(n.children);
        for (Node c : n.children.values()) freeze(c);
        for (CRule r : n.rules) indexCalls(r);
        if (n.defaultRule != null) indexCalls(n.defaultRule);
    }

    private void indexCalls(CRule r) {
        for (CRule c = r; c != null; c = c.elseRule()) {
            for (Term t : c.args()) indexTerm(t);
            for (Term t : c.rest()) indexTerm(t);
            if (c.key() != null) indexTerm(c.key());
            if (c.value() != null) indexTerm(c.value());
            indexBody(c.body());
        }
    }

    private void indexBody(dev.ecsguard.rego.ast.Body b) {
        for (dev.ecsguard.rego.ast.Expr e : b.exprs()) {
            switch (e.kind()) {
                case dev.ecsguard.rego.ast.Expr.TermExpr t -> indexTerm(t.term());
                case dev.ecsguard.rego.ast.Expr.Unify u -> { indexTerm(u.left()); indexTerm(u.right()); }
                case dev.ecsguard.rego.ast.Expr.Assign a -> { indexTerm(a.left()); indexTerm(a.right()); }
                case dev.ecsguard.rego.ast.Expr.SomeIn si -> { indexTerm(si.value()); indexTerm(si.collection()); if (si.key() != null) indexTerm(si.key()); }
                case dev.ecsguard.rego.ast.Expr.Every ev -> { indexTerm(ev.domain()); indexBody(ev.body()); }
                case dev.ecsguard.rego.ast.Expr.SomeDecl d -> { }
            }
            for (dev.ecsguard.rego.ast.With w : e.withs()) indexTerm(w.value());
        }
    }

    private void indexTerm(Term t) {
        switch (t) {
            case Term.Call c -> {
                callTargets.put(c, CallTarget.resolve(c.operator(), this, builtins));
                c.args().forEach(this::indexTerm);
            }
            case Term.Ref r -> {
                indexRuleRef(r);
                indexTerm(r.head());
                r.path().forEach(this::indexTerm);
            }
            case Term.ArrayTerm a -> a.elems().forEach(this::indexTerm);
            case Term.SetTerm s -> s.elems().forEach(this::indexTerm);
            case Term.ObjectTerm o -> { o.keys().forEach(this::indexTerm); o.values().forEach(this::indexTerm); }
            case Term.ArrayCompr c -> { indexTerm(c.head()); indexBody(c.body()); }
            case Term.SetCompr c -> { indexTerm(c.head()); indexBody(c.body()); }
            case Term.ObjectCompr c -> { indexTerm(c.key()); indexTerm(c.value()); indexBody(c.body()); }
            default -> { }
        }
    }
}
