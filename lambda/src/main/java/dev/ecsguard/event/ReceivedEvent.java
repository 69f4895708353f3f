package dev.ecsguard.event;

/**
 * One event found in an invocation payload or a replayed file, classified: evaluate it, skip it
 * (a valid event ecs-guard does not act on), or report it as unreadable. Never an exception.
 */
public sealed interface ReceivedEvent {
    /**
     * Where in the payload the event was: "" for the payload itself, {@code Records[2]},
     * {@code Message}, {@code Records[0].body > Message}.
     */
    String origin();

    /** An event to evaluate. */
    record Accepted(String origin, EcsEvent event) implements ReceivedEvent {}

    /**
     * A well-formed event that is not evaluated (another detail-type, a failed API call, another
     * service's CloudTrail record).
     *
     * @param eventId may be null
     * @param trigger the trigger label when known (a failed RunTask is still {@code run_task}), or null
     * @param resource may be null
     */
    record Ignored(String origin, String eventId, String trigger, String resource, String reason) implements ReceivedEvent {}

    /** Input that cannot be read as an event: malformed JSON, a missing detail... */
    record Unreadable(String origin, String eventId, String trigger, String reason) implements ReceivedEvent {}
}
