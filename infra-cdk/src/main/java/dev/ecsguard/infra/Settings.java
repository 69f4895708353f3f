package dev.ecsguard.infra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an operator chooses when deploying ecs-guard. The CDK app reads each from CDK context
 * ({@code cdk deploy -c Mode=enforce}); template.yaml declares the same names as CloudFormation
 * parameters with the same defaults, allowed values and descriptions (the parity test compares
 * them with {@link #DEFINITIONS}).
 *
 * <p>CDK resolves them at synth time rather than as CloudFormation parameters on purpose: the
 * function version that SnapStart snapshots and the alias point at is only republished when the
 * function's properties change in the template, so a parameter that CloudFormation substitutes at
 * deploy time (a {@code Ref}) would leave the alias on a version with the old environment. (SAM
 * resolves parameter values into its version hash itself.)
 */
public record Settings(Map<String, String> values) {
    /** One setting: its name (CDK context key and SAM parameter), default, and what values it takes. */
    public record Definition(String name, String defaultValue, String description, List<String> allowedValues,
            String allowedPattern, int maxLength) {
        public Definition {
            allowedValues = List.copyOf(allowedValues);
        }

        void check(String value) {
            if (maxLength > 0 && value.length() > maxLength) {
                throw new IllegalArgumentException(name + " is longer than " + maxLength + " characters");
            }
            if (!allowedValues.isEmpty() && !allowedValues.contains(value)) {
                throw new IllegalArgumentException(name + "=" + value + " is not one of " + String.join(", ", allowedValues));
            }
            if (allowedPattern != null && !Pattern.matches(allowedPattern, value)) {
                throw new IllegalArgumentException(name + "=" + value + " does not match " + allowedPattern);
            }
        }
    }

    static final String ALL_ACTIONS = "stop_task,scale_service,deregister_task_definition,block_deployment,alert";
    private static final String ACTION = "(stop_task|scale_service|deregister_task_definition|block_deployment|alert)";
    private static final String SSM_NAME = "/[A-Za-z0-9_.\\-/]*[A-Za-z0-9_.\\-]";
    private static final String NUMBER = "[1-9][0-9]*";

    /** Every setting, in the order template.yaml lists its parameters. */
    public static final List<Definition> DEFINITIONS = List.of(
            def("Mode", "dry-run", "dry-run reports the actions a violation requests; enforce carries them out"
                    + " (and grants the function the permissions to). Start with dry-run.", List.of("dry-run", "enforce"), null),
            def("Actions", ALL_ACTIONS, "Comma-separated actions ecs-guard may take when a policy requests them:"
                    + " stop_task, scale_service, deregister_task_definition, block_deployment, alert", List.of(),
                    "^" + ACTION + "(," + ACTION + ")*$", ALL_ACTIONS.length()),
            // 112, not more: the version description that holds every setting stays within Lambda's 256 characters.
            def("Clusters", "", "Comma-separated ECS cluster names in scope (* matches any characters); empty for every"
                    + " cluster. The function's ECS permissions are limited to them.", List.of(),
                    "^$|^[A-Za-z0-9_*-]+(,[A-Za-z0-9_*-]+)*$",
                    112),
            def("HookFailurePolicy", "ignore", "The deployment gate's answer when it cannot judge a deployment (an error):"
                    + " ignore lets it through, fail blocks it; both alert", List.of("ignore", "fail"), null),
            def("PolicyParameterName", "", "An existing SSM parameter (String or SecureString) holding one Rego module;"
                    + " leave PolicyParameterName and PolicyPath empty to install the starter policies", List.of(), "^$|^" + SSM_NAME + "$"),
            def("PolicyPath", "", "An existing SSM parameter path (no trailing slash) holding Rego modules and JSON data;"
                    + " leave PolicyParameterName and PolicyPath empty to install the starter policies", List.of(), "^$|^" + SSM_NAME + "$"),
            def("PolicyKmsKeyArn", "", "The customer managed KMS key of SecureString policy parameters; empty when they use"
                    + " the AWS managed key aws/ssm or are plain String", List.of(), "^$|^arn:[a-z-]+:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$"),
            def("PolicyQuery", "data.ecsguard.violations", "The Rego query whose value is the decision", List.of(), "^data(\\.[A-Za-z_][A-Za-z0-9_]*)+$"),
            def("InputMode", "full", "full: the ecs-guard input document; detail: the raw event detail (policies written for"
                    + " the original OPA Lambda sample)", List.of("full", "detail"), null),
            def("RegoVersion", "auto", "Rego syntax of the policy modules", List.of("auto", "v0", "v1"), null),
            def("LogLevel", "INFO", "Threshold of the function's JSON log", List.of("DEBUG", "INFO", "WARN", "ERROR"), null),
            def("AlertEmail", "", "An email address subscribed to the alert topic (confirm the subscription email); empty for none",
                    List.of(), "^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"),
            def("BreakerMaxRemediations", "10", "The circuit breaker turns enforcement into dry-run after this many"
                    + " remediations in BreakerWindowSeconds", List.of(), "^" + NUMBER + "$", 6),
            def("BreakerWindowSeconds", "900", "The circuit breaker's window, in seconds", List.of(), "^" + NUMBER + "$", 6),
            def("LedgerTtlDays", "30", "Days a remediation stays in the ledger (one task's many events cause one remediation)",
                    List.of(), "^" + NUMBER + "$", 4),
            def("DecisionBusName", "", "Name of an EventBridge bus the stack creates for decision events; empty for none",
                    List.of(), "^$|^[A-Za-z0-9._-]{1,256}$"),
            def("MemberRoleName", "ecs-guard-member", "Name of the role member.yaml creates in member accounts; the function"
                    + " may assume only roles of this name", List.of(), "^[A-Za-z0-9+=,.@_-]{1,64}$"),
            def("MemberAccountIds", "", "Comma-separated AWS account IDs allowed to forward ECS events to this account's"
                    + " default event bus; empty for none", List.of(), "^$|^[0-9]{12}(,[0-9]{12})*$"),
            def("OrganizationId", "", "An AWS Organizations ID (o-...) whose accounts may forward ECS events to this account's"
                    + " default event bus; empty for none", List.of(), "^$|^o-[a-z0-9]{10,32}$"),
            def("Runtime", "java25", "Lambda runtime. java25 keeps the full JIT with SnapStart; on java21 keep"
                    + " JavaToolOptions, or the JIT stops at C1 (about 4x the time per event)", List.of("java21", "java25"), null),
            def("JavaToolOptions", "-XX:+TieredCompilation -XX:TieredStopAtLevel=4", "JAVA_TOOL_OPTIONS of the function;"
                    + " the default lets the JIT reach C2 on java21 as well (a no-op on java25)", List.of(), null),
            def("MemorySize", "1024", "Function memory in MB (CPU grows with it)", List.of("512", "1024", "1769", "2048"), null),
            def("ReservedConcurrency", "10", "Concurrent executions reserved for (and limited to) the function", List.of(),
                    "^" + NUMBER + "$"),
            def("LogRetentionDays", "90", "Days the function's log is kept", List.of("1", "3", "5", "7", "14", "30", "60",
                    "90", "120", "150", "180", "365", "400", "545", "731", "1096", "1827", "2192", "2557", "2922", "3288", "3653"), null),
            def("Revision", "1", "Raise it to publish a new function version when only PolicyParameterName, PolicyPath,"
                    + " PolicyQuery, JavaToolOptions, MemberRoleName or DecisionBusName changed (other settings publish one"
                    + " themselves)", List.of(), "^[0-9]{1,4}$"));

    private static Definition def(String name, String dflt, String description, List<String> allowed, String pattern) {
        return new Definition(name, dflt, description, allowed, pattern, 0);
    }

    private static Definition def(String name, String dflt, String description, List<String> allowed, String pattern,
            int maxLength) {
        return new Definition(name, dflt, description, allowed, pattern, maxLength);
    }

    public Settings {
        values = Map.copyOf(values);
    }

    /**
     * The settings with {@code given} over the defaults.
     *
     * @throws IllegalArgumentException naming the setting, for an unknown name or a value it does not take
     */
    public static Settings of(Map<String, String> given) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Definition d : DEFINITIONS) {
            String value = given.getOrDefault(d.name(), d.defaultValue());
            d.check(value);
            v.put(d.name(), value);
        }
        List<String> unknown = new ArrayList<>(given.keySet());
        unknown.removeAll(v.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown setting(s) " + unknown + "; known: "
                    + DEFINITIONS.stream().map(Definition::name).toList());
        }
        if (!v.get("PolicyParameterName").isEmpty() && !v.get("PolicyPath").isEmpty()) {
            throw new IllegalArgumentException("PolicyParameterName and PolicyPath are both set: set one of them");
        }
        return new Settings(v);
    }

    public static Settings defaults() {
        return of(Map.of());
    }

    public String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no setting " + name);
        }
        return v;
    }

    public boolean enforce() {
        return get("Mode").equals("enforce");
    }

    /** A comma-separated setting as a list; empty for an empty value. */
    public List<String> list(String name) {
        String v = get(name);
        return v.isEmpty() ? List.of() : Arrays.asList(v.split(","));
    }

    public boolean starterPolicies() {
        return get("PolicyParameterName").isEmpty() && get("PolicyPath").isEmpty();
    }

    /**
     * The published function version's description: the settings whose change must publish a new
     * version (the version holds the environment), in at most 256 characters, Lambda's limit. SAM
     * publishes a version only when this (or the code) changes; template.yaml writes the same text
     * ({@code VersionDescription}), and the parity test compares them.
     */
    public String versionDescription() {
        return String.join(" ", "r" + get("Revision"), get("Mode"), get("Actions"), get("Runtime"), get("MemorySize"),
                get("LogLevel"), get("InputMode"), get("RegoVersion"), get("BreakerMaxRemediations"),
                get("BreakerWindowSeconds"), get("LedgerTtlDays"), get("HookFailurePolicy"), get("Clusters"));
    }

    /** {@link #versionDescription()} as CloudFormation {@code Fn::Sub} text over the parameters. */
    static final String VERSION_DESCRIPTION_SUB = "r${Revision} ${Mode} ${Actions} ${Runtime} ${MemorySize} ${LogLevel}"
            + " ${InputMode} ${RegoVersion} ${BreakerMaxRemediations} ${BreakerWindowSeconds} ${LedgerTtlDays} ${HookFailurePolicy}"
            + " ${Clusters}";

    public int number(String name) {
        return Integer.parseInt(get(name));
    }
}
