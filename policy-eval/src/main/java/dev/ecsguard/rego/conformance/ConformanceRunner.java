package dev.ecsguard.rego.conformance;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.QueryResult;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.builtins.BuiltinRegistry;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Runs one conformance case and says whether the engine agrees with OPA. */
public final class ConformanceRunner {
    public enum Status { PASS, FAIL, SKIP }

    public record Outcome(ConformanceCase testCase, Status status, String reason) {}

    /**
     * The builtins ecs-guard leaves out on purpose ({@link BuiltinRegistry#OUT_OF_SCOPE_PREFIXES}) as
     * names in Rego text: {@code http.send}, {@code io.jwt.decode}... A case that names one is
     * skipped; every other case runs and is judged, whatever its error says.
     */
    private static final Pattern OUT_OF_SCOPE = Pattern.compile(BuiltinRegistry.OUT_OF_SCOPE_PREFIXES.keySet().stream()
            .sorted()
            .map(p -> "(?<![\\w.])" + Pattern.quote(p) + (p.endsWith(".") ? "[A-Za-z_][\\w.]*" : "(?![\\w.])"))
            .collect(Collectors.joining("|")));

    private ConformanceRunner() {}

    /** The first out-of-scope builtin a case names in its modules or query, or null. */
    static String outOfScopeBuiltin(ConformanceCase c) {
        List<String> texts = new ArrayList<>(c.modules());
        texts.add(c.query());
        for (String t : texts) {
            if (t == null) continue;
            Matcher m = OUT_OF_SCOPE.matcher(t);
            if (m.find()) return m.group();
        }
        return null;
    }

    public static Outcome run(ConformanceCase c) {
        String skipped = outOfScopeBuiltin(c);
        if (skipped != null) {
            return new Outcome(c, Status.SKIP, "uses " + skipped + " (" + BuiltinRegistry.unsupportedReason(skipped) + ")");
        }
        try {
            return runInner(c);
        } catch (StackOverflowError e) {
            return new Outcome(c, Status.FAIL, "stack overflow");
        } catch (RuntimeException e) {
            return new Outcome(c, Status.FAIL, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Outcome runInner(ConformanceCase c) {
        List<QueryResult> results;
        List<String> prints = new ArrayList<>();
        try {
            Rego.Builder b = Rego.builder().version(c.version());
            for (int i = 0; i < c.modules().size(); i++) b.module("test-" + i + ".rego", c.modules().get(i));
            if (c.data() != null) b.data(c.data());
            CompiledPolicy policy = b.build();
            Value input = c.input();
            if (c.inputTerm() != null) input = evalTerm(c.inputTerm());
            // OPA's case runner configures no runtime: opa.runtime() is {} even when a case sets
            // `env` (which only builtins reading the process environment would see; we have none).
            EvalOptions opts = EvalOptions.DEFAULT.withStrict(c.strictError()).withPrint(prints::add)
                    .withRuntime(ObjectValue.EMPTY).withLimits(50_000_000L, Duration.ofSeconds(20), 2_000);
            results = policy.prepare(c.query()).eval(input, opts);
        } catch (RegoException e) {
            if (c.wantErrorCode() == null && c.wantError() == null) {
                return new Outcome(c, Status.FAIL, "unexpected error: " + e.getMessage());
            }
            RegoError first = e.first();
            boolean codeOk = c.wantErrorCode() == null || e.errors().stream().anyMatch(x -> x.kind().code().equals(c.wantErrorCode()));
            boolean msgOk = c.wantError() == null || e.errors().stream().anyMatch(x -> x.message().contains(c.wantError())
                    || x.toString().contains(c.wantError()));
            if (codeOk && msgOk) return new Outcome(c, Status.PASS, null);
            return new Outcome(c, Status.FAIL, "want error " + c.wantErrorCode() + " \"" + c.wantError() + "\", got "
                    + first.kind().code() + " \"" + first.message() + "\"");
        }
        if (c.wantErrorCode() != null || c.wantError() != null) {
            return new Outcome(c, Status.FAIL, "want error " + c.wantErrorCode() + " \"" + c.wantError() + "\", got "
                    + results.size() + " result(s)");
        }
        // Printed output is text, one line per print() call; an expected entry may hold several lines.
        if (c.wantPrints() != null && !String.join("\n", c.wantPrints()).equals(String.join("\n", prints))) {
            return new Outcome(c, Status.FAIL, "want prints " + c.wantPrints() + ", got " + prints);
        }
        if (c.wantDefined() != null) {
            boolean defined = !results.isEmpty();
            return defined == c.wantDefined() ? new Outcome(c, Status.PASS, null)
                    : new Outcome(c, Status.FAIL, "want defined=" + c.wantDefined() + ", got " + results.size() + " result(s)");
        }
        if (c.wantResult() == null) return new Outcome(c, Status.PASS, null);
        List<String> want = new ArrayList<>();
        for (Map<String, Value> m : c.wantResult()) want.add(render(m, c.sortBindings()));
        List<String> got = new ArrayList<>();
        for (QueryResult r : results) got.add(render(r.bindings(), c.sortBindings()));
        List<String> ws = new ArrayList<>(want), gs = new ArrayList<>(got);
        ws.sort(null);
        gs.sort(null);
        if (ws.equals(gs)) return new Outcome(c, Status.PASS, null);
        return new Outcome(c, Status.FAIL, "want " + abbreviate(ws.toString()) + ", got " + abbreviate(gs.toString()));
    }

    private static Value evalTerm(String term) {
        List<QueryResult> r = Rego.builder().build().prepare("__input__ = " + term).eval(null);
        if (r.isEmpty()) throw new RegoException(dev.ecsguard.rego.errors.ErrorKind.EVAL_TYPE, "input_term is undefined", null);
        return r.get(0).bindings().get("__input__");
    }

    /** Canonical JSON of a binding map; values go through JSON so sets compare as sorted arrays. */
    private static String render(Map<String, Value> bindings, boolean sortArrays) {
        ObjectValue.Builder b = ObjectValue.builder();
        for (Map.Entry<String, Value> e : bindings.entrySet()) {
            Value v = Json.parse(Json.write(e.getValue()));
            if (sortArrays && v instanceof ArrayValue a) {
                Value[] items = a.toArray();
                Arrays.sort(items);
                v = ArrayValue.wrap(items);
            }
            b.put(StringValue.of(e.getKey()), canonicalNumbers(v));
        }
        return Json.write(b.build());
    }

    /** Numbers compared by value: 1.0 and 1 render the same. */
    private static Value canonicalNumbers(Value v) {
        return switch (v) {
            case dev.ecsguard.rego.value.NumberValue n -> n.canonical();
            case ArrayValue a -> {
                Value[] out = new Value[a.size()];
                for (int i = 0; i < out.length; i++) out[i] = canonicalNumbers(a.get(i));
                yield ArrayValue.wrap(out);
            }
            case ObjectValue o -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (int i = 0; i < o.size(); i++) b.put(o.keyAt(i), canonicalNumbers(o.valueAt(i)));
                yield b.build();
            }
            default -> v;
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
