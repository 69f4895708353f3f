package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.PhaseTrace;
import dev.ecsguard.rego.types.Signature;
import dev.ecsguard.rego.types.Type;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Name → builtin. The standard registry holds OPA's library; it is immutable once built. */
public final class BuiltinRegistry {
    private final Map<String, Builtin> byName = new HashMap<>();
    private final Map<String, String> unsupported = new HashMap<>();
    private boolean frozen;

    private static volatile BuiltinRegistry standard;

    /** OPA's builtins that ecs-guard deliberately does not provide, with the reason. */
    public static final Map<String, String> OUT_OF_SCOPE_PREFIXES = Map.of(
            "http.send", "network access is not available to policies",
            "net.lookup_ip_addr", "DNS lookups are not available to policies",
            "io.jwt.", "JWT verification is not supported",
            "crypto.x509.", "X.509 parsing is not supported",
            "crypto.parse_private_keys", "private key parsing is not supported",
            "graphql.", "GraphQL builtins are not supported",
            "providers.aws.sign_req", "request signing is not available to policies",
            "rego.parse_module", "rego.parse_module is not supported");

    /** The shared standard registry with every namespace registered. */
    public static BuiltinRegistry standard() {
        BuiltinRegistry r = standard;
        if (r == null) {
            synchronized (BuiltinRegistry.class) {
                r = standard;
                if (r == null) {
                    r = new BuiltinRegistry();
                    for (BuiltinNamespace ns : StandardLibrary.namespaces()) ns.register(r);
                    r.frozen = true;
                    standard = r;
                    PhaseTrace.mark("builtins registered");
                }
            }
        }
        return r;
    }

    /** An empty registry (tests, or a restricted library). */
    public static BuiltinRegistry empty() { return new BuiltinRegistry(); }

    public void register(Builtin b) {
        if (frozen) throw new IllegalStateException("registry is frozen");
        if (byName.putIfAbsent(b.name(), b) != null) {
            throw new IllegalStateException("builtin registered twice: " + b.name());
        }
    }

    /** Registers a deterministic builtin without an infix form. */
    public void register(String name, Signature sig, BuiltinFunction impl) {
        register(new Builtin(name, sig, impl, true, null));
    }

    /** Shorthand: {@code register("upper", Type.STRING, fn, Type.STRING)}. */
    public void register(String name, Type result, BuiltinFunction impl, Type... args) {
        register(new Builtin(name, Signature.of(result, args), impl, true, null));
    }

    public Builtin lookup(String name) { return byName.get(name); }

    public boolean contains(String name) { return byName.containsKey(name); }

    /** Why a known-but-unsupported builtin is missing, or null. */
    public static String unsupportedReason(String name) {
        for (Map.Entry<String, String> e : OUT_OF_SCOPE_PREFIXES.entrySet()) {
            String p = e.getKey();
            if (p.endsWith(".") ? name.startsWith(p) : name.equals(p)) return e.getValue();
        }
        return null;
    }

    public Set<String> names() { return Collections.unmodifiableSet(new TreeSet<>(byName.keySet())); }
}
