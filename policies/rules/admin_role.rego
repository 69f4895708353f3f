# METADATA
# title: Administrator roles given to tasks
# description: >-
#   A task role (or task execution role) named in config.admin_roles gives every process
#   in the task administrator access to the account through the container credentials
#   endpoint. Checks the task definition's taskRoleArn and executionRoleArn and, unlike
#   AWS Config, roles injected by RunTask/StartTask overrides. Patterns match the role
#   ARN exactly or with "*" wildcards, case-insensitively; a role given by name is
#   matched as a role of the event's account.
# custom:
#   id: ECS_ADMIN_TASK_ROLE
#   severity: critical
#   remediation: >-
#     Give the task a dedicated role with only the permissions the application needs;
#     never reuse an administrator, SSO or OrganizationAccountAccessRole role.
#   default_actions: [stop_task, scale_service, deregister_task_definition, block_deployment, alert]
package ecsguard.rules.admin_role

import data.ecsguard.lib

admin_patterns := lib.string_setting(["admin_roles"])

roles contains {"arn": arn, "kind": kind, "source": "task_definition", "resource": lib.td_resource} if {
	some field, kind in lib.role_fields
	arn := lib.task_definition[field]
	lib.non_empty_string(arn)
}

roles contains {"arn": arn, "kind": kind, "source": "overrides", "resource": lib.overrides_resource} if {
	some field, kind in lib.role_fields
	some o in lib.overrides_sources
	arn := o[field]
	lib.non_empty_string(arn)
}

deny contains {
	"msg": sprintf("the %s %s set in %s is an administrator role", [role.kind, role.arn, lib.source_label(role.source)]),
	"resource": role.resource,
	"source": role.source,
} if {
	some role in roles
	some pattern in admin_patterns
	lib.matches_pattern(pattern, lib.role_arn(role.arn))
}
