# METADATA
# title: Dangerous Linux capabilities added
# description: >-
#   linuxParameters.capabilities.add grants kernel privileges beyond Docker's default
#   set. SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, ALL and the like allow container
#   escape, network tampering or reading other processes' memory. The list is data
#   (config.capabilities.denied); "CAP_" prefixes and case are ignored.
# custom:
#   id: ECS_DANGEROUS_CAPABILITY
#   severity: high
#   remediation: >-
#     Remove the capability from linuxParameters.capabilities.add; prefer dropping "ALL"
#     and adding back only narrow ones such as NET_BIND_SERVICE.
#   default_actions: [alert]
package ecsguard.rules.capabilities

import data.ecsguard.lib

denied := {upper(cap) | some cap in lib.string_setting(["capabilities", "denied"])}

deny contains {
	"msg": sprintf("container \"%s\" in task definition %s adds the Linux capability %s", [name, lib.td_label, capability]),
	"resource": lib.td_resource,
	"container": name,
	"source": "task_definition",
} if {
	some c in lib.container_definitions
	some added in c.linuxParameters.capabilities.add
	is_string(added)
	capability := trim_prefix(upper(trim_space(added)), "CAP_")
	capability in denied
	name := lib.container_name(c)
}
