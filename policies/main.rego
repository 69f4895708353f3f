# METADATA
# title: ecs-guard decision
# description: >-
#   Unions the findings of every rule module under data.ecsguard.rules and turns them
#   into the decision the Lambda and the CLI read (query data.ecsguard.violations):
#   each finding gets its rule id, severity and requested actions from
#   data.ecsguard.config.rules, findings covered by an unexpired exemption are dropped,
#   and actions that cannot apply to this input are left out.
package ecsguard

import data.ecsguard.lib

known_actions := ["stop_task", "scale_service", "deregister_task_definition", "block_deployment", "alert"]

# violations: the decision. A set of
#   {"rule", "msg", "severity", "actions", "resource", "source", "container"?}
violations contains violation if {
	some name
	findings := data.ecsguard.rules[name].deny
	settings := rule_settings(name)
	not settings.enabled == false
	some finding in findings
	is_object(finding)
	not exempt(settings.id, finding)
	violation := object.union(finding, {
		"rule": settings.id,
		"severity": settings.severity,
		"actions": [action |
			some action in settings.actions
			applicable(action, finding)
		],
	})
}

allow := count(violations) == 0

# ---------------------------------------------------------------------------
# Rule settings: data.ecsguard.config.rules[<module name>], with safe fallbacks for a
# module the data does not know yet (alert only, medium).
# ---------------------------------------------------------------------------

fallback_settings(name) := {
	"id": concat("", ["ECS_", upper(name)]),
	"severity": "medium",
	"actions": ["alert"],
	"enabled": true,
}

rule_settings(name) := object.union(fallback_settings(name), configured) if {
	configured := lib.config.rules[name]
	is_object(configured)
} else := fallback_settings(name)

# ---------------------------------------------------------------------------
# Actions: what the rule requests, limited to what this input makes possible.
# ---------------------------------------------------------------------------

applicable(action, _) if action == "alert"

applicable(action, _) if {
	action == "stop_task"
	lib.non_empty_string(lib.task.arn)
	not lib.task_stopping
}

applicable(action, _) if {
	action == "scale_service"
	lib.service_known
	not deployment
}

# A deployment waiting at an ECS lifecycle hook (trigger "deployment") is blocked before its
# first task starts; what runs now is left alone (no scale_service, no deregistration).
applicable(action, _) if {
	action == "block_deployment"
	deployment
}

deployment if input.trigger == "deployment"

# Only a finding in the task definition itself justifies deregistering it, and only a
# registered one (a file checked in CI has nothing to deregister).
applicable(action, finding) if {
	action == "deregister_task_definition"
	finding.source == "task_definition"
	lib.non_empty_string(lib.task_definition.taskDefinitionArn)
	not input.trigger == "task_definition_file"
	not deployment
}

# ---------------------------------------------------------------------------
# Exemptions: {"rule", "resource", "container"?, "owner", "reason", "expires"}
#   rule      a rule id, or "*" (or absent) for every rule
#   resource  a pattern (exact, or "*" wildcards) matched against the finding's resource,
#             the task definition ARN, the task ARN, the service ARN and the cluster ARN
#   container optional: only findings about this container
#   expires   RFC 3339; required. Past it (or when it is missing or unparsable) the
#             exemption no longer applies and shows up in exemption_warnings.
# ---------------------------------------------------------------------------

exemptions := [e | some e in lib.setting(["exemptions"], []); is_object(e)]

exempt(rule_id, finding) if {
	some e in exemptions
	exemption_active(e)
	exemption_rule_matches(e, rule_id)
	exemption_container_matches(e, finding)
	some subject in exemption_subjects(finding)
	lib.matches_pattern(e.resource, subject)
}

exemption_active(e) if time.parse_rfc3339_ns(e.expires) > time.now_ns()

exemption_rule_matches(e, _) if not e.rule

exemption_rule_matches(e, _) if e.rule == "*"

exemption_rule_matches(e, rule_id) if e.rule == rule_id

exemption_container_matches(e, _) if not e.container

exemption_container_matches(e, finding) if e.container == finding.container

exemption_subjects(finding) := {s |
	some s in [
		object.get(finding, "resource", null),
		object.get(lib.task_definition, "taskDefinitionArn", null),
		object.get(lib.task, "arn", null),
		object.get(lib.service, "arn", null),
		object.get(lib.task, "cluster", null),
	]
	lib.non_empty_string(s)
}

# Exemptions that no longer (or never did) apply, for the decision log.
exemption_warnings contains msg if {
	some i, e in exemptions
	not time.parse_rfc3339_ns(object.get(e, "expires", null))
	msg := sprintf("exemption %d (resource %v, owner %v) has no valid RFC 3339 \"expires\" and is ignored", [i, object.get(e, "resource", null), object.get(e, "owner", null)])
}

exemption_warnings contains msg if {
	some i, e in exemptions
	time.parse_rfc3339_ns(e.expires) <= time.now_ns()
	msg := sprintf("exemption %d (resource %v, owner %v) expired at %v and no longer applies", [i, object.get(e, "resource", null), object.get(e, "owner", null), e.expires])
}
