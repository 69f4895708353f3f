package ecsguard.rules.caller_allowlist_test

import data.ecsguard.rules.caller_allowlist

config := {"callers": {"111122223333": {
	"principals": ["arn:aws:iam::111122223333:role/ci-deployer", "arn:aws:iam::111122223333:user/ops-*"],
	"services": ["events.amazonaws.com", "ecs.amazonaws.com"],
}}}

call(trigger, caller) := {"trigger": trigger, "account": "111122223333", "caller": caller}

denied(inp) := count(findings) > 0 if {
	findings := caller_allowlist.deny with input as inp with data.ecsguard.config as config
}

test_unknown_principal_is_denied if {
	denied(call("run_task", {"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/mallory"}))
	denied(call("register_task_definition", {"type": "AssumedRole", "arn": "arn:aws:sts::111122223333:assumed-role/developer/alice", "sessionIssuerArn": "arn:aws:iam::111122223333:role/developer"}))
	denied(call("update_service", {"type": "Root", "arn": "arn:aws:iam::111122223333:root"}))
}

test_missing_caller_is_denied if {
	denied({"trigger": "create_service", "account": "111122223333"})
	some f in caller_allowlist.deny with input as {"trigger": "create_service", "account": "111122223333"} with data.ecsguard.config as config
	f.resource == "unknown-caller"
	contains(f.msg, "an unidentified caller called CreateService")
}

test_allowed_principals_and_services_pass if {
	not denied(call("run_task", {"type": "AssumedRole", "arn": "arn:aws:sts::111122223333:assumed-role/ci-deployer/build-812", "sessionIssuerArn": "arn:aws:iam::111122223333:role/ci-deployer"}))
	not denied(call("start_task", {"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/ops-jane"}))
	not denied(call("run_task", {"type": "AWSService", "invokedBy": "events.amazonaws.com"}))
	not denied(call("update_service", {"type": "AssumedRole", "arn": "arn:aws:sts::111122223333:assumed-role/some-role/x", "invokedBy": "ecs.amazonaws.com"}))
}

test_unlisted_accounts_and_task_events_are_not_checked if {
	not denied({"trigger": "run_task", "account": "999999999999", "caller": {"arn": "arn:aws:iam::999999999999:user/x"}})
	not denied({"trigger": "task_state_change", "account": "111122223333"})
	not denied({"trigger": "task_definition_file"})
	not denied({"caller": {"arn": "x"}})
}

test_cluster_capacity_provider_task_set_and_tag_calls_are_checked if {
	mallory := {"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/mallory"}
	every trigger in ["create_task_set", "update_task_set", "create_cluster", "update_cluster", "update_cluster_settings", "create_capacity_provider", "update_capacity_provider", "tag_resource", "untag_resource"] {
		denied(call(trigger, mallory))
	}
	some f in caller_allowlist.deny with input as call("tag_resource", mallory) with data.ecsguard.config as config
	contains(f.msg, "called TagResource in account 111122223333")
	not denied(call("untag_resource", {"type": "AssumedRole", "arn": "arn:aws:sts::111122223333:assumed-role/ci-deployer/b", "sessionIssuerArn": "arn:aws:iam::111122223333:role/ci-deployer"}))
}
