package dev.ecsguard.infra;

import dev.ecsguard.event.HandledEvents;
import dev.ecsguard.policy.PolicyBundle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.events.CfnEventBus;
import software.amazon.awscdk.services.events.CfnEventBusPolicy;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.FromRoleArnOptions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.CfnAlias;
import software.amazon.awscdk.services.kms.CfnKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.CfnEventInvokeConfig;
import software.amazon.awscdk.services.lambda.CfnPermission;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Version;
import software.amazon.awscdk.services.lambda.VersionOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.sns.CfnSubscription;
import software.amazon.awscdk.services.sns.CfnTopic;
import software.amazon.awscdk.services.sqs.CfnQueue;
import software.amazon.awscdk.services.sqs.CfnQueuePolicy;
import software.amazon.awscdk.services.ssm.CfnParameter;
import software.constructs.Construct;

/**
 * The ecs-guard stack: the SnapStart enforcement function behind an alias, the two EventBridge
 * rules that feed it, its least-privilege role, the role ECS assumes to invoke it as a deployment
 * lifecycle hook (the deployment gate), the policies in SSM, the alert topic with its KMS key, the
 * dead-letter queue, the ledger, the optional decision bus, the alarms and the organisation's bus
 * policy. template.yaml declares the same resources under the same logical IDs
 * (infra-cdk's parity test compares the two).
 *
 * <p>Settings are resolved at synth time ({@link Settings}); every IAM statement below lists its
 * actions and resources exactly, and the README's IAM table explains each.
 */
public final class EcsGuardStack extends Stack {
    public static final String HANDLER = "dev.ecsguard.handler.EnforcementHandler::handleRequest";
    public static final String ALIAS = "live";
    public static final int TIMEOUT_SECONDS = 30;
    /** EventBridge events are at most 256 KB: a larger payload is not an event. */
    public static final int MAX_EVENT_BYTES = 262_144;
    public static final int POLICY_TTL_SECONDS = 60;
    public static final int EVAL_TIMEOUT_MS = 2_000;
    public static final long EVAL_MAX_STEPS = 5_000_000L;
    /** EventBridge retries a delivery it could not make (service throttling, a KMS or permission problem). */
    public static final int RULE_RETRY_ATTEMPTS = 10;
    /** An event older than an hour goes to the dead-letter queue rather than being acted on late. */
    public static final int MAX_EVENT_AGE_SECONDS = 3_600;
    /** Lambda's own retries of an invocation that failed (timeout, out of memory, init failure). */
    public static final int ASYNC_RETRY_ATTEMPTS = 2;
    public static final int DLQ_RETENTION_SECONDS = 1_209_600;
    public static final String METRICS_NAMESPACE = "ecs-guard";

    private final Settings settings;

