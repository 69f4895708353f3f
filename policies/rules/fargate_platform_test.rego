package ecsguard.rules.fargate_platform_test

import data.ecsguard.rules.fargate_platform

service_arn := "arn:aws:ecs:us-east-1:111122223333:service/prod/web"

set_arn := "arn:aws:ecs:us-east-1:111122223333:task-set/prod/web/ecs-svc/1234567890123456789"

findings(inp) := f if {
	f := fargate_platform.deny with input as inp with data.ecsguard.config as {}
}

test_old_linux_version_on_a_service_is_reported if {
	some f in findings({"trigger": "create_service", "service": {"name": "web", "arn": service_arn, "launchType": "FARGATE", "platformVersion": "1.3.0"}})
	f.resource == service_arn
	f.msg == "service web runs Fargate platform version 1.3.0, older than the minimum 1.4.0 for linux"
	count(findings({"trigger": "update_service", "service": {"name": "web", "platformVersion": "1.2.0"}})) == 1
}

test_a_deployment_is_judged_on_its_service_revision if {
	some f in findings({"trigger": "deployment", "service": {"name": "web", "arn": service_arn, "launchType": "FARGATE", "platformVersion": "1.3.0"}})
	f.resource == service_arn
	f.msg == "service web runs Fargate platform version 1.3.0, older than the minimum 1.4.0 for linux"
	count(findings({"trigger": "deployment", "service": {"name": "web", "platformVersion": "LATEST"}})) == 0
}

test_task_sets_and_run_task_are_evaluated if {
	some f in findings({"trigger": "create_task_set", "service": {"name": "web"}, "taskSet": {"id": "ecs-svc/1", "arn": set_arn, "platformVersion": "1.3.0"}})
	f.resource == set_arn
	contains(f.msg, "task set ecs-svc/1 of service web runs Fargate platform version 1.3.0")
	some r in findings({"trigger": "run_task", "request": {"launchType": "FARGATE", "platformVersion": "1.3.0"}, "task": {"arn": "arn:aws:ecs:us-east-1:1:task/b/1"}})
	r.resource == "arn:aws:ecs:us-east-1:1:task/b/1"
}

test_latest_minimum_newer_and_absent_versions_pass if {
	count(findings({"trigger": "create_service", "service": {"launchType": "FARGATE", "platformVersion": "LATEST"}})) == 0
	count(findings({"trigger": "create_service", "service": {"launchType": "FARGATE", "platformVersion": "latest"}})) == 0
	count(findings({"trigger": "create_service", "service": {"platformVersion": "1.4.0"}})) == 0
	count(findings({"trigger": "create_service", "service": {"platformVersion": "1.10"}})) == 0
	count(findings({"trigger": "create_service", "service": {"launchType": "FARGATE"}})) == 0
	count(findings({"trigger": "update_task_set", "taskSet": {}})) == 0
}

test_windows_has_its_own_minimum if {
	count(findings({"trigger": "create_service", "service": {"platformVersion": "1.0.0", "platformFamily": "WINDOWS_SERVER_2019_CORE"}})) == 0
	win_td := {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}}
	count(findings({"trigger": "create_service", "service": {"platformVersion": "1.0.0"}, "taskDefinition": win_td})) == 0
	count(findings({"trigger": "create_service", "service": {"platformVersion": "1.0.0"}})) == 1
}

test_configured_minimum_and_require_latest if {
	cfg := {"fargate_platform": {"minimum": {"linux": "1.3.0"}}}
	count(fargate_platform.deny) == 0 with input as {"trigger": "create_service", "service": {"platformVersion": "1.3.0"}} with data.ecsguard.config as cfg
	strict := {"fargate_platform": {"require_latest": true}}
	some f in fargate_platform.deny with input as {"trigger": "create_service", "service": {"platformVersion": "1.4.0"}} with data.ecsguard.config as strict
	contains(f.msg, "not LATEST")
}

test_non_fargate_unparsable_and_missing_fields_pass if {
	count(findings({"trigger": "create_service", "service": {"launchType": "EC2", "platformVersion": "1.0.0"}})) == 0
	count(findings({"trigger": "run_task", "request": {"launchType": "EXTERNAL", "platformVersion": "1.0.0"}})) == 0
	count(findings({"trigger": "create_service", "service": {"platformVersion": "1.x"}})) == 0
	count(findings({"trigger": "create_service", "service": {"platformVersion": 1.3}})) == 0
	count(findings({"trigger": "create_service", "service": "garbage"})) == 0
	count(findings({"trigger": "task_state_change", "task": {"platformVersion": "1.3.0"}})) == 0
	count(findings({})) == 0
}
