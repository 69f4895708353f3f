# METADATA
# title: ecs-guard policy helpers
# description: >-
#   Shared, read-only helpers over the ecs-guard input document (schema_version "1")
#   and the configuration document at data.ecsguard.config. Every helper is robust to
#   missing or mistyped fields: it is undefined or empty, it never raises an error.
package ecsguard.lib

# ---------------------------------------------------------------------------
# Configuration (policies/data/config.json, loaded at data.ecsguard.config)
# ---------------------------------------------------------------------------

default config := {}

config := data.ecsguard.config if is_object(data.ecsguard.config)

# setting(["a", "b"], fallback) is config.a.b, or fallback when it is not set.
setting(path, fallback) := object.get(config, path, fallback)

# The strings of a list setting (other entries ignored); empty when it is not set.
string_setting(path) := {s | some s in setting(path, []); is_string(s)}

# ---------------------------------------------------------------------------
# The parts of the input document, each an object ({} when absent or mistyped)
# ---------------------------------------------------------------------------

default task_definition := {}

task_definition := input.taskDefinition if is_object(input.taskDefinition)

default task := {}

task := input.task if is_object(input.task)

default service := {}

service := input.service if is_object(input.service)

default caller := {}

caller := input.caller if is_object(input.caller)

default request := {}

request := input.request if is_object(input.request)

default task_set := {}

task_set := input.taskSet if is_object(input.taskSet)

default cluster := {}

cluster := input.cluster if is_object(input.cluster)

default capacity_provider := {}

capacity_provider := input.capacityProvider if is_object(input.capacityProvider)

default tagging := {}

tagging := input.tagging if is_object(input.tagging)

# Triggers that come from an ECS API call recorded by CloudTrail: the call's name in messages.
api_names := {
	"run_task": "RunTask",
	"start_task": "StartTask",
	"create_service": "CreateService",
	"update_service": "UpdateService",
	"register_task_definition": "RegisterTaskDefinition",
	"create_task_set": "CreateTaskSet",
	"update_task_set": "UpdateTaskSet",
	"create_cluster": "CreateCluster",
	"update_cluster": "UpdateCluster",
	"update_cluster_settings": "UpdateClusterSettings",
	"create_capacity_provider": "CreateCapacityProvider",
	"update_capacity_provider": "UpdateCapacityProvider",
	"tag_resource": "TagResource",
	"untag_resource": "UntagResource",
}

api_triggers := {trigger | some trigger, _ in api_names}

# Triggers whose request may carry RunTask/StartTask overrides.
launch_triggers := {"run_task", "start_task"}

# Triggers about a task set, a cluster, a capacity provider.
task_set_triggers := {"create_task_set", "update_task_set"}

cluster_triggers := {"create_cluster", "update_cluster", "update_cluster_settings"}

capacity_provider_triggers := {"create_capacity_provider", "update_capacity_provider"}

# The role fields of a task definition and of overrides, with their names for messages.
role_fields := {"taskRoleArn": "task role", "executionRoleArn": "task execution role"}

non_empty_string(x) if {
	is_string(x)
	x != ""
}

# ---------------------------------------------------------------------------
# Names of resources, for messages and for the "resource" of a finding
# ---------------------------------------------------------------------------

# "web:12", "web", or "the task definition".
td_label := sprintf("%s:%v", [task_definition.family, task_definition.revision]) if {
	non_empty_string(task_definition.family)
	task_definition.revision
} else := task_definition.family if {
	non_empty_string(task_definition.family)
} else := "the task definition"

# The task definition ARN, or "task-definition/FAMILY[:REVISION]" for a file that has none.
td_resource := task_definition.taskDefinitionArn if {
	non_empty_string(task_definition.taskDefinitionArn)
} else := concat("/", ["task-definition", td_label]) if {
	non_empty_string(task_definition.family)
} else := "task-definition"

# The task ARN, falling back to the task definition.
task_resource := task.arn if non_empty_string(task.arn) else := td_resource

# The service ARN, or "service/NAME", falling back to the task.
service_resource := service.arn if {
	non_empty_string(service.arn)
} else := concat("/", ["service", service.name]) if {
	non_empty_string(service.name)
} else := task_resource

# The task set ARN, or "task-set/ID", falling back to the service.
task_set_resource := task_set.arn if {
	non_empty_string(task_set.arn)
} else := concat("/", ["task-set", task_set.id]) if {
	non_empty_string(task_set.id)
} else := service_resource

# The cluster ARN, or "cluster/NAME".
cluster_resource := cluster.arn if {
	non_empty_string(cluster.arn)
} else := concat("/", ["cluster", cluster.name]) if {
	non_empty_string(cluster.name)
} else := "cluster"

# The capacity provider ARN, or "capacity-provider/NAME".
capacity_provider_resource := capacity_provider.arn if {
	non_empty_string(capacity_provider.arn)
} else := concat("/", ["capacity-provider", capacity_provider.name]) if {
	non_empty_string(capacity_provider.name)
} else := "capacity-provider"

# The name of a cluster or capacity provider for messages.
name_or(obj, fallback) := obj.name if non_empty_string(obj.name) else := fallback

service_known if non_empty_string(service.arn)

service_known if non_empty_string(service.name)

# The task is already on its way down: stopping it again achieves nothing.
task_stopping if task.desiredStatus == "STOPPED"

task_stopping if task.lastStatus == "STOPPED"

# Windows task definitions: runtimePlatform.operatingSystemFamily WINDOWS_SERVER_*.
is_windows if startswith(upper(task_definition.runtimePlatform.operatingSystemFamily), "WINDOWS")
