# METADATA
# title: Secrets in plain-text environment variables
# description: >-
#   Environment variables are visible to anyone who can describe the task definition or
#   the task, and end up in logs and crash dumps. Flags variables whose value looks like
#   a credential (AWS access key id, private key, JWT, tokens, URLs with a password),
#   whatever their name, and variables whose name looks like a secret (PASSWORD,
#   *SECRET*, *TOKEN*, *_KEY...) with a non-trivial value. Checks the task definition
#   and, unlike AWS Config, the environment injected by RunTask/StartTask overrides.
#   Patterns are data (config.secret_env). Messages never contain the value.
# custom:
#   id: ECS_SECRET_IN_ENV
#   severity: high
#   security_hub_control: ECS.8
#   aws_config_rule: ecs-no-environment-secrets
#   remediation: >-
#     Move the value to AWS Secrets Manager or SSM Parameter Store (SecureString) and
#     reference it from the container definition's "secrets"; rotate the exposed value.
#   default_actions: [alert]
package ecsguard.rules.env_secrets

import data.ecsguard.lib

name_patterns := lib.string_setting(["secret_env", "name_patterns"])

ignore_name_patterns := lib.string_setting(["secret_env", "ignore_name_patterns"])

ignore_value_patterns := lib.string_setting(["secret_env", "ignore_value_patterns"])

value_patterns := {label: p |
	some label, p in lib.setting(["secret_env", "value_patterns"], {})
	is_string(p)
}

deny contains {
	"msg": sprintf("environment variable \"%s\" of container \"%s\" is set in plain text in %s: %s", [env.name, env.container, lib.source_label(env.source), reason]),
	"resource": env.resource,
	"container": env.container,
	"source": env.source,
} if {
	some env in lib.env_vars
	reason := secret_reason(env)
}

# The first matching value pattern (by label order) wins, then the name.
secret_reason(env) := sprintf("its value looks like %s", [labels[0]]) if {
	labels := [label | some label, p in value_patterns; regex.match(p, env.value)]
	count(labels) > 0
} else := "its name looks like a secret" if {
	secret_name(env.name)
	env.value != ""
	not ignored_value(env.value)
}

secret_name(name) if {
	some p in name_patterns
	regex.match(p, name)
	not ignored_name(name)
}

ignored_name(name) if {
	some p in ignore_name_patterns
	regex.match(p, name)
}

ignored_value(value) if {
	some p in ignore_value_patterns
	regex.match(p, value)
}
