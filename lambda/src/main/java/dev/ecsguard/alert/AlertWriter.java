package dev.ecsguard.alert;

import dev.ecsguard.check.Severity;
import dev.ecsguard.decision.ActionKind;
import dev.ecsguard.decision.ActionTaken;
import dev.ecsguard.decision.ActionTaken.Outcome;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.decision.Finding;
import dev.ecsguard.enforce.Subject;
import dev.ecsguard.log.DecisionJson;
import dev.ecsguard.log.JsonText;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the alert of a decision: a subject a person understands
 * ({@code ecs-guard: stopped task 4d6f8a0c in prod: ECS_PRIVILEGED}), an email text (what was
 * found, in which container, what was done or would have been done, how to restore, the exemption
 * to add) and the decision record as JSON for SIEMs, with message attributes to route on.
 * Dry-run alerts say "would have".
 */
public final class AlertWriter {
    /** SNS: subjects must be ASCII, one line, under 100 characters. */
    static final int MAX_SUBJECT = 99;
    /** SNS messages are at most 256 KB; the JSON appears four times beside the email text. */
    static final int MAX_JSON_CHARS = 48_000;

    private AlertWriter() {}

    /** The alert of a decision: a violation, or a deployment hook that could not be decided. */
    public static Alert of(DecisionRecord record, Subject subject, String mode) {
        return record.decision() instanceof dev.ecsguard.decision.Decision.Error
                ? undecidedDeployment(record, subject, mode)
                : violation(record, subject, mode);
    }

    /**
     * The alert of a deployment the gate could not judge (decision {@code error}): what went
     * wrong, and what HOOK_FAILURE_POLICY made of it (blocked, or let through).
     */
    static Alert undecidedDeployment(DecisionRecord record, Subject subject, String mode) {
        ActionTaken block = record.actionsTaken().stream().filter(a -> a.action() == ActionKind.BLOCK_DEPLOYMENT).findFirst().orElse(null);
        boolean blocked = block != null && (block.outcome() == Outcome.DONE || block.outcome() == Outcome.DUPLICATE);
        String answer = blocked ? "blocked"
                : block != null && block.outcome() == Outcome.DRY_RUN ? "would have blocked" : "let through";
        String what = "deployment of " + describe(subject, record.resource());
        String headline = "could not judge " + what + ": " + answer;
        StringBuilder e = new StringBuilder(1024);
        e.append("ecs-guard could not judge the ").append(what).append(": ").append(answer)
                .append(block != null && block.outcome() == Outcome.DRY_RUN ? " (dry-run)" : "").append(".\n");
        e.append("Account ").append(nz(subject.account())).append(", region ").append(nz(subject.region()))
                .append(", hook execution ").append(nz(record.eventId())).append(" (").append(nz(record.trigger())).append(").\n\n");
        e.append("Why no decision could be made\n  ").append(nz(record.reason())).append("\n\n");
        e.append("What ecs-guard did\n");
        for (ActionTaken a : record.actionsTaken()) {
            e.append("  ").append(a.action().label()).append(' ').append(nz(a.resource())).append(": ")
                    .append(phrase(a.outcome())).append(a.detail() == null ? "" : " (" + a.detail() + ")").append('\n');
        }
        e.append("  answer to ECS: ").append(blocked ? "FAILED (ECS rolls the deployment back)" : "SUCCEEDED (the deployment goes on)")
                .append("\n\nWhat to do\n")
                .append("  Fix what the reason names (the function's IAM permissions ecs:DescribeServiceRevisions and\n")
                .append("  ecs:DescribeTaskDefinition, the policy in SSM, the task definition) and deploy again.\n")
                .append("  HOOK_FAILURE_POLICY=ignore lets deployments that cannot be judged through; fail blocks them.\n");
        e.append("\nPolicy ").append(record.policy() == null ? "(none)" : record.policy().version() + " (sha256 " + record.policy().sha256() + ")")
                .append(", input sha256 ").append(nz(record.inputDigest())).append(".\n");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("summary", headline);
        json.putAll(DecisionJson.fields(record));
        json.remove("timings_us");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("severity", "high");
        attributes.put("rule", "none");
        attributes.put("action", blocked ? ActionKind.BLOCK_DEPLOYMENT.label() : ActionKind.ALERT.label());
        attributes.put("account", subject.account() == null ? "unknown" : subject.account());
        attributes.put("mode", mode);
        attributes.put("decision", record.decision().label());
        return new Alert(subjectLine("ecs-guard: " + headline), e.toString(), fit(json), attributes);
    }

