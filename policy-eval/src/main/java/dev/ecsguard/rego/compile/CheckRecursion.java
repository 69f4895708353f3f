package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.compile.RuleTree.Node;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OPA's CheckRecursion: no rule may depend on itself through the rule graph; the first cycle
 * found, from the first rule in source order, is reported ("rule data.p.a is recursive: data.p.a
 * -> data.p.b -> data.p.a").
 */
final class CheckRecursion {
    private final Compilation c;

    private CheckRecursion(Compilation c) {
        this.c = c;
    }

    static void run(Compilation c) {
        new CheckRecursion(c).check();
    }

    private void check() {
        Map<Node, Integer> state = new HashMap<>();
        for (Node n : c.graph.nodes()) {
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
            c.error(ErrorKind.RECURSION, "rule " + n.pathString() + " is recursive: " + sb, l);
            return true;
        }
        state.put(n, 1);
        stack.add(n);
        for (Node d : c.graph.expand(n)) {
            if (dfs(d, state, stack)) return true;
        }
        stack.remove(stack.size() - 1);
        state.put(n, 2);
        return false;
    }
}
