package dev.ecsguard.log;

import dev.ecsguard.config.Config.LogLevel;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON object per line: {@code time, level, message} and the line's fields. Decision lines
 * ({@link #decision}) are INFO for compliant and skipped, WARN for a violation, ERROR for an error;
 * the threshold ({@code LOG_LEVEL}) filters them like any other line. Writes to a sink (stdout in
 * the Lambda, where CloudWatch Logs reads it; a list in tests).
 */
public final class StructuredLog {
    private final LogLevel threshold;
    private final Consumer<String> sink;
    private final Clock clock;

    public StructuredLog(LogLevel threshold, Consumer<String> sink, Clock clock) {
        this.threshold = threshold;
        this.sink = sink;
        this.clock = clock;
    }

    /** Lines to standard output. */
    public static StructuredLog stdout(LogLevel threshold) {
        return new StructuredLog(threshold, line -> System.out.println(line), Clock.systemUTC());
    }

    /** Discards everything. */
    public static StructuredLog discard() {
        return new StructuredLog(LogLevel.ERROR, line -> { }, Clock.systemUTC());
    }

    public boolean enabled(LogLevel level) {
        return threshold.enables(level);
    }

    public void log(LogLevel level, String message, Map<String, ?> fields) {
        if (!enabled(level)) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("level", level.name());
        line.put("message", message);
        line.putAll(fields);
        sink.accept(JsonText.of(line));
    }

    public void info(String message, Map<String, ?> fields) {
        log(LogLevel.INFO, message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        log(LogLevel.WARN, message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        log(LogLevel.ERROR, message, fields);
    }

    /** A line written as it is, whatever the threshold: CloudWatch embedded metrics must never be filtered out. */
    public void raw(String line) {
        sink.accept(line);
    }

    /** The decision log line of one event. */
    public void decision(DecisionRecord record) {
        LogLevel level = switch (record.decision()) {
            case Decision.Violation v -> LogLevel.WARN;
            case Decision.Error e -> LogLevel.ERROR;
            default -> LogLevel.INFO;
        };
        log(level, "decision", DecisionJson.fields(record));
    }
}
