package ecsguard.rules.image_digest_test

import data.ecsguard.rules.image_digest

digest := "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"

reported(images) := {f.container | some f in findings} if {
	findings := image_digest.deny with input as {"taskDefinition": {"containerDefinitions": [{"name": img, "image": img} | some img in images]}}
}

test_version_tag_without_digest_is_denied if {
	reported(["nginx:1.27.3", "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2"]) == {"nginx:1.27.3", "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2"}
}

test_digest_or_latest_is_not_this_rules_business if {
	reported([
		concat("@", ["web:1.4.2", digest]),
		concat("@", ["web", digest]),
		"nginx",
		"nginx:latest",
		"registry.example.com:5000/team/app",
	]) == set()
}

test_invalid_digest_does_not_count_as_pinned if {
	reported(["web:1.4.2@sha256:abc", "web:2@md5:0123"]) == {"web:1.4.2@sha256:abc", "web:2@md5:0123"}
}
