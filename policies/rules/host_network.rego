# METADATA
# title: Host network mode
# description: >-
#   networkMode "host" puts the containers in the container instance's network
#   namespace: they can bind any host port, reach services on localhost (including the
#   instance metadata service) and sniff traffic, and security groups no longer apply
#   per task.
# custom:
#   id: ECS_HOST_NETWORK
#   severity: high
#   security_hub_control: ECS.17
#   aws_config_rule: ecs-task-definition-network-mode-not-host
#   remediation: Use networkMode "awsvpc" (or "bridge") instead of "host".
#   default_actions: [alert]
package ecsguard.rules.host_network

import data.ecsguard.lib

deny contains {
	"msg": sprintf("task definition %s uses networkMode \"host\" (shares the container instance's network namespace)", [lib.td_label]),
	"resource": lib.td_resource,
	"source": "task_definition",
} if {
	lower(lib.task_definition.networkMode) == "host"
}
