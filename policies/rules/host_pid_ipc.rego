# METADATA
# title: Host PID or IPC namespace
# description: >-
#   pidMode "host" lets the containers see and signal (and with SYS_PTRACE, attach to)
#   every process on the container instance; ipcMode "host" shares the host's System V
#   IPC and POSIX shared memory. Both break the isolation between tasks.
# custom:
#   id: ECS_HOST_PID_IPC
#   severity: high
#   security_hub_control: ECS.3
#   aws_config_rule: ecs-task-definition-pid-mode-check
#   remediation: >-
#     Remove pidMode and ipcMode from the task definition, or use "task" to share them
#     only between the containers of one task.
#   default_actions: [alert]
package ecsguard.rules.host_pid_ipc

import data.ecsguard.lib

deny contains {
	"msg": sprintf("task definition %s uses %s \"host\" (shares the container instance's %s namespace)", [lib.td_label, field, kind]),
	"resource": lib.td_resource,
	"source": "task_definition",
} if {
	some field, kind in {"pidMode": "process", "ipcMode": "IPC"}
	lower(lib.task_definition[field]) == "host"
}
