package dev.ecsguard.rego;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.builtins.BuiltinCache;
import dev.ecsguard.rego.builtins.BuiltinRegistry;
import dev.ecsguard.rego.compile.Compiler;
import dev.ecsguard.rego.compile.RuleTree;
import dev.ecsguard.rego.value.Value;

import java.util.List;

/**
 * A compiled set of modules plus base data. Immutable and thread-safe: prepare queries once and
 * evaluate them concurrently.
 */
public final class CompiledPolicy {
    private final List<Module> modules;
    private final RuleTree tree;
    private final BuiltinRegistry builtins;
    private final Value data;
    private final RegoVersion version;
    /** Compiled regexes, globs, templates and recent match answers shared by every evaluation (bounded). */
    final BuiltinCache cache = new BuiltinCache();

    CompiledPolicy(List<Module> modules, RuleTree tree, BuiltinRegistry builtins, Value data, RegoVersion version) {
        this.modules = List.copyOf(modules);
        this.tree = tree;
        this.builtins = builtins;
        this.data = data;
        this.version = version;
    }

    public List<Module> modules() { return modules; }
    public RuleTree tree() { return tree; }
    public BuiltinRegistry builtins() { return builtins; }
    public Value data() { return data; }

    /** The bounded cache of compiled patterns and match answers this policy's evaluations share. */
    public BuiltinCache builtinCache() { return cache; }

    /** Parses and compiles a query against this policy. */
    public PreparedQuery prepare(String query) {
        Body body = Parser.parseQuery(query, version == RegoVersion.V0 ? RegoVersion.V0 : RegoVersion.V1);
        Compiler c = new Compiler(builtins);
        Compiler.CompiledQuery q = c.compileQueryAgainst(tree, body);
        return new PreparedQuery(this, query, body, q);
    }
}
