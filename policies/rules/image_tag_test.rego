package ecsguard.rules.image_tag_test

import data.ecsguard.rules.image_tag

digest := "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"

reported(images) := {f.container | some f in findings} if {
	findings := image_tag.deny with input as {"taskDefinition": {"containerDefinitions": [{"name": img, "image": img} | some img in images]}}
}

test_latest_or_missing_tag_is_denied if {
	reported([
		"nginx",
		"nginx:latest",
		"nginx:LATEST",
		"registry.example.com:5000/team/app",
		"111122223333.dkr.ecr.us-east-1.amazonaws.com/web:latest",
		"ghcr.io/acme/app:",
	]) == {
		"nginx",
		"nginx:latest",
		"nginx:LATEST",
		"registry.example.com:5000/team/app",
		"111122223333.dkr.ecr.us-east-1.amazonaws.com/web:latest",
		"ghcr.io/acme/app:",
	}
}

test_digest_pins_pass_whatever_the_tag if {
	reported([
		concat("@", ["nginx", digest]),
		concat("@", ["nginx:latest", digest]),
		concat("@", ["registry.example.com:5000/team/app", digest]),
	]) == set()
}

test_version_tags_are_left_to_the_digest_rule if {
	reported(["nginx:1.27.3", "registry.example.com:5000/team/app:2024-06-01"]) == set()
}

test_running_task_image_not_in_definition_is_checked if {
	findings := image_tag.deny with input as {
		"task": {"arn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f1e", "containers": [{"name": "app", "image": "busybox"}]},
		"taskDefinition": {"containerDefinitions": [{"name": "app", "image": "busybox:1.36"}]},
	}
	{f.source | some f in findings} == {"task"}
}

test_malformed_images_are_ignored if {
	count(image_tag.deny) == 0 with input as {"taskDefinition": {"containerDefinitions": [{"name": "a", "image": 42}, {"name": "b", "image": ""}, {"name": "c"}]}}
}
