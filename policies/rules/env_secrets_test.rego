package ecsguard.rules.env_secrets_test

import data.ecsguard.rules.env_secrets

td(env) := {"family": "payments-api", "revision": 21, "containerDefinitions": [{"name": "api", "environment": env}]}

flagged(findings) := {name |
	some f in findings
	some name in ["DB_PASSWORD", "STRIPE_API_KEY", "AUTH_TOKEN", "CLIENT_SECRET", "CONFIG", "X", "CERT", "SESSION", "DATABASE_URL", "GH"]
	contains(f.msg, concat("", ["\"", name, "\""]))
}

test_secret_names_are_denied if {
	findings := env_secrets.deny with input as {"taskDefinition": td([
		{"name": "DB_PASSWORD", "value": "hunter2"},
		{"name": "STRIPE_API_KEY", "value": "abc123def"},
		{"name": "AUTH_TOKEN", "value": "opaque"},
		{"name": "CLIENT_SECRET", "value": "opaque"},
	])}
	flagged(findings) == {"DB_PASSWORD", "STRIPE_API_KEY", "AUTH_TOKEN", "CLIENT_SECRET"}
}

test_secret_values_are_denied_whatever_the_name if {
	findings := env_secrets.deny with input as {"taskDefinition": td([
		{"name": "CONFIG", "value": "key=AKIAIOSFODNN7EXAMPLE;region=us-east-1"},
		{"name": "CERT", "value": "-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----"},
		{"name": "SESSION", "value": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"},
		{"name": "DATABASE_URL", "value": "postgres://app:s3cr3t@db.internal:5432/app"},
		{"name": "GH", "value": "ghp_0123456789abcdefghijABCDEFGHIJ012345"},
	])}
	flagged(findings) == {"CONFIG", "CERT", "SESSION", "DATABASE_URL", "GH"}
	some f in findings
	contains(f.msg, "AWS access key id")
}

test_message_never_contains_the_value if {
	findings := env_secrets.deny with input as {"taskDefinition": td([{"name": "DB_PASSWORD", "value": "hunter2-very-secret"}, {"name": "K", "value": "AKIAIOSFODNN7EXAMPLE"}])}
	count(findings) == 2
	every f in findings {
		not contains(f.msg, "hunter2")
		not contains(f.msg, "AKIAIOSFODNN7EXAMPLE")
	}
}

test_references_flags_and_plain_config_pass if {
	count(env_secrets.deny) == 0 with input as {"taskDefinition": td([
		{"name": "DB_PASSWORD_SECRET_ARN", "value": "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"},
		{"name": "TOKEN_URL", "value": "https://auth.example.com/oauth2/token"},
		{"name": "AWS_ACCESS_KEY_ID_PARAM", "value": "/prod/app/key"},
		{"name": "JWT_PUBLIC_KEY", "value": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"},
		{"name": "ENABLE_TOKEN_AUTH", "value": "true"},
		{"name": "SECRET_ROTATION_DAYS", "value": "30"},
		{"name": "PASSWORD", "value": ""},
		{"name": "API_KEY"},
		{"name": "LOG_LEVEL", "value": "info"},
		{"name": "PORT", "value": "8080"},
	])}
}

test_overrides_of_run_task_are_checked if {
	findings := env_secrets.deny with input as {
		"trigger": "run_task",
		"task": {"arn": "arn:aws:ecs:us-east-1:111122223333:task/batch/5d1c"},
		"request": {"overrides": {"containerOverrides": [{"name": "report", "environment": [{"name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}]}]}},
	}
	count(findings) == 1
	some f in findings
	f.source == "overrides"
	f.container == "report"
	f.resource == "arn:aws:ecs:us-east-1:111122223333:task/batch/5d1c"
}

test_overrides_of_a_running_task_are_checked if {
	count(env_secrets.deny) == 1 with input as {
		"trigger": "task_state_change",
		"task": {"overrides": {"containerOverrides": [{"name": "report", "environment": [{"name": "X", "value": "ASIAY34FZKBOKMUTVV7A"}]}]}},
	}
}

test_request_overrides_are_ignored_for_other_triggers if {
	count(env_secrets.deny) == 0 with input as {
		"trigger": "create_service",
		"request": {"overrides": {"containerOverrides": [{"name": "x", "environment": [{"name": "DB_PASSWORD", "value": "p"}]}]}},
	}
}

test_malformed_environment_entries_are_ignored if {
	count(env_secrets.deny) == 0 with input as {"taskDefinition": td(null)}
	count(env_secrets.deny) == 0 with input as {"taskDefinition": td([null, 5, {"value": "AKIAIOSFODNN7EXAMPLE"}, {"name": 3}])}
	# ECS values are strings; a mistyped value counts as empty.
	count(env_secrets.deny) == 0 with input as {"taskDefinition": td([{"name": "DB_PASSWORD", "value": 12345678}])}
		with data.ecsguard.config.secret_env.ignore_value_patterns as []
}
