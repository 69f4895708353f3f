package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * yaml.unmarshal as sigs.k8s.io/yaml reads YAML (go-yaml v2, YAML 1.1 scalars: y/n/yes/no/on/off
 * are booleans, timestamps stay strings), then to JSON: floats as Go's encoding/json prints them.
 */
final class EncodingYamlReader {
    private EncodingYamlReader() {}

    private static final Tag GO_BOOL = new Tag("tag:ecs-guard,2024:gobool");

    private static final class GoResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(GO_BOOL, Pattern.compile(
                    "^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"), "yYnNtTfFoO", 1024);
            addImplicitResolver(Tag.INT, Pattern.compile(
                    "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"), "-+0123456789", 1024);
            addImplicitResolver(Tag.FLOAT, Pattern.compile(
                    "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)"
                            + "|\\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"), "-+0123456789.", 1024);
            addImplicitResolver(Tag.MERGE, Pattern.compile("^(?:<<)$"), "<", 1024);
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0", 1024);
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null, 1024);
        }
    }

    private static final class GoConstructor extends SafeConstructor {
        GoConstructor(LoaderOptions o) {
            super(o);
            this.yamlConstructors.put(GO_BOOL, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String v = ((ScalarNode) node).getValue();
                    char c = Character.toLowerCase(v.charAt(0));
                    return c == 'y' || c == 't' || v.equalsIgnoreCase("on");
                }
            });
        }
    }

    static Value parse(String s) {
        LoaderOptions opts = new LoaderOptions();
        opts.setMaxAliasesForCollections(50);
        opts.setCodePointLimit(16 * 1024 * 1024);
        Yaml yaml = new Yaml(new GoConstructor(opts), new org.yaml.snakeyaml.representer.Representer(
                new org.yaml.snakeyaml.DumperOptions()), new org.yaml.snakeyaml.DumperOptions(), opts, new GoResolver());
        Object o;
        try {
            o = yaml.load(s);
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("").strip();
            throw BuiltinException.failure("yaml.unmarshal", "yaml: " + msg);
        }
        return convert(o);
    }

    private static Value convert(Object o) {
        return switch (o) {
            case null -> NullValue.INSTANCE;
            case Boolean b -> BooleanValue.of(b);
            case Integer i -> NumberValue.of(i.longValue());
            case Long l -> NumberValue.of(l);
            case BigInteger b -> b.bitLength() <= 64 ? NumberValue.of(b) : EncodingBuiltins.goJsonFloat(b.doubleValue());
            case Double d -> EncodingBuiltins.goJsonFloat(d);
            case Float f -> EncodingBuiltins.goJsonFloat(f.doubleValue());
            case String str -> StringValue.of(str);
            case byte[] bytes -> StringValue.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            case List<?> l -> {
                Value[] a = new Value[l.size()];
                for (int i = 0; i < a.length; i++) a[i] = convert(l.get(i));
                yield ArrayValue.wrap(a);
            }
            case Map<?, ?> m -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    Object k = e.getKey();
                    String key = k == null ? "null" : k instanceof Double d
                            ? EncodingBuiltins.goJsonFloat(d).toString() : String.valueOf(k);
                    b.put(StringValue.of(key), convert(e.getValue()));
                }
                yield b.build();
            }
            default -> StringValue.of(String.valueOf(o));
        };
    }
}
