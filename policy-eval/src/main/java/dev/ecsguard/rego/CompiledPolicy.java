package dev.ecsguard.rego;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.ast.SourceLimits;
import dev.ecsguard.rego.ast.SyntaxDepth;
import dev.ecsguard.rego.builtins.BuiltinCache;
import dev.ecsguard.rego.builtins.BuiltinRegistry;
import dev.ecsguard.rego.compile.Compiler;
import dev.ecsguard.rego.compile.RuleTree;
import dev.ecsguard.rego.compile.StageListener;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.stack.DeepStack;
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
    private final SourceLimits limits;
    /** Deepest nesting of the modules ({@link dev.ecsguard.rego.ast.SyntaxDepth}): whether evaluation needs a deep stack. */
    private final int depth;
    /** Compiled regexes, globs, templates and recent match answers shared by every evaluation (bounded). */
    final BuiltinCache cache = new BuiltinCache();

    CompiledPolicy(List<Module> modules, RuleTree tree, BuiltinRegistry builtins, Value data, RegoVersion version,
                   SourceLimits limits, int depth) {
        this.modules = List.copyOf(modules);
        this.tree = tree;
        this.builtins = builtins;
        this.data = data;
        this.version = version;
        this.limits = limits;
        this.depth = depth;
    }

    public List<Module> modules() { return modules; }
    public RuleTree tree() { return tree; }
    public BuiltinRegistry builtins() { return builtins; }
    public Value data() { return data; }

    /** The bounded cache of compiled patterns and match answers this policy's evaluations share. */
    public BuiltinCache builtinCache() { return cache; }

    /** Parses and compiles a query against this policy (on a {@link DeepStack} thread, as {@link Rego.Builder#build}). */
    public PreparedQuery prepare(String query) {
        return prepare(query, StageListener.NONE);
    }

    /** As {@link #prepare(String)}; {@code stages} hears the end of each compiler stage. */
    public PreparedQuery prepare(String query, StageListener stages) {
        return DeepStack.call(() -> {
            Body body = Parser.parseQuery(query, version == RegoVersion.V0 ? RegoVersion.V0 : RegoVersion.V1, limits);
            try {
                Compiler.CompiledQuery q = new Compiler(builtins).withStageListener(stages).compileQueryAgainst(tree, body);
                return new PreparedQuery(this, query, body, q, Math.max(depth, SyntaxDepth.check(body, limits)));
            } catch (StackOverflowError e) {
                throw new RegoException(ErrorKind.COMPILE, "query nests too deeply for the compiler's stack", new Location("", 1, 1));
            }
        });
    }
}
