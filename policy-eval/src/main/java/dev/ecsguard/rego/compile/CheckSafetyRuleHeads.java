package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Import;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.errors.ErrorKind;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * OPA's CheckSafetyRuleHeads, a stage before the bodies' safety: every var of a rule head
 * (outside comprehensions) must occur in the body or the arguments ("var k is unsafe").
 */
final class CheckSafetyRuleHeads {
    private CheckSafetyRuleHeads() {}

    static void run(Compilation c) {
        for (Module m : c.modules) {
            Set<String> globals = new HashSet<>(c.ruleNames.get(SetRuleTree.pathValues(m.pkg())));
            for (Import i : m.imports()) if (i.name() != null) globals.add(i.name());
            for (Rule r : m.rules()) {
                for (Rule clause = r; clause != null; clause = clause.elseRule()) {
                    Set<String> head = new LinkedHashSet<>();
                    for (Term t : r.head().path()) Vars.collectUsed(t, head);
                    if (clause.key() != null) Vars.collectUsed(clause.key(), head);
                    if (clause.value() != null) Vars.collectUsed(clause.value(), head);
                    Set<String> seen = new HashSet<>();
                    Vars.collectUsedBody(clause.body(), seen);
                    for (Term a : clause.args()) Vars.collectUsed(a, seen);
                    Set<String> declared = new HashSet<>();
                    Scope tmp = new Scope(null);
                    Vars.prescan(clause.body(), tmp);
                    declared.addAll(tmp.declared);
                    for (String n : head) {
                        if (seen.contains(n) || n.startsWith("$") || n.equals("input") || n.equals("data")) continue;
                        if (globals.contains(n) && !declared.contains(n)) continue;
                        c.error(ErrorKind.UNSAFE_VAR, "var " + n + " is unsafe", clause.loc());
                    }
                }
            }
        }
    }
}
