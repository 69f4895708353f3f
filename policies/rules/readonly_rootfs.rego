# METADATA
# title: Writable root filesystem
# description: >-
#   Without "readonlyRootFilesystem": true a compromised process can modify the
#   container's binaries and configuration. Linux only (Windows does not support it).
# custom:
#   id: ECS_WRITABLE_ROOT_FS
#   severity: medium
#   security_hub_control: ECS.5
#   aws_config_rule: ecs-containers-readonly-access
#   remediation: >-
#     Set "readonlyRootFilesystem": true and give the application writable volumes
#     (bind mounts without a host path) for the directories it really writes to.
#   default_actions: [alert]
package ecsguard.rules.readonly_rootfs

import data.ecsguard.lib

deny contains {
	"msg": sprintf("container \"%s\" in task definition %s has a writable root filesystem (readonlyRootFilesystem is not true)", [name, lib.td_label]),
	"resource": lib.td_resource,
	"container": name,
	"source": "task_definition",
} if {
	not lib.is_windows
	some c in lib.container_definitions
	not c.readonlyRootFilesystem == true
	name := lib.container_name(c)
}
