# METADATA
# title: Services, clusters and task definitions without their required tags
# description: >-
#   Tags name a resource's owner and drive cost allocation and tag-based access control.
#   CreateService, CreateCluster and RegisterTaskDefinition (and a task definition file
#   checked in CI, unless it is describe-task-definition output without tags) must give the new resource every key in config
#   required_tags.keys (per resource type: required_tags.keys_by_resource_type), or, when
#   no key is required, at least one tag; system tags (aws:...) do not count and keys are
#   case-sensitive, as in Security Hub. An UntagResource that removes a required key from
#   one of these resources is reported too (with no required keys, the tags that remain
#   are unknown from the event, so that case is left to Security Hub's periodic check).
# custom:
#   id: ECS_MISSING_TAGS
#   severity: low
#   security_hub_control: [ECS.13, ECS.14, ECS.15]
#   aws_config_rule: [tagged-ecs-service, tagged-ecs-cluster, tagged-ecs-taskdefinition]
#   remediation: >-
#     Tag the resource when it is created (tags of CreateService, CreateCluster,
#     RegisterTaskDefinition) or with aws ecs tag-resource, and keep the required keys.
#   default_actions: [alert]
package ecsguard.rules.required_tags

import data.ecsguard.lib

deny contains {
	"msg": sprintf("%s %s", [subject.label, problem]),
	"resource": subject.resource,
	"source": "tags",
} if {
	some subject in created
	subject.type in resource_types
	problem := missing(subject.type, subject.tags)
}

deny contains {
	"msg": sprintf("UntagResource removed the required tag key(s) %s from %s", [concat(", ", sort(removed)), arn]),
	"resource": arn,
	"source": "tags",
} if {
	input.trigger == "untag_resource"
	type := lib.tagging.resourceType
	type in resource_types
	arn := lib.tagging.resourceArn
	removed := {k | some k in lib.tagging.removed; k in required_keys(type)}
	count(removed) > 0
}

# The resource a call creates, with the tags it gets.
created contains {"type": "service", "label": sprintf("CreateService created service %s", [lib.name_or(lib.service, "(unnamed)")]), "resource": lib.service_resource, "tags": lib.service.tags} if {
	input.trigger == "create_service"
	is_object(lib.service.tags)
}

created contains {"type": "cluster", "label": sprintf("CreateCluster created cluster %s", [lib.name_or(lib.cluster, "(unnamed)")]), "resource": lib.cluster_resource, "tags": lib.cluster.tags} if {
	input.trigger == "create_cluster"
	is_object(lib.cluster.tags)
}

created contains {"type": "task-definition", "label": sprintf("RegisterTaskDefinition registered task definition %s", [lib.td_label]), "resource": lib.td_resource, "tags": tags} if {
	input.trigger == "register_task_definition"
	tags := object.get(input, "tags", {})
	is_object(tags)
}

# A file checked in CI is what will be registered: its tags are the ones it will have. A
# registered task definition (describe-task-definition output, with its ARN) carries its
# tags only when fetched with --include TAGS, so without any tag its tags are unknown.
created contains {"type": "task-definition", "label": sprintf("task definition file %s", [lib.td_label]), "resource": lib.td_resource, "tags": tags} if {
	input.trigger == "task_definition_file"
	tags := object.get(input, "tags", {})
	is_object(tags)
	tags_known(tags)
}

tags_known(_) if not registered

tags_known(tags) if count(tags) > 0

# A rule, so that `not registered` is true when the ARN is missing (a call's argument is
# evaluated outside the negation).
registered if lib.non_empty_string(lib.task_definition.taskDefinitionArn)

resource_types := {t | some t in lib.setting(["required_tags", "resource_types"], ["service", "cluster", "task-definition"]); is_string(t)}

required_keys(type) := {k | some k in keys; is_string(k); k != ""} if {
	keys := lib.setting(["required_tags", "keys_by_resource_type", type], null)
	is_array(keys)
} else := {k | some k in lib.setting(["required_tags", "keys"], []); is_string(k); k != ""}

# Keys of the tags that count (system tags aws:... do not).
user_keys(tags) := {k | some k, _ in tags; is_string(k); not startswith(lower(k), "aws:")}

missing(type, tags) := "has no tags (system tags aws:... do not count)" if {
	count(required_keys(type)) == 0
	count(user_keys(tags)) == 0
} else := sprintf("lacks the required tag key(s) %s", [concat(", ", sort(absent))]) if {
	absent := required_keys(type) - user_keys(tags)
	count(absent) > 0
}