    /**
     * The alert of a violation.
     *
     * @param record the decision, with the outcomes of the actions taken before the alert
     * @param mode {@code enforce} when an action was carried out (or tried), {@code dry-run} otherwise
     */
    public static Alert violation(DecisionRecord record, Subject subject, String mode) {
        List<Finding> findings = new ArrayList<>(record.findings());
        findings.sort(Comparator.comparingInt(f -> Severity.of(f.severity()).ordinal()));
        Finding worst = findings.isEmpty() ? null : findings.get(0);
        ActionTaken primary = primary(record.actionsTaken());
        String rules = rules(findings);
        String headline = headline(primary, subject, record.resource());
        String subjectLine = subjectLine("ecs-guard: " + headline + ": " + rules);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("summary", headline + ": " + rules);
        json.putAll(DecisionJson.fields(record));
        json.remove("timings_us");
        String jsonText = fit(json);

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("severity", worst == null || worst.severity() == null ? "unknown" : worst.severity());
        attributes.put("rule", worst == null || worst.rule() == null ? "unknown" : worst.rule());
        attributes.put("action", primary == null ? ActionKind.ALERT.label() : primary.action().label());
        attributes.put("account", subject.account() == null ? "unknown" : subject.account());
        attributes.put("mode", mode);
        attributes.put("decision", record.decision().label());
        return new Alert(subjectLine, email(record, subject, headline, findings, mode), jsonText, attributes);
    }

    /** The one alert that says the circuit breaker opened. */
    public static Alert breakerOpened(DecisionRecord record, Subject subject, int max, Duration window, Instant roomAt) {
        String headline = "circuit breaker open: " + max + " resources remediated in " + window.toSeconds() + " s";
        StringBuilder e = new StringBuilder();
        e.append("ecs-guard's circuit breaker opened: ").append(max).append(" resources were remediated within the last ")
                .append(window.toSeconds()).append(" seconds (BREAKER_MAX_REMEDIATIONS / BREAKER_WINDOW_SECONDS).\n\n")
                .append("Until the window has room again (at ").append(roomAt.truncatedTo(ChronoUnit.SECONDS))
                .append("), every further violation is handled as dry-run: alerted, not acted on.\n")
                .append("This alert is sent once per opening.\n\n")
                .append("The violation that found it open: ").append(record.resource()).append(" (event ")
                .append(record.eventId()).append(", rules ").append(rules(record.findings())).append(").\n\n")
                .append("If a policy change caused this, fix or roll back the policy; remediated services can be put back with\n")
                .append("  ecs-guard restore SERVICE_ARN...\n");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("summary", headline);
        json.put("breaker", Map.of("max_remediations", max, "window_seconds", window.toSeconds(),
                "room_at", roomAt.truncatedTo(ChronoUnit.SECONDS).toString()));
        json.put("event_id", record.eventId());
        json.put("resource", record.resource());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("severity", "critical");
        attributes.put("rule", record.findings().isEmpty() || record.findings().get(0).rule() == null ? "unknown"
                : record.findings().get(0).rule());
        attributes.put("action", "circuit_breaker");
        attributes.put("account", subject.account() == null ? "unknown" : subject.account());
        attributes.put("mode", "dry-run");
        attributes.put("decision", record.decision().label());
        return new Alert(subjectLine("ecs-guard: " + headline), e.toString(), JsonText.of(json), attributes);
    }

    /** The action the subject names: the first attempted remediation, else the first that would have run. */
    static ActionTaken primary(List<ActionTaken> taken) {
        ActionTaken best = null;
        for (ActionKind kind : List.of(ActionKind.BLOCK_DEPLOYMENT, ActionKind.STOP_TASK, ActionKind.SCALE_SERVICE,
                ActionKind.DEREGISTER_TASK_DEFINITION)) {
            for (ActionTaken a : taken) {
                if (a.action() != kind) {
                    continue;
                }
                if (a.outcome().attempted()) {
                    return a;
                }
                if (best == null && (a.outcome() == Outcome.DRY_RUN || a.outcome() == Outcome.BREAKER_OPEN)) {
                    best = a;
                }
            }
        }
        return best;
    }

