package dev.ecsguard.check;

import dev.ecsguard.config.Config;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionReader;
import dev.ecsguard.input.InputDocument;
import dev.ecsguard.policy.ActivePolicy;
import dev.ecsguard.policy.DirectoryPolicySource;
import dev.ecsguard.policy.PolicyCompiler;
import dev.ecsguard.policy.PolicySelfTest;
import dev.ecsguard.policy.PolicySelfTests;
import dev.ecsguard.policy.PolicyStore;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.parsecache.ParsedModuleCache;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The policies, loaded as the Lambda and {@code replay} load a directory
 * ({@link DirectoryPolicySource}, {@link PolicyCompiler}, {@link PolicyStore}: every {@code *.rego}
 * a module, every {@code *.json} a data document, Rego version detected per module, its own
 * {@code test_} rules run as the Lambda's gate unless skipped), and an
 * input document evaluated with the Lambda's default limits and read by {@link DecisionReader}.
 */
public final class PolicyRunner {
    private final ActivePolicy policy;
    private final EvalOptions options;

    private PolicyRunner(ActivePolicy policy, EvalOptions options) {
        this.policy = policy;
        this.options = options;
    }

    /**
     * Loads and compiles the policies at {@code paths} for {@code query}.
     *
     * @throws PolicyException when they cannot be read or do not compile (the message says why)
     */
    public static PolicyRunner load(List<Path> paths, String query) throws PolicyException {
        return load(paths, query, PolicySelfTests.standard());
    }

    /**
     * As {@link #load(List, String)}, with the gate the policy's own {@code test_} rules must pass
     * ({@link PolicySelfTest#NOT_RUN} to skip them).
     */
    public static PolicyRunner load(List<Path> paths, String query, PolicySelfTest selfTest) throws PolicyException {
        return load(paths, query, selfTest, null);
    }

    /** As {@link #load(List, String, PolicySelfTest)}, parsing modules through {@code parseCache} (null: none). */
    public static PolicyRunner load(List<Path> paths, String query, PolicySelfTest selfTest,
                                    ParsedModuleCache parseCache) throws PolicyException {
        Config config = Config.defaults().withPolicyQuery(query);
        PolicyStore store = new PolicyStore(new DirectoryPolicySource(paths),
                new PolicyCompiler(config.policyQuery(), null, selfTest, Clock.systemUTC()).withParseCache(parseCache),
                config.policyTtl(), Clock.systemUTC(), event -> { });
        if (store.refresh() instanceof PolicyStore.RefreshEvent.Rejected r) {
            throw new PolicyException(r.reason());
        }
        ActivePolicy active = store.current().orElseThrow(() -> new PolicyException(store.unavailableReason()));
        EvalOptions options = EvalOptions.DEFAULT.withLimits(config.evalMaxSteps(), config.evalTimeout(),
                EvalOptions.DEFAULT.maxDepth());
        return new PolicyRunner(active, options);
    }

    public ActivePolicy policy() {
        return policy;
    }

    /** The decision on {@code input}; an input with missing data, or an evaluation that fails, is an error. */
    public Decision evaluate(InputDocument input) {
        if (input.missing().isPresent()) {
            return new Decision.Error("missing data: " + input.missing().get());
        }
        return policy.decide(input.value(), options);
    }

    /** The policies could not be loaded or compiled. */
    public static final class PolicyException extends Exception {
        public PolicyException(String message) {
            super(message);
        }
    }
}
