package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Import;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.errors.ErrorKind;

import java.util.HashMap;
import java.util.Map;

/** OPA's CheckDuplicateImports: two imports of a module may not bind the same name ("import must not shadow import data.a"). */
final class CheckDuplicateImports {
    private CheckDuplicateImports() {}

    static void run(Compilation c) {
        for (Module m : c.modules) check(c, m);
    }

    /** Rego v1 (and v0 with rego.v1): no two imports may bind the same name, future and rego imports included. */
    private static void check(Compilation c, Module m) {
        if (m.version() != RegoVersion.V1) return;
        Map<String, Import> seen = new HashMap<>();
        for (Import i : m.imports()) {
            Import before = seen.putIfAbsent(String.valueOf(i.name()), i);
            if (before != null) {
                c.error(ErrorKind.COMPILE, "import must not shadow import " + before.path()
                        + (before.alias() != null ? " as " + before.alias() : ""), i.loc());
            }
        }
    }
}
