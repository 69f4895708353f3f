package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.builtins.Builtin;
import dev.ecsguard.rego.compile.RuleTree.CRule;
import dev.ecsguard.rego.compile.RuleTree.Node;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OPA's CheckUndefinedFuncs: every call names a builtin or a user function ("undefined function
 * data.p.f"), with that function's number of arguments, one more for a whole expression's output
 * argument ("function data.p.f has arity 1, got 2 arguments"). A rule has arity 0: {@code r()}
 * passes here and the type checker decides whether r's type is callable.
 */
final class CheckUndefinedFuncs {
    private CheckUndefinedFuncs() {}

    /** Every call in every rule: its operator is a function, called with its number of arguments. */
    static void run(Compilation c) {
        Map<Node, Integer> declaredArity = new HashMap<>();
        for (Map.Entry<Node, List<Rule>> e : c.ruleSets.entrySet()) declaredArity.put(e.getKey(), e.getValue().get(0).args().size());
        for (Module m : c.modules) {
            List<Value> pkg = SetRuleTree.pathValues(m.pkg());
            c.currentVersion = m.version();
            Resolver res = new Resolver(c, c.ruleNames.get(pkg), pkg, Compilation.importMap(m));
            Scope empty = new Scope(null);
            for (Rule r : m.rules()) {
                for (Rule cl = r; cl != null; cl = cl.elseRule()) {
                    List<Term> terms = new ArrayList<>(r.head().path());
                    if (cl.key() != null) terms.add(cl.key());
                    if (cl.value() != null) terms.add(cl.value());
                    Set<Term.Call> statements = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
                    statementCalls(cl.body(), statements);
                    for (Term t : terms) Walk.nestedBodies(t, nb -> statementCalls(nb, statements));
                    for (Term t : terms) Walk.callsIn(t, call -> checkOperator(c, declaredArity, res, empty, call, statements.contains(call)));
                    Walk.bodyCalls(cl.body(), call -> checkOperator(c, declaredArity, res, empty, call, statements.contains(call)));
                }
            }
        }
    }

    private static void checkOperator(Compilation comp, Map<Node, Integer> declaredArity, Resolver res, Scope scope, Term.Call c, boolean statement) {
        String name = c.operator().toString();
        if (name.equals("rego.metadata.rule") || name.equals("rego.metadata.chain")) return;
        Term.Ref op = res.resolveFunctionName(c.operator(), scope, c.loc(), false);
        if (op == null) return;
        if (!"data".equals(op.rootName())) checkArity(comp, op, c.args(), c, statement);
        else checkCall(comp, comp.tree, new PendingCall(op, c.args().size(), statement, c.loc()), n -> declaredArity.getOrDefault(n, -1));
    }

    /** Calls that are whole expressions (they may take an output argument), in nested bodies too. */
    private static void statementCalls(Body b, Set<Term.Call> out) {
        for (Expr e : b.exprs()) {
            if (e.kind() instanceof Expr.TermExpr t && t.term() instanceof Term.Call c) out.add(c);
            if (e.kind() instanceof Expr.Every ev) statementCalls(ev.body(), out);
        }
        Walk.bodyTerms(b, t -> Walk.nestedBodies(t, nb -> statementCalls(nb, out)));
    }

    /**
     * A call's number of arguments: a builtin's against its declaration (one more as a statement,
     * the output), with OPA's message ("count: arity mismatch", from its type checker); a user
     * function's is noted to be checked once the rule tree is complete ({@link #checkPending}).
     */
    static void checkArity(Compilation comp, Term.Ref op, List<Term> args, Term.Call c, boolean statement) {
        String root = op.rootName();
        if ("data".equals(root)) {
            // a module's calls of user functions were checked by run; a query's are checked once resolved
            if (comp.query) comp.pendingCalls.add(new PendingCall(op, args.size(), statement, c.loc()));
            return;
        }
        String name = root;
        if (Resolver.isEvaluatorBuiltin(name)) return;
        Builtin b = comp.builtins.lookup(name);
        if (b == null) return;
        int n = b.arity();
        if (args.size() != n && (args.size() != n + 1 || !statement)) {
            comp.errors.add(new RegoError(ErrorKind.TYPE, name + ": arity mismatch", c.loc(), "have: (" + argTypes(args)
                    + ")\n\twant: (" + String.join(", ", b.signature().args().stream().map(Object::toString).toList()) + ")"));
            return;
        }
        if (args.size() == n + 1 && b.signature().result() == null) {
            comp.error(ErrorKind.TYPE, name + ": arity mismatch", c.loc());
        }
        // argument types: the TypeChecker, after the safety checks, as OPA's CheckTypes stage
    }

    private static String argTypes(List<Term> args) {
        List<String> out = new ArrayList<>();
        for (Term a : args) {
            Value v = dev.ecsguard.rego.ast.Parser.groundValue(a);
            out.add(v == null ? "any" : v.typeName());
        }
        return String.join(", ", out);
    }

    /** A call to a user function, checked against the finished rule tree. */
    record PendingCall(Term.Ref op, int args, boolean statement, Location loc) {}

    /** Every call to data.x.f(...) must name a function of that arity (or one more, as a statement). */
    /** A query's calls of user functions, against the compiled rule tree (a module's are checked by {@link #run}). */
    static void checkPending(Compilation c) {
        RuleTree t = c.tree;
        for (PendingCall pc : c.pendingCalls) checkCall(c, t, pc, n -> n.hasRules() ? (n.kind == Rule.Kind.FUNCTION ? c.pendingArity.getOrDefault(n, arityOf(n)) : 0) : -1);
        c.pendingCalls.clear();
    }

    /**
     * OPA's CheckUndefinedFuncs for a call of a data ref: the node must have rules ("undefined
     * function") taking that many arguments, one more for a whole expression's output argument
     * ("function data.p.f has arity 1, got 2 arguments"). A rule has arity 0: {@code r()} passes
     * here and the type checker decides whether r's type is callable.
     */
    private static void checkCall(Compilation c, RuleTree t, PendingCall pc, java.util.function.ToIntFunction<Node> arityOfNode) {
        List<Value> path = new ArrayList<>();
        for (Term x : pc.op().path()) {
            if (x instanceof Term.Scalar sc) path.add(sc.value()); else return;
        }
        Node n = t.find(path);
        String name = pc.op().toString();
        int arity = n == null ? -1 : arityOfNode.applyAsInt(n);
        if (arity < 0) {
            c.error(ErrorKind.TYPE, "undefined function " + name, pc.loc());
            return;
        }
        if (!(pc.args() == arity || (pc.statement() && pc.args() == arity + 1))) {
            c.error(ErrorKind.TYPE, "function " + name + " has arity " + arity + ", got " + pc.args()
                    + " argument" + (pc.args() == 1 ? "" : "s"), pc.loc());
        }
    }

    private static int arityOf(Node n) {
        for (CRule r : n.rules) return r.args().size();
        return n.defaultRule != null ? n.defaultRule.args().size() : 0;
    }
}
