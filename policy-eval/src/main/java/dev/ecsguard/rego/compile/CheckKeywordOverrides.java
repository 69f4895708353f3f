package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;

/**
 * OPA's CheckKeywordOverrides (checkRootDocumentOverrides): the root documents {@code input} and
 * {@code data} are not shadowed by a rule or a function argument. (A local var of that name,
 * "variables must not shadow", is found with the declarations, in {@link RewriteLocalVars}.)
 */
final class CheckKeywordOverrides {
    private CheckKeywordOverrides() {}

    /** Rego v1: no rule may be named {@code input} or {@code data}. */
    static void run(Compilation c) {
        for (Module m : c.modules) {
            for (Rule r : m.rules()) {
                if (m.version() == RegoVersion.V1 && (r.head().rootName().equals("input") || r.head().rootName().equals("data"))) {
                    c.error(ErrorKind.COMPILE, "rules must not shadow " + r.head().rootName() + " (use a different rule name)", r.loc());
                }
            }
        }
    }

    /**
     * No function argument may be named {@code input} or {@code data} (both versions). Checked as
     * each rule is resolved (ResolveRefs), so reported with the errors of that stage.
     */
    static void checkArg(Compilation c, Term arg, Location ruleLoc) {
        if (arg instanceof Term.Var v && (v.name().equals("input") || v.name().equals("data"))) {
            c.error(ErrorKind.COMPILE, "args must not shadow " + v.name() + " (use a different variable name)", ruleLoc);
        }
    }
}
