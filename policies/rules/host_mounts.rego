# METADATA
# title: Sensitive host paths mounted
# description: >-
#   A container that mounts the Docker or containerd socket controls every container on
#   the instance; mounting /, /etc, /proc, /sys, /root, /var/lib/docker and the like
#   exposes host credentials and kernel interfaces. Reported when a container's
#   mountPoints use a volume whose host.sourcePath (normalised: repeated and trailing
#   "/" removed) is in config.sensitive_host_paths.exact, lies under one of its
#   prefixes, or contains a ".." segment. Read-only mounts are reported too: a read-only
#   socket still accepts API calls.
# custom:
#   id: ECS_SENSITIVE_HOST_MOUNT
#   severity: critical
#   remediation: >-
#     Remove the bind mount. Give the workload the data it needs through a narrow,
#     dedicated directory, an EFS volume or an API instead of the host's files or the
#     container runtime socket.
#   default_actions: [stop_task, scale_service, deregister_task_definition, block_deployment, alert]
package ecsguard.rules.host_mounts

import data.ecsguard.lib

exact_paths := lib.string_setting(["sensitive_host_paths", "exact"])

prefixes := lib.string_setting(["sensitive_host_paths", "prefixes"])

deny contains {
	"msg": sprintf("container \"%s\" in task definition %s mounts the host path %s (volume \"%s\") at %s", [name, lib.td_label, path, vol.name, container_path]),
	"resource": lib.td_resource,
	"container": name,
	"source": "task_definition",
} if {
	some vol in lib.task_definition.volumes
	is_string(vol.host.sourcePath)
	path := normalize(vol.host.sourcePath)
	sensitive(path)
	some c in lib.container_definitions
	some mp in c.mountPoints
	mp.sourceVolume == vol.name
	name := lib.container_name(c)
	container_path := object.get(mp, "containerPath", "(no containerPath)")
}

# "/var//run/docker.sock/" -> "/var/run/docker.sock"; "///" -> "/".
normalize(p) := trimmed if {
	trimmed := trim_right(regex.replace(p, `/+`, "/"), "/")
	trimmed != ""
} else := "/"

sensitive(path) if path in exact_paths

sensitive(path) if {
	some prefix in prefixes
	startswith(path, concat("", [trim_right(prefix, "/"), "/"]))
}

sensitive(path) if regex.match(`(^|/)\.\.(/|$)`, path)
