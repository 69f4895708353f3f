package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.compile.RuleTree.Node;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * OPA's ResolveRefs and the stages that rewrite a rule's terms, in one walk per rule clause
 * ({@link Resolver}): names resolved and numbered into frame slots, the rewrites done. Each clause
 * is left for {@link CheckSafetyRuleBodies} to order and turn into a compiled rule.
 */
final class ResolveRefs {
    private ResolveRefs() {}

    /**
     * A rule clause with its names resolved, its bodies not yet ordered: its rule (the clause's own
     * for an else), node, scope and resolver, the slots its arguments bind, its body and head
     * terms, the comprehension and every bodies in it (innermost first), and its else clause.
     */
    record Clause(Rule rule, Node node, Resolver res, Scope scope, List<Term> args, Set<Integer> initial, Body body,
                  List<Term> rest, Term key, Term value, List<CheckSafetyRuleBodies.NestedBody> nested, Clause elseClause) {}

    static void run(Compilation c) {
        for (Module m : c.modules) {
            List<Value> pkg = SetRuleTree.pathValues(m.pkg());
            c.currentVersion = m.version();
            Map<String, Term.Ref> imports = Compilation.importMap(m);
            for (Rule r : m.rules()) {
                List<Value> path = new ArrayList<>(pkg);
                SetRuleTree.groundPrefix(r, path, new ArrayList<>());
                Node node = c.tree.nodeFor(path);
                c.currentNode = node;
                c.currentRule = r;
                c.currentPackage = pkg;
                Resolver res = new Resolver(c, c.ruleNames.get(pkg), pkg, imports);
                c.clauses.add(resolveClause(c, r, c.headRests.get(r), res, node));
            }
        }
    }

    private static Clause resolveClause(Compilation c, Rule r, List<Term> rest, Resolver res, Node node) {
        res.nested = new ArrayList<>();
        Scope scope = new Scope(null);
        // Declarations: function args and the body's some/:= vars shadow rule names.
        for (Term a : r.args()) Vars.declareAll(a, scope);
        Vars.prescan(r.body(), scope);
        for (Term a : r.args()) Vars.collectUsed(a, scope.used);
        Vars.collectUsedBody(r.body(), scope.used);
        for (Term a : r.args()) Vars.collectUsed(a, scope.bodyVars);
        Vars.collectBodyVars(r.body(), scope.bodyVars);
        List<Term> args = new ArrayList<>();
        for (Term a : r.args()) {
            CheckKeywordOverrides.checkArg(c, a, r.loc());
            args.add(res.resolve(a, scope));
        }
        Set<Integer> initial = new HashSet<>();
        for (Term a : args) c.varsOf(a, initial);
        Body body = res.resolveBody(r.body(), scope);
        List<Term> crest = new ArrayList<>();
        for (Term t : rest) crest.add(res.resolve(t, scope));
        Term key = r.key() == null ? null : res.resolve(r.key(), scope);
        Term value = r.value() == null ? null : res.resolve(r.value(), scope);
        for (Term t : crest) CheckDeprecatedBuiltins.checkHead(c, t, r.loc());
        CheckDeprecatedBuiltins.checkHead(c, key, r.loc());
        CheckDeprecatedBuiltins.checkHead(c, value, r.loc());
        List<CheckSafetyRuleBodies.NestedBody> nested = res.nested;
        Clause elseClause = r.elseRule() == null ? null : resolveClause(c, r.elseRule().withHead(r.head()), rest, res, node);
        return new Clause(r, node, res, scope, args, initial, body, crest, key, value, nested, elseClause);
    }

    /** A query being compiled: its scope (one frame), and its body as the stages leave it. */
    static final class Query {
        final Scope scope = new Scope(null);
        Body body;
        /** The comprehension and every bodies of the query, innermost first. */
        List<CheckSafetyRuleBodies.NestedBody> nested = List.of();

        Query(Body parsed) {
            this.body = parsed;
        }

        /** The query's names, as a rule body's (no package, no imports: every data ref is written out). */
        void resolve(Compilation c) {
            Vars.prescan(body, scope);
            Vars.collectUsedBody(body, scope.used);
            Vars.collectBodyVars(body, scope.bodyVars);
            Resolver res = new Resolver(c, Set.of(), List.of(), Map.of());
            body = res.resolveBody(body, scope);
            nested = res.nested;
        }

        /** The compiled query; only its top-level vars are reported as bindings (not comprehension internals). */
        Compiler.CompiledQuery compiled(Compilation c) {
            Map<String, Integer> top = new TreeMap<>();
            for (Map.Entry<String, Integer> e : scope.vars.entrySet()) {
                if (!e.getKey().startsWith("$")) top.put(e.getKey(), e.getValue());
            }
            return new Compiler.CompiledQuery(body, scope.frameSize(), top, c.closures);
        }
    }
}
