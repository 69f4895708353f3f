package ecsguard.rules.readonly_rootfs_test

import data.ecsguard.rules.readonly_rootfs

td(containers) := {"family": "web", "revision": 12, "containerDefinitions": containers}

test_writable_or_unset_root_fs_is_denied if {
	findings := readonly_rootfs.deny with input as {"taskDefinition": td([
		{"name": "unset"},
		{"name": "false", "readonlyRootFilesystem": false},
		{"name": "string", "readonlyRootFilesystem": "true"},
		{"name": "ok", "readonlyRootFilesystem": true},
	])}
	{f.container | some f in findings} == {"unset", "false", "string"}
}

test_read_only_root_fs_passes if {
	count(readonly_rootfs.deny) == 0 with input as {"taskDefinition": td([{"name": "app", "readonlyRootFilesystem": true}])}
}

test_windows_and_empty_definitions_are_not_evaluated if {
	count(readonly_rootfs.deny) == 0 with input as {"taskDefinition": object.union(td([{"name": "iis"}]), {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}})}
	count(readonly_rootfs.deny) == 0 with input as {"taskDefinition": td([])}
}
