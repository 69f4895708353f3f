package ecsguard.rules.trusted_registry_test

import data.ecsguard.rules.trusted_registry

config := {
	"registries": {
		"allow_own_account_ecr": true,
		"allowed_ecr_accounts": ["444455556666"],
		"allowed": ["public.ecr.aws/aws-observability", "registry.example.com:5000"],
	},
}

# The containers (named after their image) whose image the rule reports.
untrusted(images) := {f.container | some f in findings} if {
	findings := trusted_registry.deny
		with input as {"account": "111122223333", "taskDefinition": {"family": "f", "revision": 1, "containerDefinitions": [{"name": img, "image": img} | some img in images]}}
		with data.ecsguard.config as config
}

test_approved_registries_pass if {
	untrusted([
		"111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2",
		"111122223333.dkr.ecr.eu-west-1.amazonaws.com/web@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
		"111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com/web:1",
		"444455556666.dkr.ecr.us-east-1.amazonaws.com/shared/base:2",
		"public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4",
		"registry.example.com:5000/team/app:7",
		"REGISTRY.example.com:5000/team/app:7",
	]) == set()
}

test_lookalike_and_foreign_registries_are_denied if {
	untrusted([
		"111122223333.dkr.ecr.us-east-1.amazonaws.com.evil.example/web:1",
		"evil.example/111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1",
		"777788889999.dkr.ecr.us-east-1.amazonaws.com/web:1",
		"public.ecr.aws/aws-observability-fake/x:1",
		"public.ecr.aws/nginx/nginx:1.27",
		"registry.example.com/team/app:7",
		"registry.example.com:5001/team/app:7",
		"nginx",
		"library/nginx:1.27",
		"docker.io/library/nginx:latest",
		"ghcr.io/acme/app@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
	]) == {
		"111122223333.dkr.ecr.us-east-1.amazonaws.com.evil.example/web:1",
		"evil.example/111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1",
		"777788889999.dkr.ecr.us-east-1.amazonaws.com/web:1",
		"public.ecr.aws/aws-observability-fake/x:1",
		"public.ecr.aws/nginx/nginx:1.27",
		"registry.example.com/team/app:7",
		"registry.example.com:5001/team/app:7",
		"nginx",
		"library/nginx:1.27",
		"docker.io/library/nginx:latest",
		"ghcr.io/acme/app@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
	}
}

test_docker_hub_can_be_allowed_by_namespace if {
	findings := trusted_registry.deny with input as {"taskDefinition": {"containerDefinitions": [
		{"name": "a", "image": "nginx:1.27"},
		{"name": "b", "image": "index.docker.io/library/redis:7"},
		{"name": "c", "image": "someone/nginx:1.27"},
	]}}
		with data.ecsguard.config as {"registries": {"allowed": ["docker.io/library"]}}
	{f.container | some f in findings} == {"c"}
}

test_own_account_ecr_needs_the_account_and_the_switch if {
	image := "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1"
	inp := {"account": "111122223333", "taskDefinition": {"containerDefinitions": [{"name": "a", "image": image}]}}
	count(trusted_registry.deny) == 0 with input as inp with data.ecsguard.config as {"registries": {"allow_own_account_ecr": true}}
	count(trusted_registry.deny) == 1 with input as inp with data.ecsguard.config as {"registries": {"allow_own_account_ecr": false}}
	count(trusted_registry.deny) == 1 with input as object.remove(inp, ["account"]) with data.ecsguard.config as {"registries": {"allow_own_account_ecr": true}}
}

test_running_task_images_and_overrides_are_checked if {
	findings := trusted_registry.deny with input as {
		"account": "111122223333",
		"trigger": "task_state_change",
		"task": {
			"arn": "arn:aws:ecs:us-east-1:111122223333:task/prod/9a8b",
			"containers": [
				{"name": "app", "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1"},
				{"name": "sidecar", "image": "quay.io/evil/miner:1"},
				{"name": "managed", "imageDigest": "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"},
			],
		},
		"taskDefinition": {"containerDefinitions": [{"name": "app", "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1"}]},
	}
		with data.ecsguard.config as config
	count(findings) == 1
	some f in findings
	f.container == "sidecar"
	f.source == "task"
	f.resource == "arn:aws:ecs:us-east-1:111122223333:task/prod/9a8b"
}

test_no_images_no_findings if {
	count(trusted_registry.deny) == 0 with input as {}
	count(trusted_registry.deny) == 0 with input as {"task": {"containers": [{"name": "x"}]}, "taskDefinition": {"containerDefinitions": [{"name": "x", "image": ""}]}}
}
