# METADATA
# title: ECS API calls by principals outside the allow-list
# description: >-
#   RunTask, StartTask, CreateService, UpdateService and RegisterTaskDefinition change
#   what runs in the account. For an account listed in config.callers, each such call
#   recorded by CloudTrail must come from one of its principals (the caller's ARN or the
#   ARN of the role it assumed, exact or with "*" wildcards) or be made by or through one
#   of its AWS services (userIdentity AWSService or invokedBy). A call without caller
#   identity is reported. Accounts not listed in config.callers are not checked.
# custom:
#   id: ECS_UNAUTHORIZED_CALLER
#   severity: high
#   remediation: >-
#     Confirm the call with its caller. Deploy through the approved pipeline roles; if the
#     principal is legitimate, add it to callers.<account>.principals.
#   default_actions: [alert]
package ecsguard.rules.caller_allowlist

import data.ecsguard.lib

deny contains {
	"msg": sprintf("%s called %s in account %s but is not an allowed principal for that account", [lib.caller_label, lib.api_names[input.trigger], input.account]),
	"resource": resource,
	"source": "caller",
} if {
	input.trigger in lib.api_triggers
	account_policy := lib.setting(["callers", input.account], null)
	is_object(account_policy)
	not caller_allowed(account_policy)
	resource := caller_resource
}

caller_resource := lib.caller.arn if lib.non_empty_string(lib.caller.arn) else := "unknown-caller"

caller_allowed(policy) if {
	some pattern in policy.principals
	lib.caller_matches(pattern)
}

# AWSService identities and calls a service made on a principal's behalf carry invokedBy.
caller_allowed(policy) if {
	some service in policy.services
	lib.matches_pattern(service, lib.caller.invokedBy)
}
