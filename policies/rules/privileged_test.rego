package ecsguard.rules.privileged_test

import data.ecsguard.rules.privileged

td_arn := "arn:aws:ecs:us-east-1:111122223333:task-definition/debug-tools:3"

td(containers) := {"family": "debug-tools", "revision": 3, "taskDefinitionArn": td_arn, "containerDefinitions": containers}

test_privileged_container_is_denied if {
	findings := privileged.deny with input as {"taskDefinition": td([
		{"name": "app", "privileged": false},
		{"name": "debug", "privileged": true},
	])}
	count(findings) == 1
	some f in findings
	f.container == "debug"
	f.resource == td_arn
	f.source == "task_definition"
	contains(f.msg, "debug-tools:3")
}

test_unprivileged_or_unset_passes if {
	count(privileged.deny) == 0 with input as {"taskDefinition": td([
		{"name": "a", "privileged": false},
		{"name": "b"},
	])}
}

test_missing_or_mistyped_task_definition_passes if {
	count(privileged.deny) == 0 with input as {}
	count(privileged.deny) == 0 with input as {"taskDefinition": null}
	count(privileged.deny) == 0 with input as {"taskDefinition": {"containerDefinitions": null}}
	count(privileged.deny) == 0 with input as {"taskDefinition": {"containerDefinitions": []}}
	count(privileged.deny) == 0 with input as {"taskDefinition": {"containerDefinitions": ["x", 1, null]}}
}

test_file_without_arn_uses_family_and_revision if {
	some f in privileged.deny with input as {
		"trigger": "task_definition_file",
		"taskDefinition": {"family": "debug-tools", "revision": 3, "containerDefinitions": [{"privileged": true}]},
	}
	f.resource == "task-definition/debug-tools:3"
	f.container == "(unnamed)"
}
