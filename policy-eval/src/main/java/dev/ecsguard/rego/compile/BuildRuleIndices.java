package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.compile.RuleTree.Node;

/**
 * OPA's BuildRuleIndices, in our terms: the finished rule tree loses the nodes nothing is defined
 * under (left by references into base documents), and gets its lookup indexes (children by hash,
 * call sites and data refs resolved to what they reach); read-only from then on.
 */
final class BuildRuleIndices {
    private BuildRuleIndices() {}

    static void run(Compilation c) {
        prune(c.tree.root());
        c.tree.freeze(c.builtins);
    }

    /** Drops nodes with no rule anywhere below (left by references into base documents). */
    private static boolean prune(Node n) {
        n.children.values().removeIf(child -> !prune(child));
        return n.hasRules() || !n.children.isEmpty() || n.isPackage;
    }
}
