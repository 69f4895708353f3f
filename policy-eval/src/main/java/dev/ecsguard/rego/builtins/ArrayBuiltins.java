package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.Value;

/** array.concat, array.slice, array.reverse (topdown/array.go). */
public final class ArrayBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        r.register("array.concat", Type.ARRAY_ANY, (a, ctx) -> {
            ArrayValue x = array("array.concat", a[0], 1), y = array("array.concat", a[1], 2);
            if (y.size() == 0) return x;
            if (x.size() == 0) return y;
            Value[] out = new Value[x.size() + y.size()];
            for (int i = 0; i < x.size(); i++) out[i] = x.get(i);
            for (int i = 0; i < y.size(); i++) out[x.size() + i] = y.get(i);
            return ArrayValue.wrap(out);
        }, Type.ARRAY_ANY, Type.ARRAY_ANY);
        r.register("array.slice", Type.ARRAY_ANY, (a, ctx) -> {
            ArrayValue arr = array("array.slice", a[0], 1);
            long start = ArithmeticBuiltins.intOperand("array.slice", a[1], 2);
            long stop = ArithmeticBuiltins.intOperand("array.slice", a[2], 3);
            if (stop < 0) stop = 0;
            else if (stop > arr.size()) stop = arr.size();
            if (start < 0) start = 0;
            else if (start > stop) start = stop;
            if (start == 0 && stop == arr.size()) return arr;
            Value[] out = new Value[(int) (stop - start)];
            for (int i = 0; i < out.length; i++) out[i] = arr.get((int) start + i);
            return ArrayValue.wrap(out);
        }, Type.ARRAY_ANY, Type.NUMBER, Type.NUMBER);
        r.register("array.reverse", Type.ARRAY_ANY, (a, ctx) -> {
            ArrayValue arr = array("array.reverse", a[0], 1);
            int n = arr.size();
            Value[] out = new Value[n];
            for (int i = 0; i < n; i++) out[i] = arr.get(n - 1 - i);
            return ArrayValue.wrap(out);
        }, Type.ARRAY_ANY);
    }

    static ArrayValue array(String builtin, Value v, int pos) {
        if (v instanceof ArrayValue a) return a;
        throw BuiltinException.operand(builtin, pos, "array", v);
    }
}
