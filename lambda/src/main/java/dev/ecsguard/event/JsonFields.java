package dev.ecsguard.event;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

/**
 * Null-safe reads of fields of parsed JSON ({@link Value}s), tolerant of the shapes events
 * really arrive in: a missing key, {@code null}, a field of the wrong type, and nested JSON that
 * was serialised into a string (CloudTrail and SNS/SQS do this).
 */
public final class JsonFields {
    private JsonFields() {}

    /** The field's value, or null when {@code object} is not an object or has no such key. */
    public static Value get(Value object, String key) {
        if (object instanceof ObjectValue o) {
            return o.get(key);
        }
        return null;
    }

    /** The field as a string; null when absent, null or not a string. */
    public static String string(Value object, String key) {
        return get(object, key) instanceof StringValue s ? s.value() : null;
    }

    /** The field as text: a string as is, a number in its literal form; otherwise null. */
    public static String text(Value object, String key) {
        Value v = get(object, key);
        if (v instanceof StringValue s) {
            return s.value();
        }
        if (v instanceof NumberValue n) {
            return n.toString();
        }
        return null;
    }

    /** A non-empty string field, or null. */
    public static String nonEmpty(Value object, String key) {
        String s = string(object, key);
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * The field as an object. A string holding a JSON object (nested JSON serialised into a string)
     * is parsed; anything else gives null.
     */
    public static ObjectValue object(Value object, String key) {
        return asObject(get(object, key));
    }

    /** The field as an array (a string holding a JSON array is parsed); null otherwise. */
    public static ArrayValue array(Value object, String key) {
        Value v = embedded(get(object, key), '[');
        return v instanceof ArrayValue a ? a : null;
    }

    /** The value as an object, parsing a string that holds one; null otherwise. */
    public static ObjectValue asObject(Value v) {
        return embedded(v, '{') instanceof ObjectValue o ? o : null;
    }

    /** True when the field is present and not JSON null. */
    public static boolean present(Value object, String key) {
        Value v = get(object, key);
        return v != null && !(v instanceof NullValue);
    }

    private static Value embedded(Value v, char open) {
        if (v instanceof StringValue s) {
            String t = s.value().strip();
            if (!t.isEmpty() && t.charAt(0) == open) {
                try {
                    return Json.parse(t);
                } catch (RuntimeException notJson) {
                    return v;
                }
            }
        }
        return v;
    }

    /** The last segment of an ARN's resource part ({@code .../task/prod/abc} gives {@code abc}). */
    public static String lastSegment(String arnOrName) {
        if (arnOrName == null) {
            return null;
        }
        int slash = arnOrName.lastIndexOf('/');
        return slash >= 0 ? arnOrName.substring(slash + 1) : arnOrName;
    }
}
