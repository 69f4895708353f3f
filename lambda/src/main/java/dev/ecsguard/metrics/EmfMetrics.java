package dev.ecsguard.metrics;

import dev.ecsguard.decision.ActionTaken;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.decision.Finding;
import dev.ecsguard.decision.HookStatus;
import dev.ecsguard.log.JsonText;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Metrics in CloudWatch Embedded Metric Format: JSON lines on the log stream that CloudWatch turns
 * into metrics of namespace {@value #NAMESPACE}, with no PutMetricData call. Collected during an
 * invocation and written by {@link #flush}, one line per metric and dimension values:
 *
 * <ul>
 *   <li>{@code Decisions} (Count) by {@code Outcome} (compliant, violation, skipped, error);
 *   <li>{@code Violations} (Count) by {@code Rule} and {@code Severity};
 *   <li>{@code Actions} (Count) by {@code Action} and {@code Outcome} (done, dry_run, duplicate, ...);
 *   <li>{@code Errors} (Count), no dimensions: error decisions, failed actions, evidence not delivered;
 *   <li>{@code BreakerOpened} (Count), no dimensions: the circuit breaker opened (one per opening);
 *   <li>{@code BreakerHeld} (Count), no dimensions: decisions handled as dry-run because it was open;
 *   <li>{@code EvaluationTime} (Milliseconds), no dimensions: policy evaluation per event;
 *   <li>{@code DeploymentAnswers} (Count) by {@code HookStatus} (SUCCEEDED, FAILED): the deployment gate's answers.
 * </ul>
 */
public final class EmfMetrics {
    public static final String NAMESPACE = "ecs-guard";

    /** One metric line: its dimensions (name to value, sorted) and values per metric name. */
    private record Key(String metric, String unit, Map<String, String> dimensions) {}

    private final Clock clock;
    private final Map<Key, List<Double>> values = new LinkedHashMap<>();

    public EmfMetrics(Clock clock) {
        this.clock = clock;
    }

    public synchronized void add(String metric, String unit, Map<String, String> dimensions, double value) {
        Key key = new Key(metric, unit, new TreeMap<>(dimensions));
        List<Double> list = values.computeIfAbsent(key, k -> new ArrayList<>());
        if (unit.equals("Count") && !list.isEmpty()) {
            list.set(0, list.get(0) + value);  // counts add up; timings stay one value each
        } else {
            list.add(value);
        }
    }

    public void count(String metric, Map<String, String> dimensions) {
        add(metric, "Count", dimensions, 1);
    }

    /** Everything one decision record says. */
    public void decision(DecisionRecord r) {
        count("Decisions", Map.of("Outcome", r.decision().label()));
        if (r.decision() instanceof Decision.Error) {
            count("Errors", Map.of());
        }
        for (Finding f : r.findings()) {
            count("Violations", Map.of("Rule", f.rule() == null ? "unknown" : f.rule(),
                    "Severity", f.severity() == null ? "unknown" : f.severity()));
        }
        for (ActionTaken a : r.actionsTaken()) {
            count("Actions", Map.of("Action", a.action().label(), "Outcome", a.outcome().label()));
            if (a.outcome() == ActionTaken.Outcome.FAILED) {
                count("Errors", Map.of());
            }
        }
        HookStatus.of(r).ifPresent(h -> count("DeploymentAnswers", Map.of("HookStatus", h.name())));
        if (r.timings() != null && r.trigger() != null && !(r.decision() instanceof Decision.Skipped)) {
            add("EvaluationTime", "Milliseconds", Map.of(), r.timings().evalMicros() / 1000.0);
        }
    }

    /** Writes one EMF line per metric and dimension values, then forgets them. */
    public synchronized void flush(Consumer<String> sink) {
        long now = clock.millis();
        for (Map.Entry<Key, List<Double>> e : values.entrySet()) {
            Key k = e.getKey();
            Map<String, Object> metric = new LinkedHashMap<>();
            metric.put("Name", k.metric());
            metric.put("Unit", k.unit());
            Map<String, Object> directive = new LinkedHashMap<>();
            directive.put("Namespace", NAMESPACE);
            directive.put("Dimensions", List.of(List.copyOf(k.dimensions().keySet())));
            directive.put("Metrics", List.of(metric));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("_aws", Map.of("Timestamp", now, "CloudWatchMetrics", List.of(directive)));
            line.putAll(k.dimensions());
            List<Double> v = e.getValue();
            line.put(k.metric(), v.size() == 1 ? number(v.get(0)) : v.stream().map(EmfMetrics::number).toList());
            sink.accept(JsonText.of(line));
        }
        values.clear();
    }

    private static Object number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }
}
