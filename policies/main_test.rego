package ecsguard.main_test

import data.ecsguard

td_arn := "arn:aws:ecs:us-east-1:111122223333:task-definition/debug-tools:3"

task_arn := "arn:aws:ecs:us-east-1:111122223333:task/prod/8f2d6c0b4f6e4f1c9d7a2b3c4d5e6f70"

compliant_td := {
	"family": "web",
	"revision": 12,
	"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:12",
	"networkMode": "awsvpc",
	"memory": "512",
	"taskRoleArn": "arn:aws:iam::111122223333:role/web-task-role",
	"containerDefinitions": [{
		"name": "app",
		"image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
		"user": "1000:1000",
		"readonlyRootFilesystem": true,
		"logConfiguration": {"logDriver": "awslogs"},
		"environment": [{"name": "LOG_LEVEL", "value": "info"}],
	}],
}

# compliant_td with one privileged container.
privileged_td := object.union(compliant_td, {
	"family": "debug-tools",
	"revision": 3,
	"taskDefinitionArn": td_arn,
	"containerDefinitions": [object.union(compliant_td.containerDefinitions[0], {"privileged": true})],
})

running_task := {
	"arn": task_arn,
	"cluster": "arn:aws:ecs:us-east-1:111122223333:cluster/prod",
	"group": "service:debug-tools",
	"lastStatus": "RUNNING",
	"desiredStatus": "RUNNING",
}

task_event(td) := {
	"schema_version": "1",
	"trigger": "task_state_change",
	"account": "111122223333",
	"region": "us-east-1",
	"task": running_task,
	"taskDefinition": td,
	"service": {"name": "debug-tools", "arn": "arn:aws:ecs:us-east-1:111122223333:service/prod/debug-tools"},
	"tags": {},
}

rules_of(violations) := {v.rule | some v in violations}

test_compliant_input_is_allowed if {
	ecsguard.allow with input as task_event(compliant_td)
	count(ecsguard.violations) == 0 with input as task_event(compliant_td)
}

test_empty_input_is_allowed if {
	ecsguard.allow with input as {}
}

test_violation_carries_rule_severity_and_all_critical_actions if {
	violations := ecsguard.violations with input as task_event(privileged_td)
	rules_of(violations) == {"ECS_PRIVILEGED"}
	some v in violations
	v.severity == "critical"
	v.actions == ["stop_task", "scale_service", "deregister_task_definition", "alert"]
	v.resource == td_arn
	v.container == "app"
	startswith(v.msg, "container \"app\" in task definition debug-tools:3")
	not ecsguard.allow with input as task_event(privileged_td)
}

test_actions_are_limited_to_what_the_input_allows if {
	# A task definition file checked in CI: nothing to stop, scale or deregister.
	file := {"trigger": "task_definition_file", "taskDefinition": object.remove(privileged_td, ["taskDefinitionArn"])}
	{a | some v in ecsguard.violations with input as file; some a in v.actions} == {"alert"}

	# A stopped standalone task: only the task definition can still be acted on.
	stopped := object.remove(object.union(task_event(privileged_td), {"task": object.union(running_task, {"lastStatus": "STOPPED", "desiredStatus": "STOPPED"})}), ["service"])
	some v in ecsguard.violations with input as stopped
	v.actions == ["deregister_task_definition", "alert"]
}

test_override_findings_never_deregister_the_task_definition if {
	inp := object.union(task_event(compliant_td), {"task": object.union(running_task, {"overrides": {"taskRoleArn": "arn:aws:iam::111122223333:role/Admin"}})})
	violations := ecsguard.violations with input as inp
	some v in violations
	v.rule == "ECS_ADMIN_TASK_ROLE"
	v.actions == ["stop_task", "scale_service", "alert"]
}

# A service deployment waiting at a lifecycle hook (PRE_SCALE_UP): its target revision's task
# definition, service and network, and nothing that runs yet.
deployment_event(td) := {
	"schema_version": "1",
	"trigger": "deployment",
	"account": "111122223333",
	"region": "us-east-1",
	"deployment": {
		"executionId": "e8d5a28f-eb01-4f3c-9454-a30ba6dc54bc",
		"lifecycleStage": "PRE_SCALE_UP",
		"arn": "arn:aws:ecs:us-east-1:111122223333:service-deployment/prod/debug-tools/EZe5RNVLH6PPzHXINuP28",
		"serviceRevisionArn": "arn:aws:ecs:us-east-1:111122223333:service-revision/prod/debug-tools/9313423515462893900",
	},
	"service": {
		"name": "debug-tools",
		"arn": "arn:aws:ecs:us-east-1:111122223333:service/prod/debug-tools",
		"cluster": "arn:aws:ecs:us-east-1:111122223333:cluster/prod",
		"launchType": "FARGATE",
	},
	"network": {"assignPublicIp": "DISABLED"},
	"taskDefinition": td,
	"tags": {},
}

test_a_critical_finding_blocks_the_deployment_and_touches_nothing_that_runs if {
	violations := ecsguard.violations with input as deployment_event(privileged_td)
	rules_of(violations) == {"ECS_PRIVILEGED"}
	some v in violations
	v.actions == ["block_deployment", "alert"]
	v.resource == td_arn
}

