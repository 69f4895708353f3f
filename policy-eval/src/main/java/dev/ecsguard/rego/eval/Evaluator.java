package dev.ecsguard.rego.eval;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.ast.With;
import dev.ecsguard.rego.builtins.Builtin;
import dev.ecsguard.rego.builtins.BuiltinCache;
import dev.ecsguard.rego.builtins.BuiltinException;
import dev.ecsguard.rego.builtins.BuiltinRegistry;
import dev.ecsguard.rego.builtins.WorkLimits;
import dev.ecsguard.rego.compile.CallTarget;
import dev.ecsguard.rego.compile.RuleTree;
import dev.ecsguard.rego.compile.RuleTree.CRule;
import dev.ecsguard.rego.compile.RuleTree.Node;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Top-down evaluation with backtracking. Every enumeration calls a continuation once per
 * solution; a continuation returns true to stop the enumeration early (negation, existence).
 * Variables live in per-rule frames (slot arrays) and are unbound again when a continuation
 * returns, so no trail is needed. One Evaluator serves one evaluation; it is not thread-safe.
 */
public final class Evaluator {
    /** Continuation for a solution of a body or expression. Returns true to stop. */
    @FunctionalInterface interface K { boolean run(); }

    /** Continuation for a value. Returns true to stop. */
    @FunctionalInterface interface VK { boolean accept(Value v); }

    private static final Value UNDEFINED_MARK = StringValue.of("\u0000undefined");

    private final RuleTree tree;
    private final BuiltinRegistry builtins;
    private final Value baseData;
    private final EvalContext ctx;
    private State state;
    private int depth;

    /** What `with` can replace: input, data paths, functions; plus the memo cache valid for them. */
    private static final class State {
        final Value input;
        final List<Map.Entry<List<Value>, Value>> dataOverrides;
        final Map<String, Object> fnOverrides;   // name or data path string -> Value or Term.Ref
        final Value[] nodeValues;
        final boolean[] inProgress;
        final HashMap<FunctionCall, Value> fnMemo = new HashMap<>(64);

        State(Value input, List<Map.Entry<List<Value>, Value>> dataOverrides, Map<String, Object> fnOverrides, int nodes) {
            this.input = input;
            this.dataOverrides = dataOverrides;
            this.fnOverrides = fnOverrides;
            this.nodeValues = new Value[nodes];
            this.inProgress = new boolean[nodes];
        }
    }

    public Evaluator(RuleTree tree, BuiltinRegistry builtins, Value baseData, Value input, EvalOptions opts,
                     BuiltinCache policyCache) {
        this.tree = tree;
        this.builtins = builtins;
        this.baseData = baseData == null ? ObjectValue.EMPTY : baseData;
        this.ctx = new EvalContext(opts, policyCache);
        this.state = new State(input, List.of(), Map.of(), tree.size());
    }

    // ================================================================== queries

    /** One solution of a query: the frame's slots and the value of each expression (by original index). */
    public record Solution(Value[] slots, Value[] exprValues) {}

    /** Evaluates a compiled query body, collecting every solution. */
    public List<Solution> query(Body body, int frameSize, int exprCount) {
        List<Solution> out = new ArrayList<>();
        Value[] frame = new Value[frameSize];
        Value[] exprValues = new Value[exprCount];
        // OPA reports the value of a lone expression without iteration even when it is false
        // (`1 == 2`, `data.p.allow`); with variables, false rows are filtered as usual.
        Expr lone = body.size() == 1 ? body.exprs().get(0) : null;
        captureExpr = lone != null && lone.kind() instanceof Expr.TermExpr t && !lone.negated()
                && !hasVars(t.term()) && !(t.term() instanceof Term.Call c && isRelationOrOutput(c)) ? lone : null;
        run(() -> evalBody(body, 0, frame, exprValues, () -> {
            out.add(new Solution(frame.clone(), exprValues.clone()));
            return false;
        }));
        return out;
    }

    /** The query expression whose false value is reported rather than failing, or null. */
    private Expr captureExpr;

    private static boolean hasVars(Term t) {
        return switch (t) {
            case Term.Var v -> v.slot() >= 0;
            case Term.Ref r -> hasVars(r.head()) || r.path().stream().anyMatch(Evaluator::hasVars);
            case Term.Call c -> c.args().stream().anyMatch(Evaluator::hasVars);
            case Term.ArrayTerm a -> a.elems().stream().anyMatch(Evaluator::hasVars);
            case Term.SetTerm st -> st.elems().stream().anyMatch(Evaluator::hasVars);
            case Term.ObjectTerm o -> o.keys().stream().anyMatch(Evaluator::hasVars) || o.values().stream().anyMatch(Evaluator::hasVars);
            default -> false;
        };
    }

    private boolean isRelationOrOutput(Term.Call c) {
        CallTarget t = target(c);
        if (t instanceof CallTarget.Walk || t instanceof CallTarget.Print) return true;
        return t.arity() >= 0 && c.args().size() > t.arity();
    }

    /** Runs an evaluation step, translating internal failures into RegoExceptions. */
    private void run(Runnable r) {
        try {
            r.run();
        } catch (EvalContext.LimitExceeded e) {
            throw new RegoException(ErrorKind.EVAL_LIMIT, e.getMessage(), Location.NONE);
        } catch (StackOverflowError e) {
            throw new RegoException(ErrorKind.EVAL_LIMIT, "evaluation nested too deeply (stack exhausted)", Location.NONE);
        }
    }

    // ================================================================== bodies and expressions

    private boolean evalBody(Body b, int i, Value[] f, Value[] exprValues, K k) {
        if (exprValues != null) return evalBodyCps(b, i, f, exprValues, k);
        // Straight-line prefix: expressions with at most one solution (tests, assignments and
        // comparisons of single-valued terms) run in a loop without continuations. The slots
        // they bind are unbound again on the way out, as unify would on backtracking.
        List<Expr> exprs = b.exprs();
        long bound = 0;
        try {
            for (; i < exprs.size(); i++) {
                Expr e = exprs.get(i);
                int step = straightStep(e, f);
                if (step == STEP_FAIL) return false;
                if (step == STEP_COMPLEX) {
                    int next = i + 1;
                    return evalExpr(e, f, null, () -> evalBody(b, next, f, null, k));
                }
                if (step >= STEP_BOUND) bound |= 1L << (step - STEP_BOUND);
            }
            return k.run();
        } finally {
            while (bound != 0) {
                int slot = Long.numberOfTrailingZeros(bound);
                f[slot] = null;
                bound &= bound - 1;
            }
        }
    }

    private boolean evalBodyCps(Body b, int i, Value[] f, Value[] exprValues, K k) {
        if (i == b.exprs().size()) return k.run();
        Expr e = b.exprs().get(i);
        return evalExpr(e, f, exprValues, () -> evalBodyCps(b, i + 1, f, exprValues, k));
    }

    private static final int STEP_FAIL = 0, STEP_OK = 1, STEP_COMPLEX = 2, STEP_BOUND = 3;

