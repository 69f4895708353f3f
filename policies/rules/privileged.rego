# METADATA
# title: Privileged containers
# description: >-
#   A container with "privileged": true runs with every Linux capability and access to
#   all host devices: it is root on the container instance. AWS Config only evaluates the
#   latest task definition revision; this rule also catches running tasks and
#   RegisterTaskDefinition calls as they happen.
# custom:
#   id: ECS_PRIVILEGED
#   severity: critical
#   security_hub_control: ECS.4
#   aws_config_rule: ecs-containers-nonprivileged
#   remediation: >-
#     Remove "privileged": true from the container definition, register a new revision
#     and grant only the specific Linux capabilities the workload needs.
#   default_actions: [stop_task, scale_service, deregister_task_definition, block_deployment, alert]
package ecsguard.rules.privileged

import data.ecsguard.lib

deny contains {
	"msg": sprintf("container \"%s\" in task definition %s runs privileged (full access to the host's devices and kernel)", [name, lib.td_label]),
	"resource": lib.td_resource,
	"container": name,
	"source": "task_definition",
} if {
	some c in lib.container_definitions
	c.privileged == true
	name := lib.container_name(c)
}
