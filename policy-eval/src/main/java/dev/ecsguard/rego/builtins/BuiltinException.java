package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.Value;

/**
 * A failing builtin call. {@link Kind#TYPE} becomes eval_type_error and {@link Kind#BUILTIN}
 * eval_builtin_error under strict builtin errors; both make the call undefined otherwise.
 * {@link Kind#HALT} errors (step and time limits: eval_limit_error) and {@link Kind#LIMIT} errors
 * (a result or operand over a size limit: eval_builtin_error) are raised in every mode, so that a
 * limit can never turn into "undefined" and flip a policy's decision.
 */
public final class BuiltinException extends RuntimeException {
    public enum Kind { TYPE, BUILTIN, HALT, LIMIT }

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

    /**
     * A size limit was exceeded ("number too big", "result exceeds the maximum string length ...").
     * The message carries no builtin name: the evaluator prefixes the name of the builtin called.
     */
    public static BuiltinException limit(String message) {
        return new BuiltinException(Kind.LIMIT, message);
    }

    /** Any other failure, e.g. "div: divide by zero". */
    public static BuiltinException failure(String builtin, String message) {
        return new BuiltinException(Kind.BUILTIN, builtin + ": " + message);
    }
}