    /**
     * Evaluates e directly when it has at most one solution: STEP_FAIL, STEP_OK, STEP_BOUND + slot
     * when it bound that (unbound, below 64) slot, or STEP_COMPLEX (nothing done: enumerate it).
     */
    private int straightStep(Expr e, Value[] f) {
        if (!e.withs().isEmpty()) return STEP_COMPLEX;
        switch (e.kind()) {
            case Expr.TermExpr t -> {
                Term term = t.term();
                if (!(term instanceof Term.Ref || term instanceof Term.Call || term instanceof Term.Scalar
                        || term instanceof Term.Var)) {
                    return STEP_COMPLEX;
                }
                Value v = evalSimple(term, f);
                if (v == NOT_SIMPLE) return STEP_COMPLEX;
                ctx.step();
                boolean holds = v != null && !(v instanceof BooleanValue bv && !bv.value());
                return holds != e.negated() ? STEP_OK : STEP_FAIL;
            }
            case Expr.Assign a -> {
                if (e.negated()) return STEP_COMPLEX;
                return bindStep(a.left(), a.right(), f);
            }
            case Expr.Unify u -> {
                if (e.negated()) return STEP_COMPLEX;
                if (u.left() instanceof Term.Var lv && lv.slot() >= 0 && f[lv.slot()] == null) return bindStep(u.left(), u.right(), f);
                if (u.right() instanceof Term.Var rv && rv.slot() >= 0 && f[rv.slot()] == null) return bindStep(u.right(), u.left(), f);
                Value a = evalSimple(u.left(), f);
                if (a == NOT_SIMPLE) return STEP_COMPLEX;
                if (a == null) { ctx.step(); return STEP_FAIL; }
                Value b = evalSimple(u.right(), f);
                if (b == NOT_SIMPLE) return STEP_COMPLEX;
                ctx.step();
                return b != null && a.equals(b) ? STEP_OK : STEP_FAIL;
            }
            case Expr.SomeDecl d -> {
                ctx.step();
                return e.negated() ? STEP_COMPLEX : STEP_OK;
            }
            default -> { return STEP_COMPLEX; }
        }
    }

    /** {@code var := term} / {@code var = term} with a single-valued term. */
    private int bindStep(Term target, Term source, Value[] f) {
        if (!(target instanceof Term.Var v) || v.slot() < 0 || v.slot() >= 64) return STEP_COMPLEX;
        Value val = evalSimple(source, f);
        if (val == NOT_SIMPLE) return STEP_COMPLEX;
        ctx.step();
        if (val == null) return STEP_FAIL;
        Value cur = f[v.slot()];
        if (cur != null) return cur.equals(val) ? STEP_OK : STEP_FAIL;
        f[v.slot()] = val;
        return STEP_BOUND + v.slot();
    }

    private boolean evalExpr(Expr e, Value[] f, Value[] exprValues, K k) {
        ctx.step();
        if (!e.withs().isEmpty()) return evalWith(e, f, exprValues, k);
        if (e.negated()) {
            boolean[] found = {false};
            evalExprInner(e, f, null, () -> { found[0] = true; return true; });
            if (found[0]) return false;
            if (exprValues != null) exprValues[e.index()] = BooleanValue.TRUE;
            return k.run();
        }
        return evalExprInner(e, f, exprValues, k);
    }

    private boolean evalExprInner(Expr e, Value[] f, Value[] exprValues, K k) {
        switch (e.kind()) {
            case Expr.TermExpr t -> {
                boolean keepFalse = captureExpr != null && exprValues != null && e.index() == captureExpr.index()
                        && e.kind() == captureExpr.kind();
                return evalTerm(t.term(), f, v -> {
                    if (v instanceof BooleanValue b && !b.value() && !keepFalse) return false;
                    if (exprValues != null) exprValues[e.index()] = v;
                    return k.run();
                });
            }
            case Expr.Unify u -> {
                return unifyTerms(u.left(), u.right(), f, () -> {
                    if (exprValues != null) exprValues[e.index()] = BooleanValue.TRUE;
                    return k.run();
                });
            }
            case Expr.Assign a -> {
                return evalTerm(a.right(), f, v -> unify(a.left(), v, f, () -> {
                    if (exprValues != null) exprValues[e.index()] = BooleanValue.TRUE;
                    return k.run();
                }));
            }
            case Expr.SomeDecl d -> {
                if (exprValues != null) exprValues[e.index()] = BooleanValue.TRUE;
                return k.run();
            }
            case Expr.SomeIn si -> {
                return evalTerm(si.collection(), f, coll -> iterate(coll, (key, val) ->
                        unifyOpt(si.key(), key, f, () -> unify(si.value(), val, f, () -> {
                            if (exprValues != null) exprValues[e.index()] = BooleanValue.TRUE;
                            return k.run();
                        }))));
            }
            case Expr.Every ev -> {
                return evalTerm(ev.domain(), f, dom -> {
                    if (!(dom instanceof ArrayValue || dom instanceof ObjectValue || dom instanceof SetValue)) return false;
                    boolean[] ok = {true};
                    iterate(dom, (key, val) -> {
                        boolean[] found = {false};
                        unifyOpt(ev.key(), key, f, () -> unify(ev.value(), val, f, () ->
                                evalBody(ev.body(), 0, f, null, () -> { found[0] = true; return true; })));
                        if (!found[0]) { ok[0] = false; return true; }
                        return false;
                    });
                    if (!ok[0]) return false;
                    if (exprValues != null) exprValues[e.index()] = BooleanValue.TRUE;
                    return k.run();
                });
            }
        }
    }

    private boolean unifyOpt(Term pattern, Value v, Value[] f, K k) {
        return pattern == null ? k.run() : unify(pattern, v, f, k);
    }

    @FunctionalInterface interface KV { boolean accept(Value key, Value val); }

    /** Iterates a collection's (key, value) pairs: array (index, elem), object (key, value), set (elem, elem). */
    private static boolean iterate(Value coll, KV k) {
        switch (coll) {
            case ArrayValue a -> {
                for (int i = 0; i < a.size(); i++) if (k.accept(NumberValue.of(i), a.get(i))) return true;
            }
            case ObjectValue o -> {
                for (int i = 0; i < o.size(); i++) if (k.accept(o.keyAt(i), o.valueAt(i))) return true;
            }
            case SetValue s -> {
                for (int i = 0; i < s.size(); i++) if (k.accept(s.get(i), s.get(i))) return true;
            }
            default -> { }
        }
        return false;
    }

    // ================================================================== with

    private boolean evalWith(Expr e, Value[] f, Value[] exprValues, K k) {
        List<With> withs = e.withs();
        Value[] values = new Value[withs.size()];
        return evalWithValues(e, withs, 0, values, f, exprValues, k);
    }

