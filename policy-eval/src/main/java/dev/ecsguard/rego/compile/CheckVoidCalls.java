package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.builtins.Builtin;
import dev.ecsguard.rego.errors.ErrorKind;

/**
 * OPA's CheckVoidCalls: a call of a function without a result ({@code print}) is a whole
 * expression, never a value ("print(1) used as value"). Checked as each call is resolved.
 */
final class CheckVoidCalls {
    private CheckVoidCalls() {}

    static void check(Compilation c, Term.Ref op, Term.Call call, boolean statement) {
        if (!statement && isVoid(c, op)) c.error(ErrorKind.TYPE, call + " used as value", call.loc());
    }

    private static boolean isVoid(Compilation c, Term.Ref op) {
        if (!op.path().isEmpty() || op.rootName() == null) return false;
        if (op.rootName().equals("print")) return true;
        Builtin b = c.builtins.lookup(op.rootName());
        return b != null && b.signature().result() == null;
    }
}
