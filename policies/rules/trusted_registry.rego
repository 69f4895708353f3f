# METADATA
# title: Images from untrusted registries
# description: >-
#   Every image must come from an approved registry. The registry host is parsed with
#   Docker's rules and compared exactly (so
#   111122223333.dkr.ecr.us-east-1.amazonaws.com.evil.example/x is not ECR). Allowed:
#   config.registries.allowed entries (a host, or host/namespace to trust only part of a
#   shared registry such as public.ecr.aws), the ECR registries of
#   config.registries.allowed_ecr_accounts, and, with allow_own_account_ecr, the ECR
#   registry of the account the event comes from. Checks task definitions, the images
#   running tasks report, and RunTask overrides.
# custom:
#   id: ECS_UNTRUSTED_REGISTRY
#   severity: high
#   remediation: >-
#     Mirror the image into an approved registry (for example your account's Amazon ECR
#     with a pull-through cache rule), scan it, and reference it from there.
#   default_actions: [alert]
package ecsguard.rules.trusted_registry

import data.ecsguard.lib

allowed_entries := {lower(e) | some e in lib.string_setting(["registries", "allowed"]); e != ""}

allowed_ecr_accounts := lib.string_setting(["registries", "allowed_ecr_accounts"])

deny contains {
	"msg": sprintf("container \"%s\" in %s uses image \"%s\" from registry %s, which is not an approved registry", [img.container, lib.source_label(img.source), img.image, lib.image_host(img.image)]),
	"resource": img.resource,
	"container": img.container,
	"source": img.source,
} if {
	some img in lib.images
	not trusted(img.image)
}

# An entry without "/" names a registry host exactly.
trusted(image) if {
	some entry in allowed_entries
	not contains(entry, "/")
	entry == lib.image_host(image)
}

# An entry with "/" names a host and a namespace: the repository must be inside it.
trusted(image) if {
	some entry in allowed_entries
	contains(entry, "/")
	startswith(lib.image_repository(image), concat("", [trim_right(entry, "/"), "/"]))
}

trusted(image) if {
	lib.ecr_account(lib.image_host(image)) in allowed_ecr_accounts
}

trusted(image) if {
	lib.setting(["registries", "allow_own_account_ecr"], false) == true
	lib.non_empty_string(input.account)
	lib.ecr_account(lib.image_host(image)) == input.account
}
