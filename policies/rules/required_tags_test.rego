package ecsguard.rules.required_tags_test

import data.ecsguard.rules.required_tags

config := {"required_tags": {"keys": ["team"], "keys_by_resource_type": {"cluster": ["team", "cost-center"]}}}

findings(inp, cfg) := f if {
	f := required_tags.deny with input as inp with data.ecsguard.config as cfg
}

service_arn := "arn:aws:ecs:us-east-1:111122223333:service/prod/web"

cluster_arn := "arn:aws:ecs:us-east-1:111122223333:cluster/analytics"

test_created_resources_without_a_required_key_are_reported if {
	some s in findings({"trigger": "create_service", "service": {"name": "web", "arn": service_arn, "tags": {"owner": "x"}}}, config)
	s.resource == service_arn
	s.msg == "CreateService created service web lacks the required tag key(s) team"
	some c in findings({"trigger": "create_cluster", "cluster": {"name": "analytics", "arn": cluster_arn, "tags": {"team": "data"}}}, config)
	c.msg == "CreateCluster created cluster analytics lacks the required tag key(s) cost-center"
	some t in findings({"trigger": "register_task_definition", "taskDefinition": {"family": "web", "revision": 3}, "tags": {}}, config)
	t.msg == "RegisterTaskDefinition registered task definition web:3 lacks the required tag key(s) team"
	t.resource == "task-definition/web:3"
}

test_resources_with_the_required_keys_pass if {
	count(findings({"trigger": "create_service", "service": {"name": "web", "tags": {"team": "web"}}}, config)) == 0
	count(findings({"trigger": "create_cluster", "cluster": {"name": "a", "tags": {"team": "d", "cost-center": "1", "aws:x": "y"}}}, config)) == 0
	count(findings({"trigger": "task_definition_file", "taskDefinition": {"family": "web"}, "tags": {"team": "web"}}, config)) == 0
}

test_keys_are_case_sensitive_and_system_tags_do_not_count if {
	count(findings({"trigger": "create_service", "service": {"name": "web", "tags": {"Team": "web"}}}, config)) == 1
	some f in findings({"trigger": "create_service", "service": {"name": "web", "tags": {"aws:cloudformation:stack-name": "s"}}}, {})
	contains(f.msg, "has no tags (system tags aws:... do not count)")
}

test_without_required_keys_one_tag_is_enough if {
	count(findings({"trigger": "create_service", "service": {"name": "web", "tags": {"anything": ""}}}, {})) == 0
	count(findings({"trigger": "create_cluster", "cluster": {"name": "c", "tags": {}}}, {})) == 1
}

test_untag_of_a_required_key_is_reported if {
	some f in findings({"trigger": "untag_resource", "tagging": {"resourceArn": cluster_arn, "resourceType": "cluster", "removed": ["cost-center", "temp"]}}, config)
	f.resource == cluster_arn
	f.msg == sprintf("UntagResource removed the required tag key(s) cost-center from %s", [cluster_arn])
}

test_untag_of_other_keys_or_other_resources_passes if {
	count(findings({"trigger": "untag_resource", "tagging": {"resourceArn": service_arn, "resourceType": "service", "removed": ["temp"]}}, config)) == 0
	count(findings({"trigger": "untag_resource", "tagging": {"resourceArn": "arn:aws:ecs:us-east-1:1:task/prod/1", "resourceType": "task", "removed": ["team"]}}, config)) == 0
	count(findings({"trigger": "untag_resource", "tagging": {"resourceArn": service_arn, "resourceType": "service", "removed": ["team"]}}, {})) == 0
	count(findings({"trigger": "tag_resource", "tagging": {"resourceArn": service_arn, "resourceType": "service", "added": {}}}, config)) == 0
}

test_resource_types_can_be_turned_off if {
	cfg := {"required_tags": {"keys": ["team"], "resource_types": ["cluster"]}}
	count(findings({"trigger": "create_service", "service": {"name": "web", "tags": {}}}, cfg)) == 0
	count(findings({"trigger": "create_cluster", "cluster": {"name": "c", "tags": {}}}, cfg)) == 1
}

test_unknown_tags_and_other_triggers_are_not_evaluated if {
	count(findings({"trigger": "update_service", "service": {"name": "web"}}, config)) == 0
	count(findings({"trigger": "create_service", "service": {"name": "web"}}, config)) == 0
	count(findings({"trigger": "task_state_change", "taskDefinition": {"family": "web"}, "tags": {}}, config)) == 0
	count(findings({"trigger": "untag_resource"}, config)) == 0
	count(findings({"trigger": "untag_resource", "tagging": {"resourceType": "service", "removed": "team"}}, config)) == 0
	count(findings({}, config)) == 0
}

test_registered_task_definition_files_without_tags_are_not_judged if {
	arn := "arn:aws:ecs:us-east-1:111122223333:task-definition/web:12"
	count(findings({"trigger": "task_definition_file", "taskDefinition": {"family": "web", "taskDefinitionArn": arn}, "tags": {}}, config)) == 0
	count(findings({"trigger": "task_definition_file", "taskDefinition": {"family": "web", "taskDefinitionArn": arn}, "tags": {"owner": "x"}}, config)) == 1
	some f in findings({"trigger": "task_definition_file", "taskDefinition": {"family": "web"}, "tags": {}}, config)
	f.msg == "task definition file web lacks the required tag key(s) team"
	f.resource == "task-definition/web"
}
