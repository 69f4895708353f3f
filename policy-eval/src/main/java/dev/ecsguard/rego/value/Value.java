package dev.ecsguard.rego.value;

/**
 * An immutable Rego value. Values are compared with OPA's total order
 * (null < boolean < number < string < array < object < set) and are equal exactly
 * when {@code compareTo} returns 0, so numbers compare numerically ({@code 1 == 1.0}).
 */
public sealed interface Value extends Comparable<Value>
        permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, ObjectValue, SetValue {

    /** Rank of the value's type in OPA's ordering (ast.Compare). */
    int typeRank();

    /** OPA's type name as {@code type_name} returns it: null, boolean, number, string, array, object, set. */
    String typeName();

    /** Compares two values of the same type rank. */
    int compareSameType(Value other);

    @Override
    default int compareTo(Value other) {
        int a = typeRank(), b = other.typeRank();
        if (a != b) return Integer.compare(a, b);
        return compareSameType(other);
    }

    /** True for values with no nested values. */
    default boolean isScalar() {
        return typeRank() <= 3;
    }

    /**
     * The value's size for work accounting: 1 per scalar, a string's length, a collection's
     * elements (keys and values) summed, saturating at Integer.MAX_VALUE. Collections compute it
     * once and keep it. Builtins are charged for the weight of their large arguments.
     */
    default int weight() {
        return 1;
    }

    /** Sum of 1 and the weights of some values, saturating (for collections' {@link #weight}). */
    static int weightOf(Value[] a, Value[] b) {
        long sum = 1;
        for (Value v : a) sum += v.weight();
        if (b != null) for (Value v : b) sum += v.weight();
        return (int) Math.min(sum, Integer.MAX_VALUE);
    }

    /** The value in Rego source notation (strings quoted, sets as {1, 2} or set()). */
    default String toRego() {
        return RegoText.format(this);
    }

    int RANK_NULL = 0, RANK_BOOLEAN = 1, RANK_NUMBER = 2, RANK_STRING = 3,
            RANK_ARRAY = 6, RANK_OBJECT = 7, RANK_SET = 8;
}
