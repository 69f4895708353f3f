package dev.ecsguard.input;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * AWS SDK v2 model objects as engine values with the API's own JSON field names (the
 * {@code locationName} of each member), so a task definition from DescribeTaskDefinition looks
 * exactly like the JSON of {@code aws ecs describe-task-definition}. Unset members are left out;
 * timestamps become ISO 8601 text as the CLI prints them.
 */
public final class SdkValues {
    private SdkValues() {}

    public static Value toValue(Object o) {
        if (o == null) {
            return NullValue.INSTANCE;
        }
        if (o instanceof SdkPojo pojo) {
            ObjectValue.Builder b = ObjectValue.builder();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object v = field.getValueOrDefault(pojo);
                if (v == null || v instanceof SdkAutoConstructList<?> || v instanceof SdkAutoConstructMap<?, ?>) {
                    continue;
                }
                b.put(StringValue.of(field.locationName()), toValue(v));
            }
            return b.build();
        }
        if (o instanceof String s) {
            return StringValue.of(s);
        }
        if (o instanceof Boolean bool) {
            return BooleanValue.of(bool);
        }
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return NumberValue.of(((Number) o).longValue());
        }
        if (o instanceof Double || o instanceof Float) {
            return NumberValue.of(((Number) o).doubleValue());
        }
        if (o instanceof BigDecimal d) {
            return NumberValue.of(d);
        }
        if (o instanceof Instant t) {
            return StringValue.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(ZoneOffset.UTC)));
        }
        if (o instanceof SdkBytes bytes) {
            return StringValue.of(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
        }
        if (o instanceof List<?> list) {
            Value[] a = new Value[list.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = toValue(list.get(i));
            }
            return ArrayValue.wrap(a);
        }
        if (o instanceof Map<?, ?> map) {
            ObjectValue.Builder b = ObjectValue.builder();
            map.forEach((k, v) -> b.put(StringValue.of(String.valueOf(k)), toValue(v)));
            return b.build();
        }
        return StringValue.of(o.toString());
    }
}
