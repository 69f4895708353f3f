package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.PhaseTrace;
import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.builtins.BuiltinRegistry;
import dev.ecsguard.rego.errors.RegoException;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compiles parsed modules into a {@link RuleTree} of resolved, slot-numbered, safety-ordered rules,
 * and queries against such a tree, as OPA's compiler does (v1/ast/compile.go): a list of named
 * stages run in order, the compile ending after the first stage that reports errors. The stages
 * carry OPA's names and keep OPA's order where it decides which error is reported; each is a class
 * of that name. Where one walk of ours does the work of several OPA stages (resolving a rule
 * rewrites its terms too), the class says which. A {@link StageListener} hears each stage end.
 */
public final class Compiler {
    /** A stage of the compiler: its OPA name and what it does. */
    private record Stage(String name, Consumer<Compilation> run) {}

    /** The stages of a module compile, in the order OPA runs them (those it has and we need). */
    private static final List<Stage> MODULE_STAGES = List.of(
            new Stage("CheckKeywordOverrides", CheckKeywordOverrides::run),
            new Stage("CheckDuplicateImports", CheckDuplicateImports::run),
            new Stage("SetAnnotationSet", c -> c.metadata = new Metadata(c.modules)),
            new Stage("SetRuleTree", SetRuleTree::run),
            new Stage("RewriteLocalVars", RewriteLocalVars::run),
            new Stage("CheckRuleConflicts", CheckRuleConflicts::run),
            new Stage("CheckUndefinedFuncs", CheckUndefinedFuncs::run),
            new Stage("CheckSafetyRuleHeads", CheckSafetyRuleHeads::run),
            new Stage("ResolveRefs", ResolveRefs::run),
            new Stage("RewriteWithValues", RewriteWithValues::checkPartialReplacements),
            new Stage("CheckSafetyRuleBodies", CheckSafetyRuleBodies::run),
            new Stage("CheckRecursion", CheckRecursion::run),
            new Stage("CheckTypes", TypeChecker::run),
            new Stage("CheckDeprecatedBuiltins", CheckDeprecatedBuiltins::run),
            new Stage("BuildRuleIndices", BuildRuleIndices::run));

    private final BuiltinRegistry builtins;
    /**
     * The start-up trace hears every stage through the same listener as {@link StageTimings}
     * (a mark {@code compile: STAGE}; nothing while the trace is off).
     */
    private static final StageListener PHASE_TRACE = stage -> {
        if (PhaseTrace.enabled()) PhaseTrace.mark("compile: " + stage);
    };

    private StageListener listener = PHASE_TRACE;

    public Compiler(BuiltinRegistry builtins) {
        this.builtins = builtins;
    }

    /** Hears the end of every stage of what this compiler compiles from now on. */
    public Compiler withStageListener(StageListener listener) {
        this.listener = listener == null ? PHASE_TRACE : listener.andThen(PHASE_TRACE);
        return this;
    }

    /** Compiles modules. @throws RegoException with the errors of the first stage that found any */
    public RuleTree compile(List<Module> modules) {
        Compilation c = new Compilation(builtins, new RuleTree(), modules, false);
        listener.compileStarted(false);
        run(MODULE_STAGES, "", c);
        return c.tree;
    }

    /**
     * Compiles a query against an already compiled tree (no package context, no imports), with the
     * stages of OPA's query compiler. @throws RegoException with the errors of the first stage that found any
     */
    public CompiledQuery compileQueryAgainst(RuleTree compiled, Body query) {
        Compilation c = new Compilation(builtins, compiled, List.of(), true);
        ResolveRefs.Query q = new ResolveRefs.Query(query);
        listener.compileStarted(true);
        run(List.of(
                new Stage("RewriteLocalVars", cc -> RewriteLocalVars.runQuery(cc, query)),
                new Stage("ResolveRefs", q::resolve),
                new Stage("RewriteWithValues", RewriteWithValues::checkPartialReplacements),
                new Stage("CheckUndefinedFuncs", CheckUndefinedFuncs::checkPending),
                new Stage("CheckSafety", cc -> CheckSafetyRuleBodies.runQuery(cc, q)),
                new Stage("CheckTypes", cc -> TypeChecker.runQuery(cc, q.body)),
                new Stage("CheckDeprecatedBuiltins", CheckDeprecatedBuiltins::run)), "query ", c);
        return q.compiled(c);
    }

    private void run(List<Stage> stages, String prefix, Compilation c) {
        for (Stage s : stages) {
            s.run().accept(c);
            listener.stageEnded(prefix + s.name());
            if (!c.errors.isEmpty()) throw new RegoException(c.errors);
        }
    }

    /** A compiled query. {@code bindings} maps user var names to slots, in name order. */
    public record CompiledQuery(Body body, int frameSize, Map<String, Integer> bindings,
                                IdentityHashMap<Object, Set<Integer>> closures) {}
}
