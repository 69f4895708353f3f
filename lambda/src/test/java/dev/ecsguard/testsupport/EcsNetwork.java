package dev.ecsguard.testsupport;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;

/**
 * A VPC (DNS hostnames on), subnet and security group on the emulator, for Fargate tasks and
 * services: moto checks that the subnets of an awsvpc RunTask/CreateService exist (and fails
 * RunTask without a launch type), so tests create real ones here instead of inventing IDs.
 *
 * @param vpcId the VPC
 * @param subnetId a subnet in it
 * @param securityGroupId a security group in it
 */
public record EcsNetwork(String vpcId, String subnetId, String securityGroupId) {

    /** Creates a fresh VPC (10.42.0.0/16), subnet (10.42.1.0/24) and security group. */
    public static EcsNetwork create(AwsBackend aws) {
        try (Ec2Client ec2 = aws.ec2()) {
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.42.0.0/16")).vpc().vpcId();
            // moto 5.2's RunTask reads the task ENI's private DNS name, which only exists with DNS hostnames on.
            ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsSupport(b -> b.value(true)));
            ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(b -> b.value(true)));
            String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.42.1.0/24")
                    .availabilityZone(aws.region().id() + "a")).subnet().subnetId();
            String sg = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("ecs-guard-test-" + vpc)
                    .description("ecs-guard integration tests")).groupId();
            return new EcsNetwork(vpc, subnet, sg);
        }
    }

    /** The awsvpc network configuration for RunTask and CreateService. */
    public NetworkConfiguration awsvpc() {
        return NetworkConfiguration.builder()
                .awsvpcConfiguration(v -> v.subnets(subnetId).securityGroups(securityGroupId)
                        .assignPublicIp(AssignPublicIp.DISABLED))
                .build();
    }
}
