package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Signature;
import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.Value;

/** intersection, union, set_diff, and the operators {@code &} (and) and {@code |} (or) on sets. */
public final class SetBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        r.register(new Builtin("and", Signature.of(Type.SET_ANY, Type.SET_ANY, Type.SET_ANY),
                (a, ctx) -> set("and", a[0], 1).intersect(set("and", a[1], 2)), true, "&"));
        r.register(new Builtin("or", Signature.of(Type.SET_ANY, Type.SET_ANY, Type.SET_ANY),
                (a, ctx) -> set("or", a[0], 1).union(set("or", a[1], 2)), true, "|"));
        // Deprecated (Rego v0 only; the compiler reports it in v1 modules), as `-` on two sets.
        r.register("set_diff", Type.SET_ANY,
                (a, ctx) -> set("set_diff", a[0], 1).minus(set("set_diff", a[1], 2)), Type.SET_ANY, Type.SET_ANY);
        r.register("intersection", Type.SET_ANY, (a, ctx) -> {
            SetValue sets = set("intersection", a[0], 1);
            if (sets.isEmpty()) return SetValue.EMPTY;
            SetValue acc = null;
            for (int i = 0; i < sets.size(); i++) {
                SetValue s = member("intersection", sets, sets.get(i));
                acc = acc == null ? s : acc.intersect(s);
            }
            return acc;
        }, Type.setOf(Type.SET_ANY));
        r.register("union", Type.SET_ANY, (a, ctx) -> {
            SetValue sets = set("union", a[0], 1);
            SetValue acc = SetValue.EMPTY;
            for (int i = 0; i < sets.size(); i++) acc = acc.union(member("union", sets, sets.get(i)));
            return acc;
        }, Type.setOf(Type.SET_ANY));
    }

    static SetValue set(String builtin, Value v, int pos) {
        if (v instanceof SetValue s) return s;
        throw BuiltinException.operand(builtin, pos, "set", v);
    }

    private static SetValue member(String builtin, SetValue sets, Value v) {
        if (v instanceof SetValue s) return s;
        throw BuiltinException.operand(builtin, 1, "set", v);
    }
}
