package dev.ecsguard.check;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.ast.Annotations;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rules the policies document: every {@code # METADATA} annotation (package or rule scope)
 * whose {@code custom.id} names a rule id, as the decision's {@code rule} field reports it.
 */
public final class RuleCatalog {
    /**
     * One documented rule.
     *
     * @param id {@code custom.id}, e.g. ECS_PRIVILEGED
     * @param title {@code title}, or null
     * @param description {@code description}, or null
     * @param remediation {@code custom.remediation}, or null
     * @param severity {@code custom.severity} (critical, high, medium, low), or null
     * @param tags the AWS controls it maps to ({@code custom.security_hub_control}, {@code custom.aws_config_rule};
     *     each a string or a list of strings)
     * @param pkg the package the annotation is in, e.g. {@code data.ecsguard.rules.privileged}
     */
    public record RuleInfo(String id, String title, String description, String remediation, String severity,
            List<String> tags, String pkg) {
        public RuleInfo {
            tags = List.copyOf(tags);
        }

        /** A rule that the policy reports but does not document. */
        public static RuleInfo undocumented(String id, String severity) {
            return new RuleInfo(id, null, null, null, severity, List.of(), null);
        }
    }

    private final Map<String, RuleInfo> rules;

    private RuleCatalog(Map<String, RuleInfo> rules) {
        this.rules = rules;
    }

    public static RuleCatalog of(CompiledPolicy policy) {
        return of(policy.modules());
    }

    public static RuleCatalog of(List<Module> modules) {
        Map<String, RuleInfo> out = new LinkedHashMap<>();
        for (Module m : modules) {
            List<Annotations> all = new ArrayList<>(m.annotations());
            for (Rule r : m.rules()) {
                if (r.annotations() != null) {
                    all.add(r.annotations());
                }
            }
            for (Annotations a : all) {
                RuleInfo info = info(a, m.pkg() == null ? null : m.pkg().toString());
                if (info != null) {
                    out.putIfAbsent(info.id(), info);
                }
            }
        }
        return new RuleCatalog(out);
    }

    /** A catalog of the given rules (first of each id kept). */
    public static RuleCatalog ofRules(List<RuleInfo> rules) {
        Map<String, RuleInfo> out = new LinkedHashMap<>();
        for (RuleInfo r : rules) {
            out.putIfAbsent(r.id(), r);
        }
        return new RuleCatalog(out);
    }

    private static RuleInfo info(Annotations a, String pkg) {
        if (!(a.value().get("custom") instanceof ObjectValue custom)) {
            return null;
        }
        String id = string(custom, "id");
        if (id == null || id.isBlank()) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        for (String hub : strings(custom, "security_hub_control")) {
            tags.add("security-hub/" + hub);
        }
        for (String config : strings(custom, "aws_config_rule")) {
            tags.add("aws-config/" + config);
        }
        String severity = string(custom, "severity");
        return new RuleInfo(id, blankToNull(a.string("title")), blankToNull(a.string("description")),
                blankToNull(string(custom, "remediation")),
                severity == null ? null : severity.toLowerCase(Locale.ROOT), tags, pkg);
    }

    private static String string(ObjectValue o, String key) {
        Value v = o.get(key);
        return v instanceof StringValue s ? s.value().strip() : null;
    }

    /** A string field, or each string of a list field (a rule can map to several controls); blanks left out. */
    private static List<String> strings(ObjectValue o, String key) {
        List<String> out = new ArrayList<>();
        if (o.get(key) instanceof ArrayValue list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof StringValue s && !s.value().isBlank()) {
                    out.add(s.value().strip());
                }
            }
        } else {
            String s = string(o, key);
            if (s != null && !s.isBlank()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public Optional<RuleInfo> get(String id) {
        return Optional.ofNullable(id == null ? null : rules.get(id));
    }

    /** Every documented rule, in module order. */
    public List<RuleInfo> all() {
        return List.copyOf(rules.values());
    }
}
