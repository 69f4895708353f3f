package ecsguard.rules.host_mounts_test

import data.ecsguard.rules.host_mounts

td(volumes, mounts) := {
	"family": "metrics-agent",
	"revision": 7,
	"volumes": volumes,
	"containerDefinitions": [{"name": "agent", "mountPoints": mounts}],
}

mounted(paths) := {f.msg | some f in findings} if {
	volumes := [{"name": sprintf("v%d", [i]), "host": {"sourcePath": p}} | some i, p in paths]
	mounts := [{"sourceVolume": sprintf("v%d", [i]), "containerPath": "/mnt"} | some i, _ in paths]
	findings := host_mounts.deny with input as {"taskDefinition": td(volumes, mounts)}
}

test_docker_socket_is_denied if {
	findings := host_mounts.deny with input as {"taskDefinition": td(
		[{"name": "docker_sock", "host": {"sourcePath": "/var/run/docker.sock"}}],
		[{"sourceVolume": "docker_sock", "containerPath": "/var/run/docker.sock", "readOnly": true}],
	)}
	count(findings) == 1
	some f in findings
	f.container == "agent"
	contains(f.msg, "/var/run/docker.sock")
}

test_sensitive_paths_in_any_spelling_are_denied if {
	count(mounted([
		"/", "/etc", "/etc/", "/proc", "/sys/fs/cgroup", "/root/.aws", "//var//lib/docker/",
		"/run/containerd/containerd.sock", "/var/run/docker.sock/", "/var/log/../../etc", "/dev/mem",
	])) == 11
}

test_harmless_paths_pass if {
	count(mounted(["/etc/localtime", "/var/log/app", "/data", "/mnt/efs", "/opt/app/cache", "/etcetera", "/procedures"])) == 0
}

test_volume_not_mounted_or_without_host_path_passes if {
	count(host_mounts.deny) == 0 with input as {"taskDefinition": td([{"name": "sock", "host": {"sourcePath": "/var/run/docker.sock"}}], [])}
	count(host_mounts.deny) == 0 with input as {"taskDefinition": td([{"name": "scratch", "host": {}}, {"name": "efs", "efsVolumeConfiguration": {"fileSystemId": "fs-0123"}}], [{"sourceVolume": "scratch"}, {"sourceVolume": "efs"}])}
	count(host_mounts.deny) == 0 with input as {"taskDefinition": td(null, null)}
	count(host_mounts.deny) == 0 with input as {}
}
