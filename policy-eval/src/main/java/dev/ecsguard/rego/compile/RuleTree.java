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
        public Node child(Value k) { return children.get(k); }

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
            n = n.children.get(k);
            if (n == null) return null;
        }
        return n;
    }
}
