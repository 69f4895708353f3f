package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.compile.RuleTree.Node;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * OPA's SetRuleTree: every rule hangs on the node of its package, name and the ground prefix of
 * its head ref ({@code a.b[x]} on {@code a.b}); every package is a node, present in {@code data}
 * even without rules. The arity of every function is known here, before any body is compiled
 * (calls may come before definitions).
 */
final class SetRuleTree {
    private SetRuleTree() {}

    /**
     * The nodes are made in a fixed order (functions, then packages, then every rule's node), which
     * numbers them the same on every run.
     */
    static void run(Compilation c) {
        declareFunctions(c);
        for (Module m : c.modules) c.tree.nodeFor(pathValues(m.pkg())).isPackage = true;
        for (Module m : c.modules) {
            List<Value> pkg = pathValues(m.pkg());
            for (Rule r : m.rules()) {
                List<Value> path = new ArrayList<>(pkg);
                List<Term> rest = new ArrayList<>();
                groundPrefix(r, path, rest);
                Node node = c.tree.nodeFor(path);
                c.ruleSets.computeIfAbsent(node, k -> new ArrayList<>()).add(r);
                c.headRests.put(r, rest);
                c.owners.put(r, m);
            }
        }
    }

    /** Records the arity of every function before bodies are compiled (calls may precede definitions). */
    private static void declareFunctions(Compilation c) {
        for (Module m : c.modules) {
            List<Value> pkg = pathValues(m.pkg());
            for (Rule r : m.rules()) {
                if (r.kind() != Rule.Kind.FUNCTION) continue;
                List<Value> path = new ArrayList<>(pkg);
                groundPrefix(r, path, new ArrayList<>());
                c.pendingArity.put(c.tree.nodeFor(path), r.args().size());
            }
        }
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
    static void groundPrefix(Rule r, List<Value> path, List<Term> rest) {
        path.add(StringValue.of(r.head().rootName()));
        boolean ground = true;
        for (Term t : r.head().path()) {
            Value v = ground ? Parser.groundValue(t) : null;
            if (v != null) path.add(v);
            else { ground = false; rest.add(t); }
        }
    }
}
