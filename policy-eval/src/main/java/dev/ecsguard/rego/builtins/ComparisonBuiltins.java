package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Signature;
import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.Value;

/**
 * {@code == != < <= > >=}: defined for any two values, compared with OPA's total order
 * (null < boolean < number < string < array < object < set), so {@code "a" > 1} is true.
 */
public final class ComparisonBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        op(r, "equal", "==", (a, b) -> a.compareTo(b) == 0);
        op(r, "neq", "!=", (a, b) -> a.compareTo(b) != 0);
        op(r, "lt", "<", (a, b) -> a.compareTo(b) < 0);
        op(r, "lte", "<=", (a, b) -> a.compareTo(b) <= 0);
        op(r, "gt", ">", (a, b) -> a.compareTo(b) > 0);
        op(r, "gte", ">=", (a, b) -> a.compareTo(b) >= 0);
    }

    private interface Test {
        boolean test(Value a, Value b);
    }

    private static void op(BuiltinRegistry r, String name, String infix, Test t) {
        r.register(new Builtin(name, Signature.of(Type.BOOLEAN, Type.ANY, Type.ANY),
                (args, ctx) -> BooleanValue.of(t.test(args[0], args[1])), true, infix));
    }
}
