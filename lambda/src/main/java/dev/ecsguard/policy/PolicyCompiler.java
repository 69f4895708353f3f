package dev.ecsguard.policy;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.PhaseTrace;
import dev.ecsguard.rego.PreparedQuery;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.compile.RuleTree;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.parsecache.ParsedModuleCache;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns policy contents into an {@link ActivePolicy}: data documents parsed and merged, modules
 * parsed (v0, v1 or detected per module) and compiled, the decision query prepared and checked to
 * name something, and the version's own {@code test_} rules run. Any failure is a
 * {@link PolicyLoadException} that says what failed; nothing half-compiled escapes.
 */
public final class PolicyCompiler {
    private static final Pattern SIMPLE_REF = Pattern.compile("data(\\.[A-Za-z_][A-Za-z0-9_]*)+");

    private final String query;
    private final RegoVersion regoVersion;
    private final PolicySelfTest selfTest;
    private final Clock clock;
    private final ParsedModuleCache parseCache;

    /**
     * @param regoVersion V0, V1, or null to detect per module
     */
    public PolicyCompiler(String query, RegoVersion regoVersion, PolicySelfTest selfTest, Clock clock) {
        this(query, regoVersion, selfTest, clock, null);
    }

    private PolicyCompiler(String query, RegoVersion regoVersion, PolicySelfTest selfTest, Clock clock,
                           ParsedModuleCache parseCache) {
        this.query = query;
        this.regoVersion = regoVersion;
        this.selfTest = selfTest;
        this.clock = clock;
        this.parseCache = parseCache;
    }

    /**
     * The same compiler, reading and writing parsed modules in {@code cache} (null: none). For the
     * command line only; the function parses each version once per container anyway.
     */
    public PolicyCompiler withParseCache(ParsedModuleCache cache) {
        return new PolicyCompiler(query, regoVersion, selfTest, clock, cache);
    }

    public String query() {
        return query;
    }

    public ActivePolicy compile(PolicyContents contents) throws PolicyLoadException {
        Value data = mergeData(contents.dataDocuments());
        CompiledPolicy compiled;
        PreparedQuery prepared;
        try {
            Rego.Builder b = Rego.builder().data(data).version(regoVersion);
            if (parseCache == null) contents.modules().forEach(b::module);
            else parseCache.parseAll(contents.modules(), regoVersion).forEach(b::module);
            compiled = b.build();
            prepared = compiled.prepare(query);
            PhaseTrace.mark("query prepared");
        } catch (RegoException e) {
            throw new PolicyLoadException("policy " + contents.version() + " does not compile: " + firstLines(e.getMessage(), 5), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new PolicyLoadException("policy " + contents.version() + " does not compile: " + e, e);
        }
        checkQueryNamesSomething(compiled, data);
        PolicySelfTest.Outcome tests;
        try {
            tests = selfTest.run(contents, compiled);
        } catch (RuntimeException | StackOverflowError e) {
            throw new PolicyLoadException("policy " + contents.version() + ": its tests could not run: " + e, e);
        }
        PhaseTrace.mark("policy self-tests run");
        if (!tests.accepted()) {
            throw new PolicyLoadException("policy " + contents.version() + " fails its own tests: " + tests.summary());
        }
        return new ActivePolicy(contents.version(), contents.sha256(), compiled, prepared, tests, clock.instant());
    }

    /**
     * A query such as {@code data.ecsguard.violations} must name a rule, a package or data of this
     * policy: otherwise every event would be "undefined", which a boolean query reads as a violation.
     */
    private void checkQueryNamesSomething(CompiledPolicy compiled, Value data) throws PolicyLoadException {
        String q = query.strip();
        if (!SIMPLE_REF.matcher(q).matches()) {
            return;
        }
        String[] parts = q.substring("data.".length()).split("\\.");
        RuleTree.Node node = compiled.tree().root();
        Value d = data;
        for (String part : parts) {
            StringValue key = StringValue.of(part);
            if (node != null) {
                if (node.hasRules()) {
                    return; // a rule produces the rest of the path
                }
                node = node.child(key);
            }
            d = d instanceof ObjectValue o ? o.get(key) : null;
            if (node == null && d == null) {
                throw new PolicyLoadException("query " + q + " names no rule, package or data in the policy"
                        + " (is POLICY_QUERY right, and the package name?)");
            }
        }
    }

    /** Deep-merges the data documents at the root of {@code data}; two documents may not set one value twice. */
    static Value mergeData(Map<String, String> documents) throws PolicyLoadException {
        ObjectValue data = ObjectValue.EMPTY;
        for (Map.Entry<String, String> e : documents.entrySet()) {
            Value doc;
            try {
                doc = Json.parse(e.getValue());
            } catch (RuntimeException ex) {
                throw new PolicyLoadException(e.getKey() + ": " + ex.getMessage(), ex);
            }
            if (!(doc instanceof ObjectValue o)) {
                throw new PolicyLoadException(e.getKey() + ": a data document must be a JSON object, found " + doc.typeName());
            }
            data = merge(data, o, new ArrayList<>(List.of("data")), e.getKey());
        }
        return data;
    }

    private static ObjectValue merge(ObjectValue into, ObjectValue from, List<String> path, String file) throws PolicyLoadException {
        ObjectValue out = into;
        for (int i = 0; i < from.size(); i++) {
            Value k = from.keyAt(i);
            Value v = from.valueAt(i);
            Value existing = out.get(k);
            if (existing == null) {
                out = out.with(k, v);
            } else if (existing instanceof ObjectValue a && v instanceof ObjectValue b) {
                path.add(k.toString());
                out = out.with(k, merge(a, b, path, file));
                path.remove(path.size() - 1);
            } else {
                throw new PolicyLoadException(file + ": " + String.join(".", path) + "." + k + " is already set by another data document");
            }
        }
        return out;
    }

    private static String firstLines(String s, int n) {
        String[] lines = String.valueOf(s).split("\n");
        if (lines.length <= n) {
            return String.join("; ", lines);
        }
        return String.join("; ", java.util.Arrays.copyOf(lines, n)) + "; ... (" + (lines.length - n) + " more)";
    }
}
