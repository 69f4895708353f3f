# METADATA
# title: RunTask/StartTask overrides that change what a task runs
# description: >-
#   Overrides let whoever may call RunTask reuse a trusted task definition (and its
#   role) to run arbitrary code: a different command, a different image, a different
#   task or execution role, or environment variables that hijack the runtime
#   (LD_PRELOAD, NODE_OPTIONS, JAVA_TOOL_OPTIONS, credential endpoints...). AWS Config
#   never sees overrides. Reported on RunTask/StartTask calls unless the caller is in
#   config.runtask_overrides.allowed_principals, and on running tasks unless their
#   startedBy matches config.runtask_overrides.allowed_started_by. A command or role
#   equal to the task definition's own is not a change.
# custom:
#   id: ECS_RUNTASK_OVERRIDE
#   severity: high
#   remediation: >-
#     Register a task definition revision for the new command or role instead of
#     overriding it, or, if this caller legitimately launches ad-hoc tasks, add it to
#     runtask_overrides.allowed_principals.
#   default_actions: [alert]
package ecsguard.rules.runtask_overrides

import data.ecsguard.lib

dangerous_env_names := {upper(n) | some n in lib.string_setting(["runtask_overrides", "dangerous_env_names"])}

deny contains {
	"msg": sprintf("%s %s", [lib.source_label("overrides"), change.what]),
	"resource": lib.overrides_resource,
	"container": change.container,
	"source": "overrides",
} if {
	not overrides_allowed
	some change in changes
}

deny contains {
	"msg": sprintf("%s %s", [lib.source_label("overrides"), change.what]),
	"resource": lib.overrides_resource,
	"source": "overrides",
} if {
	not overrides_allowed
	some change in role_changes
}

changes contains {"container": name, "what": sprintf("replace the command of container \"%s\"", [name])} if {
	some co in lib.container_overrides
	is_array(co.command)
	count(co.command) > 0
	name := lib.container_name(co)
	not same_as_definition(co, "command")
}

changes contains {"container": name, "what": sprintf("replace the image of container \"%s\"", [name])} if {
	some co in lib.container_overrides
	lib.non_empty_string(co.image)
	name := lib.container_name(co)
	not same_as_definition(co, "image")
}

changes contains {"container": name, "what": sprintf("set %s in container \"%s\", which changes how its runtime loads code", [e.name, name])} if {
	some co in lib.container_overrides
	some e in co.environment
	is_string(e.name)
	upper(e.name) in dangerous_env_names
	name := lib.container_name(co)
}

role_changes contains {"what": sprintf("replace the %s with %s", [kind, arn])} if {
	some field, kind in lib.role_fields
	some o in lib.overrides_sources
	arn := o[field]
	lib.non_empty_string(arn)
	not arn == lib.task_definition[field]
}

# The override repeats the container definition's own value: nothing changes.
# (A helper, because OPA evaluates a call nested in a negated expression outside the
# negation: `not co.image == f(...)` would be undefined when f is.)
same_as_definition(co, field) if {
	definition := lib.container_definition(co.name)
	definition[field] == co[field]
}

overrides_allowed if {
	input.trigger in lib.api_triggers
	some pattern in lib.setting(["runtask_overrides", "allowed_principals"], [])
	lib.caller_matches(pattern)
}

overrides_allowed if {
	input.trigger == "task_state_change"
	some pattern in lib.setting(["runtask_overrides", "allowed_started_by"], [])
	lib.matches_pattern(pattern, lib.task.startedBy)
}
