# METADATA
# title: Fargate workloads pinned to an old platform version
# description: >-
#   A Fargate platform version is the kernel and container runtime the tasks run on;
#   pinning an old one keeps them off the patched runtime. CreateService, UpdateService,
#   CreateTaskSet, UpdateTaskSet, RunTask and a deployment at the deployment gate (its
#   service revision's platformVersion) are reported when they name a platformVersion
#   older than config fargate_platform.minimum (linux, windows; the versions Security Hub
#   uses are 1.4.0 and 1.0.0), or, with fargate_platform.require_latest, any version but
#   LATEST. No platformVersion means LATEST. EC2 and EXTERNAL launches have none.
# custom:
#   id: ECS_FARGATE_PLATFORM_OUTDATED
#   severity: medium
#   security_hub_control: ECS.10
#   aws_config_rule: ecs-fargate-latest-platform-version
#   remediation: >-
#     Set platformVersion to LATEST (or leave it out) and redeploy: aws ecs update-service
#     --cluster CLUSTER --service NAME --platform-version LATEST --force-new-deployment.
#   default_actions: [alert]
package ecsguard.rules.fargate_platform

import data.ecsguard.lib

deny contains {
	"msg": sprintf("%s runs Fargate platform version %s, %s", [subject.label, subject.version, problem]),
	"resource": subject.resource,
	"source": "platform",
} if {
	some subject in subjects
	is_string(subject.version)
	upper(subject.version) != "LATEST"
	not upper(subject.launchType) in {"EC2", "EXTERNAL"}
	problem := outdated(subject)
}

subjects contains {
	"label": sprintf("service %s", [lib.name_or(lib.service, "(unnamed)")]),
	"resource": lib.service_resource,
	"version": object.get(lib.service, "platformVersion", null),
	"launchType": object.get(lib.service, "launchType", ""),
	"family": object.get(lib.service, "platformFamily", ""),
} if {
	input.trigger in {"create_service", "update_service", "deployment"}
}

subjects contains {
	"label": sprintf("task set %s of service %s", [object.get(lib.task_set, "id", "(unnamed)"), lib.name_or(lib.service, "(unnamed)")]),
	"resource": lib.task_set_resource,
	"version": object.get(lib.task_set, "platformVersion", null),
	"launchType": object.get(lib.task_set, "launchType", ""),
	"family": object.get(lib.task_set, "platformFamily", ""),
} if {
	input.trigger in lib.task_set_triggers
}

subjects contains {
	"label": "the RunTask call",
	"resource": lib.task_resource,
	"version": object.get(lib.request, "platformVersion", null),
	"launchType": object.get(lib.request, "launchType", ""),
	"family": "",
} if {
	input.trigger == "run_task"
}

outdated(subject) := "not LATEST (fargate_platform.require_latest)" if {
	lib.setting(["fargate_platform", "require_latest"], false) == true
} else := sprintf("older than the minimum %s for %s", [minimum, os]) if {
	os := os_of(subject)
	minimum := lib.setting(["fargate_platform", "minimum", os], default_minimum[os])
	version_less(subject.version, minimum)
}

default_minimum := {"linux": "1.4.0", "windows": "1.0.0"}

os_of(subject) := "windows" if {
	lib.is_windows
} else := "windows" if {
	startswith(upper(subject.family), "WINDOWS")
} else := "linux"

# Versions compare as numbers, component by component ("1.10.0" is newer than "1.4.0");
# a version that is not dotted digits is not compared.
version_less(a, b) if numeric(a) < numeric(b)

numeric(v) := array.slice(array.concat([to_number(p) | some p in split(v, ".")], [0, 0, 0]), 0, 3) if {
	is_string(v)
	regex.match(`^[0-9]{1,9}(\.[0-9]{1,9}){0,2}$`, v)
}
