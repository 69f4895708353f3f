package ecsguard.rules.awsvpc_network_test

import data.ecsguard.rules.awsvpc_network

td(extra) := {"taskDefinition": object.union({"family": "legacy-worker", "revision": 4, "containerDefinitions": [{"name": "w"}]}, extra)}

test_other_network_modes_are_reported if {
	every mode in ["bridge", "host", "none"] {
		some f in awsvpc_network.deny with input as td({"networkMode": mode})
		f.msg == sprintf("task definition legacy-worker:4 uses networkMode \"%s\", not \"awsvpc\"", [mode])
		f.resource == "task-definition/legacy-worker:4"
	}
}

test_absent_mode_is_the_platform_default if {
	some f in awsvpc_network.deny with input as td({})
	contains(f.msg, "networkMode \"bridge\"")
	some w in awsvpc_network.deny with input as td({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}})
	contains(w.msg, "networkMode \"default\"")
}

test_awsvpc_passes if {
	count(awsvpc_network.deny) == 0 with input as td({"networkMode": "awsvpc"})
	count(awsvpc_network.deny) == 0 with input as td({"networkMode": "AWSVPC"})
}

test_no_task_definition_is_not_evaluated if {
	count(awsvpc_network.deny) == 0 with input as {}
	count(awsvpc_network.deny) == 0 with input as {"taskDefinition": "garbage"}
	count(awsvpc_network.deny) == 0 with input as {"trigger": "create_cluster", "cluster": {"name": "c"}}
}