    private boolean evalWithValues(Expr e, List<With> withs, int i, Value[] values, Value[] f, Value[] exprValues, K k) {
        if (i < withs.size()) {
            With w = withs.get(i);
            // A function replacement by another function is taken as a reference, not evaluated.
            if ((!isDataOrInput(w.target()) || isFunctionNode(w.target())) && isFunctionRef(w.value())) {
                values[i] = null;
                return evalWithValues(e, withs, i + 1, values, f, exprValues, k);
            }
            return evalTerm(w.value(), f, v -> {
                values[i] = v;
                return evalWithValues(e, withs, i + 1, values, f, exprValues, k);
            });
        }
        State outer = state;
        Value input = outer.input;
        List<Map.Entry<List<Value>, Value>> data = new ArrayList<>(outer.dataOverrides);
        Map<String, Object> fns = new HashMap<>(outer.fnOverrides);
        for (int j = 0; j < withs.size(); j++) {
            With w = withs.get(j);
            Term.Ref t = w.target();
            if ("input".equals(t.rootName()) && t.head() instanceof Term.Var hv && hv.slot() < 0) {
                input = patch(input, documentPath(t, e), values[j]);
            } else if ("data".equals(t.rootName()) && t.head() instanceof Term.Var hv && hv.slot() < 0 && !isFunctionNode(t)) {
                data.add(Map.entry(documentPath(t, e), values[j]));
            } else {
                String key = fnKey(t);
                fns.put(key, values[j] != null ? values[j] : (Object) w.value());
            }
        }
        State inner = new State(input, data, fns, tree.size());
        Expr bare = e.withWiths(List.of());
        state = inner;
        try {
            return evalExpr(bare, f, exprValues, () -> {
                state = outer;
                try {
                    return k.run();
                } finally {
                    state = inner;
                }
            });
        } finally {
            state = outer;
        }
    }

    private static boolean isDataOrInput(Term.Ref t) {
        return ("input".equals(t.rootName()) || "data".equals(t.rootName())) && t.head() instanceof Term.Var v && v.slot() < 0;
    }

    private boolean isFunctionRef(Term t) {
        if (!(t instanceof Term.Ref r) || !(r.head() instanceof Term.Var v) || v.slot() >= 0) return false;
        if ("data".equals(r.rootName())) return isFunctionNode(r);
        return builtins.lookup(r.rootName()) != null && r.path().isEmpty();
    }

    private boolean isFunctionNode(Term.Ref r) {
        if (!"data".equals(r.rootName())) return false;
        Node n = tree.functionNode(r);
        return n != null && n.kind() == Rule.Kind.FUNCTION;
    }

    private static String fnKey(Term.Ref t) {
        return t.toString();
    }

    /**
     * The keys of a {@code with} target in input or data. A document path has string keys only:
     * OPA's storage path of {@code input[0]} fails when the expression runs, "bad document path".
     */
    private static List<Value> documentPath(Term.Ref r, Expr e) {
        List<Value> out = new ArrayList<>(r.path().size());
        for (Term t : r.path()) {
            Value key = ((Term.Scalar) t).value();
            if (!(key instanceof StringValue)) throw new RegoException(ErrorKind.EVAL_CONFLICT, "bad document path", e.loc());
            out.add(key);
        }
        return out;
    }

    /** The document with {@code path} set to {@code v}, creating objects along the way. */
    private static Value patch(Value doc, List<Value> path, Value v) {
        if (path.isEmpty()) return v;
        ObjectValue o = doc instanceof ObjectValue ov ? ov : ObjectValue.EMPTY;
        Value key = path.get(0);
        Value child = o.get(key);
        return o.with(key, patch(child, path.subList(1, path.size()), v));
    }

    // ================================================================== terms

    /** Marks a term that needs enumeration (an unbound var in a ref, a data ref, a relation). */
    private static final Value NOT_SIMPLE = StringValue.of("\u0000not-simple");

