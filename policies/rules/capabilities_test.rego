package ecsguard.rules.capabilities_test

import data.ecsguard.rules.capabilities

td(add) := {"family": "net-tools", "revision": 1, "containerDefinitions": [{"name": "app", "linuxParameters": {"capabilities": {"add": add, "drop": ["ALL"]}}}]}

capabilities_of(findings) := {c |
	some f in findings
	some c in ["SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "ALL", "NET_BIND_SERVICE"]
	endswith(f.msg, concat(" ", ["capability", c]))
}

test_dangerous_capabilities_are_denied_in_any_spelling if {
	findings := capabilities.deny with input as {"taskDefinition": td(["SYS_ADMIN", "cap_net_admin", " sys_ptrace ", "ALL", "NET_BIND_SERVICE"])}
	capabilities_of(findings) == {"SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "ALL"}
}

test_harmless_or_dropped_capabilities_pass if {
	count(capabilities.deny) == 0 with input as {"taskDefinition": td(["NET_BIND_SERVICE", "CHOWN"])}
	count(capabilities.deny) == 0 with input as {"taskDefinition": td([])}
	count(capabilities.deny) == 0 with input as {"taskDefinition": td(null)}
	count(capabilities.deny) == 0 with input as {"taskDefinition": {"containerDefinitions": [{"name": "app", "linuxParameters": {}}]}}
}

test_deny_list_is_data if {
	count(capabilities.deny) == 0 with input as {"taskDefinition": td(["SYS_ADMIN"])}
		with data.ecsguard.config.capabilities.denied as ["NET_ADMIN"]
	count(capabilities.deny) == 1 with input as {"taskDefinition": td(["CHOWN"])}
		with data.ecsguard.config.capabilities.denied as ["chown"]
}
