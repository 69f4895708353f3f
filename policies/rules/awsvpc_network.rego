# METADATA
# title: Task definitions not in awsvpc network mode
# description: >-
#   Only the awsvpc network mode gives each task its own network interface, security
#   groups and VPC flow logs; bridge, host, none and the Windows default share the
#   instance's. A task definition whose networkMode is not awsvpc (absent means bridge on
#   Linux, default on Windows) is reported wherever it is seen. host mode is also
#   ECS_HOST_NETWORK.
# custom:
#   id: ECS_NOT_AWSVPC
#   severity: medium
#   aws_config_rule: ecs-awsvpc-networking-enabled
#   remediation: >-
#     Set "networkMode": "awsvpc" and give the service or RunTask a networkConfiguration
#     with private subnets and a security group per workload.
#   default_actions: [alert]
package ecsguard.rules.awsvpc_network

import data.ecsguard.lib

deny contains {
	"msg": sprintf("task definition %s uses networkMode \"%s\", not \"awsvpc\"", [lib.td_label, mode]),
	"resource": lib.td_resource,
	"source": "task_definition",
} if {
	count(lib.task_definition) > 0
	mode := network_mode
	lower(mode) != "awsvpc"
}

network_mode := lib.task_definition.networkMode if {
	lib.non_empty_string(lib.task_definition.networkMode)
} else := "default" if {
	lib.is_windows
} else := "bridge"
