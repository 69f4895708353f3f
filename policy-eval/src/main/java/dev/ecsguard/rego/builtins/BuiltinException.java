package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.Value;

/**
 * A failing builtin call. {@link Kind#TYPE} becomes eval_type_error and {@link Kind#BUILTIN}
 * eval_builtin_error under strict builtin errors; both make the call undefined otherwise.
 * {@link Kind#HALT} errors (conflicts, limits) are raised in every mode.
 */
public final class BuiltinException extends RuntimeException {
    public enum Kind { TYPE, BUILTIN, HALT }

    private final Kind kind;

    public BuiltinException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() { return kind; }

    /** "NAME: operand N must be WANT but got TYPE", OPA's wording. {@code position} is 1-based. */
    public static BuiltinException operand(String builtin, int position, String want, Value got) {
        return new BuiltinException(Kind.TYPE,
                builtin + ": operand " + position + " must be " + want + " but got " + got.typeName());
    }

    /** A type error with a custom message (prefixed with the builtin name). */
    public static BuiltinException type(String builtin, String message) {
        return new BuiltinException(Kind.TYPE, builtin + ": " + message);
    }

    /** Any other failure, e.g. "div: divide by zero". */
    public static BuiltinException failure(String builtin, String message) {
        return new BuiltinException(Kind.BUILTIN, builtin + ": " + message);
    }
}
