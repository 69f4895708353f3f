package dev.ecsguard.config;

import dev.ecsguard.decision.ActionKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a deployment lets ecs-guard do about a violation, and where the evidence goes. Read from
 * the environment with {@link Config}; every variable has a default that acts on nothing live
 * ({@code MODE} itself is {@link Config#mode()}).
 *
 * @param actions {@code ACTIONS}: the actions this deployment carries out (default all of {@link ActionKind})
 * @param clusters {@code CLUSTERS}: the clusters it may act in (default all)
 * @param ledgerTable {@code LEDGER_TABLE}: the DynamoDB table of claims and outcomes
 * @param ledgerTtl {@code LEDGER_TTL_DAYS}: how long a ledger item lives
 * @param alertTopicArn {@code ALERT_TOPIC_ARN}: the SNS topic of alerts; empty = no alerts
 * @param eventBusName {@code EVENT_BUS_NAME}: the EventBridge bus of decision events; empty = none
 * @param memberRoleName {@code MEMBER_ROLE_NAME}: the role assumed in another account; empty =
 *     events from other accounts are decided and alerted, never acted on
 * @param breakerMaxRemediations {@code BREAKER_MAX_REMEDIATIONS}: resources remediated per window
 * @param breakerWindow {@code BREAKER_WINDOW_SECONDS}: the breaker's sliding window
 * @param hookFailurePolicy {@code HOOK_FAILURE_POLICY}: the answer to a deployment lifecycle hook
 *     when no decision could be made
 */
public record EnforcementSettings(Set<ActionKind> actions, ClusterScope clusters, String ledgerTable, Duration ledgerTtl,
        Optional<String> alertTopicArn, Optional<String> eventBusName, Optional<String> memberRoleName,
        int breakerMaxRemediations, Duration breakerWindow, HookFailurePolicy hookFailurePolicy) {

    /**
     * What the deployment gate answers when it cannot decide (an {@code error} decision: the
     * service revision or task definition cannot be read, the policy fails...). The names
     * Kubernetes admission webhooks use for their {@code failurePolicy}.
     */
    public enum HookFailurePolicy {
        /** Let the deployment through (SUCCEEDED) and alert: an outage of ecs-guard never stops deployments. */
        IGNORE,
        /** Fail the deployment (FAILED) and alert: nothing is deployed that was not judged. */
        FAIL;

        public static HookFailurePolicy parse(String s) {
            return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "ignore" -> IGNORE;
                case "fail" -> FAIL;
                default -> throw new ConfigException("HOOK_FAILURE_POLICY=" + s + " is not one of ignore, fail");
            };
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final String DEFAULT_LEDGER_TABLE = "ecs-guard-ledger";
    public static final int DEFAULT_LEDGER_TTL_DAYS = 30;
    public static final int DEFAULT_BREAKER_MAX = 10;
    /** One BatchGetItem reads every breaker slot: DynamoDB's limit of 100 keys per call. */
    public static final int MAX_BREAKER_MAX = 100;
    public static final int DEFAULT_BREAKER_WINDOW_SECONDS = 900;

    public EnforcementSettings {
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        Objects.requireNonNull(clusters, "clusters");
        Objects.requireNonNull(ledgerTable, "ledgerTable");
        Objects.requireNonNull(ledgerTtl, "ledgerTtl");
        Objects.requireNonNull(alertTopicArn, "alertTopicArn");
        Objects.requireNonNull(eventBusName, "eventBusName");
        Objects.requireNonNull(memberRoleName, "memberRoleName");
        Objects.requireNonNull(hookFailurePolicy, "hookFailurePolicy");
    }

    public static EnforcementSettings defaults() {
        return new EnforcementSettings(EnumSet.allOf(ActionKind.class), ClusterScope.ALL, DEFAULT_LEDGER_TABLE,
                Duration.ofDays(DEFAULT_LEDGER_TTL_DAYS), Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_BREAKER_MAX, Duration.ofSeconds(DEFAULT_BREAKER_WINDOW_SECONDS), HookFailurePolicy.IGNORE);
    }

    static EnforcementSettings fromEnvironment(Config.Env env) {
        Set<ActionKind> actions = env.text("ACTIONS").map(EnforcementSettings::actions).orElse(EnumSet.allOf(ActionKind.class));
        ClusterScope clusters = env.text("CLUSTERS").map(v -> new ClusterScope(list(v))).orElse(ClusterScope.ALL);
        String table = env.text("LEDGER_TABLE").orElse(DEFAULT_LEDGER_TABLE);
        Duration ttl = Duration.ofDays(env.number("LEDGER_TTL_DAYS", DEFAULT_LEDGER_TTL_DAYS, 1, 3650));
        Optional<String> topic = env.text("ALERT_TOPIC_ARN");
        if (topic.isPresent() && !topic.get().startsWith("arn:")) {
            throw new ConfigException("ALERT_TOPIC_ARN=" + topic.get() + " is not an SNS topic ARN");
        }
        Optional<String> bus = env.text("EVENT_BUS_NAME");
        Optional<String> role = env.text("MEMBER_ROLE_NAME");
        if (role.isPresent() && (role.get().startsWith("arn:") || role.get().contains(":"))) {
            throw new ConfigException("MEMBER_ROLE_NAME=" + role.get()
                    + " must be a role name (with its path, if any), not an ARN: the account comes from each event");
        }
        int max = (int) env.number("BREAKER_MAX_REMEDIATIONS", DEFAULT_BREAKER_MAX, 1, MAX_BREAKER_MAX);
        Duration window = Duration.ofSeconds(env.number("BREAKER_WINDOW_SECONDS", DEFAULT_BREAKER_WINDOW_SECONDS, 1, 86_400));
        HookFailurePolicy hookFailure = env.text("HOOK_FAILURE_POLICY").map(HookFailurePolicy::parse).orElse(HookFailurePolicy.IGNORE);
        return new EnforcementSettings(actions, clusters, table, ttl, topic, bus, role, max, window, hookFailure);
    }

    private static Set<ActionKind> actions(String value) {
        Set<ActionKind> out = EnumSet.noneOf(ActionKind.class);
        for (String item : list(value)) {
            if (item.equalsIgnoreCase("none")) {
                continue;
            }
            out.add(ActionKind.of(item).orElseThrow(() -> new ConfigException("ACTIONS: " + item
                    + " is not one of " + ActionKind.labels() + " (or none)")));
        }
        return out;
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    public boolean allows(ActionKind kind) {
        return actions.contains(kind);
    }

    /** ACTIONS as written in the environment, in the order actions are carried out. */
    public String actionsLabel() {
        if (actions.isEmpty()) {
            return "none";
        }
        return String.join(",", EnumSet.copyOf(actions).stream().map(ActionKind::label).toList());
    }
}
