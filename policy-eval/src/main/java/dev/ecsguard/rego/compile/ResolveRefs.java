package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.compile.RuleTree.CRule;
import dev.ecsguard.rego.compile.RuleTree.Node;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * OPA's ResolveRefs and the stages that rewrite a rule's terms, in one walk per rule clause
 * ({@link Resolver}): names resolved and numbered into frame slots, the rewrites done, and (for
 * now in the same walk) each body ordered by {@link CheckSafetyRuleBodies}. Every clause becomes
 * a {@link CRule} on its rule node.
 */
final class ResolveRefs {
    private ResolveRefs() {}

    static void run(Compilation c) {
        for (Module m : c.modules) {
            List<Value> pkg = SetRuleTree.pathValues(m.pkg());
            c.currentVersion = m.version();
            Map<String, Term.Ref> imports = Compilation.importMap(m);
            for (Rule r : m.rules()) {
                List<Value> path = new ArrayList<>(pkg);
                SetRuleTree.groundPrefix(r, path, new ArrayList<>());
                compileRule(c, r, pkg, c.ruleNames.get(pkg), imports, c.tree.nodeFor(path), c.headRests.get(r));
            }
        }
    }

    private static void compileRule(Compilation c, Rule r, List<Value> pkg, Set<String> ruleNames, Map<String, Term.Ref> imports,
                                    Node node, List<Term> rest) {
        c.currentNode = node;
        c.currentRule = r;
        c.currentPackage = pkg;
        Resolver res = new Resolver(c, ruleNames, pkg, imports);
        CRule compiled = compileClause(c, r, rest, res, node);
        if (compiled == null) return;
        if (r.isDefault()) {
            node.defaultRule = compiled;
        } else {
            node.rules.add(compiled);
        }
    }

    private static CRule compileClause(Compilation c, Rule r, List<Term> rest, Resolver res, Node node) {
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
        int errorsBefore = c.errors.size();
        body = c.safety.orderBody(body, initial, scope, r.loc());
        boolean bodyUnsafe = c.errors.size() > errorsBefore;
        // Head vars must be bound by the body (an unsafe body already says which).
        Set<Integer> bound = new HashSet<>(initial);
        for (Expr e : body.exprs()) bound.addAll(c.outputs(e, bound));
        Set<Integer> headVars = new LinkedHashSet<>();
        // OPA's RewriteRefsInHead moves head refs into the body: their path vars are bound there
        for (Term t : crest) { c.outputVars.refs(t, bound, bound); c.varsOf(t, headVars); }
        if (key != null) { c.outputVars.refs(key, bound, bound); c.varsOf(key, headVars); }
        if (value != null) { c.outputVars.refs(value, bound, bound); c.varsOf(value, headVars); }
        for (Integer v : headVars) {
            if (!bound.contains(v) && !bodyUnsafe) {
                c.error(ErrorKind.UNSAFE_VAR, "var " + res.nameOf(v) + " is unsafe", r.loc());
            }
        }
        CRule elseRule = null;
        if (r.elseRule() != null) elseRule = compileClause(c, r.elseRule().withHead(r.head()), rest, res, node);
        return new CRule(r.kind(), crest, args, key, value, body, scope.frameSize(), elseRule, r.loc(), node, r);
    }

    /** A query being compiled: its scope (one frame), and its body as the stages leave it. */
    static final class Query {
        final Scope scope = new Scope(null);
        Body body;

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
        }

        /** The query compiler's CheckSafety. */
        void order(Compilation c) {
            body = c.safety.orderBody(body, new HashSet<>(), scope, Location.NONE);
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
