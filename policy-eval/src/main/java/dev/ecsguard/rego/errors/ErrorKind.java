package dev.ecsguard.rego.errors;

/** OPA's error codes, as they appear in {@code opa eval --format json} output. */
public enum ErrorKind {
    PARSE("rego_parse_error"),
    COMPILE("rego_compile_error"),
    TYPE("rego_type_error"),
    UNSAFE_VAR("rego_unsafe_var_error"),
    RECURSION("rego_recursion_error"),
    EVAL_CONFLICT("eval_conflict_error"),
    EVAL_TYPE("eval_type_error"),
    EVAL_BUILTIN("eval_builtin_error"),
    EVAL_CANCEL("eval_cancel_error"),
    /** An evaluation limit (steps, depth, time, size) was exceeded. */
    EVAL_LIMIT("eval_limit_error");

    private final String code;

    ErrorKind(String code) { this.code = code; }

    public String code() { return code; }

    public boolean isCompileTime() { return code.startsWith("rego_"); }

    public static ErrorKind fromCode(String code) {
        for (ErrorKind k : values()) if (k.code.equals(code)) return k;
        throw new IllegalArgumentException("unknown error code: " + code);
    }
}
