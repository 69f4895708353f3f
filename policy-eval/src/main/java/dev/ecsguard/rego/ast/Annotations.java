package dev.ecsguard.rego.ast;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code # METADATA} block, parsed from its YAML into a value (title, description, custom...).
 * {@code scope} is rule, document, package or subpackages.
 */
public record Annotations(String scope, ObjectValue value, Location loc) {
    /** SnakeYAML directly: a fraction of the start-up cost of Jackson's YAML data binding. */
    private static Yaml yaml() {
        LoaderOptions lo = new LoaderOptions();
        lo.setMaxAliasesForCollections(50);
        lo.setNestingDepthLimit(64);
        return new Yaml(new SafeConstructor(lo));
    }

    public String string(String key) {
        Value v = value.get(key);
        return v instanceof StringValue s ? s.value() : null;
    }

    /** Finds METADATA comment blocks and attaches each to the rule that follows it. */
    static final class Collector {
        private final List<Lexer.Comment> comments;
        private final String file;
        private final int packageRow;
        private final List<Annotations> blocks = new ArrayList<>();
        private final List<Integer> endRows = new ArrayList<>();

        Collector(List<Lexer.Comment> comments, String file, int packageRow) {
            this.comments = comments;
            this.file = file;
            this.packageRow = packageRow;
        }

        List<Annotations> collect() {
            for (int i = 0; i < comments.size(); i++) {
                Lexer.Comment c = comments.get(i);
                if (!c.text().strip().equals("METADATA")) continue;
                StringBuilder yaml = new StringBuilder();
                int row = c.row();
                int j = i + 1;
                while (j < comments.size() && comments.get(j).row() == row + 1) {
                    String t = comments.get(j).text();
                    yaml.append(t.startsWith(" ") ? t.substring(1) : t).append('\n');
                    row++;
                    j++;
                }
                Location l = new Location(file, c.row(), c.col());
                ObjectValue v;
                try {
                    Object n = yaml().load(yaml.toString());
                    Value parsed = n == null ? ObjectValue.EMPTY : Json.fromJava(n);
                    if (!(parsed instanceof ObjectValue o)) {
                        throw new RegoException(ErrorKind.PARSE, "invalid metadata: expected a YAML mapping", l);
                    }
                    v = o;
                } catch (RegoException e) {
                    throw e;
                } catch (RuntimeException e) {
                    String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                    throw new RegoException(ErrorKind.PARSE, "yaml: " + m, l);
                }
                String scope = v.get("scope") instanceof StringValue s ? s.value()
                        : (c.row() < packageRow ? "package" : "rule");
                blocks.add(new Annotations(scope, v, l));
                endRows.add(row);
                i = j - 1;
            }
            return blocks;
        }

        /** Attaches each rule-scoped block to the first rule starting right after it. */
        List<Rule> attach(List<Rule> rules) {
            if (blocks.isEmpty()) return rules;
            List<Rule> out = new ArrayList<>(rules.size());
            for (Rule r : rules) {
                Annotations found = null;
                for (int i = 0; i < blocks.size(); i++) {
                    Annotations a = blocks.get(i);
                    if (a.loc().row() > packageRow && endRows.get(i) + 1 == r.loc().row()) found = a;
                }
                out.add(found != null ? r.withAnnotations(found) : r);
            }
            return out;
        }
    }
}
