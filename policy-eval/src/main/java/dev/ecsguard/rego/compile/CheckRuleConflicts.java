package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.compile.RuleTree.Node;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OPA's CheckRuleConflicts: the rules of one node agree in kind and arity, a rule with a ground
 * ref has no rules below it, there is at most one default rule per node, and no rule's whole
 * path names another module's package. The kind of each node is set here for later stages.
 */
final class CheckRuleConflicts {
    private CheckRuleConflicts() {}

    static void run(Compilation c) {
        checkConflicts(c, c.ruleSets, c.owners);
        checkPackageConflicts(c, c.modules);
    }

    /**
     * OPA's checkRuleConflicts over the rule tree, depth first: a rule with a ground ref may have no
     * rules below it ("rule data.p.a conflicts with [data.p.a.b]"); the rules of one node must agree
     * in kind and arity and not mix complete with partial definitions ("conflicting rules
     * data.p.q[x] found", named after the node's last rule); at most one default rule per node.
     */
    private static void checkConflicts(Compilation c, Map<Node, List<Rule>> byNode, Map<Rule, Module> owners) {
        List<Node> order = new ArrayList<>();
        depthFirst(c.tree.root(), order);
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
                    c.error(ErrorKind.TYPE, "rule " + name + " conflicts with [" + String.join(" ", below) + "]", first);
                    continue;
                }
            }
            if (multi.size() > 1 || arities.size() > 1 || (complete >= 1 && partial >= 1)) {
                c.error(ErrorKind.TYPE, "conflicting rules " + name + " found", first);
                continue;
            }
            if (defaults.size() > 1) {
                StringBuilder sb = new StringBuilder("multiple default rules " + name + " found at ");
                for (int i = 0; i < defaults.size(); i++) {
                    if (i > 0) sb.append(", ");
                    Location l = defaults.get(i).loc();
                    sb.append(l.file()).append(':').append(l.row());
                }
                c.error(ErrorKind.TYPE, sb.toString(), owners.get(defaults.get(0)).loc());
            }
        }
    }

    /** A rule whose whole ref is ground may not name a package of another module ("package a.b conflicts with rule b ..."). */
    private static void checkPackageConflicts(Compilation c, List<Module> modules) {
        Map<List<Value>, Module> packages = new HashMap<>();
        for (Module m : modules) packages.putIfAbsent(SetRuleTree.pathValues(m.pkg()), m);
        for (Module m : modules) {
            for (Rule r : m.rules()) {
                List<Value> path = new ArrayList<>(SetRuleTree.pathValues(m.pkg()));
                List<Term> rest = new ArrayList<>();
                SetRuleTree.groundPrefix(r, path, rest);
                if (!rest.isEmpty()) continue;
                Module other = packages.get(path);
                if (other == null || other == m) continue;
                Term.Ref pkgRef = new Term.Ref(new Term.Var(((StringValue) SetRuleTree.pathValues(other.pkg()).get(0)).value(), other.loc()),
                        other.pkg().path().subList(1, other.pkg().path().size()), other.loc());
                c.error(ErrorKind.TYPE, "package " + pkgRef + " conflicts with rule " + r.head() + " defined at "
                        + r.loc().file() + ":" + r.loc().row(), m.loc());
            }
        }
    }

    /** The ref OPA names a rule by in messages: data, package, head ref (vars as written; no function args). */
    private static String ruleRef(Rule r, Module m) {
        List<Term> path = new ArrayList<>(m.pkg().path());
        path.add(Term.string(r.head().rootName(), r.loc()));
        path.addAll(r.head().path());
        return new Term.Ref(new Term.Var("data", r.loc()), path, r.loc()).toString();
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
}