    static String headline(ActionTaken primary, Subject s, String resource) {
        String what = switch (primary == null ? ActionKind.ALERT : primary.action()) {
            case STOP_TASK -> "task " + shortTask(primary.resource()) + in(s);
            case SCALE_SERVICE -> "service " + last(primary.resource()) + in(s) + " to 0";
            case DEREGISTER_TASK_DEFINITION -> "task definition " + last(primary.resource()).replace("task-definition/", "");
            case BLOCK_DEPLOYMENT -> "deployment of " + describe(s, resource);
            default -> describe(s, resource);
        };
        if (primary == null) {
            return "violation in " + what;
        }
        String verb = switch (primary.action()) {
            case STOP_TASK -> "stop";
            case SCALE_SERVICE -> "scale";
            case DEREGISTER_TASK_DEFINITION -> "deregister";
            case BLOCK_DEPLOYMENT -> "block";
            default -> "alert";
        };
        return switch (primary.outcome()) {
            case DONE -> past(verb) + " " + what;
            case FAILED -> "FAILED to " + verb + " " + what;
            case BREAKER_OPEN -> "would have " + past(verb) + " " + what + " (breaker open)";
            default -> "would have " + past(verb) + " " + what;
        };
    }

    private static String past(String verb) {
        return switch (verb) {
            case "stop" -> "stopped";
            case "scale" -> "scaled";
            case "deregister" -> "deregistered";
            case "block" -> "blocked";
            default -> verb + "ed";
        };
    }

    private static String describe(Subject s, String resource) {
        if (s.task() != null) {
            return "task " + shortTask(s.task().arn()) + in(s);
        }
        if (s.service() != null) {
            return "service " + s.service().name() + in(s);
        }
        if (s.taskDefinitionArn() != null) {
            return "task definition " + last(s.taskDefinitionArn());
        }
        return resource == null ? "an unnamed resource" : last(resource);
    }

    private static String in(Subject s) {
        String c = s.clusterName();
        return c == null ? "" : " in " + c;
    }

