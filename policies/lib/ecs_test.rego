package ecsguard.lib_test

import data.ecsguard.lib

digest := "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"

tag_or_dash(ref) := t if {
	t := lib.image_tag(ref)
} else := "-"

pinned(ref) := true if {
	lib.has_digest(ref)
} else := false

test_image_reference_parsing if {
	cases := [
		# ref, host, repository, tag ("-" = none), digest?
		["nginx", "docker.io", "docker.io/library/nginx", "-", false],
		["nginx:1.27", "docker.io", "docker.io/library/nginx", "1.27", false],
		["bitnami/redis:7.2", "docker.io", "docker.io/bitnami/redis", "7.2", false],
		["index.docker.io/library/nginx", "docker.io", "docker.io/library/nginx", "-", false],
		["localhost/app:dev", "localhost", "localhost/app", "dev", false],
		["localhost:5000/app", "localhost:5000", "localhost:5000/app", "-", false],
		["Registry.Example.com:5000/Team/App:2", "registry.example.com:5000", "registry.example.com:5000/team/app", "2", false],
		[concat("@", ["111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2", digest]), "111122223333.dkr.ecr.us-east-1.amazonaws.com", "111122223333.dkr.ecr.us-east-1.amazonaws.com/web", "1.4.2", true],
		[concat("@", ["public.ecr.aws/aws-observability/aws-for-fluent-bit", digest]), "public.ecr.aws", "public.ecr.aws/aws-observability/aws-for-fluent-bit", "-", true],
		["111122223333.dkr.ecr.us-east-1.amazonaws.com.evil.example/web:1", "111122223333.dkr.ecr.us-east-1.amazonaws.com.evil.example", "111122223333.dkr.ecr.us-east-1.amazonaws.com.evil.example/web", "1", false],
	]
	every c in cases {
		lib.image_host(c[0]) == c[1]
		lib.image_repository(c[0]) == c[2]
		tag_or_dash(c[0]) == c[3]
		pinned(c[0]) == c[4]
	}
}

test_ecr_hosts_are_recognised_exactly if {
	lib.ecr_account("111122223333.dkr.ecr.us-east-1.amazonaws.com") == "111122223333"
	lib.ecr_account("111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com") == "111122223333"
	lib.ecr_account("111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn") == "111122223333"
	not lib.ecr_account("111122223333.dkr.ecr.us-east-1.amazonaws.com.evil.example")
	not lib.ecr_account("evil111122223333.dkr.ecr.us-east-1.amazonaws.com")
	not lib.ecr_account("public.ecr.aws")
}

test_patterns_match_exactly_or_with_wildcards if {
	lib.matches_pattern("arn:aws:iam::111122223333:role/ci", "arn:aws:iam::111122223333:role/CI")
	lib.matches_pattern("arn:aws:iam::*:role/*admin*", "arn:aws:iam::111122223333:role/path/SuperAdminRole")
	lib.matches_pattern("arn:aws:ecs:us-east-1:111122223333:task-definition/web:*", "arn:aws:ecs:us-east-1:111122223333:task-definition/web:12")
	not lib.matches_pattern("arn:aws:iam::111122223333:role/ci", "arn:aws:iam::111122223333:role/ci-2")
	not lib.matches_pattern("arn:aws:ecs:us-east-1:111122223333:task-definition/web:*", "arn:aws:ecs:us-east-1:111122223333:task-definition/webapp:1")
	not lib.matches_pattern(null, "x")
	not lib.matches_pattern("*", 5)
}

test_resource_names_fall_back_gracefully if {
	lib.td_resource == "task-definition" with input as {}
	lib.td_resource == "task-definition/web" with input as {"taskDefinition": {"family": "web"}}
	lib.td_resource == "task-definition/web:12" with input as {"taskDefinition": {"family": "web", "revision": 12, "taskDefinitionArn": ""}}
	lib.task_resource == "task-definition/web:12" with input as {"taskDefinition": {"family": "web", "revision": 12}, "task": {}}
	lib.service_resource == "service/web" with input as {"service": {"name": "web"}}
	lib.td_label == "the task definition" with input as {"taskDefinition": "garbage"}
}

test_role_names_become_arns_of_the_account if {
	lib.role_arn("Admin") == "arn:aws:iam::111122223333:role/Admin" with input as {"account": "111122223333"}
	lib.role_arn("arn:aws:iam::111122223333:role/x") == "arn:aws:iam::111122223333:role/x"
	not lib.role_arn("Admin") with input as {}
}

test_overrides_come_from_the_task_and_from_launch_requests_only if {
	co := {"name": "app", "command": ["id"]}
	count(lib.container_overrides) == 1 with input as {"trigger": "task_state_change", "task": {"overrides": {"containerOverrides": [co]}}}
	count(lib.container_overrides) == 1 with input as {"trigger": "start_task", "request": {"overrides": {"containerOverrides": [co]}}}
	count(lib.container_overrides) == 1 with input as {"trigger": "run_task", "task": {"overrides": {"containerOverrides": [co]}}, "request": {"overrides": {"containerOverrides": [co]}}}
	count(lib.container_overrides) == 0 with input as {"trigger": "update_service", "request": {"overrides": {"containerOverrides": [co]}}}
	count(lib.container_overrides) == 0 with input as {"trigger": "run_task", "request": {"overrides": {"containerOverrides": "x"}}}
}

test_repeated_container_names_do_not_conflict if {
	lib.container_definition("app").image == "a" with input as {"taskDefinition": {"containerDefinitions": [{"name": "app", "image": "b"}, {"name": "app", "image": "a"}]}}
}
