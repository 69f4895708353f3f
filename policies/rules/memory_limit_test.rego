package ecsguard.rules.memory_limit_test

import data.ecsguard.rules.memory_limit

td(memory, containers) := {"taskDefinition": object.union({"family": "worker", "revision": 7, "containerDefinitions": containers}, memory)}

containers_of(findings) := {f.container | some f in findings}

test_containers_without_a_hard_limit_are_reported if {
	findings := memory_limit.deny with input as td({}, [
		{"name": "soft", "memoryReservation": 256},
		{"name": "none"},
		{"name": "zero", "memory": 0},
		{"name": "hard", "memory": 512},
	]) with data.ecsguard.config as {}
	containers_of(findings) == {"soft", "none", "zero"}
	some f in findings
	f.container == "none"
	f.msg == "container \"none\" in task definition worker:7 has no hard memory limit (\"memory\") and the task definition no task-level memory"
}

test_task_level_memory_bounds_every_container_by_default if {
	count(memory_limit.deny) == 0 with input as td({"memory": "1024"}, [{"name": "app"}]) with data.ecsguard.config as {}
	count(memory_limit.deny) == 0 with input as td({"memory": "1 GB"}, [{"name": "app"}]) with data.ecsguard.config as {}
	count(memory_limit.deny) == 0 with input as td({"memory": 512}, [{"name": "app"}]) with data.ecsguard.config as {}
}

test_aws_config_literal_mode_requires_container_memory if {
	strict := {"memory_limit": {"task_memory_counts": false}}
	some f in memory_limit.deny with input as td({"memory": "1024"}, [{"name": "app"}, {"name": "ok", "memory": 128}]) with data.ecsguard.config as strict
	f.container == "app"
	f.msg == "container \"app\" in task definition worker:7 has no hard memory limit (\"memory\")"
}

test_missing_and_mistyped_fields if {
	count(memory_limit.deny) == 0 with input as {}
	count(memory_limit.deny) == 0 with input as td({"memory": "lots"}, [{"name": "app", "memory": "512"}]) with data.ecsguard.config as {}
	count(memory_limit.deny) == 1 with input as td({"memory": "lots"}, [{"name": "app", "memory": true}]) with data.ecsguard.config as {}
	count(memory_limit.deny) == 0 with input as td({}, "garbage") with data.ecsguard.config as {}
}
