package dev.ecsguard.infra;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.DeploymentLifecycleLambdaTarget;
import software.amazon.awscdk.services.ecs.DeploymentLifecycleLambdaTargetProps;
import software.amazon.awscdk.services.ecs.DeploymentLifecycleStage;
import software.amazon.awscdk.services.ecs.DeploymentStrategy;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.iam.FromRoleArnOptions;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * The README's "Attaching the gate to a service" examples, as code that synthesizes with this
 * aws-cdk-lib: the L2 {@code addLifecycleHook} and the L1 {@code DeploymentLifecycleHookProperty}
 * of a {@code CfnService} both give the service's {@code DeploymentConfiguration.LifecycleHooks} the
 * stack's two outputs.
 */
class AttachTheGateExampleTest {
    static final String TARGET = "arn:aws:lambda:us-east-1:111122223333:function:ecs-guard-Function-AbC123:live";
    static final String ROLE = "arn:aws:iam::111122223333:role/ecs-guard-DeploymentHookRole-XyZ789";

    static FargateTaskDefinition taskDefinition(Stack stack) {
        FargateTaskDefinition td = FargateTaskDefinition.Builder.create(stack, "WebTask").build();
        td.addContainer("app", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry("111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.5.0")).build());
        return td;
    }

    @Test
    void withTheL2AddLifecycleHook() {
        Stack stack = new Stack(new App(), "Web");
        Cluster cluster = Cluster.Builder.create(stack, "Prod").vpc(new Vpc(stack, "Vpc")).build();
        // README, "With CDK Java": the stack outputs DeploymentHookTargetArn and DeploymentHookRoleArn
        IFunction gate = Function.fromFunctionAttributes(stack, "EcsGuardGate",
                FunctionAttributes.builder().functionArn(TARGET).sameEnvironment(true).build());
        IRole gateRole = Role.fromRoleArn(stack, "EcsGuardGateRole", ROLE, FromRoleArnOptions.builder().mutable(false).build());
        FargateService service = FargateService.Builder.create(stack, "WebService")
                .cluster(cluster).taskDefinition(taskDefinition(stack))
                .deploymentStrategy(DeploymentStrategy.BLUE_GREEN)
                .build();
        service.addLifecycleHook(new DeploymentLifecycleLambdaTarget(gate, "EcsGuardGate",
                DeploymentLifecycleLambdaTargetProps.builder()
                        .lifecycleStages(List.of(DeploymentLifecycleStage.PRE_SCALE_UP))
                        .role(gateRole)
                        .build()));

        Template.fromStack(stack).hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "DeploymentConfiguration", Match.objectLike(Map.of("Strategy", "BLUE_GREEN", "LifecycleHooks", List.of(Map.of(
                        "HookTargetArn", TARGET, "RoleArn", ROLE, "LifecycleStages", List.of("PRE_SCALE_UP"))))))));
    }

    @Test
    void withTheL1Property() {
        Stack stack = new Stack(new App(), "Web");
        // README, "or with the L1 CfnService": its DeploymentConfiguration names the hook
        CfnService service = CfnService.Builder.create(stack, "WebService")
                .cluster("prod").taskDefinition("web:14").desiredCount(3).launchType("FARGATE")
                .deploymentController(CfnService.DeploymentControllerProperty.builder().type("ECS").build())
                .deploymentConfiguration(CfnService.DeploymentConfigurationProperty.builder()
                        .strategy("BLUE_GREEN")
                        .lifecycleHooks(List.of(CfnService.DeploymentLifecycleHookProperty.builder()
                                .hookTargetArn(TARGET).roleArn(ROLE).lifecycleStages(List.of("PRE_SCALE_UP")).build()))
                        .build())
                .build();

        Template.fromStack(stack).hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "DeploymentConfiguration", Map.of("Strategy", "BLUE_GREEN", "LifecycleHooks", List.of(Map.of(
                        "HookTargetArn", TARGET, "RoleArn", ROLE, "LifecycleStages", List.of("PRE_SCALE_UP")))),
                "DeploymentController", Map.of("Type", "ECS"))));
    }
}
