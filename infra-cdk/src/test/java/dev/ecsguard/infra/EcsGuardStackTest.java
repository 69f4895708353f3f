package dev.ecsguard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.event.HandledEvents;
import dev.ecsguard.policy.PolicyBundle;
import dev.ecsguard.policy.PolicyLoadException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The CDK app's stack, asserted on its synthesized template (CDK assertions, no AWS account and no
 * CDK CLI): every resource, SnapStart and the alias, the rules and their targets, the dead-letter
 * queue, the alarms, and each IAM statement exactly.
 */
class EcsGuardStackTest {
    static final Map<String, String> ENFORCE = Map.of("Mode", "enforce", "Clusters", "prod,batch-*",
            "AlertEmail", "secops@example.com", "DecisionBusName", "ecs-guard-decisions",
            "MemberAccountIds", "111122223333", "PolicyKmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "PolicyPath", "/acme/ecs-policies");

    static Template defaults() {
        return Templates.cdk(Map.of()).template();
    }

    @Test
    void everyResourceOfTheDefaultStack() throws PolicyLoadException {
        Template t = defaults();
        int policies = PolicyBundle.fromDirectory(Templates.ROOT.resolve("policies")).size();
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("AWS::KMS::Key", 1);
        expected.put("AWS::KMS::Alias", 1);
        expected.put("AWS::SNS::Topic", 1);
        expected.put("AWS::SNS::Subscription", 0);
        expected.put("AWS::SQS::Queue", 1);
        expected.put("AWS::SQS::QueuePolicy", 1);
        expected.put("AWS::DynamoDB::Table", 1);
        expected.put("AWS::Events::EventBus", 0);
        expected.put("AWS::Events::EventBusPolicy", 0);
        expected.put("AWS::Logs::LogGroup", 1);
        expected.put("AWS::IAM::Role", 2);
        expected.put("AWS::IAM::Policy", 0);
        expected.put("AWS::Lambda::Function", 1);
        expected.put("AWS::Lambda::Version", 1);
        expected.put("AWS::Lambda::Alias", 1);
        expected.put("AWS::Lambda::EventInvokeConfig", 1);
        expected.put("AWS::Lambda::Permission", 2);
        expected.put("AWS::Events::Rule", 2);
        expected.put("AWS::CloudWatch::Alarm", 4);
        expected.put("AWS::SSM::Parameter", policies);
        expected.forEach((type, n) -> t.resourceCountIs(type, n));
        int total = expected.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(total, t.toJSON().get("Resources") instanceof Map<?, ?> m ? m.size() : -1, "no other resources");
    }

    @Test
    void theFunctionSnapStartAliasAndEnvironment() {
        Template t = defaults();
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("POLICY_PARAMETER", "");
        env.put("POLICY_PATH", Map.of("Fn::Sub", "/ecs-guard/${AWS::StackName}/policies"));
        env.put("POLICY_QUERY", "data.ecsguard.violations");
        env.put("INPUT_MODE", "full");
        env.put("REGO_VERSION", "auto");
        env.put("POLICY_TTL_SECONDS", "60");
        env.put("MODE", "dry-run");
        env.put("LOG_LEVEL", "INFO");
        env.put("EVAL_TIMEOUT_MS", "2000");
        env.put("EVAL_MAX_STEPS", "5000000");
        env.put("MAX_EVENT_BYTES", "262144");
        env.put("ACTIONS", "stop_task,scale_service,deregister_task_definition,block_deployment,alert");
        env.put("CLUSTERS", "");
        env.put("LEDGER_TABLE", Map.of("Ref", "Ledger"));
        env.put("LEDGER_TTL_DAYS", "30");
        env.put("ALERT_TOPIC_ARN", Map.of("Ref", "AlertTopic"));
        env.put("EVENT_BUS_NAME", "");
        env.put("MEMBER_ROLE_NAME", "ecs-guard-member");
        env.put("BREAKER_MAX_REMEDIATIONS", "10");
        env.put("BREAKER_WINDOW_SECONDS", "900");
        env.put("HOOK_FAILURE_POLICY", "ignore");
        env.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=4");
        t.hasResourceProperties("AWS::Lambda::Function", Match.objectEquals(Map.ofEntries(
                Map.entry("Code", Match.anyValue()),
                Map.entry("Description", "ecs-guard: enforces compliance policies on Amazon ECS"),
                Map.entry("Handler", "dev.ecsguard.handler.EnforcementHandler::handleRequest"),
                Map.entry("Runtime", "java25"),
                Map.entry("MemorySize", 1024),
                Map.entry("Timeout", 30),
                Map.entry("ReservedConcurrentExecutions", 10),
                Map.entry("Role", Map.of("Fn::GetAtt", List.of("FunctionRole", "Arn"))),
                Map.entry("LoggingConfig", Map.of("LogGroup", Map.of("Ref", "FunctionLogGroup"))),
                Map.entry("SnapStart", Map.of("ApplyOn", "PublishedVersions")),
                Map.entry("Environment", Map.of("Variables", Match.objectEquals(env))))));
        t.hasResource("AWS::Lambda::Version", Map.of("DeletionPolicy", "Retain", "Properties", Map.of(
                "FunctionName", Map.of("Ref", "Function"), "Description", Settings.defaults().versionDescription())));
        t.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live", "FunctionName", Map.of("Ref", "Function"),
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("FunctionCurrentVersion.*"), "Version"))));
        t.hasResource("AWS::Lambda::EventInvokeConfig", Map.of("DependsOn", List.of("FunctionAliaslive"), "Properties",
                Match.objectEquals(Map.of("FunctionName", Map.of("Ref", "Function"), "Qualifier", "live",
                        "MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 3600,
                        "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Map.of("Fn::GetAtt", List.of("DeadLetterQueue", "Arn"))))))));
        t.hasResource("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "Retain", "Properties", Map.of("RetentionInDays", 90)));
    }

    @Test
    void rulesFeedTheAliasWithRetriesAndTheDeadLetterQueue() {
        Template t = defaults();
        for (Map<String, Object> pattern : List.of(HandledEvents.taskStateChangePattern(), HandledEvents.apiCallPattern())) {
            t.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("State", "ENABLED",
                    "EventPattern", Match.objectEquals(pattern),
                    "Targets", Match.exact(List.of(Map.of("Id", "ecs-guard", "Arn", Map.of("Ref", "FunctionAliaslive"),
                            "RetryPolicy", Map.of("MaximumRetryAttempts", 10, "MaximumEventAgeInSeconds", 3600),
                            "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt", List.of("DeadLetterQueue", "Arn")))))))));
        }
        for (String rule : List.of("TaskStateChangeRule", "ApiCallRule")) {
            t.hasResourceProperties("AWS::Lambda::Permission", Match.objectEquals(Map.of("Action", "lambda:InvokeFunction",
                    "FunctionName", Map.of("Ref", "FunctionAliaslive"), "Principal", "events.amazonaws.com",
                    "SourceArn", Map.of("Fn::GetAtt", List.of(rule, "Arn")))));
        }
        t.hasResourceProperties("AWS::SQS::Queue", Match.objectEquals(Map.of("KmsMasterKeyId", Map.of("Ref", "Key"),
                "MessageRetentionPeriod", 1209600)));
        t.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement", List.of(Map.of(
                "Sid", "RulesDeliverFailedEvents", "Effect", "Allow", "Principal", Map.of("Service", "events.amazonaws.com"),
                "Action", "sqs:SendMessage", "Resource", Map.of("Fn::GetAtt", List.of("DeadLetterQueue", "Arn")),
                "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", List.of(Map.of("Fn::GetAtt", List.of("TaskStateChangeRule", "Arn")),
                        Map.of("Fn::GetAtt", List.of("ApiCallRule", "Arn"))))))))));
    }

    @Test
    void topicKeyLedgerAndAlarms() {
        Template t = defaults();
        t.hasResourceProperties("AWS::SNS::Topic", Match.objectEquals(Map.of("DisplayName", "ecs-guard alerts",
                "KmsMasterKeyId", Map.of("Ref", "Key"))));
        t.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true, "KeyPolicy", Map.of("Statement", List.of(
                Map.of("Sid", "AccountAdministersTheKey", "Effect", "Allow",
                        "Principal", Map.of("AWS", Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::${AWS::AccountId}:root")),
                        "Action", "kms:*", "Resource", "*"),
                Map.of("Sid", "CloudWatchAlarmsPublish", "Effect", "Allow", "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"), "Resource", "*"),
                Map.of("Sid", "EventBridgeDeadLetters", "Effect", "Allow", "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey"), "Resource", "*")))));
        t.hasResourceProperties("AWS::DynamoDB::Table", Match.objectEquals(Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "S")),
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))));
        record Alarm(String namespace, String metric, Object dimensions, String statistic) {}
        List<Alarm> alarms = List.of(
                new Alarm("AWS/Lambda", "Errors", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", "Function"))), "Sum"),
                new Alarm("AWS/Lambda", "Throttles", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", "Function"))), "Sum"),
                new Alarm("AWS/SQS", "ApproximateNumberOfMessagesVisible",
                        List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of("DeadLetterQueue", "QueueName")))), "Maximum"),
                new Alarm("ecs-guard", "BreakerOpened", Match.absent(), "Sum"));
        for (Alarm a : alarms) {
            t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", a.namespace(), "MetricName", a.metric(),
                    "Dimensions", a.dimensions(), "Statistic", a.statistic(), "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold", "TreatMissingData", "notBreaching",
                    "AlarmActions", List.of(Map.of("Ref", "AlertTopic"))));
        }
    }

    @Test
    void starterPoliciesAreTheBundleUnderTheStacksPath() throws PolicyLoadException {
        Template t = defaults();
        for (PolicyBundle.Entry e : PolicyBundle.fromDirectory(Templates.ROOT.resolve("policies"))) {
            t.hasResourceProperties("AWS::SSM::Parameter", Match.objectEquals(Map.of(
                    "Name", Map.of("Fn::Sub", "/ecs-guard/${AWS::StackName}/policies/" + e.name()),
                    "Description", "ecs-guard starter policy " + e.name(),
                    "Type", "String", "Tier", e.tier(), "Value", e.value())));
        }
        Templates.cdk(ENFORCE).template().resourceCountIs("AWS::SSM::Parameter", 0);
    }

    /** Dry-run: the function reads, records and alerts; it cannot change an ECS resource. */
    @Test
    void dryRunRoleIsExactlyThis() throws Exception {
        assertEquals(Templates.JSON.readTree("""
                [
                 {"Sid": "WriteOwnLog", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                  "Resource": {"Fn::GetAtt": ["FunctionLogGroup", "Arn"]}},
                 {"Sid": "ReadTaskDefinitions", "Effect": "Allow", "Action": ["ecs:DescribeTaskDefinition", "ecs:ListTaskDefinitions"], "Resource": "*"},
                 {"Sid": "ReadServices", "Effect": "Allow", "Action": "ecs:DescribeServices",
                  "Resource": {"Fn::Sub": "arn:${AWS::Partition}:ecs:*:${AWS::AccountId}:service/*"}},
                 {"Sid": "ListServices", "Effect": "Allow", "Action": "ecs:ListServices", "Resource": "*"},
                 {"Sid": "ReadServiceRevisions", "Effect": "Allow", "Action": "ecs:DescribeServiceRevisions",
                  "Resource": {"Fn::Sub": "arn:${AWS::Partition}:ecs:*:${AWS::AccountId}:service-revision/*"}},
                 {"Sid": "ReadScalableTargets", "Effect": "Allow", "Action": "application-autoscaling:DescribeScalableTargets", "Resource": "*"},
                 {"Sid": "ReadPolicy", "Effect": "Allow", "Action": "ssm:GetParametersByPath",
                  "Resource": {"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/ecs-guard/${AWS::StackName}/policies"}},
                 {"Sid": "PublishAlerts", "Effect": "Allow", "Action": "sns:Publish", "Resource": {"Ref": "AlertTopic"}},
                 {"Sid": "UseKeyViaSnsAndSqs", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
                  "Resource": {"Fn::GetAtt": ["Key", "Arn"]},
                  "Condition": {"StringEquals": {"kms:ViaService": [{"Fn::Sub": "sns.${AWS::Region}.amazonaws.com"}, {"Fn::Sub": "sqs.${AWS::Region}.amazonaws.com"}]}}},
                 {"Sid": "RecordFailedInvocations", "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": {"Fn::GetAtt": ["DeadLetterQueue", "Arn"]}},
                 {"Sid": "Ledger", "Effect": "Allow",
                  "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
                  "Resource": {"Fn::GetAtt": ["Ledger", "Arn"]}}
                ]"""), Templates.JSON.valueToTree(statements(Map.of())));
    }

    @Test
    void enforceRoleIsExactlyThis() throws Exception {
        String clusters = "\"Condition\": {\"ArnLike\": {\"ecs:cluster\": [\"arn:*:ecs:*:*:cluster/prod\", \"arn:*:ecs:*:*:cluster/batch-*\"]}}";
        assertEquals(Templates.JSON.readTree("""
                [
                 {"Sid": "WriteOwnLog", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                  "Resource": {"Fn::GetAtt": ["FunctionLogGroup", "Arn"]}},
                 {"Sid": "ReadTaskDefinitions", "Effect": "Allow", "Action": ["ecs:DescribeTaskDefinition", "ecs:ListTaskDefinitions"], "Resource": "*"},
                 {"Sid": "ReadServices", "Effect": "Allow", "Action": "ecs:DescribeServices",
                  "Resource": {"Fn::Sub": "arn:${AWS::Partition}:ecs:*:${AWS::AccountId}:service/*"}, CLUSTERS},
                 {"Sid": "ListServices", "Effect": "Allow", "Action": "ecs:ListServices", "Resource": "*", CLUSTERS},
                 {"Sid": "ReadServiceRevisions", "Effect": "Allow", "Action": "ecs:DescribeServiceRevisions",
                  "Resource": {"Fn::Sub": "arn:${AWS::Partition}:ecs:*:${AWS::AccountId}:service-revision/*"}},
                 {"Sid": "ReadScalableTargets", "Effect": "Allow", "Action": "application-autoscaling:DescribeScalableTargets", "Resource": "*"},
                 {"Sid": "StopTasks", "Effect": "Allow", "Action": "ecs:StopTask",
                  "Resource": {"Fn::Sub": "arn:${AWS::Partition}:ecs:*:${AWS::AccountId}:task/*"}, CLUSTERS},
                 {"Sid": "ScaleServices", "Effect": "Allow", "Action": "ecs:UpdateService",
                  "Resource": {"Fn::Sub": "arn:${AWS::Partition}:ecs:*:${AWS::AccountId}:service/*"}, CLUSTERS},
                 {"Sid": "DeregisterTaskDefinitions", "Effect": "Allow", "Action": "ecs:DeregisterTaskDefinition", "Resource": "*"},
                 {"Sid": "SuspendServiceScaling", "Effect": "Allow", "Action": "application-autoscaling:RegisterScalableTarget",
                  "Resource": {"Fn::Sub": "arn:${AWS::Partition}:application-autoscaling:*:${AWS::AccountId}:scalable-target/*"},
                  "Condition": {"StringEquals": {"application-autoscaling:service-namespace": "ecs",
                                                 "application-autoscaling:scalable-dimension": "ecs:service:DesiredCount"}}},
                 {"Sid": "ReadPolicy", "Effect": "Allow", "Action": "ssm:GetParametersByPath",
                  "Resource": {"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/acme/ecs-policies"}},
                 {"Sid": "DecryptPolicyViaSsm", "Effect": "Allow", "Action": "kms:Decrypt",
                  "Resource": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                  "Condition": {"StringEquals": {"kms:ViaService": {"Fn::Sub": "ssm.${AWS::Region}.amazonaws.com"}}}},
                 {"Sid": "PublishAlerts", "Effect": "Allow", "Action": "sns:Publish", "Resource": {"Ref": "AlertTopic"}},
                 {"Sid": "UseKeyViaSnsAndSqs", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
                  "Resource": {"Fn::GetAtt": ["Key", "Arn"]},
                  "Condition": {"StringEquals": {"kms:ViaService": [{"Fn::Sub": "sns.${AWS::Region}.amazonaws.com"}, {"Fn::Sub": "sqs.${AWS::Region}.amazonaws.com"}]}}},
                 {"Sid": "RecordFailedInvocations", "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": {"Fn::GetAtt": ["DeadLetterQueue", "Arn"]}},
                 {"Sid": "Ledger", "Effect": "Allow",
                  "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
                  "Resource": {"Fn::GetAtt": ["Ledger", "Arn"]}},
                 {"Sid": "PublishDecisions", "Effect": "Allow", "Action": "events:PutEvents", "Resource": {"Fn::GetAtt": ["DecisionBus", "Arn"]}},
                 {"Sid": "AssumeMemberRoles", "Effect": "Allow", "Action": "sts:AssumeRole",
                  "Resource": {"Fn::Sub": "arn:${AWS::Partition}:iam::*:role/ecs-guard-member"}}
                ]""".replace("CLUSTERS", clusters)), Templates.JSON.valueToTree(statements(ENFORCE)));
    }

    @Test
    void aSinglePolicyParameterIsReadWithGetParameterOnly() {
        List<Map<String, Object>> s = statements(Map.of("PolicyParameterName", "/acme/ecs-guard.rego"));
        Map<String, Object> read = s.stream().filter(x -> "ReadPolicy".equals(x.get("Sid"))).findFirst().orElseThrow();
        assertEquals("ssm:GetParameter", read.get("Action"));
        assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/acme/ecs-guard.rego"),
                read.get("Resource"));
    }

    /**
     * The deployment gate: ECS assumes a role of its own that may invoke the function's alias and
     * nothing else; the stack outputs both as a lifecycle hook needs them.
     */
    @Test
    void theDeploymentHookRoleInvokesTheAliasOnly() throws Exception {
        for (Map<String, String> settings : List.of(Map.<String, String>of(), ENFORCE)) {
            Template t = Templates.cdk(settings).template();
            Map<String, ? extends Map<String, Object>> roles = t.findResources("AWS::IAM::Role");
            assertEquals(Templates.JSON.readTree("""
                    {"Type": "AWS::IAM::Role", "Properties": {
                      "Description": "ECS assumes this role to invoke the ecs-guard deployment gate (deployment lifecycle hooks)",
                      "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Principal": {"Service": "ecs.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                      "Policies": [{"PolicyName": "invoke-deployment-gate", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                        {"Sid": "InvokeDeploymentGate", "Effect": "Allow", "Action": "lambda:InvokeFunction",
                         "Resource": {"Ref": "FunctionAliaslive"}}]}}]}}"""), Templates.JSON.valueToTree(roles.get("DeploymentHookRole")));
            t.hasOutput("DeploymentHookTargetArn", Map.of("Value", Map.of("Ref", "FunctionAliaslive")));
            t.hasOutput("DeploymentHookRoleArn", Map.of("Value", Map.of("Fn::GetAtt", List.of("DeploymentHookRole", "Arn"))));
        }
        Templates.cdk(Map.of("HookFailurePolicy", "fail")).template().hasResourceProperties("AWS::Lambda::Function",
                Match.objectLike(Map.of("Environment", Map.of("Variables", Match.objectLike(Map.of("HOOK_FAILURE_POLICY", "fail"))))));
    }

    /** The function's trust policy: only Lambda; and no statement of any role grants an action on "*" that has a resource type. */
    @Test
    void trustAndWildcards() {
        Templates.cdk(Map.of()).template().hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of(
                "Statement", List.of(Map.of("Effect", "Allow", "Principal", Map.of("Service", "lambda.amazonaws.com"),
                        "Action", "sts:AssumeRole")))));
        List<String> noResourceType = List.of("ecs:DescribeTaskDefinition", "ecs:ListTaskDefinitions", "ecs:ListServices",
                "application-autoscaling:DescribeScalableTargets", "ecs:DeregisterTaskDefinition");
        for (Map<String, Object> s : statements(ENFORCE)) {
            if ("*".equals(s.get("Resource"))) {
                for (String action : actions(s)) {
                    assertTrue(noResourceType.contains(action), action + " on *");
                }
            }
            for (String action : actions(s)) {
                assertFalse(action.endsWith("*") && !action.equals("kms:GenerateDataKey*"), action);
            }
        }
    }

    @Test
    void organisationBusPolicies() {
        Template t = Templates.cdk(ENFORCE).template();
        t.hasResourceProperties("AWS::Events::EventBusPolicy", Match.objectEquals(Map.of("EventBusName", "default",
                "StatementId", "ecs-guard-member-accounts", "Statement", Map.of("Sid", "MemberAccountsForwardEcsEvents",
                        "Effect", "Allow", "Principal", Map.of("AWS", List.of("111122223333")), "Action", "events:PutEvents",
                        "Resource", Map.of("Fn::Sub", "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default")))));
        t.resourceCountIs("AWS::Events::EventBusPolicy", 1);
        t.hasResourceProperties("AWS::SNS::Subscription", Match.objectEquals(Map.of("TopicArn", Map.of("Ref", "AlertTopic"),
                "Protocol", "email", "Endpoint", "secops@example.com")));
        t.hasResourceProperties("AWS::Events::EventBus", Match.objectEquals(Map.of("Name", "ecs-guard-decisions")));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Map<String, String> settings) {
        Map<String, ? extends Map<String, Object>> roles = Templates.cdk(settings).template().findResources("AWS::IAM::Role");
        assertEquals(2, roles.size(), "the function's role and the deployment hook's");
        Map<String, Object> role = roles.get("FunctionRole");
        List<Object> policies = (List<Object>) ((Map<String, Object>) role.get("Properties")).get("Policies");
        assertEquals(1, policies.size());
        Map<String, Object> doc = (Map<String, Object>) ((Map<String, Object>) policies.get(0)).get("PolicyDocument");
        return new ArrayList<>((List<Map<String, Object>>) doc.get("Statement"));
    }

    @SuppressWarnings("unchecked")
    static List<String> actions(Map<String, Object> statement) {
        Object a = statement.get("Action");
        return a instanceof List<?> l ? (List<String>) l : List.of((String) a);
    }
}
