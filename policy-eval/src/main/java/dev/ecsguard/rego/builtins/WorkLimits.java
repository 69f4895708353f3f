package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.Set;

/**
 * How builtins account for their work and bound their results, so that no input makes one run
 * past the evaluation's step budget and deadline or build a result that exhausts the heap.
 *
 * <ul>
 *   <li>Work is charged in steps of the evaluation's budget: one step per {@value #UNIT}
 *       characters or elements scanned or produced. The evaluator charges every call for its large
 *       arguments ({@link #beforeCall}) and its result ({@link #afterCall}); builtins whose work is
 *       not proportional to those (a regex automaton, {@code strings.replace_n}, {@code json.patch},
 *       graph paths...) charge the rest themselves as they go. Charging checks the deadline.</li>
 *   <li>Results are bounded: a string longer than {@link BuiltinContext#maxStringLength()} or a
 *       collection larger than {@link BuiltinContext#maxCollectionSize()} is an eval_builtin_error in
 *       every mode, never an OutOfMemoryError. Builtins that can multiply their input check the
 *       projected size before they allocate.</li>
 * </ul>
 */
public final class WorkLimits {
    /** Characters or elements per step of work. */
    public static final int UNIT = 64;
    /** Arguments below this size are not charged (the call's own step covers them). */
    static final int FREE = 4096;

    /** Builtins that do not scan their (collection) arguments: a lookup, a count, a type test. */
    private static final Set<String> CONSTANT_TIME = Set.of("object.get", "count", "type_name", "is_array",
            "is_boolean", "is_null", "is_number", "is_object", "is_set", "is_string", "array.slice");

    private WorkLimits() {}

    /**
     * Charges a call for the arguments it will scan: those whose {@link Value#weight() weight}
     * (nested elements and characters) is {@value #FREE} or more. Lookups and counts are charged
     * for string arguments only.
     */
    public static void beforeCall(Builtin b, Value[] args, BuiltinContext ctx) {
        long work = chargeable(args, false);
        // Almost every call has only small arguments: the name is looked up only when one is large.
        if (work > 0 && CONSTANT_TIME.contains(b.name())) work = chargeable(args, true);
        if (work > 0) ctx.charge(work / UNIT);
    }

    /** The summed weight of the arguments of at least {@value #FREE}; strings only when {@code stringsOnly}. */
    private static long chargeable(Value[] args, boolean stringsOnly) {
        long work = 0;
        for (Value a : args) {
            if (stringsOnly && !(a instanceof StringValue)) continue;
            int w = a.weight();
            if (w >= FREE) work += w;
        }
        return work;
    }

    /** Checks a call's result against the size limits and charges for producing it. */
    public static void afterCall(Value result, BuiltinContext ctx) {
        switch (result) {
            case StringValue s -> produced(ctx, s.value().length());
            case ArrayValue x -> collection(ctx, x.size(), x);
            case ObjectValue x -> collection(ctx, x.size(), x);
            case SetValue x -> collection(ctx, x.size(), x);
            default -> { }
        }
    }

    private static void collection(BuiltinContext ctx, int size, Value result) {
        checkCollection(ctx, size);
        int w = result.weight();
        if (w >= FREE) ctx.charge(w / UNIT);
    }

    /**
     * Checks a string result (or one about to be built) of {@code length} characters against the
     * limit and charges for it.
     */
    public static void produced(BuiltinContext ctx, long length) {
        checkString(ctx, length);
        if (length >= FREE) ctx.charge(length / UNIT);
    }

    /** Checks a collection result (or one about to be built) of {@code size} elements and charges for it. */
    public static void collection(BuiltinContext ctx, long size) {
        checkCollection(ctx, size);
        if (size >= FREE) ctx.charge(size / UNIT);
    }

    /** Throws the size-limit error when a collection of {@code size} elements would be too large. */
    public static void checkCollection(BuiltinContext ctx, long size) {
        if (size > ctx.maxCollectionSize()) {
            throw BuiltinException.limit("result exceeds the maximum collection size (" + size + " > "
                    + ctx.maxCollectionSize() + " elements)");
        }
    }

    /** Throws the size-limit error when a string of {@code length} characters would be too long. */
    public static void checkString(BuiltinContext ctx, long length) {
        if (length > ctx.maxStringLength()) {
            throw BuiltinException.limit("result exceeds the maximum string length (" + length + " > "
                    + ctx.maxStringLength() + " characters)");
        }
    }

    /** A StringBuilder check for loops that grow a result: throws once it is over the limit. */
    static void checkGrowth(BuiltinContext ctx, StringBuilder sb) {
        if (sb.length() > ctx.maxStringLength()) checkString(ctx, sb.length());
    }
}
