# METADATA
# title: Capacity providers without managed termination protection
# description: >-
#   An Auto Scaling group capacity provider without managed termination protection lets
#   a scale-in terminate EC2 instances that still run tasks. CreateCapacityProvider and
#   UpdateCapacityProvider are reported when the provider's autoScalingGroupProvider has
#   managedTerminationProtection other than ENABLED after the call (a create that omits
#   it gets DISABLED). An update that does not show the setting is not evaluated; Fargate
#   and ECS Managed Instances providers have no Auto Scaling group and are not evaluated.
#   The rule only alerts: ecs-guard never changes a capacity provider.
# custom:
#   id: ECS_NO_MANAGED_TERMINATION_PROTECTION
#   severity: medium
#   security_hub_control: ECS.19
#   aws_config_rule: ecs-capacity-provider-termination-check
#   remediation: >-
#     Turn on managed scaling and managed termination protection: aws ecs
#     update-capacity-provider --name NAME --auto-scaling-group-provider
#     "managedScaling={status=ENABLED},managedTerminationProtection=ENABLED", and enable
#     scale-in protection on the Auto Scaling group.
#   default_actions: [alert]
package ecsguard.rules.capacity_provider_termination

import data.ecsguard.lib

deny contains {
	"msg": sprintf("%s leaves capacity provider %s without managed termination protection (managedTerminationProtection %s)", [lib.api_names[input.trigger], lib.name_or(lib.capacity_provider, "(unnamed)"), value]),
	"resource": lib.capacity_provider_resource,
	"source": "capacity_provider",
} if {
	input.trigger in lib.capacity_provider_triggers
	asg := lib.capacity_provider.autoScalingGroupProvider
	is_object(asg)
	value := protection(asg)
	upper(value) != "ENABLED"
}

protection(asg) := asg.managedTerminationProtection if {
	is_string(asg.managedTerminationProtection)
} else := "not set, so DISABLED" if {
	input.trigger == "create_capacity_provider"
}