    public EcsGuardStack(Construct scope, String id, StackProps props, Settings settings, Code code,
            List<PolicyBundle.Entry> starterPolicies) {
        super(scope, id, props);
        this.settings = settings;

        CfnKey key = key();
        CfnTopic topic = new CfnTopic(this, "AlertTopic", software.amazon.awscdk.services.sns.CfnTopicProps.builder()
                .displayName("ecs-guard alerts").kmsMasterKeyId(key.getRef()).build());
        if (!settings.get("AlertEmail").isEmpty()) {
            new CfnSubscription(this, "AlertEmailSubscription", software.amazon.awscdk.services.sns.CfnSubscriptionProps.builder()
                    .topicArn(topic.getRef()).protocol("email").endpoint(settings.get("AlertEmail")).build());
        }
        CfnQueue dlq = new CfnQueue(this, "DeadLetterQueue", software.amazon.awscdk.services.sqs.CfnQueueProps.builder()
                .kmsMasterKeyId(key.getRef()).messageRetentionPeriod(DLQ_RETENTION_SECONDS).build());
        CfnTable ledger = ledger();
        CfnEventBus decisionBus = settings.get("DecisionBusName").isEmpty() ? null
                : new CfnEventBus(this, "DecisionBus", software.amazon.awscdk.services.events.CfnEventBusProps.builder()
                        .name(settings.get("DecisionBusName")).build());

        // Kept when the stack is removed: the decision log is evidence.
        CfnLogGroup logGroup = new CfnLogGroup(this, "FunctionLogGroup", software.amazon.awscdk.services.logs.CfnLogGroupProps.builder()
                .retentionInDays(settings.number("LogRetentionDays")).build());
        logGroup.applyRemovalPolicy(RemovalPolicy.RETAIN);

        CfnRole role = new CfnRole(this, "FunctionRole", software.amazon.awscdk.services.iam.CfnRoleProps.builder()
                .description("ecs-guard enforcement function")
                .assumeRolePolicyDocument(Iam.document(List.of(Iam.trust("lambda.amazonaws.com"))))
                .policies(List.of(CfnRole.PolicyProperty.builder().policyName("ecs-guard")
                        .policyDocument(Iam.document(new FunctionPermissions(settings).statements(
                                logGroup.getAttrArn(), topic.getRef(), key.getAttrArn(), dlq.getAttrArn(),
                                ledger.getAttrArn(), decisionBus == null ? null : decisionBus.getAttrArn()))).build()))
                .build());

        Function function = Function.Builder.create(this, "Function")
                .description("ecs-guard: enforces compliance policies on Amazon ECS")
                .runtime(runtime(settings.get("Runtime")))
                .handler(HANDLER)
                .code(code)
                .memorySize(settings.number("MemorySize"))
                .timeout(Duration.seconds(TIMEOUT_SECONDS))
                .reservedConcurrentExecutions(settings.number("ReservedConcurrency"))
                .role(Role.fromRoleArn(this, "FunctionRoleRef", role.getAttrArn(), FromRoleArnOptions.builder().mutable(false).build()))
                .logGroup(LogGroup.fromLogGroupName(this, "FunctionLogGroupRef", logGroup.getRef()))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                // Versions are kept (as SAM keeps them): rolling back is pointing the alias at an older one.
                .currentVersionOptions(VersionOptions.builder().description(settings.versionDescription())
                        .removalPolicy(RemovalPolicy.RETAIN).build())
                .environment(environment(topic, ledger, decisionBus))
                .build();
        logicalId(function, "Function");
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the alias below publishes a version on every change of code or settings");
        Version version = function.getCurrentVersion();
        Alias alias = Alias.Builder.create(this, "FunctionAlias").aliasName(ALIAS).version(version).build();
        logicalId(alias, "FunctionAliaslive");

        CfnEventInvokeConfig invokeConfig = new CfnEventInvokeConfig(this, "FunctionEventInvokeConfig",
                software.amazon.awscdk.services.lambda.CfnEventInvokeConfigProps.builder()
                        .functionName(function.getFunctionName()).qualifier(ALIAS)
                        .maximumRetryAttempts(ASYNC_RETRY_ATTEMPTS).maximumEventAgeInSeconds(MAX_EVENT_AGE_SECONDS)
                        .destinationConfig(CfnEventInvokeConfig.DestinationConfigProperty.builder()
                                .onFailure(CfnEventInvokeConfig.OnFailureProperty.builder().destination(dlq.getAttrArn()).build())
                                .build())
                        .build());
        invokeConfig.getNode().addDependency(alias);

        // ECS invokes the gate synchronously with this role (a service's lifecycle hook roleArn).
        CfnRole hookRole = new CfnRole(this, "DeploymentHookRole", software.amazon.awscdk.services.iam.CfnRoleProps.builder()
                .description("ECS assumes this role to invoke the ecs-guard deployment gate (deployment lifecycle hooks)")
                .assumeRolePolicyDocument(Iam.document(List.of(Iam.trust("ecs.amazonaws.com"))))
                .policies(List.of(CfnRole.PolicyProperty.builder().policyName("invoke-deployment-gate")
                        .policyDocument(Iam.document(FunctionPermissions.deploymentHookStatements(alias.getFunctionArn()))).build()))
                .build());

        CfnRule taskRule = rule("TaskStateChangeRule", "ECS task state changes for ecs-guard",
                HandledEvents.taskStateChangePattern(), alias, dlq);
        CfnRule apiRule = rule("ApiCallRule", "ECS API calls recorded by CloudTrail for ecs-guard"
                + " (needs a trail recording management events)", HandledEvents.apiCallPattern(), alias, dlq);
        new CfnQueuePolicy(this, "DeadLetterQueuePolicy", software.amazon.awscdk.services.sqs.CfnQueuePolicyProps.builder()
                .queues(List.of(dlq.getRef()))
                .policyDocument(Iam.document(List.of(Iam.statement("RulesDeliverFailedEvents", Iam.service("events.amazonaws.com"),
                        List.of("sqs:SendMessage"), List.of(dlq.getAttrArn()),
                        Map.of("ArnEquals", Map.of("aws:SourceArn", List.of(taskRule.getAttrArn(), apiRule.getAttrArn())))))))
                .build());

        if (settings.starterPolicies()) {
            for (PolicyBundle.Entry e : starterPolicies) {
                new CfnParameter(this, policyLogicalId(e), software.amazon.awscdk.services.ssm.CfnParameterProps.builder()
                        .name(Fn.sub(FunctionPermissions.STARTER_POLICY_PATH + "/" + e.name()))
                        .description("ecs-guard starter policy " + e.name())
                        .type("String").tier(e.tier()).value(e.value()).build());
            }
        }
        busPolicies();
        alarms(function, topic, dlq);

        output("FunctionRoleArn", role.getAttrArn(), "The function's role: member.yaml's CentralFunctionRoleArn");
        output("FunctionAliasArn", alias.getFunctionArn(), "The alias the rules invoke");
        output("DeploymentHookTargetArn", alias.getFunctionArn(), "The deployment gate: a lifecycle hook's hookTargetArn (PRE_SCALE_UP)");
        output("DeploymentHookRoleArn", hookRole.getAttrArn(), "The role ECS assumes to invoke the gate: a lifecycle hook's roleArn");
        output("AlertTopicArn", topic.getRef(), "Alerts: subscribe email, SIEM or chat here");
        output("DeadLetterQueueUrl", dlq.getRef(), "Events that could not be processed");
        output("LedgerTableName", ledger.getRef(), "The remediation ledger");
        output("FunctionLogGroupName", logGroup.getRef(), "One JSON decision line per event");
        output("PolicyLocation", policyLocation(), "Where the function reads its policies");
        output("CentralEventBusArn", Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"),
                "member.yaml's CentralEventBusArn");
    }

