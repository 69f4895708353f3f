package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.compile.RuleTree.Node;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OPA's rule graph (its SetGraph stage): which rule nodes the rules of each node refer to, as
 * noted while their refs are resolved. A ref with variable keys refers to every node it can
 * reach. CheckRecursion looks for cycles in it; CheckTypes checks a rule's dependencies first.
 */
final class RuleGraph {
    private final RuleTree tree;
    /**
     * Data paths (ground prefixes of refs) each rule node reads; resolved to nodes after compilation.
     * Insertion-ordered, so that recursion is reported from the first rule in source order on every run.
     */
    private final Map<Node, Set<List<Value>>> deps = new LinkedHashMap<>();
    private final Map<Node, Set<Node>> transitiveDeps = new HashMap<>();

    RuleGraph(RuleTree tree) {
        this.tree = tree;
    }

    /** Notes that the rules of {@code from} read the data ref {@code ref}. */
    void note(Node from, Term.Ref ref) {
        // The ref's path as a pattern: ground segments, and null where any key matches.
        List<Value> prefix = new ArrayList<>();
        for (Term t : ref.path()) prefix.add(t instanceof Term.Scalar sc ? sc.value() : null);
        deps.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(prefix);
    }

    /** The rule nodes that refer to something, in the order their first reference was noted. */
    Set<Node> nodes() {
        return deps.keySet();
    }

    /** The rule nodes a node's rules reference, directly or through others (OPA's rule graph). */
    Set<Node> dependenciesOf(Node n) {
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
    Set<Node> expand(Node n) {
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
