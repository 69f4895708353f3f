package dev.ecsguard.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a CloudFormation template for given parameter values as CloudFormation would before
 * creating anything: conditions decided, resources whose condition is false dropped,
 * {@code Fn::If}, {@code Ref} to parameters, {@code AWS::NoValue}, {@code Fn::Sub},
 * {@code Fn::Join}, {@code Fn::Split} and {@code Fn::Select} applied. What only exists at deploy
 * time (pseudo parameters, other resources) stays as {@code ${Name}} / {@code ${Name.Attribute}}
 * text, and every scalar becomes a string, so the CDK app's template (literal settings,
 * {@code Fn::Sub} strings) and template.yaml's (parameters, {@code !If}) compare equal when they
 * mean the same.
 */
final class Cfn {
    private static final Object NO_VALUE = new Object();
    private static final Pattern VAR = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, String> parameters;
    private final Map<String, Object> conditionDefinitions;
    private final Map<String, Boolean> conditions = new LinkedHashMap<>();

    private Cfn(Map<String, String> parameters, Map<String, Object> conditionDefinitions) {
        this.parameters = parameters;
        this.conditionDefinitions = conditionDefinitions;
    }

    /** The template's Resources and Outputs, evaluated for {@code given} (parameter defaults fill the rest). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> evaluate(Map<String, Object> template, Map<String, String> given) {
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, Object> declared = (Map<String, Object>) template.getOrDefault("Parameters", Map.of());
        declared.forEach((name, p) -> {
            Object d = ((Map<String, Object>) p).get("Default");
            if (d != null) {
                params.put(name, String.valueOf(d));
            }
        });
        params.putAll(given);
        Cfn cfn = new Cfn(params, (Map<String, Object>) template.getOrDefault("Conditions", Map.of()));
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> resources = new LinkedHashMap<>();
        ((Map<String, Object>) template.get("Resources")).forEach((id, r) -> {
            Map<String, Object> resource = new LinkedHashMap<>((Map<String, Object>) r);
            Object condition = resource.remove("Condition");
            if (condition == null || cfn.condition((String) condition)) {
                resources.put(id, cfn.resolve(resource));
            }
        });
        out.put("Resources", resources);
        Map<String, Object> outputs = new LinkedHashMap<>();
        ((Map<String, Object>) template.getOrDefault("Outputs", Map.of())).forEach((id, o) -> {
            Map<String, Object> output = new LinkedHashMap<>((Map<String, Object>) o);
            Object condition = output.remove("Condition");
            if (condition == null || cfn.condition((String) condition)) {
                outputs.put(id, cfn.resolve(output));
            }
        });
        out.put("Outputs", outputs);
        return out;
    }

    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            Object definition = conditionDefinitions.get(name);
            if (definition == null) {
                throw new IllegalArgumentException("no condition " + name);
            }
            known = truth(definition);
            conditions.put(name, known);
        }
        return known;
    }

    @SuppressWarnings("unchecked")
    private boolean truth(Object expr) {
        Map<String, Object> m = (Map<String, Object>) expr;
        Map.Entry<String, Object> e = m.entrySet().iterator().next();
        List<Object> args = e.getValue() instanceof List<?> l ? (List<Object>) l : List.of(e.getValue());
        return switch (e.getKey()) {
            case "Fn::Equals" -> resolve(args.get(0)).equals(resolve(args.get(1)));
            case "Fn::Not" -> !truth(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::truth);
            case "Fn::Or" -> args.stream().anyMatch(this::truth);
            case "Condition" -> condition((String) e.getValue());
            default -> throw new IllegalArgumentException("condition function " + e.getKey());
        };
    }

    @SuppressWarnings("unchecked")
    Object resolve(Object node) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> m = (Map<String, Object>) raw;
            if (m.size() == 1) {
                Map.Entry<String, Object> e = m.entrySet().iterator().next();
                Object v = e.getValue();
                switch (e.getKey()) {
                    case "Ref" -> {
                        String name = (String) v;
                        if (name.equals("AWS::NoValue")) {
                            return NO_VALUE;
                        }
                        return parameters.containsKey(name) ? parameters.get(name) : "${" + name + "}";
                    }
                    case "Fn::GetAtt" -> {
                        return "${" + (v instanceof List<?> l ? l.get(0) + "." + l.get(1) : v) + "}";
                    }
                    case "Fn::If" -> {
                        List<Object> a = (List<Object>) v;
                        return resolve(condition((String) a.get(0)) ? a.get(1) : a.get(2));
                    }
                    case "Fn::Sub" -> {
                        return sub(v);
                    }
                    case "Fn::Join" -> {
                        List<Object> a = (List<Object>) v;
                        List<String> parts = new ArrayList<>();
                        for (Object p : asList(resolve(a.get(1)))) {
                            parts.add(text(p));
                        }
                        return String.join((String) a.get(0), parts);
                    }
                    case "Fn::Split" -> {
                        List<Object> a = (List<Object>) v;
                        return List.of(text(resolve(a.get(1))).split(Pattern.quote((String) a.get(0)), -1));
                    }
                    case "Fn::Select" -> {
                        List<Object> a = (List<Object>) v;
                        return asList(resolve(a.get(1))).get(Integer.parseInt(text(resolve(a.get(0)))));
                    }
                    default -> { }
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object r = resolve(v);
                if (r != NO_VALUE) {
                    out.put(k, r);
                }
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                Object r = resolve(o);
                if (r != NO_VALUE) {
                    out.add(r);
                }
            }
            return out;
        }
        return node == null ? null : String.valueOf(node);
    }

    @SuppressWarnings("unchecked")
    private String sub(Object v) {
        String text;
        Map<String, Object> vars = Map.of();
        if (v instanceof List<?> l) {
            text = (String) l.get(0);
            vars = (Map<String, Object>) l.get(1);
        } else {
            text = (String) v;
        }
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (vars.containsKey(name)) {
                value = text(resolve(vars.get(name)));
            } else if (parameters.containsKey(name)) {
                value = parameters.get(name);
            } else {
                value = "${" + name + "}";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<Object> asList(Object o) {
        if (o instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new IllegalArgumentException("not a list: " + o);
    }

    private static String text(Object o) {
        if (o instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("not text: " + o);
    }
}
