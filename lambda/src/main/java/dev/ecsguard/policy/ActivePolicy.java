package dev.ecsguard.policy;

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
}
