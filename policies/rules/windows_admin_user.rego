# METADATA
# title: Windows containers running as an administrator
# description: >-
#   A Windows container without a "user", or with the default administrator
#   (ContainerAdministrator), has full administrative rights inside the container, which
#   makes a container escape easier and more damaging. Evaluated for task definitions
#   whose runtimePlatform.operatingSystemFamily is a WINDOWS_SERVER family (Linux task
#   definitions are ECS_ROOT_USER's); the administrator names are config
#   windows_admin_users, compared case-insensitively, with or without a domain prefix.
# custom:
#   id: ECS_WINDOWS_ADMIN_USER
#   severity: medium
#   security_hub_control: ECS.21
#   aws_config_rule: ecs-task-definition-windows-user-non-admin
#   remediation: >-
#     Set "user" to a non-administrator account (for example ContainerUser) in each Windows
#     container definition and make sure the application works as that user.
#   default_actions: [alert]
package ecsguard.rules.windows_admin_user

import data.ecsguard.lib

deny contains {
	"msg": sprintf("Windows container \"%s\" in task definition %s %s", [name, lib.td_label, reason]),
	"resource": lib.td_resource,
	"container": name,
	"source": "task_definition",
} if {
	lib.is_windows
	some c in lib.container_definitions
	reason := admin_reason(c)
	name := lib.container_name(c)
}

admin_users := {lower(u) | some u in lib.setting(["windows_admin_users"], ["ContainerAdministrator"]); is_string(u)}

admin_reason(c) := "sets no \"user\", so it runs as ContainerAdministrator" if {
	not has_user(c)
} else := sprintf("runs as the administrator \"%s\"", [c.user]) if {
	account := regex.replace(lower(trim_space(c.user)), `^.*\\`, "")
	account in admin_users
}

has_user(c) if lib.non_empty_string(c.user)
