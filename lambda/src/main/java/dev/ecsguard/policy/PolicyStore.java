package dev.ecsguard.policy;

import dev.ecsguard.rego.PhaseTrace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The policy in force, kept current. {@link #refreshIfStale()} asks the source again once the TTL
 * has passed; {@link #refresh()} asks now (initialisation, after a SnapStart restore). Contents
 * with the hash of the version in force are not compiled again. A version that fails to load,
 * compile or pass its tests is rejected with an event to the listener, and the last good version
 * stays in force. Before any version has loaded, {@link #current()} is empty and
 * {@link #unavailableReason()} says why: decisions are then "error".
 */
public final class PolicyStore {
    /** What a refresh did, for the log. */
    public sealed interface RefreshEvent {
        record Loaded(ActivePolicy policy, String previousSha256) implements RefreshEvent {}

        record Unchanged(String sha256) implements RefreshEvent {}

        record Rejected(String reason, Optional<ActivePolicy> keptInForce) implements RefreshEvent {}
    }

    private final PolicySource source;
    private final PolicyCompiler compiler;
    private final Duration ttl;
    private final Clock clock;
    private final Consumer<RefreshEvent> listener;

    private volatile ActivePolicy current;
    private volatile String unavailableReason = "no policy loaded yet";
    private volatile Instant lastCheck;

    public PolicyStore(PolicySource source, PolicyCompiler compiler, Duration ttl, Clock clock, Consumer<RefreshEvent> listener) {
        this.source = source;
        this.compiler = compiler;
        this.ttl = ttl;
        this.clock = clock;
        this.listener = listener;
    }

    public Optional<ActivePolicy> current() {
        return Optional.ofNullable(current);
    }

    public String unavailableReason() {
        return unavailableReason;
    }

    public PolicySource source() {
        return source;
    }

    /** Refreshes when the TTL has passed since the last check (or nothing was ever checked). */
    public void refreshIfStale() {
        Instant last = lastCheck;
        if (last == null || !clock.instant().isBefore(last.plus(ttl))) {
            refresh();
        }
    }

    /** Reads the source now; compiles and verifies new contents; keeps the last good version on failure. */
    public synchronized RefreshEvent refresh() {
        lastCheck = clock.instant();
        RefreshEvent event;
        try {
            PolicyContents contents = source.load();
            PhaseTrace.mark("policy source read");
            String sha = contents.sha256();
            ActivePolicy inForce = current;
            if (inForce != null && inForce.sha256().equals(sha)) {
                event = new RefreshEvent.Unchanged(sha);
            } else {
                ActivePolicy next = compiler.compile(contents);
                current = next;
                unavailableReason = null;
                event = new RefreshEvent.Loaded(next, inForce == null ? null : inForce.sha256());
            }
        } catch (PolicyLoadException e) {
            if (current == null) {
                unavailableReason = "no policy in force: " + e.getMessage();
            }
            event = new RefreshEvent.Rejected(e.getMessage(), Optional.ofNullable(current));
        } catch (RuntimeException e) {
            if (current == null) {
                unavailableReason = "no policy in force: " + e;
            }
            event = new RefreshEvent.Rejected(String.valueOf(e), Optional.ofNullable(current));
        }
        listener.accept(event);
        return event;
    }
}
