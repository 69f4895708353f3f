package ecsguard.rules.efs_transit_encryption_test

import data.ecsguard.rules.efs_transit_encryption

td(volumes) := {"taskDefinition": {"family": "reports", "revision": 2, "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/reports:2", "volumes": volumes}}

test_efs_without_transit_encryption_is_reported if {
	findings := efs_transit_encryption.deny with input as td([
		{"name": "shared", "efsVolumeConfiguration": {"fileSystemId": "fs-0123", "transitEncryption": "DISABLED"}},
		{"name": "unset", "efsVolumeConfiguration": {"fileSystemId": "fs-4567"}},
	])
	{f.volume | some f in findings} == {"shared", "unset"}
	some f in findings
	f.volume == "shared"
	f.resource == "arn:aws:ecs:us-east-1:111122223333:task-definition/reports:2"
	f.msg == "EFS volume \"shared\" (file system fs-0123) in task definition reports:2 is mounted without encryption in transit (transitEncryption DISABLED)"
}

test_encrypted_efs_and_other_volumes_pass if {
	count(efs_transit_encryption.deny) == 0 with input as td([
		{"name": "shared", "efsVolumeConfiguration": {"fileSystemId": "fs-0123", "transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}}},
		{"name": "tmp", "host": {}},
		{"name": "docker", "dockerVolumeConfiguration": {"scope": "task"}},
	])
}

test_missing_and_mistyped_fields_pass if {
	count(efs_transit_encryption.deny) == 0 with input as {}
	count(efs_transit_encryption.deny) == 0 with input as td("garbage")
	count(efs_transit_encryption.deny) == 0 with input as td([{"name": "x", "efsVolumeConfiguration": "fs-1"}])
	some f in efs_transit_encryption.deny with input as td([{"efsVolumeConfiguration": {}}])
	f.volume == "(unnamed)"
	contains(f.msg, "file system (unknown)")
}
