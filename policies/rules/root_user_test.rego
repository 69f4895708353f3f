package ecsguard.rules.root_user_test

import data.ecsguard.rules.root_user

td(containers) := {"family": "legacy-worker", "revision": 4, "containerDefinitions": containers}

containers_of(findings) := {f.container | some f in findings}

test_root_users_are_denied if {
	findings := root_user.deny with input as {"taskDefinition": td([
		{"name": "unset"},
		{"name": "empty", "user": ""},
		{"name": "root", "user": "root"},
		{"name": "uid0", "user": "0"},
		{"name": "uid0gid0", "user": "0:0"},
		{"name": "rootgroup", "user": "root:wheel"},
	])}
	containers_of(findings) == {"unset", "empty", "root", "uid0", "uid0gid0", "rootgroup"}
}

test_non_root_users_pass if {
	count(root_user.deny) == 0 with input as {"taskDefinition": td([
		{"name": "a", "user": "1000"},
		{"name": "b", "user": "1000:0"},
		{"name": "c", "user": "nginx"},
		{"name": "d", "user": "10:10"},
		{"name": "e", "user": "rooty"},
	])}
}

test_message_says_why if {
	some f in root_user.deny with input as {"taskDefinition": td([{"name": "app"}])}
	contains(f.msg, "sets no \"user\"")
	some g in root_user.deny with input as {"taskDefinition": td([{"name": "app", "user": "0:0"}])}
	contains(g.msg, "runs as user \"0:0\"")
}

test_windows_and_missing_task_definition_are_not_evaluated if {
	count(root_user.deny) == 0 with input as {"taskDefinition": object.union(td([{"name": "iis"}]), {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}})}
	count(root_user.deny) == 0 with input as {"task": {"arn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0123"}}
}
