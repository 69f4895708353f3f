package dev.ecsguard.input;

import dev.ecsguard.event.JsonFields;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

/** ECS tags as the input document's {@code tags} object. */
public final class EcsTags {
    private EcsTags() {}

    /**
     * {@code [{"key": k, "value": v}]} (the API's shape; {@code Key}/{@code Value} as the CLI and
     * CloudFormation write them) or an object already, as {@code {k: v}}. Anything else is {}.
     */
    public static ObjectValue toObject(Value v) {
        if (v instanceof ObjectValue o) {
            return o;
        }
        ObjectValue.Builder b = ObjectValue.builder();
        if (v instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                String k = JsonFields.string(a.get(i), "key");
                if (k == null) {
                    k = JsonFields.string(a.get(i), "Key");
                }
                Value val = JsonFields.get(a.get(i), "value");
                if (val == null) {
                    val = JsonFields.get(a.get(i), "Value");
                }
                if (k != null) {
                    b.put(StringValue.of(k), val instanceof StringValue ? val : StringValue.EMPTY);
                }
            }
        }
        return b.build();
    }
}