    private static String shortTask(String arn) {
        String id = last(arn);
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String last(String arn) {
        if (arn == null) {
            return "?";
        }
        int i = arn.lastIndexOf('/');
        return i >= 0 ? arn.substring(i + 1) : arn;
    }

    /** The rule ids, most severe first: {@code ECS_PRIVILEGED +2}. */
    static String rules(List<Finding> findings) {
        List<String> ids = new ArrayList<>();
        for (Finding f : findings) {
            String id = f.rule() != null ? f.rule() : "policy violation";
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return "policy violation";
        }
        return ids.size() == 1 ? ids.get(0) : ids.get(0) + " +" + (ids.size() - 1);
    }

    /** ASCII, one line, under 100 characters. */
    static String subjectLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : c == '\n' || c == '\r' || c == '\t' ? ' ' : '?');
        }
        String s = b.toString().strip();
        return s.length() <= MAX_SUBJECT ? s : s.substring(0, MAX_SUBJECT - 3) + "...";
    }

    private static String email(DecisionRecord r, Subject s, String headline, List<Finding> findings, String mode) {
        boolean dryRun = "dry-run".equals(mode);
        StringBuilder e = new StringBuilder(2048);
        e.append("ecs-guard ").append(headline).append('.').append('\n');
        e.append("Account ").append(nz(s.account())).append(", region ").append(nz(s.region()))
                .append(", event ").append(nz(r.eventId())).append(" (").append(nz(r.trigger())).append(").\n\n");
        e.append("What was found\n");
        for (Finding f : findings) {
            e.append("  [").append(f.severity() == null ? "unknown" : f.severity()).append("] ")
                    .append(f.rule() == null ? "(no rule id)" : f.rule()).append(": ").append(f.msg()).append('\n');
            Object container = f.details().get("container");
            if (container != null) {
                e.append("      container: ").append(container).append('\n');
            }
        }
        e.append('\n').append(dryRun ? "What ecs-guard would have done (dry-run: nothing was changed)\n" : "What ecs-guard did\n");
        if (r.actionsTaken().isEmpty()) {
            e.append("  nothing: the violations request no action but this alert\n");
        }
        for (ActionTaken a : r.actionsTaken()) {
            e.append("  ").append(a.action().label()).append(' ').append(nz(a.resource())).append(": ")
                    .append(phrase(a.outcome())).append(a.detail() == null ? "" : " (" + a.detail() + ")").append('\n');
        }
        List<String> restorable = r.actionsTaken().stream()
                .filter(a -> a.action() == ActionKind.SCALE_SERVICE && a.outcome().attempted()).map(ActionTaken::resource).toList();
        boolean deregistered = r.actionsTaken().stream()
                .anyMatch(a -> a.action() == ActionKind.DEREGISTER_TASK_DEFINITION && a.outcome() == Outcome.DONE);
        e.append("\nHow to restore\n");
        if ("deployment".equals(r.trigger())) {
            e.append(dryRun ? "  nothing to restore: the deployment went on (dry-run).\n"
                    : "  nothing to restore: a blocked deployment is rolled back by ECS to the service's previous revision\n"
                            + "  before a task of it starts, and nothing that was running is changed. Fix the task definition and\n"
                            + "  deploy again, or exempt it (below).\n");
        } else if (restorable.isEmpty() && !deregistered) {
            e.append("  nothing to restore: no service was scaled and no revision deregistered.\n");
        }
        for (String svc : restorable) {
            e.append("  ecs-guard restore ").append(svc).append('\n')
                    .append("  (or invoke the function with {\"restore\": [\"").append(svc).append("\"]}): puts back the desired count")
                    .append(" and the auto scaling state recorded before.\n");
        }
        if (deregistered) {
            e.append("  A deregistered task definition revision cannot be re-activated: register it again (a new revision).\n");
        }
        e.append("\nTo exempt it, add to data.ecsguard.config.exemptions (policies/data/config.json):\n");
        String exemptResource = s.taskDefinitionArn() != null
                ? s.taskDefinitionArn().substring(0, s.taskDefinitionArn().lastIndexOf(':') + 1) + "*"
                : r.resource();
        for (String rule : findings.stream().map(Finding::rule).filter(x -> x != null).distinct().toList()) {
            e.append("  ").append(JsonText.of(exemption(rule, exemptResource))).append('\n');
        }
        e.append("\nPolicy ").append(r.policy() == null ? "(none)" : r.policy().version() + " (sha256 " + r.policy().sha256() + ")")
                .append(", input sha256 ").append(nz(r.inputDigest())).append(".\n");
        return e.toString();
    }

    private static Map<String, Object> exemption(String rule, String resource) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", rule);
        m.put("resource", resource);
        m.put("owner", "TEAM@example.com");
        m.put("reason", "WHY, and the ticket that removes it");
        m.put("expires", "YYYY-MM-DDT00:00:00Z");
        return m;
    }

    private static String phrase(Outcome o) {
        return switch (o) {
            case DONE -> "done";
            case DRY_RUN -> "would have been done (dry-run)";
            case DUPLICATE -> "already done for an earlier event";
            case FAILED -> "FAILED";
            case BREAKER_OPEN -> "not done: circuit breaker open (would have been done)";
            case NOT_ALLOWED -> "not allowed";
            case NOT_APPLICABLE -> "not applicable";
        };
    }

    private static String nz(String s) {
        return s == null ? "unknown" : s;
    }

    /** The record's JSON, trimmed to the first violations when it would not fit an SNS message four times. */
    private static String fit(Map<String, Object> json) {
        String text = JsonText.of(json);
        if (text.length() <= MAX_JSON_CHARS) {
            return text;
        }
        Object v = json.get("violations");
        if (v instanceof List<?> list && list.size() > 5) {
            json.put("violations", list.subList(0, 5));
            json.put("violations_omitted", list.size() - 5);
            text = JsonText.of(json);
        }
        return text;
    }
}
