package dev.ecsguard.rego.conformance;

import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads OPA-format YAML case files (anchors and aliases resolved by SnakeYAML). */
public final class CaseLoader {
    private CaseLoader() {}

    /** Every *.yaml / *.yml / *.json file under the paths, sorted. */
    public static List<Path> findFiles(List<Path> roots) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path r : roots) {
            if (Files.isRegularFile(r)) { out.add(r); continue; }
            try (Stream<Path> s = Files.walk(r)) {
                s.filter(Files::isRegularFile)
                 .filter(p -> { String n = p.getFileName().toString(); return n.endsWith(".yaml") || n.endsWith(".yml"); })
                 .sorted().forEach(out::add);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static List<ConformanceCase> load(Path file, String displayName, RegoVersion forced) throws IOException {
        LoaderOptions lo = new LoaderOptions();
        lo.setMaxAliasesForCollections(10_000);
        lo.setCodePointLimit(64 * 1024 * 1024);
        Yaml yaml = new Yaml(new SafeConstructor(lo));
        Object doc = yaml.load(Files.readString(file, StandardCharsets.UTF_8));
        if (!(doc instanceof Map<?, ?> top)) return List.of();
        Object cases = top.get("cases");
        if (!(cases instanceof List<?> list)) return List.of();
        RegoVersion fileVersion = versionOf(top.get("rego_version"), RegoVersion.V1);
        List<ConformanceCase> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) continue;
            Map<String, Object> c = (Map<String, Object>) m;
            RegoVersion v = forced != null ? forced : versionOf(c.get("rego_version"), fileVersion);
            List<String> modules = new ArrayList<>();
            if (c.get("modules") instanceof List<?> ms) for (Object x : ms) modules.add(String.valueOf(x));
            List<Map<String, Value>> want = null;
            if (c.containsKey("want_result") && c.get("want_result") instanceof List<?> wr) {
                want = new ArrayList<>();
                for (Object r : wr) {
                    Map<String, Value> b = new LinkedHashMap<>();
                    if (r instanceof Map<?, ?> rm) for (Map.Entry<?, ?> e : rm.entrySet()) b.put(String.valueOf(e.getKey()), toValue(e.getValue()));
                    want.add(b);
                }
            }
            Map<String, String> env = new LinkedHashMap<>();
            if (c.get("env") instanceof Map<?, ?> em) for (Map.Entry<?, ?> e : em.entrySet()) env.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            List<String> prints = null;
            if (c.get("want_prints") instanceof List<?> wp) { prints = new ArrayList<>(); for (Object x : wp) prints.add(String.valueOf(x)); }
            out.add(new ConformanceCase(displayName, String.valueOf(c.get("note")), v, String.valueOf(c.get("query")),
                    modules, c.containsKey("data") ? toValue(c.get("data")) : null,
                    c.containsKey("input") ? toValue(c.get("input")) : null,
                    c.get("input_term") == null ? null : String.valueOf(c.get("input_term")),
                    want, Boolean.TRUE.equals(c.get("sort_bindings")),
                    c.get("want_defined") instanceof Boolean b ? b : null,
                    c.get("want_error_code") == null ? null : String.valueOf(c.get("want_error_code")),
                    c.get("want_error") == null ? null : String.valueOf(c.get("want_error")),
                    Boolean.TRUE.equals(c.get("strict_error")), env, prints));
        }
        return out;
    }

    private static RegoVersion versionOf(Object o, RegoVersion dflt) {
        if (o == null) return dflt;
        return String.valueOf(o).equals("0") ? RegoVersion.V0 : RegoVersion.V1;
    }

    /** YAML/JSON objects to values. */
    public static Value toValue(Object o) {
        return dev.ecsguard.rego.value.Json.fromJava(asGoYaml(o));
    }

    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /**
     * A YAML document's numbers as OPA's case runner reads them (util.Unmarshal: go-yaml, then
     * JSON): a plain integer that fits neither int64 nor uint64 resolves as a float64, so the
     * expectation {@code 1000000000000000000001} is the number 1e21, what OPA's result is compared to.
     */
    private static Object asGoYaml(Object o) {
        if (o instanceof BigInteger b && (b.compareTo(INT64_MIN) < 0 || b.compareTo(UINT64_MAX) > 0)) return b.doubleValue();
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) out.add(asGoYaml(x));
            return out;
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(e.getKey(), asGoYaml(e.getValue()));
            return out;
        }
        return o;
    }
}
