package ecsguard.rules.log_config_test

import data.ecsguard.rules.log_config

test_containers_without_log_driver_are_denied if {
	findings := log_config.deny with input as {"taskDefinition": {"containerDefinitions": [
		{"name": "none"},
		{"name": "empty", "logConfiguration": {}},
		{"name": "blank", "logConfiguration": {"logDriver": ""}},
		{"name": "awslogs", "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web"}}},
		{"name": "firelens", "logConfiguration": {"logDriver": "awsfirelens"}},
	]}}
	{f.container | some f in findings} == {"none", "empty", "blank"}
}

test_all_containers_logging_passes if {
	count(log_config.deny) == 0 with input as {"taskDefinition": {"containerDefinitions": [{"name": "a", "logConfiguration": {"logDriver": "awslogs"}}]}}
}

test_nothing_to_check_passes if {
	count(log_config.deny) == 0 with input as {}
	count(log_config.deny) == 0 with input as {"taskDefinition": {"containerDefinitions": []}}
}
