package ecsguard.rules.capacity_provider_termination_test

import data.ecsguard.rules.capacity_provider_termination

cp_arn := "arn:aws:ecs:us-east-1:111122223333:capacity-provider/batch-spot"

provider(asg) := {"name": "batch-spot", "arn": cp_arn, "autoScalingGroupProvider": asg}

findings(trigger, cp) := f if {
	f := capacity_provider_termination.deny with input as {"trigger": trigger, "capacityProvider": cp}
}

test_disabled_protection_is_reported_on_create_and_update if {
	every trigger in ["create_capacity_provider", "update_capacity_provider"] {
		some f in findings(trigger, provider({"managedScaling": {"status": "ENABLED"}, "managedTerminationProtection": "DISABLED"}))
		f.resource == cp_arn
		f.source == "capacity_provider"
		contains(f.msg, "capacity provider batch-spot without managed termination protection (managedTerminationProtection DISABLED)")
	}
}

test_create_without_the_setting_defaults_to_disabled if {
	some f in findings("create_capacity_provider", provider({"autoScalingGroupArn": "arn:aws:autoscaling:..."}))
	contains(f.msg, "not set, so DISABLED")
}

test_enabled_passes if {
	count(findings("create_capacity_provider", provider({"managedTerminationProtection": "ENABLED"}))) == 0
	count(findings("update_capacity_provider", provider({"managedTerminationProtection": "enabled"}))) == 0
}

test_update_without_the_setting_and_providers_without_asg_pass if {
	count(findings("update_capacity_provider", provider({"managedScaling": {"status": "ENABLED"}}))) == 0
	count(findings("create_capacity_provider", {"name": "mi", "managedInstancesProvider": {"infrastructureRoleArn": "arn:aws:iam::1:role/x"}})) == 0
	count(findings("create_capacity_provider", {"name": "x", "autoScalingGroupProvider": "garbage"})) == 0
	count(findings("create_capacity_provider", "garbage")) == 0
	count(findings("create_cluster", provider({"managedTerminationProtection": "DISABLED"}))) == 0
	count(capacity_provider_termination.deny) == 0 with input as {}
}

test_name_falls_back_when_unknown if {
	some f in findings("create_capacity_provider", {"autoScalingGroupProvider": {"managedTerminationProtection": "DISABLED"}})
	f.resource == "capacity-provider"
	contains(f.msg, "capacity provider (unnamed)")
}