    /**
     * Direct evaluation of the common terms that have at most one value (constants, bound vars,
     * input/local refs with known keys, calls on such terms), without building continuations.
     * Returns the value, null when undefined, or {@link #NOT_SIMPLE} to fall back to enumeration.
     */
    private Value evalSimple(Term t, Value[] f) {
        switch (t) {
            case Term.Scalar s -> { return s.value(); }
            case Term.Var v -> {
                if (v.slot() < 0) return NOT_SIMPLE;
                Value val = f[v.slot()];
                return val == null ? NOT_SIMPLE : val;
            }
            case Term.Ref r -> {
                Value cur;
                if (r.head() instanceof Term.Var v) {
                    if (v.slot() >= 0) {
                        cur = f[v.slot()];
                        if (cur == null) return NOT_SIMPLE;
                    } else if (v.name().equals("input")) {
                        cur = state.input;
                        if (cur == null) return null;
                    } else if (v.name().equals("data") && state.dataOverrides.isEmpty()) {
                        return dataSimple(r, f);
                    } else {
                        return NOT_SIMPLE;
                    }
                } else {
                    return NOT_SIMPLE;
                }
                return walkSimple(cur, r.path(), 0, f);
            }
            case Term.Call c -> {
                CallTarget target = target(c);
                if (target instanceof CallTarget.Print || target instanceof CallTarget.Walk) return NOT_SIMPLE;
                int arity = target.arity();
                if (arity < 0) arity = c.args().size();
                if (c.args().size() != arity) return NOT_SIMPLE;
                Value[] args = new Value[arity];
                for (int i = 0; i < arity; i++) {
                    Value a = evalSimple(c.args().get(i), f);
                    if (a == NOT_SIMPLE) return NOT_SIMPLE;
                    if (a == null) return null;
                    args[i] = a;
                }
                return invoke(c.operator(), target, args, c.loc());
            }
            case Term.ArrayTerm a -> {
                Value[] out = new Value[a.elems().size()];
                for (int i = 0; i < out.length; i++) {
                    Value v = evalSimple(a.elems().get(i), f);
                    if (v == NOT_SIMPLE || v == null) return v;
                    out[i] = v;
                }
                return ArrayValue.wrap(out);
            }
            case Term.ObjectTerm o -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (int i = 0; i < o.keys().size(); i++) {
                    Value key = evalSimple(o.keys().get(i), f);
                    if (key == NOT_SIMPLE || key == null) return key;
                    Value val = evalSimple(o.values().get(i), f);
                    if (val == NOT_SIMPLE || val == null) return val;
                    b.put(key, val);
                }
                return b.build();
            }
            default -> { return NOT_SIMPLE; }
        }
    }

    /** A data ref with known keys: down the rule tree to the first rule node, then through values. */
    private Value dataSimple(Term.Ref r, Value[] f) {
        List<Term> path = r.path();
        RuleTree.RuleRef known = tree.ruleRef(r);
        if (known != null) {
            Value cur = nodeValue(known.node(), known.node().path());
            return cur == null ? null : walkSimple(cur, path, known.consumed(), f);
        }
        Node node = tree.root();
        Value base = baseData;
        int i = 0;
        for (; i < path.size(); i++) {
            if (node != null && node.hasRules()) break;
            Term p = path.get(i);
            Value key;
            if (p instanceof Term.Scalar sc) key = sc.value();
            else if (p instanceof Term.Var pv && pv.slot() >= 0 && f[pv.slot()] != null) key = f[pv.slot()];
            else return NOT_SIMPLE;
            if (node == null) {
                base = base == null ? null : lookup(base, key);
                if (base == null) return null;
                continue;
            }
            Node child = node.child(key);
            if (child != null && child.kind() == Rule.Kind.FUNCTION) return NOT_SIMPLE;
            node = child;
            base = base == null ? null : lookup(base, key);
            if (node == null && base == null) return null;
        }
        Value cur;
        if (node != null && node.hasRules()) {
            cur = nodeValue(node, node.path());   // the node's path is the ref's prefix so far
            if (cur == null) return null;
        } else if (node == null) {
            cur = base;
        } else {
            return NOT_SIMPLE;   // a subtree mixing rules and base documents: materialised by walkData
        }
        return walkSimple(cur, path, i, f);
    }

    /** The value at path[i..] below cur when every key is known; null when undefined. */
    private Value walkSimple(Value cur, List<Term> path, int i, Value[] f) {
        for (; i < path.size(); i++) {
            Term p = path.get(i);
            Value key;
            if (p instanceof Term.Scalar sc) key = sc.value();
            else if (p instanceof Term.Var pv && pv.slot() >= 0 && f[pv.slot()] != null) key = f[pv.slot()];
            else return NOT_SIMPLE;
            cur = lookup(cur, key);
            if (cur == null) return null;
        }
        return cur;
    }

    boolean evalTerm(Term t, Value[] f, VK k) {
        if (t instanceof Term.Ref || t instanceof Term.Call || t instanceof Term.ArrayTerm || t instanceof Term.ObjectTerm) {
            Value v = evalSimple(t, f);
            if (v != NOT_SIMPLE) return v != null && k.accept(v);
        }
        switch (t) {
            case Term.Scalar s -> { return k.accept(s.value()); }
            case Term.Var v -> {
                Value val = v.slot() >= 0 ? f[v.slot()] : null;
                if (val == null) {
                    throw new RegoException(ErrorKind.UNSAFE_VAR, "var " + v + " is unsafe", v.loc());
                }
                return k.accept(val);
            }
            case Term.Ref r -> { return evalRef(r, f, k); }
            case Term.Call c -> { return evalCall(c, f, k); }
            case Term.ArrayTerm a -> {
                Value[] out = new Value[a.elems().size()];
                return evalElems(a.elems(), 0, out, f, () -> k.accept(ArrayValue.wrap(out.clone())));
            }
            case Term.SetTerm s -> {
                Value[] out = new Value[s.elems().size()];
                return evalElems(s.elems(), 0, out, f, () -> k.accept(SetValue.fromUnsorted(out.clone())));
            }
            case Term.ObjectTerm o -> {
                int n = o.keys().size();
                Value[] ks = new Value[n], vs = new Value[n];
                return evalElems(o.keys(), 0, ks, f, () -> evalElems(o.values(), 0, vs, f, () -> {
                    ObjectValue.Builder b = ObjectValue.builder();
                    for (int i = 0; i < n; i++) b.put(ks[i], vs[i]);
                    return k.accept(b.build());
                }));
            }
            case Term.ArrayCompr c -> {
                List<Value> out = new ArrayList<>();
                evalBody(c.body(), 0, f, null, () -> evalTerm(c.head(), f, v -> { out.add(v); return false; }));
                return k.accept(ArrayValue.of(out));
            }
            case Term.SetCompr c -> {
                SetValue.Builder b = SetValue.builder();
                evalBody(c.body(), 0, f, null, () -> evalTerm(c.head(), f, v -> { b.add(v); return false; }));
                return k.accept(b.build());
            }
            case Term.ObjectCompr c -> {
                ObjectValue.Builder b = ObjectValue.builder();
                evalBody(c.body(), 0, f, null, () -> evalTerm(c.key(), f, key -> evalTerm(c.value(), f, val -> {
                    Value prev = b.put(key, val);
                    if (prev != null && !prev.equals(val)) {
                        throw new RegoException(ErrorKind.EVAL_CONFLICT, "object keys must be unique", c.loc());
                    }
                    return false;
                })));
                return k.accept(b.build());
            }
        }
    }

    private boolean evalElems(List<Term> terms, int i, Value[] out, Value[] f, K k) {
        if (i == terms.size()) return k.run();
        return evalTerm(terms.get(i), f, v -> {
            out[i] = v;
            return evalElems(terms, i + 1, out, f, k);
        });
    }

    // ================================================================== unification

    /** Binds the vars of {@code pattern} so that it equals {@code v}. */
    boolean unify(Term pattern, Value v, Value[] f, K k) {
        switch (pattern) {
            case Term.Var var -> {
                int s = var.slot();
                if (s < 0) return false;
                Value cur = f[s];
                if (cur != null) return cur.equals(v) && k.run();
                f[s] = v;
                try {
                    return k.run();
                } finally {
                    f[s] = null;
                }
            }
            case Term.Scalar sc -> { return sc.value().equals(v) && k.run(); }
            case Term.ArrayTerm a -> {
                if (!(v instanceof ArrayValue av) || av.size() != a.elems().size()) return false;
                return unifyArray(a.elems(), av, 0, f, k);
            }
            case Term.ObjectTerm o -> {
                if (!(v instanceof ObjectValue ov) || ov.size() != o.keys().size()) return false;
                return unifyObject(o, ov, 0, f, k);
            }
            default -> {
                return evalTerm(pattern, f, pv -> pv.equals(v) && k.run());
            }
        }
    }

    private boolean unifyArray(List<Term> elems, ArrayValue av, int i, Value[] f, K k) {
        if (i == elems.size()) return k.run();
        return unify(elems.get(i), av.get(i), f, () -> unifyArray(elems, av, i + 1, f, k));
    }

    private boolean unifyObject(Term.ObjectTerm o, ObjectValue ov, int i, Value[] f, K k) {
        if (i == o.keys().size()) return k.run();
        return evalTerm(o.keys().get(i), f, key -> {
            Value val = ov.get(key);
            if (val == null) return false;
            return unify(o.values().get(i), val, f, () -> unifyObject(o, ov, i + 1, f, k));
        });
    }

    /** {@code a = b}: evaluate whichever side is evaluable and match the other against it. */
    private boolean unifyTerms(Term a, Term b, Value[] f, K k) {
        if (evaluable(a, f)) return evalTerm(a, f, av -> unify(b, av, f, k));
        if (evaluable(b, f)) return evalTerm(b, f, bv -> unify(a, bv, f, k));
        if (a instanceof Term.ArrayTerm x && b instanceof Term.ArrayTerm y) {
            if (x.elems().size() != y.elems().size()) return false;
            return unifyTermLists(x.elems(), y.elems(), 0, f, k);
        }
        if (a instanceof Term.ObjectTerm x && b instanceof Term.ObjectTerm y) {
            if (x.keys().size() != y.keys().size()) return false;
            List<Term> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int i = 0; i < x.keys().size(); i++) {
                Value xk = dev.ecsguard.rego.ast.Parser.groundValue(x.keys().get(i));
                int j = -1;
                for (int m = 0; m < y.keys().size() && xk != null; m++) {
                    if (xk.equals(dev.ecsguard.rego.ast.Parser.groundValue(y.keys().get(m)))) { j = m; break; }
                }
                if (j < 0) return false;
                xs.add(x.values().get(i));
                ys.add(y.values().get(j));
            }
            return unifyTermLists(xs, ys, 0, f, k);
        }
        throw new RegoException(ErrorKind.UNSAFE_VAR, "unification of " + a + " and " + b + " is unsafe", a.loc());
    }

    private boolean unifyTermLists(List<Term> xs, List<Term> ys, int i, Value[] f, K k) {
        if (i == xs.size()) return k.run();
        // Later pairs may bind vars that earlier pairs need: retry pairs whose sides are not yet evaluable.
        int pick = -1;
        for (int j = i; j < xs.size(); j++) {
            if (evaluable(xs.get(j), f) || evaluable(ys.get(j), f)) { pick = j; break; }
        }
        if (pick < 0) pick = i;
        if (pick != i) {
            List<Term> nx = new ArrayList<>(xs), ny = new ArrayList<>(ys);
            java.util.Collections.swap(nx, i, pick);
            java.util.Collections.swap(ny, i, pick);
            xs = nx;
            ys = ny;
        }
        List<Term> fx = xs, fy = ys;
        return unifyTerms(fx.get(i), fy.get(i), f, () -> unifyTermLists(fx, fy, i + 1, f, k));
    }

    /** True when the term has no unbound var in a pattern position (refs and calls enumerate). */
    private static boolean evaluable(Term t, Value[] f) {
        return switch (t) {
            case Term.Var v -> v.slot() < 0 || f[v.slot()] != null;
            case Term.ArrayTerm a -> { for (Term e : a.elems()) if (!evaluable(e, f)) yield false; yield true; }
            case Term.SetTerm s -> { for (Term e : s.elems()) if (!evaluable(e, f)) yield false; yield true; }
            case Term.ObjectTerm o -> {
                for (Term e : o.keys()) if (!evaluable(e, f)) yield false;
                for (Term e : o.values()) if (!evaluable(e, f)) yield false;
                yield true;
            }
            case Term.Call c -> { for (Term e : c.args()) if (!evaluable(e, f)) yield false; yield true; }
            default -> true;
        };
    }

    // ================================================================== references

    private boolean evalRef(Term.Ref r, Value[] f, VK k) {
        Term head = r.head();
        if (head instanceof Term.Var v) {
            if (v.slot() < 0) {
                if (v.name().equals("input")) {
                    Value in = state.input;
                    if (in == null) return false;
                    return walk(in, r.path(), 0, f, k);
                }
                if (v.name().equals("data")) {
                    return walkData(tree.root(), baseData, new ArrayList<>(), r.path(), 0, f, k);
                }
                throw new RegoException(ErrorKind.COMPILE, "unresolved reference " + r, r.loc());
            }
            Value val = f[v.slot()];
            if (val == null) throw new RegoException(ErrorKind.UNSAFE_VAR, "var " + v + " is unsafe", v.loc());
            return walk(val, r.path(), 0, f, k);
        }
        return evalTerm(head, f, hv -> walk(hv, r.path(), 0, f, k));
    }

    /** Follows a ref path through a value, enumerating unbound variables. */
    private boolean walk(Value cur, List<Term> path, int i, Value[] f, VK k) {
        if (i == path.size()) return k.accept(cur);
        Term p = path.get(i);
        if (p instanceof Term.Scalar s) {
            Value next = lookup(cur, s.value());
            return next != null && walk(next, path, i + 1, f, k);
        }
        if (p instanceof Term.Var v && v.slot() >= 0) {
            Value bound = f[v.slot()];
            if (bound != null) {
                Value next = lookup(cur, bound);
                return next != null && walk(next, path, i + 1, f, k);
            }
            int s = v.slot();
            return iterate(cur, (key, val) -> {
                f[s] = key;
                try {
                    return walk(val, path, i + 1, f, k);
                } finally {
                    f[s] = null;
                }
            });
        }
        if (evaluable(p, f)) {
            return evalTerm(p, f, key -> {
                Value next = lookup(cur, key);
                return next != null && walk(next, path, i + 1, f, k);
            });
        }
        // A pattern key such as [x, y]: match it against every key.
        return iterate(cur, (key, val) -> unify(p, key, f, () -> walk(val, path, i + 1, f, k)));
    }

    static Value lookup(Value cur, Value key) {
        switch (cur) {
            case ObjectValue o -> { return o.get(key); }
            case ArrayValue a -> {
                if (key instanceof NumberValue n && n.isLong()) {
                    String lit = n.literal();
                    if (lit != null && (lit.contains(".") || lit.contains("e") || lit.contains("E"))) return null;
                    long i = n.longValue();
                    return i >= 0 && i < a.size() ? a.get((int) i) : null;
                }
                return null;
            }
            case SetValue s -> { return s.contains(key) ? key : null; }
            default -> { return null; }
        }
    }

    /** Follows a path under data through rules (virtual) and base documents at once. */
    private boolean walkData(Node node, Value base, List<Value> at, List<Term> path, int i, Value[] f, VK k) {
        if (!state.dataOverrides.isEmpty()) {
            Value ov = override(at);
            if (ov != null) return walk(ov, path, i, f, k);
        }
        if (node != null && node.hasRules()) {
            Value v = nodeValue(node, at);
            if (v == null) return false;
            return walk(v, path, i, f, k);
        }
        if (node == null && (state.dataOverrides.isEmpty() || !hasOverrideUnder(at))) {
            return base != null && walk(base, path, i, f, k);
        }
        if (i == path.size()) {
            Value v = materialize(node, base, at);
            return v != null && k.accept(v);
        }
        Term p = path.get(i);
        Value key = null;
        if (p instanceof Term.Scalar s) key = s.value();
        else if (p instanceof Term.Var v && v.slot() >= 0 && f[v.slot()] != null) key = f[v.slot()];
        if (key != null) return stepData(node, base, at, key, path, i, f, k);
        if (p instanceof Term.Var v && v.slot() >= 0) {
            int s = v.slot();
            for (Value kk : dataKeys(node, base, at)) {
                f[s] = kk;
                try {
                    if (stepData(node, base, at, kk, path, i, f, k)) return true;
                } finally {
                    f[s] = null;
                }
            }
            return false;
        }
        if (evaluable(p, f)) {
            return evalTerm(p, f, kv -> stepData(node, base, at, kv, path, i, f, k));
        }
        for (Value kk : dataKeys(node, base, at)) {
            if (unify(p, kk, f, () -> stepData(node, base, at, kk, path, i, f, k))) return true;
        }
        return false;
    }

    private boolean stepData(Node node, Value base, List<Value> at, Value key, List<Term> path, int i, Value[] f, VK k) {
        Node child = node == null ? null : node.child(key);
        if (child != null && child.kind() == Rule.Kind.FUNCTION) {
            if (arityOfNode(child) != 0) return false;
            Value v = callFunction(child, new Value[0], Location.NONE);
            return v != null && walk(v, path, i + 1, f, k);
        }
        Value childBase = base == null ? null : lookup(base, key);
        if (child == null && childBase == null && !hasOverrideBelow(at, key)) return false;
        at.add(key);
        try {
            return walkData(child, childBase, at, path, i + 1, f, k);
        } finally {
            at.remove(at.size() - 1);
        }
    }

    private List<Value> dataKeys(Node node, Value base, List<Value> at) {
        TreeSet<Value> keys = new TreeSet<>();
        if (node != null) {
            for (Map.Entry<Value, Node> e : node.children().entrySet()) {
                if (e.getValue().kind() != Rule.Kind.FUNCTION) keys.add(e.getKey());
            }
        }
        if (base instanceof ObjectValue o) for (int j = 0; j < o.size(); j++) keys.add(o.keyAt(j));
        for (Map.Entry<List<Value>, Value> e : state.dataOverrides) {
            List<Value> p = e.getKey();
            if (p.size() > at.size() && p.subList(0, at.size()).equals(at)) keys.add(p.get(at.size()));
        }
        List<Value> out = new ArrayList<>(keys);
        // Keys present in both documents are yielded twice, as OPA 1.4 does (issue #4787).
        if (node != null && base instanceof ObjectValue o) {
            for (Value key : keys) {
                if (node.child(key) != null && o.get(key) != null && node.child(key).kind() != Rule.Kind.FUNCTION) out.add(key);
            }
            out.sort(null);
        }
        return out;
    }

    private Value override(List<Value> at) {
        Value found = null;
        for (Map.Entry<List<Value>, Value> e : state.dataOverrides) {
            if (e.getKey().equals(at)) found = e.getValue();
        }
        return found;
    }

    private boolean hasOverrideBelow(List<Value> at, Value key) {
        for (Map.Entry<List<Value>, Value> e : state.dataOverrides) {
            List<Value> p = e.getKey();
            if (p.size() > at.size() && p.subList(0, at.size()).equals(at) && p.get(at.size()).equals(key)) return true;
        }
        return false;
    }

    /** The full value of a data subtree: base document merged with every rule below. */
    private Value materialize(Node node, Value base, List<Value> at) {
        if (!state.dataOverrides.isEmpty()) {
            Value ov = override(at);
            if (ov != null) return ov;
        }
        if (node != null && node.hasRules()) return nodeValue(node, at);
        if (node == null && !hasOverrideUnder(at)) return base;
        ObjectValue.Builder b = ObjectValue.builder();
        if (base instanceof ObjectValue o) {
            for (int j = 0; j < o.size(); j++) b.put(o.keyAt(j), o.valueAt(j));
        } else if (base != null && (node == null || node.children().isEmpty())) {
            return base;
        }
        for (Value key : dataKeys(node, null, at)) {
            Node child = node == null ? null : node.child(key);
            if (child != null && child.kind() == Rule.Kind.FUNCTION) continue;
            Value cb = base == null ? null : lookup(base, key);
            at.add(key);
            try {
                Value v = materialize(child, cb, at);
                if (v != null) b.put(key, v);
            } finally {
                at.remove(at.size() - 1);
            }
        }
        return b.build();
    }

    private boolean hasOverrideUnder(List<Value> at) {
        for (Map.Entry<List<Value>, Value> e : state.dataOverrides) {
            List<Value> p = e.getKey();
            if (p.size() > at.size() && p.subList(0, at.size()).equals(at)) return true;
        }
        return false;
    }

    // ================================================================== rules

    /** The value of the document a rule node defines, memoised per evaluation (and `with` layer). */
    private Value nodeValue(Node node, List<Value> at) {
        int id = node.id();
        Value cached = state.nodeValues[id];
        if (cached != null) return cached == UNDEFINED_MARK ? null : cached;
        if (state.inProgress[id]) {
            throw new RegoException(ErrorKind.RECURSION, "rule " + node.pathString() + " is recursive", Location.NONE);
        }
        state.inProgress[id] = true;
        if (++depth > ctx.options().maxDepth()) {
            throw new RegoException(ErrorKind.EVAL_LIMIT, "evaluation exceeded its depth limit (" + ctx.options().maxDepth() + ")", Location.NONE);
        }
        State s = state;
        Value v;
        try {
            v = computeNode(node, at);
        } finally {
            depth--;
            s.inProgress[id] = false;
        }
        s.nodeValues[id] = v == null ? UNDEFINED_MARK : v;
        return v;
    }

    private Value computeNode(Node node, List<Value> at) {
        if (node.kind() == Rule.Kind.FUNCTION) return null;
        if (node.kind() == Rule.Kind.MULTI && node.isComplete()) {
            SetValue.Builder b = SetValue.builder();
            for (CRule r : node.rules()) {
                Value[] f = new Value[r.frameSize()];
                evalBody(r.body(), 0, f, null, () -> evalTerm(r.key(), f, v -> { b.add(v); return false; }));
            }
            return mergeChildren(node, b.build(), at);
        }
        if (node.isComplete()) {
            Value result = null;
            Location where = null;
            for (CRule r : node.rules()) {
                Value v = completeValue(r);
                if (v == null) continue;
                if (result != null && !result.equals(v)) {
                    throw new RegoException(ErrorKind.EVAL_CONFLICT, "complete rules must not produce multiple outputs", r.loc());
                }
                result = v;
            }
            if (result == null && node.defaultRule() != null) {
                result = completeValue(node.defaultRule());
            }
            if (result != null && !node.children().isEmpty()) result = mergeChildren(node, result, at);
            if (result == null && !node.children().isEmpty()) result = mergeChildren(node, ObjectValue.EMPTY, at);
            return result;
        }
        // Rules with a head ref that continues past this node: build the object they describe.
        NestedObject obj = new NestedObject();
        for (CRule r : node.rules()) {
            Value[] f = new Value[r.frameSize()];
            evalBody(r.body(), 0, f, null, () -> evalHeadRest(r, f, 0, new Value[r.rest().size()], obj));
        }
        Value v = obj.build();
        return mergeChildren(node, v, at);
    }

    private boolean evalHeadRest(CRule r, Value[] f, int i, Value[] keys, NestedObject obj) {
        if (i == keys.length) {
            if (r.kind() == Rule.Kind.MULTI) {
                return evalTerm(r.key(), f, v -> { obj.addMember(keys, v, r.loc()); return false; });
            }
            return evalTerm(r.value(), f, v -> { obj.put(keys, v, r.loc()); return false; });
        }
        return evalTerm(r.rest().get(i), f, kv -> {
            keys[i] = kv;
            return evalHeadRest(r, f, i + 1, keys, obj);
        });
    }

    /** An object built from rule outputs at nested key paths, checking for conflicting values. */
    private static final class NestedObject {
        final Map<Value, Object> root = new HashMap<>();

        @SuppressWarnings("unchecked")
        void put(Value[] keys, Value v, Location loc) {
            Map<Value, Object> m = root;
            for (int i = 0; i < keys.length - 1; i++) {
                Object c = m.get(keys[i]);
                if (c == null) { c = new HashMap<Value, Object>(); m.put(keys[i], c); }
                if (!(c instanceof Map)) throw new RegoException(ErrorKind.EVAL_CONFLICT, "object keys must be unique", loc);
                m = (Map<Value, Object>) c;
            }
            Value last = keys[keys.length - 1];
            Object prev = m.get(last);
            if (prev != null && !(prev instanceof Value pv && pv.equals(v))) {
                throw new RegoException(ErrorKind.EVAL_CONFLICT, "object keys must be unique", loc);
            }
            m.put(last, v);
        }

        @SuppressWarnings("unchecked")
        void addMember(Value[] keys, Value member, Location loc) {
            Map<Value, Object> m = root;
            for (int i = 0; i < keys.length - 1; i++) {
                Object c = m.computeIfAbsent(keys[i], x -> new HashMap<Value, Object>());
                m = (Map<Value, Object>) c;
            }
            Object c = m.computeIfAbsent(keys[keys.length - 1], x -> new TreeSet<Value>());
            ((TreeSet<Value>) c).add(member);
        }

        Value build() { return build(root); }

        @SuppressWarnings("unchecked")
        private static Value build(Object o) {
            if (o instanceof Value v) return v;
            if (o instanceof TreeSet<?> s) return SetValue.wrapSorted(((TreeSet<Value>) s).toArray(new Value[0]));
            ObjectValue.Builder b = ObjectValue.builder();
            for (Map.Entry<Value, Object> e : ((Map<Value, Object>) o).entrySet()) b.put(e.getKey(), build(e.getValue()));
            return b.build();
        }
    }

    private Value mergeChildren(Node node, Value v, List<Value> path) {
        if (node.children().isEmpty() || !(v instanceof ObjectValue o)) return v;
        List<Value> at = new ArrayList<>(path);   // callers may pass a node's immutable path
        ObjectValue out = o;
        for (Map.Entry<Value, Node> e : node.children().entrySet()) {
            if (e.getValue().kind() == Rule.Kind.FUNCTION) continue;
            at.add(e.getKey());
            try {
                Value cv = materialize(e.getValue(), null, at);
                if (cv != null) {
                    Value prev = out.get(e.getKey());
                    out = out.with(e.getKey(), prev == null ? cv : mergeDocuments(prev, cv, e.getValue()));
                }
            } finally {
                at.remove(at.size() - 1);
            }
        }
        return out;
    }

    /**
     * A key defined both by the rules of a node (a ref head with a variable, {@code p.q[r].s}) and
     * by a child node ({@code p.q.a}): objects merge key by key, equal values are one value, and
     * anything else is OPA's conflict, reported at the child's first rule.
     */
    private static Value mergeDocuments(Value a, Value b, Node child) {
        if (a.equals(b)) return a;
        if (a instanceof ObjectValue oa && b instanceof ObjectValue ob) {
            ObjectValue out = oa;
            for (int i = 0; i < ob.size(); i++) {
                Value prev = out.get(ob.keyAt(i));
                out = out.with(ob.keyAt(i), prev == null ? ob.valueAt(i) : mergeDocuments(prev, ob.valueAt(i), child));
            }
            return out;
        }
        throw new RegoException(ErrorKind.EVAL_CONFLICT, "object keys must be unique", firstRuleLocation(child));
    }

    private static Location firstRuleLocation(Node n) {
        if (!n.rules().isEmpty()) return n.rules().get(0).loc();
        if (n.defaultRule() != null) return n.defaultRule().loc();
        for (Node c : n.children().values()) {
            Location l = firstRuleLocation(c);
            if (l != Location.NONE) return l;
        }
        return Location.NONE;
    }

    /** Value of a complete rule clause chain: the first clause (or else) whose body succeeds. */
    private Value completeValue(CRule r) {
        return firstClauseValue(r, null);
    }

    // ================================================================== calls

    /** Call sites outside the rule tree (the query's), resolved on first use in this evaluation. */
    private final java.util.IdentityHashMap<Term.Call, CallTarget> queryCallTargets = new java.util.IdentityHashMap<>();

    private CallTarget target(Term.Call c) {
        CallTarget t = tree.callTarget(c);
        if (t == null) t = queryCallTargets.computeIfAbsent(c, x -> CallTarget.resolve(x.operator(), tree, builtins));
        return t;
    }

    private static int arityOfNode(Node n) {
        for (CRule r : n.rules()) return r.args().size();
        return n.defaultRule() != null ? n.defaultRule().args().size() : -1;
    }

    private boolean evalCall(Term.Call c, Value[] f, VK k) {
        CallTarget target = target(c);
        if (target instanceof CallTarget.Print) return evalPrint(c, f, k);
        if (target instanceof CallTarget.Walk) return evalWalk(c, f, k);
        Term.Ref op = c.operator();
        int arity = target.arity();
        if (arity < 0) arity = c.args().size();
        int n = arity;
        Value[] args = new Value[n];
        List<Term> inputs = c.args().size() == n ? c.args() : c.args().subList(0, n);
        return evalElems(inputs, 0, args, f, () -> {
            Value result = invoke(op, target, args.clone(), c.loc());
            if (result == null) return false;
            if (c.args().size() > n) {
                return unify(c.args().get(n), result, f, () -> k.accept(BooleanValue.TRUE));
            }
            return k.accept(result);
        });
    }

    /** Calls a builtin or user function (honouring `with` replacements); null = undefined. */
    private Value invoke(Term.Ref op, CallTarget target, Value[] args, Location loc) {
        if (!state.fnOverrides.isEmpty()) {
            Object repl = state.fnOverrides.get(fnKey(op));
            if (repl != null) {
                if (repl instanceof Value v) return v;
                Term.Ref replacement = (Term.Ref) repl;
                // As OPA's evalCall: no function replacement applies while a replacing function
                // runs (its own calls reach the real builtins and functions); input and data
                // replacements still do.
                State outer = state;
                state = new State(outer.input, outer.dataOverrides, Map.of(), tree.size());
                try {
                    return invokeDirect(replacement.toString(), CallTarget.resolve(replacement, tree, builtins), args, loc);
                } finally {
                    state = outer;
                }
            }
        }
        return invokeDirect(op.rootName(), target, args, loc);
    }

    private Value invokeDirect(String name, CallTarget target, Value[] args, Location loc) {
        Builtin b;
        switch (target) {
            case CallTarget.Function fn -> { return fn.node() == null ? null : callFunction(fn.node(), args, loc); }
            case CallTarget.Member m -> {
                if (m.arity() == 2) return BooleanValue.of(member(args[0], args[1]));
                Value got = args[2] instanceof SetValue ? null : lookup(args[2], args[0]);
                return BooleanValue.of(got != null && got.equals(args[1]));
            }
            case CallTarget.Builtin bt -> b = bt.builtin();
            case CallTarget.Print p -> throw new IllegalStateException("print is evaluated by evalPrint");
            case CallTarget.Walk w -> throw new IllegalStateException("walk is evaluated by evalWalk");
            case CallTarget.Unresolved u -> throw new RegoException(ErrorKind.TYPE, "undefined function " + u.name(), loc);
        }
        try {
            WorkLimits.beforeCall(b, args, ctx);
            Value result = b.impl().call(args, ctx);
            if (result != null) WorkLimits.afterCall(result, ctx);
            return result;
        } catch (BuiltinException e) {
            switch (e.kind()) {
                case HALT -> throw new RegoException(ErrorKind.EVAL_LIMIT, e.getMessage(), loc);
                // Raised in every mode: a limit must not turn into "undefined" and flip a decision.
                case LIMIT -> throw new RegoException(ErrorKind.EVAL_BUILTIN, b.name() + ": " + e.getMessage(), loc);
                case TYPE -> {
                    if (ctx.strictBuiltinErrors()) throw new RegoException(ErrorKind.EVAL_TYPE, e.getMessage(), loc);
                    return null;
                }
                default -> {
                    if (ctx.strictBuiltinErrors()) throw new RegoException(ErrorKind.EVAL_BUILTIN, e.getMessage(), loc);
                    return null;
                }
            }
        } catch (RegoException | EvalContext.LimitExceeded e) {
            throw e;
        } catch (RuntimeException e) {
            // A defect in a builtin must not pass for a policy decision.
            throw new RegoException(ErrorKind.EVAL_BUILTIN, name + ": internal error: " + e, loc);
        }
    }

    private static boolean member(Value x, Value coll) {
        switch (coll) {
            case ArrayValue a -> { for (int i = 0; i < a.size(); i++) if (a.get(i).equals(x)) return true; return false; }
            case SetValue s -> { return s.contains(x); }
            case ObjectValue o -> { for (int i = 0; i < o.size(); i++) if (o.valueAt(i).equals(x)) return true; return false; }
            default -> { return false; }
        }
    }

    /** A function node with its arguments: the key of the per-evaluation function memo. */
    private static final class FunctionCall {
        final Node node;
        final Value[] args;
        final int hash;

        FunctionCall(Node node, Value[] args) {
            this.node = node;
            this.args = args;
            this.hash = 31 * node.id() + java.util.Arrays.hashCode(args);
        }

        @Override public int hashCode() { return hash; }

        @Override public boolean equals(Object o) {
            return o instanceof FunctionCall c && c.node == node && java.util.Arrays.equals(c.args, args);
        }
    }

    private Value callFunction(Node node, Value[] args, Location loc) {
        FunctionCall key = new FunctionCall(node, args);
        Value memo = state.fnMemo.get(key);
        if (memo != null) return memo == UNDEFINED_MARK ? null : memo;
        if (++depth > ctx.options().maxDepth()) {
            throw new RegoException(ErrorKind.EVAL_LIMIT, "evaluation exceeded its depth limit (" + ctx.options().maxDepth() + ")", loc);
        }
        Value result = null;
        try {
            for (CRule r : node.rules()) {
                Value v = firstClauseValue(r, args);
                if (v == null) continue;
                if (result != null && !result.equals(v)) {
                    throw new RegoException(ErrorKind.EVAL_CONFLICT, "functions must not produce multiple outputs for same inputs", r.loc());
                }
                result = v;
            }
            if (result == null && node.defaultRule() != null) {
                result = completeValue(node.defaultRule());
            }
        } finally {
            depth--;
        }
        state.fnMemo.put(key, result == null ? UNDEFINED_MARK : result);
        return result;
    }

    /**
     * The value of a clause chain (a rule and its else clauses): the first clause whose body
     * succeeds; all of its solutions must agree. {@code args} are bound to a function's
     * parameters; null for rules (and for default functions, whose value is a constant).
     */
    private Value firstClauseValue(CRule r, Value[] args) {
        String conflict = r.kind() == Rule.Kind.FUNCTION
                ? "functions must not produce multiple outputs for same inputs"
                : "complete rules must not produce multiple outputs";
        for (CRule c = r; c != null; c = c.elseRule()) {
            Value[] f = new Value[c.frameSize()];
            Value[] result = {null};
            CRule cc = c;
            K body = () -> evalBody(cc.body(), 0, f, null, () -> evalTerm(cc.value(), f, v -> {
                if (result[0] != null && !result[0].equals(v)) {
                    throw new RegoException(ErrorKind.EVAL_CONFLICT, conflict, cc.loc());
                }
                result[0] = v;
                return false;
            }));
            if (args == null) body.run(); else bindArgs(c.args(), args, 0, f, body);
            if (result[0] != null) return result[0];
        }
        return null;
    }

    /**
     * Binds a clause's parameters to the arguments in its fresh frame. Variables and constants
     * (nearly every parameter) are bound directly; only patterns such as {@code [a, b]} unify.
     */
    private boolean bindArgs(List<Term> params, Value[] args, int from, Value[] f, K k) {
        for (int i = from; i < params.size(); i++) {
            if (i >= args.length) return false;
            Term p = params.get(i);
            if (p instanceof Term.Var v && v.slot() >= 0) {
                Value cur = f[v.slot()];
                if (cur == null) f[v.slot()] = args[i];
                else if (!cur.equals(args[i])) return false;
            } else if (p instanceof Term.Scalar sc) {
                if (!sc.value().equals(args[i])) return false;
            } else {
                int next = i + 1;
                return unify(p, args[i], f, () -> bindArgs(params, args, next, f, k));
            }
        }
        return k.run();
    }

    private boolean evalPrint(Term.Call c, Value[] f, VK k) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.args().size(); i++) {
            if (i > 0) sb.append(' ');
            List<Value> vs = new ArrayList<>();
            try {
                evalTerm(c.args().get(i), f, v -> { vs.add(v); return true; });
            } catch (RegoException e) {
                if (e.kind() == ErrorKind.EVAL_CONFLICT || e.kind() == ErrorKind.EVAL_LIMIT) throw e;
            }
            if (vs.isEmpty()) sb.append("<undefined>");
            else if (vs.get(0) instanceof StringValue s) sb.append(s.value());
            else sb.append(vs.get(0).toRego());
        }
        ctx.print(sb.toString());
        return k.accept(BooleanValue.TRUE);
    }

    /** walk(x, [path, value]): every node of x with its path, as a relation. */
    private boolean evalWalk(Term.Call c, Value[] f, VK k) {
        return evalTerm(c.args().get(0), f, root -> walkValue(root, new ArrayList<>(), pair -> c.args().size() > 1
                ? unify(c.args().get(1), pair, f, () -> k.accept(BooleanValue.TRUE))
                : k.accept(pair)));
    }

    /**
     * Hands [path, value] of v and of each value below it (pre-order) to visit, one at a time, so
     * that a large document is never held as a list of pairs; stops when visit returns true. Each
     * pair is charged a step per two elements of its copy of the path.
     */
    private boolean walkValue(Value v, List<Value> path, VK visit) {
        ctx.step();
        ctx.steps(path.size() / 2);    // the copy of the path: its pairs can be kept by a comprehension
        if (visit.accept(ArrayValue.of(ArrayValue.of(path), v))) return true;
        return iterate(v, (key, val) -> {
            path.add(key);
            boolean stop = walkValue(val, path, visit);
            path.remove(path.size() - 1);
            return stop;
        });
    }

}
