package ecsguard.rules.host_mode_user_test

import data.ecsguard.rules.host_mode_user

td(mode, containers) := {"taskDefinition": {"family": "agent", "revision": 1, "networkMode": mode, "containerDefinitions": containers}}

containers_of(findings) := {f.container | some f in findings}

test_root_non_privileged_containers_in_host_mode_are_reported if {
	findings := host_mode_user.deny with input as td("host", [
		{"name": "nouser"},
		{"name": "root", "user": "root", "privileged": false},
		{"name": "uid0", "user": "0:0"},
		{"name": "privileged", "privileged": true},
		{"name": "nonroot", "user": "1000"},
	])
	containers_of(findings) == {"nouser", "root", "uid0"}
	some f in findings
	f.container == "nouser"
	f.msg == "container \"nouser\" in host network mode task definition agent:1 runs as root without being privileged"
}

test_other_modes_and_missing_fields_pass if {
	count(host_mode_user.deny) == 0 with input as td("awsvpc", [{"name": "a"}])
	count(host_mode_user.deny) == 0 with input as td("bridge", [{"name": "a"}])
	count(host_mode_user.deny) == 0 with input as {"taskDefinition": {"containerDefinitions": [{"name": "a"}]}}
	count(host_mode_user.deny) == 0 with input as td("host", "garbage")
	count(host_mode_user.deny) == 0 with input as {}
}
