package dev.ecsguard.rego;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.compile.Compiler;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.eval.Evaluator;
import dev.ecsguard.rego.stack.DeepStack;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A query compiled against a policy. Thread-safe; each {@link #eval} is independent. */
public final class PreparedQuery {
    private final CompiledPolicy policy;
    private final String source;
    private final Body parsed;
    private final Compiler.CompiledQuery compiled;
    private final String[] exprTexts;
    /** Deepest nesting of the policy and the query: deeper than {@link DeepStack#SHALLOW_DEPTH} evaluates on a deep stack. */
    private final int depth;

    PreparedQuery(CompiledPolicy policy, String source, Body parsed, Compiler.CompiledQuery compiled, int depth) {
        this.depth = depth;
        this.policy = policy;
        this.source = source;
        this.parsed = parsed;
        this.compiled = compiled;
        this.exprTexts = textsOf(source, parsed);
    }

    public String source() { return source; }

    public List<QueryResult> eval(Value input) {
        return eval(input, EvalOptions.DEFAULT);
    }

    /**
     * Evaluates; input may be null (no input document). A program nested deeper than
     * {@link DeepStack#SHALLOW_DEPTH} is evaluated on a {@link DeepStack} thread, any other on the
     * caller's.
     * @throws RegoException on evaluation errors; a stack overflow (the caller's stack smaller
     *     than the JVM's default, or a depth limit far above the default) is an {@code eval_limit_error}
     */
    public List<QueryResult> eval(Value input, EvalOptions options) {
        return DeepStack.callFor(depth, () -> {
            try {
                return evalHere(input, options);
            } catch (StackOverflowError e) {
                throw new RegoException(ErrorKind.EVAL_LIMIT, "evaluation exceeded the stack (nesting too deep)", Location.NONE);
            }
        });
    }

    private List<QueryResult> evalHere(Value input, EvalOptions options) {
        Evaluator ev = new Evaluator(policy.tree(), policy.builtins(), policy.data(), input, options, policy.cache);
        int n = parsed.size();
        List<Evaluator.Solution> sols = ev.query(compiled.body(), compiled.frameSize(), n);
        List<QueryResult> out = new ArrayList<>(sols.size());
        for (Evaluator.Solution s : sols) {
            List<QueryResult.ExpressionValue> exprs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Expr e = parsed.exprs().get(i);
                // As OPA: `some x` declarations are not expressions of the result.
                if (e.kind() instanceof Expr.SomeDecl) continue;
                exprs.add(new QueryResult.ExpressionValue(s.exprValues()[i], exprTexts[i],
                        new Location("", e.loc().row(), e.loc().col())));
            }
            Map<String, Value> bindings = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> b : compiled.bindings().entrySet()) {
                Value v = s.slots()[b.getValue()];
                if (v != null) bindings.put(b.getKey(), v);
            }
            out.add(new QueryResult(exprs, Collections.unmodifiableMap(bindings)));
        }
        return out;
    }

    /** The source text of each top-level expression (what opa eval prints as "text"). */
    private static String[] textsOf(String src, Body body) {
        int n = body.size();
        String[] out = new String[n];
        String[] lines = src.split("\n", -1);
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
            Location l = body.exprs().get(i).loc();
            int off = 0;
            for (int r = 1; r < l.row() && r <= lines.length; r++) off += lines[r - 1].length() + 1;
            starts[i] = Math.min(src.length(), off + l.col() - 1);
        }
        for (int i = 0; i < n; i++) {
            int end = i + 1 < n ? starts[i + 1] : src.length();
            String t = src.substring(starts[i], Math.max(starts[i], end)).strip();
            while (t.endsWith(";")) t = t.substring(0, t.length() - 1).strip();
            out[i] = t;
        }
        return out;
    }
}
