package dev.ecsguard.policy;

import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionReader;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.value.Value;
import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.PreparedQuery;
import java.time.Instant;

/**
 * A policy version in force: compiled once, its decision query prepared once, immutable and
 * thread-safe.
 *
 * @param version the source's version label
 * @param sha256 hash of the contents ({@link PolicyContents#sha256()})
 * @param compiled the compiled modules and data
 * @param query the prepared decision query
 * @param selfTest what its own test_ rules said
 * @param loadedAt when it was compiled
 */
public record ActivePolicy(String version, String sha256, CompiledPolicy compiled, PreparedQuery query,
        PolicySelfTest.Outcome selfTest, Instant loadedAt) {

    /** The query text, e.g. {@code data.ecsguard.violations}. */
    public String queryText() {
        return query.source();
    }

    /**
     * Evaluates the query on an input document and reads the decision. Nothing escapes: an
     * evaluation that fails is {@link Decision.Error}, never a violation (nothing is remediated
     * on a decision that could not be made). The Lambda, replay and check all decide here.
     */
    public Decision decide(Value input, EvalOptions options) {
        try {
            return DecisionReader.read(query.eval(input, options), queryText());
        } catch (RegoException e) {
            return new Decision.Error("evaluation failed: " + String.valueOf(e.getMessage()).replace('\n', ' ').strip());
        } catch (StackOverflowError e) {
            return new Decision.Error("evaluation failed: nesting too deep (stack overflow)");
        } catch (RuntimeException e) {
            return new Decision.Error("evaluation failed: " + e);
        }
    }
}
