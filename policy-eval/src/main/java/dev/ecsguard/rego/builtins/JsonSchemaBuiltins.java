package dev.ecsguard.rego.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code json.verify_schema} and {@code json.match_schema}: JSON Schema drafts 4, 6 and 7 (the
 * document's {@code $schema}, draft 7 when it has none) validated by networknt's
 * json-schema-validator, with results in the shapes OPA 1.4.2 returns from gojsonschema:
 * {@code [true, null]} / {@code [false, "jsonschema: ..."]}, and {@code [match, errors]} with
 * {@code {"error", "desc", "field", "type"}} per error. Descriptions, types and field names follow
 * gojsonschema's ("Invalid type. Expected: integer, given: string", {@code invalid_type},
 * {@code (Root)}, {@code a.1}), and so does the order of errors for the common keywords; patterns
 * run on RE2J (Go's regexp semantics, linear time) instead of java.util.regex. Remote
 * {@code $ref}s are not fetched (no network access from a policy).
 */
public final class JsonSchemaBuiltins implements BuiltinNamespace {
    private static final Type STRING_OR_OBJECT = Type.anyOf(Type.STRING, Type.objectOf(Type.ANY, Type.ANY));

    /**
     * The validator's parts, built on the first json.*_schema call rather than when the namespace is
     * registered: Jackson's ObjectMapper and the schema registry cost every fresh JVM about 40 ms of
     * CPU at start-up (ecs-guard's one-shot commands), whether or not a policy validates a schema.
     */
    private static final class Validator {
        static final ObjectMapper MAPPER = new ObjectMapper();

        /** RE2J for "pattern" and "patternProperties": Go semantics as gojsonschema has them, no backtracking. */
        static final RegularExpressionFactory RE2J = regex -> {
            RegexSupport.Compiled c;
            try {
                c = RegexSupport.compile(regex);
            } catch (RegexSupport.BadPattern | RegexSupport.PatternLimit e) {
                throw new SchemaException(e.getMessage());
            }
            return (RegularExpression) value -> c.pattern().matcher(value).find();
        };

        static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .regularExpressionFactory(RE2J)
                        .formatAssertionsEnabled(true)
                        .build())
                        // no fetching of remote schemas: only the meta-schemas the library bundles
                        .schemaLoader(l -> l.fetchRemoteResources(false)));
    }

    @Override
    public void register(BuiltinRegistry r) {
        r.register("json.verify_schema", Type.arrayOf(Type.ANY), JsonSchemaBuiltins::verify, STRING_OR_OBJECT);
        r.register("json.match_schema", Type.arrayOf(Type.ANY), JsonSchemaBuiltins::match, STRING_OR_OBJECT, STRING_OR_OBJECT);
    }

    /** Thrown for a string argument that is not JSON. */
    private static final class NotJson extends RuntimeException {
        NotJson() { super("invalid JSON string", null, false, false); }
    }

    private static JsonNode node(String builtin, Value v) {
        String text;
        if (v instanceof StringValue s) text = s.value();
        else if (v instanceof ObjectValue) text = Json.write(v);
        else throw BuiltinException.failure(builtin, "wrong type, expected string or object");
        try {
            return Validator.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new NotJson();
        }
    }

    /** The compiled schema, or the gojsonschema-style text of why it is not one. */
    private static Object compile(JsonNode schema) {
        // validate the schema against its meta-schema first, as gojsonschema checks it while loading
        try {
            Schema meta = Validator.REGISTRY.getSchema(SchemaLocation.of(metaSchemaOf(schema)));
            List<Error> errors = meta.validate(schema);
            if (!errors.isEmpty()) return schemaProblem(errors.get(0));
            Schema compiled = Validator.REGISTRY.getSchema(schema);
            compiled.initializeValidators();
            return compiled;
        } catch (SchemaException e) {
            return e.getMessage();
        }
    }

    private static String metaSchemaOf(JsonNode schema) {
        String id = schema.path("$schema").asText("");
        if (id.contains("draft-04")) return "http://json-schema.org/draft-04/schema#";
        if (id.contains("draft-06")) return "http://json-schema.org/draft-06/schema#";
        return "http://json-schema.org/draft-07/schema#";
    }

    /** gojsonschema's words for the common schema mistake (a wrong "type"); the validator's otherwise. */
    private static String schemaProblem(Error e) {
        String path = e.getInstanceLocation().toString();
        if (path.endsWith("type") && e.getInstanceNode() != null) {
            JsonNode bad = e.getInstanceNode();
            String given = bad.isTextual() ? bad.asText() : bad.toString();
            if (bad.isArray()) {
                for (JsonNode t : bad) if (!TYPES.contains(t.asText())) given = t.asText();
            }
            return "has a primitive type that is NOT VALID -- given: /" + given + "/ Expected valid values are:"
                    + "[array boolean integer number null object string]";
        }
        return e.getMessage();
    }

    private static final List<String> TYPES = List.of("array", "boolean", "integer", "number", "null", "object", "string");

    private static Value verify(Value[] args, BuiltinContext ctx) {
        JsonNode schema;
        try {
            schema = node("json.verify_schema", args[0]);
        } catch (NotJson e) {
            return ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: invalid JSON string"));
        } catch (BuiltinException e) {          // OPA reports even a wrong type in the result
            return ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: wrong type, expected string or object"));
        }
        Object compiled = compile(schema);
        if (compiled instanceof String problem) return ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: " + problem));
        return ArrayValue.of(BooleanValue.TRUE, NullValue.INSTANCE);
    }

    private static Value match(Value[] args, BuiltinContext ctx) {
        String name = "json.match_schema";
        JsonNode document, schema;
        try {
            document = node(name, args[0]);
            schema = node(name, args[1]);
        } catch (NotJson e) {
            throw BuiltinException.failure(name, e.getMessage());
        }
        Object compiled = compile(schema);
        if (compiled instanceof String problem) throw BuiltinException.failure(name, problem);
        List<Value> out = new ArrayList<>();
        report(((Schema) compiled).validate(document), out, 0);
        return ArrayValue.of(BooleanValue.of(out.isEmpty()), ArrayValue.of(out));
    }

    /**
     * The errors in gojsonschema's shape and order. Combinators are reported as gojsonschema does:
     * anyOf / oneOf as their own error followed by the errors of the branch that came closest
     * (fewest errors, the first on a tie), allOf as its branches' errors followed by its own; a
     * string's first failed rule only.
     */
    private static void report(List<Error> all, List<Value> out, int skip) {
        List<Error> errors = new ArrayList<>();
        java.util.LinkedHashMap<String, List<Error>> combined = new java.util.LinkedHashMap<>();
        for (Error e : all) {
            String path = e.getEvaluationPath().toString();
            java.util.regex.Matcher m = COMBINATOR.matcher(path);
            if (m.find(Math.min(skip, path.length()))) combined.computeIfAbsent(path.substring(0, m.end(1)), k -> new ArrayList<>()).add(e);
            else errors.add(e);
        }
        errors.sort(GOJSONSCHEMA_ORDER);
        java.util.Set<String> stringDone = new java.util.HashSet<>();
        for (Error e : errors) {
            String kw = e.getKeyword();
            if (kw.equals("oneOf") && combined.keySet().stream().anyMatch(k -> k.equals(e.getEvaluationPath().toString()))) continue;
            if (STRING_RULES.contains(kw) && !stringDone.add(e.getInstanceLocation().toString())) continue;
            describe(e, out);
        }
        for (Map.Entry<String, List<Error>> group : combined.entrySet()) {
            String combinator = group.getKey().substring(group.getKey().lastIndexOf('/') + 1);
            java.util.TreeMap<Integer, List<Error>> branches = new java.util.TreeMap<>();
            Error any = group.getValue().get(0);
            int inner = 0;
            for (Error e : group.getValue()) {
                String rest = e.getEvaluationPath().toString().substring(group.getKey().length());
                java.util.regex.Matcher idx = BRANCH.matcher(rest);
                if (idx.find()) {
                    branches.computeIfAbsent(Integer.parseInt(idx.group(1)), k -> new ArrayList<>()).add(e);
                    inner = group.getKey().length() + idx.end();
                }
            }
            int next = inner;
            List<Error> best = branches.values().stream().min(Comparator.comparingInt(List::size)).orElse(List.of());
            String field = field(any);
            String kind = combinatorKind(any);
            if (combinator.equals("allOf")) {
                for (List<Error> b : branches.values()) report(b, out, next);
                out.add(error("Must validate all the schemas (allOf)", field, kind + "_all_of"));
            } else {
                out.add(combinator.equals("anyOf")
                        ? error("Must validate at least one schema (anyOf)", field, kind + "_any_of")
                        : error("Must validate one and only one schema (oneOf)", field, kind + "_one_of"));
                report(best, out, next);
            }
        }
    }

    /** The first anyOf / oneOf / allOf branch in an evaluation path (group 1: the path to the keyword). */
    private static final java.util.regex.Pattern COMBINATOR = java.util.regex.Pattern.compile("\\G(.*?/(?:anyOf|oneOf|allOf))/\\d+");
    private static final java.util.regex.Pattern BRANCH = java.util.regex.Pattern.compile("^/(\\d+)");
    private static final java.util.Set<String> STRING_RULES = java.util.Set.of("minLength", "maxLength", "pattern", "format");

    /** gojsonschema names a combinator error after the JSON type of the value: number for every number. */
    private static String combinatorKind(Error e) {
        String k = kind(e.getInstanceNode());
        return k.equals("integer") ? "number" : k;
    }

    private static Value error(String desc, String field, String type) {
        ObjectValue.Builder b = ObjectValue.builder();
        b.put(StringValue.of("desc"), StringValue.of(desc));
        b.put(StringValue.of("error"), StringValue.of(field + ": " + desc));
        b.put(StringValue.of("field"), StringValue.of(field));
        b.put(StringValue.of("type"), StringValue.of(type));
        return b.build();
    }

    // ---- gojsonschema's result shape --------------------------------------------------------

    /** gojsonschema's field: "(Root)", or the instance path's names joined by dots ("a.1"). */
    private static String field(Error e) {
        var p = e.getInstanceLocation();
        int n = p.getNameCount();
        if (n == 0) return "(Root)";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append('.');
            sb.append(p.getName(i));
        }
        return sb.toString();
    }

    /** gojsonschema's type name of a value: integer for integral numbers. */
    private static String kind(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return "null";
        if (v.isBoolean()) return "boolean";
        if (v.isIntegralNumber() || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0)) return "integer";
        if (v.isNumber()) return "number";
        if (v.isTextual()) return "string";
        if (v.isArray()) return "array";
        return "object";
    }

    private static String schemaText(JsonNode n) {
        return n == null ? "" : n.isTextual() ? n.asText() : n.toString();
    }

    /** Adds e as gojsonschema words it (a propertyNames or contains failure also with its sub-errors). */
    private static void describe(Error e, List<Value> out) {
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        JsonNode rule = e.getSchemaNode();
        JsonNode value = e.getInstanceNode();
        String field = field(e);
        String type, desc;
        switch (keyword) {
            case "type" -> {
                type = "invalid_type";
                String expected = rule != null && rule.isArray()
                        ? "[" + String.join(",", Validator.MAPPER.convertValue(rule, String[].class)) + "]" : schemaText(rule);
                desc = "Invalid type. Expected: " + expected + ", given: " + kind(value);
            }
            case "required" -> {
                type = "required";
                desc = e.getProperty() + " is required";
            }
            case "additionalProperties" -> {
                type = "additional_property_not_allowed";
                desc = "Additional property " + e.getProperty() + " is not allowed";
                field = parentField(field, e.getProperty());
            }
            case "minItems" -> { type = "array_min_items"; desc = "Array must have at least " + schemaText(rule) + " items"; }
            case "maxItems" -> { type = "array_max_items"; desc = "Array must have at most " + schemaText(rule) + " items"; }
            case "minLength" -> { type = "string_gte"; desc = "String length must be greater than or equal to " + schemaText(rule); }
            case "maxLength" -> { type = "string_lte"; desc = "String length must be less than or equal to " + schemaText(rule); }
            case "pattern" -> { type = "pattern"; desc = "Does not match pattern '" + schemaText(rule) + "'"; }
            case "minimum" -> { type = "number_gte"; desc = "Must be greater than or equal to " + schemaText(rule); }
            case "maximum" -> { type = "number_lte"; desc = "Must be less than or equal to " + schemaText(rule); }
            case "exclusiveMinimum" -> { type = "number_gt"; desc = "Must be greater than " + schemaText(rule); }
            case "exclusiveMaximum" -> { type = "number_lt"; desc = "Must be less than " + schemaText(rule); }
            case "multipleOf" -> { type = "multiple_of"; desc = "Must be a multiple of " + schemaText(rule); }
            case "minProperties" -> { type = "array_min_properties"; desc = "Must have at least " + schemaText(rule) + " properties"; }
            case "maxProperties" -> { type = "array_max_properties"; desc = "Must have at most " + schemaText(rule) + " properties"; }
            case "format" -> { type = "format"; desc = "Does not match format '" + schemaText(rule) + "'"; }
            case "enum" -> {
                type = "enum";
                List<String> items = new ArrayList<>();
                if (rule != null) for (JsonNode x : rule) items.add(x.toString());
                desc = field + " must be one of the following: " + String.join(", ", items);
            }
            case "const" -> { type = "const"; desc = field + " does not match: " + (rule == null ? "" : rule.toString()); }
            case "uniqueItems" -> { type = "unique"; desc = "array items" + duplicate(value) + " must be unique"; }
            case "not" -> { type = combinatorKind(e) + "_not"; desc = "Must not validate the schema (not)"; }
            case "oneOf" -> { type = combinatorKind(e) + "_one_of"; desc = "Must validate one and only one schema (oneOf)"; }
            case "anyOf" -> { type = combinatorKind(e) + "_any_of"; desc = "Must validate at least one schema (anyOf)"; }
            case "dependencies", "dependentRequired" -> {
                type = "missing_dependency";
                desc = "Has a dependency on " + missingDependency(e);
            }
            case "propertyNames" -> {
                String name = e.getProperty() != null ? e.getProperty() : "";
                out.add(error("Property name of \"" + name + "\" does not match", field, "invalid_property_name"));
                subErrors(rule, Validator.MAPPER.getNodeFactory().textNode(name), field, out);
                return;
            }
            case "contains" -> {
                out.add(error("At least one of the items must match", field, "contains"));
                if (value != null && value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        subErrors(rule, value.get(i), field.equals("(Root)") ? Integer.toString(i) : field + "." + i, out);
                    }
                }
                return;
            }
            case "additionalItems" -> { type = "array_no_additional_items"; desc = "No additional items allowed on array"; }
            case "false" -> { type = "false"; desc = "False always fails validation"; }
            default -> { type = keyword; desc = e.getMessage(); }
        }
        out.add(error(desc, field, type));
    }

    /** The errors of a value against a sub-schema, all reported at one field (gojsonschema's context). */
    private static void subErrors(JsonNode subSchema, JsonNode value, String field, List<Value> out) {
        if (subSchema == null) return;
        List<Value> inner = new ArrayList<>();
        report(Validator.REGISTRY.getSchema(subSchema).validate(value), inner, 0);
        for (Value v : inner) {
            ObjectValue o = (ObjectValue) v;
            String desc = ((StringValue) o.get(StringValue.of("desc"))).value();
            String type = ((StringValue) o.get(StringValue.of("type"))).value();
            out.add(error(desc, field, type));
        }
    }

    /** The first dependency of a present property that the instance lacks. */
    private static String missingDependency(Error e) {
        JsonNode rule = e.getSchemaNode(), value = e.getInstanceNode();
        String property = e.getProperty();
        if (rule != null && property != null && rule.get(property) != null && rule.get(property).isArray() && value != null) {
            for (JsonNode dep : rule.get(property)) if (!value.has(dep.asText())) return dep.asText();
        }
        return "";
    }

    /** gojsonschema reports a property's problem on the object holding it. */
    private static String parentField(String field, String property) {
        if (property == null || field.equals("(Root)")) return field;
        if (field.equals(property)) return "(Root)";
        return field.endsWith("." + property) ? field.substring(0, field.length() - property.length() - 1) : field;
    }

    /** "[i,j]": the first two equal items of an array, as gojsonschema names them. */
    private static String duplicate(JsonNode array) {
        if (array == null || !array.isArray()) return "";
        for (int j = 1; j < array.size(); j++) {
            for (int i = 0; i < j; i++) if (array.get(i).equals(array.get(j))) return "[" + i + "," + j + "]";
        }
        return "";
    }

    /**
     * gojsonschema's order: per instance, the type first, then combinators, enum/const, then the
     * type's own keywords (object: required before its properties' errors; array: its items'
     * errors before its own size rules; number: multipleOf, maximum, minimum). Instances in
     * document order.
     */
    private static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("type", 0), Map.entry("anyOf", 1), Map.entry("oneOf", 2), Map.entry("allOf", 3), Map.entry("not", 4),
            Map.entry("const", 5), Map.entry("enum", 6),
            Map.entry("required", 10), Map.entry("dependencies", 11), Map.entry("dependentRequired", 11),
            Map.entry("additionalProperties", 12), Map.entry("minProperties", 13), Map.entry("maxProperties", 14),
            Map.entry("propertyNames", 15), Map.entry("additionalItems", 20), Map.entry("maxItems", 21),
            Map.entry("minItems", 22), Map.entry("uniqueItems", 23), Map.entry("contains", 24),
            Map.entry("minLength", 30), Map.entry("maxLength", 31), Map.entry("pattern", 32), Map.entry("format", 33),
            Map.entry("multipleOf", 40), Map.entry("exclusiveMaximum", 41), Map.entry("maximum", 41),
            Map.entry("exclusiveMinimum", 42), Map.entry("minimum", 42));

    private static final Comparator<Error> GOJSONSCHEMA_ORDER = (a, b) -> {
        var pa = a.getInstanceLocation();
        var pb = b.getInstanceLocation();
        int n = Math.min(pa.getNameCount(), pb.getNameCount());
        for (int i = 0; i < n; i++) {
            Object ea = pa.getElement(i), eb = pb.getElement(i);
            if (ea.equals(eb)) continue;
            if (ea instanceof Integer x && eb instanceof Integer y) return Integer.compare(x, y);
            return String.valueOf(ea).compareTo(String.valueOf(eb));
        }
        if (pa.getNameCount() != pb.getNameCount()) {
            // an array's items come before its own rules; an object's own rules before its members'
            boolean aDeeper = pa.getNameCount() > pb.getNameCount();
            Object child = (aDeeper ? pa : pb).getElement(n);
            boolean arrayParent = child instanceof Integer;
            return (aDeeper == arrayParent) ? -1 : 1;
        }
        return Integer.compare(RANK.getOrDefault(a.getKeyword(), 50), RANK.getOrDefault(b.getKeyword(), 50));
    };
}