    /** The customer managed key of the alert topic and the dead-letter queue. */
    private CfnKey key() {
        List<Object> statements = List.of(
                // Required in every key policy: without it the key cannot be managed, and IAM
                // policies (the function's) cannot grant its use. "*" in a key policy is this key.
                Iam.statement("AccountAdministersTheKey", Map.of("AWS", Fn.sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")),
                        List.of("kms:*"), List.of("*"), null),
                // CloudWatch alarms publish to the encrypted topic (as AWS documents for SNS SSE).
                Iam.statement("CloudWatchAlarmsPublish", Iam.service("cloudwatch.amazonaws.com"),
                        List.of("kms:Decrypt", "kms:GenerateDataKey*"), List.of("*"), null),
                // EventBridge rules put undeliverable events into the encrypted dead-letter queue.
                Iam.statement("EventBridgeDeadLetters", Iam.service("events.amazonaws.com"),
                        List.of("kms:Decrypt", "kms:GenerateDataKey"), List.of("*"), null));
        CfnKey key = new CfnKey(this, "Key", software.amazon.awscdk.services.kms.CfnKeyProps.builder()
                .description("ecs-guard: alert topic and dead-letter queue")
                .enableKeyRotation(true)
                .keyPolicy(Iam.document(statements))
                .build());
        new CfnAlias(this, "KeyAlias", software.amazon.awscdk.services.kms.CfnAliasProps.builder()
                .aliasName(Fn.sub("alias/ecs-guard/${AWS::StackName}")).targetKeyId(key.getRef()).build());
        return key;
    }

    private CfnTable ledger() {
        return new CfnTable(this, "Ledger", software.amazon.awscdk.services.dynamodb.CfnTableProps.builder()
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(List.of(CfnTable.AttributeDefinitionProperty.builder().attributeName("pk").attributeType("S").build()))
                .keySchema(List.of(CfnTable.KeySchemaProperty.builder().attributeName("pk").keyType("HASH").build()))
                .timeToLiveSpecification(CfnTable.TimeToLiveSpecificationProperty.builder().attributeName("ttl").enabled(true).build())
                .pointInTimeRecoverySpecification(CfnTable.PointInTimeRecoverySpecificationProperty.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .build());
    }

    private Map<String, String> environment(CfnTopic topic, CfnTable ledger, CfnEventBus decisionBus) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POLICY_PARAMETER", settings.get("PolicyParameterName"));
        env.put("POLICY_PATH", settings.starterPolicies() ? Fn.sub(FunctionPermissions.STARTER_POLICY_PATH) : settings.get("PolicyPath"));
        env.put("POLICY_QUERY", settings.get("PolicyQuery"));
        env.put("INPUT_MODE", settings.get("InputMode"));
        env.put("REGO_VERSION", settings.get("RegoVersion"));
        env.put("POLICY_TTL_SECONDS", Integer.toString(POLICY_TTL_SECONDS));
        env.put("MODE", settings.get("Mode"));
        env.put("LOG_LEVEL", settings.get("LogLevel"));
        env.put("EVAL_TIMEOUT_MS", Integer.toString(EVAL_TIMEOUT_MS));
        env.put("EVAL_MAX_STEPS", Long.toString(EVAL_MAX_STEPS));
        env.put("MAX_EVENT_BYTES", Integer.toString(MAX_EVENT_BYTES));
        env.put("ACTIONS", settings.get("Actions"));
        env.put("CLUSTERS", settings.get("Clusters"));
        env.put("LEDGER_TABLE", ledger.getRef());
        env.put("LEDGER_TTL_DAYS", settings.get("LedgerTtlDays"));
        env.put("ALERT_TOPIC_ARN", topic.getRef());
        env.put("EVENT_BUS_NAME", decisionBus == null ? "" : decisionBus.getRef());
        env.put("MEMBER_ROLE_NAME", settings.get("MemberRoleName"));
        env.put("BREAKER_MAX_REMEDIATIONS", settings.get("BreakerMaxRemediations"));
        env.put("BREAKER_WINDOW_SECONDS", settings.get("BreakerWindowSeconds"));
        env.put("HOOK_FAILURE_POLICY", settings.get("HookFailurePolicy"));
        env.put("JAVA_TOOL_OPTIONS", settings.get("JavaToolOptions"));
        return env;
    }

    private CfnRule rule(String id, String description, Map<String, Object> pattern, Alias alias, CfnQueue dlq) {
        CfnRule rule = new CfnRule(this, id, software.amazon.awscdk.services.events.CfnRuleProps.builder()
                .description(description)
                .state("ENABLED")
                .eventPattern(pattern)
                .targets(List.of(CfnRule.TargetProperty.builder()
                        .id("ecs-guard")
                        .arn(alias.getFunctionArn())
                        .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                                .maximumRetryAttempts(RULE_RETRY_ATTEMPTS).maximumEventAgeInSeconds(MAX_EVENT_AGE_SECONDS).build())
                        .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder().arn(dlq.getAttrArn()).build())
                        .build()))
                .build());
        new CfnPermission(this, id + "Permission", software.amazon.awscdk.services.lambda.CfnPermissionProps.builder()
                .action("lambda:InvokeFunction").functionName(alias.getFunctionArn())
                .principal("events.amazonaws.com").sourceArn(rule.getAttrArn()).build());
        return rule;
    }

    /** Member accounts (or an organisation) may put events on this account's default bus. */
    private void busPolicies() {
        String defaultBus = Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default");
        List<String> accounts = settings.list("MemberAccountIds");
        if (!accounts.isEmpty()) {
            new CfnEventBusPolicy(this, "MemberAccountsBusPolicy", software.amazon.awscdk.services.events.CfnEventBusPolicyProps.builder()
                    .eventBusName("default").statementId("ecs-guard-member-accounts")
                    .statement(Iam.statement("MemberAccountsForwardEcsEvents", Map.of("AWS", accounts),
                            List.of("events:PutEvents"), List.of(defaultBus), null))
                    .build());
        }
        if (!settings.get("OrganizationId").isEmpty()) {
            new CfnEventBusPolicy(this, "OrganizationBusPolicy", software.amazon.awscdk.services.events.CfnEventBusPolicyProps.builder()
                    .eventBusName("default").statementId("ecs-guard-organization")
                    .statement(Iam.statement("OrganizationForwardsEcsEvents", "*", List.of("events:PutEvents"), List.of(defaultBus),
                            Map.of("StringEquals", Map.of("aws:PrincipalOrgID", settings.get("OrganizationId")))))
                    .build());
        }
    }

    private void alarms(Function function, CfnTopic topic, CfnQueue dlq) {
        alarm("FunctionErrorsAlarm", "ecs-guard: the function failed (timeout, out of memory, init error); see its log",
                "AWS/Lambda", "Errors", Map.of("FunctionName", function.getFunctionName()), "Sum", topic);
        alarm("FunctionThrottlesAlarm", "ecs-guard: invocations throttled at ReservedConcurrency; events are delayed",
                "AWS/Lambda", "Throttles", Map.of("FunctionName", function.getFunctionName()), "Sum", topic);
        alarm("DeadLetterQueueAlarm", "ecs-guard: events in the dead-letter queue were not processed; inspect and redrive them",
                "AWS/SQS", "ApproximateNumberOfMessagesVisible", Map.of("QueueName", dlq.getAttrQueueName()), "Maximum", topic);
        alarm("BreakerOpenedAlarm", "ecs-guard: the circuit breaker opened; enforcement runs as dry-run until the window passes",
                METRICS_NAMESPACE, "BreakerOpened", Map.of(), "Sum", topic);
    }

    private void alarm(String id, String description, String namespace, String metric, Map<String, String> dimensions,
            String statistic, CfnTopic topic) {
        List<CfnAlarm.DimensionProperty> dims = new ArrayList<>();
        dimensions.forEach((k, v) -> dims.add(CfnAlarm.DimensionProperty.builder().name(k).value(v).build()));
        new CfnAlarm(this, id, software.amazon.awscdk.services.cloudwatch.CfnAlarmProps.builder()
                .alarmDescription(description)
                .namespace(namespace).metricName(metric).dimensions(dims.isEmpty() ? null : dims)
                .statistic(statistic).period(300).evaluationPeriods(1).threshold(1)
                .comparisonOperator("GreaterThanOrEqualToThreshold").treatMissingData("notBreaching")
                .alarmActions(List.of(topic.getRef()))
                .build());
    }

    private String policyLocation() {
        if (settings.starterPolicies()) {
            return Fn.sub(FunctionPermissions.STARTER_POLICY_PATH);
        }
        return settings.get("PolicyParameterName").isEmpty() ? settings.get("PolicyPath") : settings.get("PolicyParameterName");
    }

    private void output(String id, String value, String description) {
        new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
    }

    /** {@code rules/privileged.rego} gives {@code PolicyRulesPrivilegedRego}. */
    static String policyLogicalId(PolicyBundle.Entry e) {
        StringBuilder id = new StringBuilder("Policy");
        for (String part : e.name().split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }

    static Runtime runtime(String name) {
        return switch (name) {
            case "java21" -> Runtime.JAVA_21;
            case "java25" -> Runtime.JAVA_25;
            default -> throw new IllegalArgumentException("Runtime=" + name);
        };
    }

    /** Pins a construct's logical ID to template.yaml's, so the two templates can be compared resource by resource. */
    private static void logicalId(Construct c, String id) {
        ((CfnResource) c.getNode().getDefaultChild()).overrideLogicalId(id);
    }
}
