package dev.ecsguard.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Fn;

/**
 * The enforcement function's IAM statements, each with the AWS calls that need it (README: "IAM
 * reviewer's table"). Resource-level permissions and the {@code ecs:cluster} condition are used
 * wherever the Service Authorization Reference lists them for the action; a {@code "*"} resource
 * appears only for actions that have no resource type there, and says so.
 *
 * <p>Remediation permissions (StopTask, UpdateService, DeregisterTaskDefinition,
 * RegisterScalableTarget) exist only with {@code Mode=enforce}: in dry-run the function can read
 * and alert, and cannot change anything. The same ECS and Application Auto Scaling statements make
 * up the member role (member.yaml).
 *
 * <p>The deployment gate reads the revision a deployment would start (ecs:DescribeServiceRevisions);
 * the role ECS assumes to invoke the gate is a separate role ({@link #deploymentHookStatements}).
 */
final class FunctionPermissions {
    /** Where the starter policies live (CloudFormation {@code Fn::Sub} text). */
    static final String STARTER_POLICY_PATH = "/ecs-guard/${AWS::StackName}/policies";

    private final Settings settings;

    FunctionPermissions(Settings settings) {
        this.settings = settings;
    }

    List<Object> statements(String logGroupArn, String topicArn, String keyArn, String dlqArn, String ledgerArn,
            String decisionBusArn) {
        List<Object> s = new ArrayList<>();
        s.add(Iam.statement("WriteOwnLog", List.of("logs:CreateLogStream", "logs:PutLogEvents"), List.of(logGroupArn), null));
        // Any region of this account: an event forwarded from another region is acted on there.
        s.addAll(ecsStatements("*", "${AWS::AccountId}"));
        s.add(readPolicy());
        if (!settings.get("PolicyKmsKeyArn").isEmpty()) {
            s.add(Iam.statement("DecryptPolicyViaSsm", List.of("kms:Decrypt"), List.of(settings.get("PolicyKmsKeyArn")),
                    Map.of("StringEquals", Map.of("kms:ViaService", Fn.sub("ssm.${AWS::Region}.amazonaws.com")))));
        }
        s.add(Iam.statement("PublishAlerts", List.of("sns:Publish"), List.of(topicArn), null));
        // Publishing to the encrypted topic, and Lambda's on-failure record into the encrypted
        // queue, use the key through SNS and SQS only. GenerateDataKey* as SNS documents it.
        s.add(Iam.statement("UseKeyViaSnsAndSqs", List.of("kms:Decrypt", "kms:GenerateDataKey*"), List.of(keyArn),
                Map.of("StringEquals", Map.of("kms:ViaService", List.of(Fn.sub("sns.${AWS::Region}.amazonaws.com"),
                        Fn.sub("sqs.${AWS::Region}.amazonaws.com"))))));
        s.add(Iam.statement("RecordFailedInvocations", List.of("sqs:SendMessage"), List.of(dlqArn), null));
        s.add(Iam.statement("Ledger", List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem"), List.of(ledgerArn), null));
        if (decisionBusArn != null) {
            s.add(Iam.statement("PublishDecisions", List.of("events:PutEvents"), List.of(decisionBusArn), null));
        }
        if (!settings.list("MemberAccountIds").isEmpty() || !settings.get("OrganizationId").isEmpty()) {
            s.add(Iam.statement("AssumeMemberRoles", List.of("sts:AssumeRole"),
                    List.of(Fn.sub("arn:${AWS::Partition}:iam::*:role/" + settings.get("MemberRoleName"))), null));
        }
        return s;
    }

    /**
     * The ECS and Application Auto Scaling statements, for tasks and services in {@code region} and
     * {@code account} (CloudFormation {@code Fn::Sub} text, or {@code *}). member.yaml's role has the same.
     */
    List<Object> ecsStatements(String region, String account) {
        String ecs = "arn:${AWS::Partition}:ecs:" + region + ":" + account + ":";
        Map<String, Object> clusters = clusterCondition();
        List<Object> s = new ArrayList<>();
        // DescribeTaskDefinition and ListTaskDefinitions (a family's latest ACTIVE revision) have
        // no resource type: "*" is the only resource they take.
        s.add(Iam.statement("ReadTaskDefinitions", List.of("ecs:DescribeTaskDefinition", "ecs:ListTaskDefinitions"),
                List.of("*"), null));
        s.add(Iam.statement("ReadServices", List.of("ecs:DescribeServices"), List.of(Fn.sub(ecs + "service/*")), clusters));
        // ListServices has no resource type; ecs:cluster limits it to the clusters in scope.
        s.add(Iam.statement("ListServices", List.of("ecs:ListServices"), List.of("*"), clusters));
        // The deployment gate reads the target revision of every deployment it is attached to, in any
        // cluster: outside CLUSTERS it still decides and alerts (only the block is not_allowed there).
        s.add(Iam.statement("ReadServiceRevisions", List.of("ecs:DescribeServiceRevisions"),
                List.of(Fn.sub(ecs + "service-revision/*")), null));
        // DescribeScalableTargets has no resource type and no condition key.
        s.add(Iam.statement("ReadScalableTargets", List.of("application-autoscaling:DescribeScalableTargets"), List.of("*"), null));
        if (settings.enforce()) {
            s.add(Iam.statement("StopTasks", List.of("ecs:StopTask"), List.of(Fn.sub(ecs + "task/*")), clusters));
            s.add(Iam.statement("ScaleServices", List.of("ecs:UpdateService"), List.of(Fn.sub(ecs + "service/*")), clusters));
            // DeregisterTaskDefinition has no resource type: "*" is the only resource it takes.
            s.add(Iam.statement("DeregisterTaskDefinitions", List.of("ecs:DeregisterTaskDefinition"), List.of("*"), null));
            s.add(Iam.statement("SuspendServiceScaling", List.of("application-autoscaling:RegisterScalableTarget"),
                    List.of(Fn.sub("arn:${AWS::Partition}:application-autoscaling:" + region + ":" + account + ":scalable-target/*")),
                    Map.of("StringEquals", Iam.ordered("application-autoscaling:service-namespace", "ecs",
                            "application-autoscaling:scalable-dimension", "ecs:service:DesiredCount"))));
        }
        return s;
    }

    /**
     * The policy of the role ECS assumes to invoke the deployment gate (a lifecycle hook's
     * {@code roleArn}): the function's alias, nothing else.
     */
    static List<Object> deploymentHookStatements(String aliasArn) {
        return List.of(Iam.statement("InvokeDeploymentGate", List.of("lambda:InvokeFunction"), List.of(aliasArn), null));
    }

    /** {@code ecs:cluster} ARN patterns of the clusters in scope; null (no condition) for every cluster. */
    private Map<String, Object> clusterCondition() {
        List<String> names = settings.list("Clusters");
        if (names.isEmpty()) {
            return null;
        }
        // Partition, region and account are pinned by the resource ARNs; the condition pins the cluster.
        return Map.of("ArnLike", Map.of("ecs:cluster", names.stream().map(n -> "arn:*:ecs:*:*:cluster/" + n).toList()));
    }

    private Map<String, Object> readPolicy() {
        String parameter = settings.get("PolicyParameterName");
        if (!parameter.isEmpty()) {
            return Iam.statement("ReadPolicy", List.of("ssm:GetParameter"),
                    List.of(Fn.sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter" + parameter)), null);
        }
        String path = settings.starterPolicies() ? STARTER_POLICY_PATH : settings.get("PolicyPath");
        // GetParametersByPath is authorised against the path itself, not each parameter under it.
        return Iam.statement("ReadPolicy", List.of("ssm:GetParametersByPath"),
                List.of(Fn.sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter" + path)), null);
    }
}