test_block_deployment_is_only_for_deployments if {
	task_violations := ecsguard.violations with input as task_event(privileged_td)
	count(task_violations) > 0
	every v in task_violations {
		not "block_deployment" in v.actions
	}
	file := {"trigger": "task_definition_file", "taskDefinition": object.remove(privileged_td, ["taskDefinitionArn"])}
	file_violations := ecsguard.violations with input as file
	count(file_violations) > 0
	every v in file_violations {
		not "block_deployment" in v.actions
	}
}

test_a_compliant_deployment_goes_on if {
	count(ecsguard.violations) == 0 with input as deployment_event(compliant_td)
}

test_non_critical_findings_of_a_deployment_only_alert if {
	violations := ecsguard.violations with input as object.union(deployment_event(compliant_td), {"network": {"assignPublicIp": "ENABLED"}})
	rules_of(violations) == {"ECS_PUBLIC_IP"}
	some v in violations
	v.actions == ["alert"]
	v.resource == "arn:aws:ecs:us-east-1:111122223333:service/prod/debug-tools"
}

test_an_exemption_lets_the_deployment_through if {
	count(ecsguard.violations) == 0 with input as deployment_event(privileged_td)
		with data.ecsguard.config.exemptions as [exemption({})]
}

test_non_critical_rules_only_alert if {
	inp := task_event(object.union(compliant_td, {"networkMode": "host"}))
	some v in ecsguard.violations with input as inp
	v.rule == "ECS_HOST_NETWORK"
	v.severity == "high"
	v.actions == ["alert"]
}

exemption(overrides) := object.union({
	"rule": "ECS_PRIVILEGED",
	"resource": "arn:aws:ecs:us-east-1:111122223333:task-definition/debug-tools:*",
	"owner": "team-platform@example.com",
	"reason": "test",
	"expires": "2099-01-01T00:00:00Z",
}, overrides)

violations_with(exemptions) := violations if {
	violations := ecsguard.violations
		with input as task_event(privileged_td)
		with data.ecsguard.config.exemptions as exemptions
}

test_active_exemption_removes_the_violation if {
	count(violations_with([exemption({})])) == 0
	count(violations_with([exemption({"rule": "*"})])) == 0
	count(violations_with([object.remove(exemption({}), ["rule"])])) == 0
	count(violations_with([exemption({"container": "app"})])) == 0
	count(violations_with([exemption({"resource": "arn:aws:ecs:us-east-1:111122223333:service/prod/debug-tools"})])) == 0
	count(violations_with([exemption({"resource": task_arn})])) == 0
}

test_exemption_that_does_not_match_keeps_the_violation if {
	count(violations_with([exemption({"rule": "ECS_ROOT_USER"})])) == 1
	count(violations_with([exemption({"container": "sidecar"})])) == 1
	count(violations_with([exemption({"resource": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:*"})])) == 1
	count(violations_with([object.remove(exemption({}), ["resource"])])) == 1
}

test_expired_or_undated_exemption_no_longer_applies if {
	count(violations_with([exemption({"expires": "2020-01-01T00:00:00Z"})])) == 1
	count(violations_with([object.remove(exemption({}), ["expires"])])) == 1
	count(violations_with([exemption({"expires": "next tuesday"})])) == 1
}

test_exemption_expiry_follows_the_clock if {
	e := exemption({"expires": "2030-06-01T00:00:00Z"})
	before := time.parse_rfc3339_ns("2030-05-31T23:59:59Z")
	after := time.parse_rfc3339_ns("2030-06-01T00:00:01Z")
	count(ecsguard.violations) == 0 with input as task_event(privileged_td) with data.ecsguard.config.exemptions as [e] with time.now_ns as before
	count(ecsguard.violations) == 1 with input as task_event(privileged_td) with data.ecsguard.config.exemptions as [e] with time.now_ns as after
}

test_exemption_warnings_name_expired_and_invalid_exemptions if {
	warnings := ecsguard.exemption_warnings with data.ecsguard.config.exemptions as [
		exemption({}),
		exemption({"expires": "2020-01-01T00:00:00Z"}),
		object.remove(exemption({}), ["expires"]),
	]
	count(warnings) == 2
	some w in warnings
	contains(w, "expired at 2020-01-01T00:00:00Z")
	some x in warnings
	contains(x, "no valid RFC 3339")
}

test_disabled_rule_reports_nothing if {
	count(ecsguard.violations) == 0 with input as task_event(privileged_td)
		with data.ecsguard.config.rules.privileged.enabled as false
}

test_unconfigured_module_gets_safe_fallback_settings if {
	violations := ecsguard.violations with input as task_event(privileged_td) with data.ecsguard.config as {}
	some v in violations
	v.rule == "ECS_PRIVILEGED"
	v.severity == "medium"
	v.actions == ["alert"]
}

test_unknown_actions_are_dropped if {
	some v in ecsguard.violations with input as task_event(privileged_td)
		with data.ecsguard.config.rules.privileged.actions as ["page_oncall", "alert"]
	v.actions == ["alert"]
}

test_every_configured_rule_has_a_module if {
	every name, _ in data.ecsguard.config.rules {
		is_set(data.ecsguard.rules[name].deny)
	}
}

test_configuration_is_conservative if {
	every _, settings in data.ecsguard.config.rules {
		settings.severity in {"critical", "high", "medium", "low"}
		every action in settings.actions {
			action in {"stop_task", "scale_service", "deregister_task_definition", "block_deployment", "alert"}
		}
		"alert" in settings.actions
		conservative(settings)
	}
}

conservative(settings) if settings.severity == "critical"

conservative(settings) if settings.actions == ["alert"]
