# METADATA
# title: Clusters without Container Insights
# description: >-
#   CreateCluster, UpdateCluster and UpdateClusterSettings that leave a cluster without
#   CloudWatch Container Insights: no per-task and per-container metrics or performance
#   logs to investigate with. The value is the cluster's containerInsights setting after
#   the call (the response's, else the request's). A CreateCluster that sets none gets
#   the account default, which config container_insights.account_default declares; an
#   update that does not touch the setting is not evaluated.
# custom:
#   id: ECS_NO_CONTAINER_INSIGHTS
#   severity: medium
#   security_hub_control: ECS.12
#   aws_config_rule: ecs-container-insights-enabled
#   remediation: >-
#     Turn Container Insights on: aws ecs update-cluster-settings --cluster NAME
#     --settings name=containerInsights,value=enhanced (or enabled), and set the account
#     default with aws ecs put-account-setting-default --name containerInsights --value enhanced.
#   default_actions: [alert]
package ecsguard.rules.container_insights

import data.ecsguard.lib

deny contains {
	"msg": sprintf("%s leaves cluster %s without Container Insights (%s)", [lib.api_names[input.trigger], lib.name_or(lib.cluster, "(unnamed)"), reason]),
	"resource": lib.cluster_resource,
	"source": "cluster",
} if {
	input.trigger in lib.cluster_triggers
	reason := insights_off
}

# The values that count as on; AWS's two when the configuration names none.
accepted := {lower(v) | some v in lib.setting(["container_insights", "accepted"], ["enabled", "enhanced"]); is_string(v)}

# The setting the call leaves the cluster with.
insights_off := sprintf("containerInsights is \"%s\"", [value]) if {
	value := lib.cluster.settings.containerInsights
	is_string(value)
	not lower(value) in accepted
} else := sprintf("no containerInsights setting, so the account default \"%s\" applies", [account_default]) if {
	input.trigger == "create_cluster"
	not has_setting
	not lower(account_default) in accepted
}

has_setting if is_string(lib.cluster.settings.containerInsights)

# What PutAccountSetting(Default) containerInsights is in this account; AWS's default is disabled.
account_default := d if {
	d := lib.setting(["container_insights", "account_default"], "disabled")
	is_string(d)
} else := "disabled"
