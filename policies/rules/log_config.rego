# METADATA
# title: Containers without a log configuration
# description: >-
#   A container without logConfiguration.logDriver writes its output nowhere that
#   survives the task: there is no record for incident response.
# custom:
#   id: ECS_NO_LOG_CONFIG
#   severity: medium
#   security_hub_control: ECS.9
#   aws_config_rule: ecs-task-definition-log-configuration
#   remediation: >-
#     Add a logConfiguration (for example logDriver "awslogs" with awslogs-group,
#     awslogs-region and awslogs-stream-prefix, or "awsfirelens").
#   default_actions: [alert]
package ecsguard.rules.log_config

import data.ecsguard.lib

deny contains {
	"msg": sprintf("container \"%s\" in task definition %s has no logConfiguration with a logDriver", [name, lib.td_label]),
	"resource": lib.td_resource,
	"container": name,
	"source": "task_definition",
} if {
	some c in lib.container_definitions
	not has_log_driver(c)
	name := lib.container_name(c)
}

# Note: `not lib.non_empty_string(c.logConfiguration.logDriver)` would be wrong: OPA
# evaluates a call's argument outside the negation, so a missing logConfiguration would
# make the whole body undefined instead of true.
has_log_driver(c) if lib.non_empty_string(c.logConfiguration.logDriver)
