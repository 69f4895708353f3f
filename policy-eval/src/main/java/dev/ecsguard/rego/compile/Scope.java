package dev.ecsguard.rego.compile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Variable names to frame slots for one rule; nested scopes for comprehensions and every bodies. */
final class Scope {
    final Scope parent;
    final Map<String, Integer> vars = new HashMap<>();
    /** Names declared here (some, :=, args, every, some-in): they shadow rule names and outer vars. */
    final Set<String> declared = new HashSet<>();
    /** Names that occur anywhere in this scope's body (not nested): comprehension closures see them. */
    final Set<String> used = new HashSet<>();
    /**
     * Names this body mentions outside nested bodies and {@code some} declarations (OPA's body
     * vars in reorderBodyForSafety), arguments and every's key and value included. A closure
     * reads an enclosing var as an input only if some body between it and the var's owner
     * mentions it; otherwise the closure binds the var itself ({@code some i} used only in
     * comprehensions).
     */
    final Set<String> bodyVars = new HashSet<>();
    /**
     * Names this body declares ({@code :=}, {@code some}) whose declaration has not been reached
     * yet: nested bodies resolved before it do not see them, as OPA declares a var only where
     * its declaration is ({@code b := [a | a = 5]; a := 3} has two vars named a).
     */
    final Set<String> hidden = new HashSet<>();
    private final int[] counter;

    Scope(Scope parent) {
        this.parent = parent;
        this.counter = parent == null ? new int[1] : parent.counter;
    }

    int frameSize() { return counter[0]; }

    /**
     * The slot for a name visible here, or -1. A name this body declares further down is, before
     * its declaration, the var of an enclosing body ({@code n := 1; [n | n > 0; n := 2]}: the
     * first {@code n} inside is the outer one), as OPA resolves a name not yet declared in a scope.
     */
    int lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.hidden.contains(name)) continue;
            Integer i = s.vars.get(name);
            if (i != null) return i;
            if (s.declared.contains(name)) return -1;
        }
        return -1;
    }

    /** Allocates (or returns) the slot for a name in the innermost scope that should own it. */
    int slot(String name) {
        if (hidden.contains(name) && parent != null) {
            int outer = parent.lookupOrUsed(name);
            if (outer >= 0) return outer;
        }
        if (declared.contains(name)) {
            return vars.computeIfAbsent(name, k -> counter[0]++);
        }
        for (Scope s = this; s != null; s = s.parent) {
            if (s != this && s.hidden.contains(name)) continue;
            Integer i = s.vars.get(name);
            if (i != null) return i;
            if (s.declared.contains(name) || (s != this && s.used.contains(name))) {
                return s.vars.computeIfAbsent(name, k -> counter[0]++);
            }
        }
        return vars.computeIfAbsent(name, k -> counter[0]++);
    }

    /** The slot an enclosing body has (or will have) for a name it declares or uses; -1 when none. */
    private int lookupOrUsed(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.hidden.contains(name)) continue;
            Integer i = s.vars.get(name);
            if (i != null) return i;
            if (s.declared.contains(name) || s.used.contains(name)) return s.vars.computeIfAbsent(name, k -> counter[0]++);
        }
        return -1;
    }

    /** Slots this scope generated (hoisted operands, comprehension heads), owned like its vars. */
    final Set<Integer> generated = new HashSet<>();

    int fresh() {
        int s = counter[0]++;
        generated.add(s);
        return s;
    }
}
