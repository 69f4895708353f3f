# METADATA
# title: Containers without a hard memory limit
# description: >-
#   A container without a memory limit can take all the memory of the instance it runs
#   on and starve the other tasks there. A container definition without "memory" (the
#   hard limit; memoryReservation is only a soft one) is reported unless the task
#   definition sets a task-level memory, which bounds every container of the task, and
#   config memory_limit.task_memory_counts is true (the default). AWS Config's rule, which
#   AWS stopped evaluating in April 2026, requires the container-level value: set
#   task_memory_counts to false for that.
# custom:
#   id: ECS_NO_MEMORY_LIMIT
#   severity: low
#   aws_config_rule: ecs-task-definition-memory-hard-limit
#   remediation: >-
#     Set "memory" (MiB) on the container definition, or a task-level "memory", and
#     register a new revision.
#   default_actions: [alert]
package ecsguard.rules.memory_limit

import data.ecsguard.lib

deny contains {
	"msg": sprintf("container \"%s\" in task definition %s has no hard memory limit (\"memory\")%s", [name, lib.td_label, task_note]),
	"resource": lib.td_resource,
	"container": name,
	"source": "task_definition",
} if {
	not bounded_by_task
	some c in lib.container_definitions
	not has_memory(c)
	name := lib.container_name(c)
}

has_memory(c) if positive(c.memory)

bounded_by_task if {
	lib.setting(["memory_limit", "task_memory_counts"], true) == true
	task_memory_set
}

# A rule, not `not positive(lib.task_definition.memory)`: OPA evaluates a call's argument
# outside the negation, so a missing memory would make that undefined instead of true.
task_memory_set if positive(lib.task_definition.memory)

task_note := " and the task definition no task-level memory" if {
	not task_memory_set
} else := ""

# The API has numbers for container memory and strings ("1024", "1 GB") for task memory.
positive(n) if {
	is_number(n)
	n > 0
}

positive(s) if {
	is_string(s)
	regex.match(`^\s*[1-9][0-9]*(\s*(MB|MiB|GB|GiB))?\s*$`, s)
}
