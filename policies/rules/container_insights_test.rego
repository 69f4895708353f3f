package ecsguard.rules.container_insights_test

import data.ecsguard.rules.container_insights

cluster_arn := "arn:aws:ecs:us-east-1:111122223333:cluster/analytics"

config := {"container_insights": {"accepted": ["enabled", "enhanced"], "account_default": "disabled"}}

call(trigger, cluster) := {"trigger": trigger, "cluster": cluster}

findings(inp) := f if {
	f := container_insights.deny with input as inp with data.ecsguard.config as config
}

test_disabled_setting_is_reported_on_every_cluster_call if {
	every trigger in ["create_cluster", "update_cluster", "update_cluster_settings"] {
		some f in findings(call(trigger, {"name": "analytics", "arn": cluster_arn, "settings": {"containerInsights": "disabled"}}))
		f.resource == cluster_arn
		f.source == "cluster"
		contains(f.msg, "cluster analytics without Container Insights (containerInsights is \"disabled\")")
	}
}

test_enabled_and_enhanced_pass_case_insensitively if {
	count(findings(call("create_cluster", {"name": "a", "settings": {"containerInsights": "enabled"}}))) == 0
	count(findings(call("update_cluster_settings", {"name": "a", "settings": {"containerInsights": "ENHANCED"}}))) == 0
}

test_create_without_setting_falls_back_to_the_account_default if {
	some f in findings(call("create_cluster", {"name": "a"}))
	contains(f.msg, "the account default \"disabled\" applies")
	f.resource == "cluster/a"
	on_by_default := {"container_insights": {"accepted": ["enabled"], "account_default": "enabled"}}
	count(container_insights.deny) == 0 with input as call("create_cluster", {"name": "a"}) with data.ecsguard.config as on_by_default
}

test_update_that_does_not_touch_the_setting_is_not_evaluated if {
	count(findings(call("update_cluster", {"name": "a", "configuration": {"executeCommandConfiguration": {"logging": "DEFAULT"}}}))) == 0
	count(findings(call("update_cluster_settings", {"name": "a", "settings": {}}))) == 0
}

test_missing_or_mistyped_fields_and_other_triggers if {
	count(findings({"trigger": "create_cluster"})) == 1
	count(findings({"trigger": "create_cluster", "cluster": "garbage"})) == 1
	count(findings(call("update_cluster", {"settings": {"containerInsights": 5}}))) == 0
	count(findings(call("create_service", {"settings": {"containerInsights": "disabled"}}))) == 0
	count(findings({})) == 0
}

test_without_configuration_aws_defaults_apply if {
	count(container_insights.deny) == 0 with input as call("update_cluster", {"settings": {"containerInsights": "enabled"}}) with data.ecsguard.config as {}
	count(container_insights.deny) == 1 with input as call("update_cluster", {"settings": {"containerInsights": "disabled"}}) with data.ecsguard.config as {}
	count(container_insights.deny) == 1 with input as call("create_cluster", {}) with data.ecsguard.config as {}
}
