# METADATA
# title: Containers running as root
# description: >-
#   A Linux container without a "user", or with user root / 0 (with any group), runs as
#   UID 0; a process escaping it is root on the host. Windows task definitions are not
#   evaluated (they have no "user" field semantics of this kind).
# custom:
#   id: ECS_ROOT_USER
#   severity: medium
#   security_hub_control: ECS.20
#   aws_config_rule: [ecs-task-definition-linux-user-non-root, ecs-task-definition-nonroot-user]
#   remediation: >-
#     Set "user" to a non-zero UID (for example "1000:1000") in the container definition
#     and make sure the image works as that user.
#   default_actions: [alert]
package ecsguard.rules.root_user

import data.ecsguard.lib

deny contains {
	"msg": sprintf("container \"%s\" in task definition %s %s", [name, lib.td_label, reason]),
	"resource": lib.td_resource,
	"container": name,
	"source": "task_definition",
} if {
	not lib.is_windows
	some c in lib.container_definitions
	reason := root_reason(c)
	name := lib.container_name(c)
}

root_reason(c) := "sets no \"user\", so it runs as the image's default user (usually root)" if {
	not has_user(c)
} else := sprintf("runs as user \"%s\" (UID 0)", [c.user]) if {
	lib.root_user_value(c.user)
}

# A helper taking the container, not `not lib.non_empty_string(c.user)`: OPA evaluates a
# call's argument outside the negation, so a missing user would make the body undefined.
has_user(c) if lib.non_empty_string(c.user)
