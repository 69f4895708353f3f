package ecsguard.rules.windows_admin_user_test

import data.ecsguard.rules.windows_admin_user

windows_td(containers) := {"taskDefinition": {
	"family": "iis",
	"revision": 4,
	"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
	"containerDefinitions": containers,
}}

containers_of(findings) := {f.container | some f in findings}

test_administrators_and_missing_users_are_reported if {
	findings := windows_admin_user.deny with input as windows_td([
		{"name": "unset"},
		{"name": "empty", "user": ""},
		{"name": "admin", "user": "ContainerAdministrator"},
		{"name": "lower", "user": "containeradministrator"},
		{"name": "domain", "user": "User Manager\\ContainerAdministrator"},
	])
	containers_of(findings) == {"unset", "empty", "admin", "lower", "domain"}
	some f in findings
	f.container == "admin"
	f.msg == "Windows container \"admin\" in task definition iis:4 runs as the administrator \"ContainerAdministrator\""
}

test_non_admin_users_pass if {
	count(windows_admin_user.deny) == 0 with input as windows_td([{"name": "web", "user": "ContainerUser"}, {"name": "svc", "user": "app-svc"}])
}

test_configured_admin_names if {
	cfg := {"windows_admin_users": ["ContainerAdministrator", "Administrator"]}
	count(windows_admin_user.deny) == 1 with input as windows_td([{"name": "web", "user": "Administrator"}]) with data.ecsguard.config as cfg
	count(windows_admin_user.deny) == 0 with input as windows_td([{"name": "web", "user": "Administrator"}]) with data.ecsguard.config as {}
}

test_linux_unknown_and_missing_fields_are_not_evaluated if {
	count(windows_admin_user.deny) == 0 with input as {"taskDefinition": {"runtimePlatform": {"operatingSystemFamily": "LINUX"}, "containerDefinitions": [{"name": "a"}]}}
	count(windows_admin_user.deny) == 0 with input as {"taskDefinition": {"containerDefinitions": [{"name": "a"}]}}
	count(windows_admin_user.deny) == 0 with input as windows_td("garbage")
	count(windows_admin_user.deny) == 0 with input as {}
}
