# METADATA
# title: Host network mode with root, non-privileged containers
# description: >-
#   AWS Config's ecs-task-definition-user-for-host-mode-check (Security Hub ECS.1, retired
#   in March 2026): in a task definition with networkMode "host", a container that is not
#   privileged and runs as root (no "user", or root / 0) was given host networking
#   without anyone choosing elevated privileges. ECS_HOST_NETWORK and ECS_ROOT_USER report
#   a superset of these containers, so this rule is off in the shipped configuration
#   (rules.host_mode_user.enabled); turn it on to see AWS's exact finding.
# custom:
#   id: ECS_HOST_MODE_ROOT_USER
#   severity: high
#   security_hub_control: ECS.1
#   aws_config_rule: ecs-task-definition-user-for-host-mode-check
#   remediation: >-
#     Use networkMode "awsvpc", or set a non-root "user" on every container of the host
#     mode task definition.
#   default_actions: [alert]
package ecsguard.rules.host_mode_user

import data.ecsguard.lib

deny contains {
	"msg": sprintf("container \"%s\" in host network mode task definition %s runs as root without being privileged", [name, lib.td_label]),
	"resource": lib.td_resource,
	"container": name,
	"source": "task_definition",
} if {
	lower(lib.task_definition.networkMode) == "host"
	some c in lib.container_definitions
	not c.privileged == true
	runs_as_root(c)
	name := lib.container_name(c)
}

runs_as_root(c) if not has_user(c)

runs_as_root(c) if lib.root_user_value(c.user)

has_user(c) if lib.non_empty_string(c.user)
