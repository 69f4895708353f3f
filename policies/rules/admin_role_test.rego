package ecsguard.rules.admin_role_test

import data.ecsguard.rules.admin_role

config := {"admin_roles": [
	"arn:aws*:iam::*:role/admin",
	"arn:aws*:iam::*:role/*/admin",
	"arn:aws*:iam::*:role/*administratoraccess*",
	"arn:aws*:iam::*:role/organizationaccountaccessrole",
]}

flagged(role) := count(findings) > 0 if {
	findings := admin_role.deny with input as {"account": "111122223333", "taskDefinition": {"family": "f", "taskRoleArn": role}}
		with data.ecsguard.config as config
}

test_admin_task_roles_are_denied if {
	flagged("arn:aws:iam::111122223333:role/Admin")
	flagged("arn:aws:iam::111122223333:role/ops/admin")
	flagged("arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef")
	flagged("arn:aws-cn:iam::111122223333:role/OrganizationAccountAccessRole")
	flagged("Admin")
}

test_other_roles_pass if {
	not flagged("arn:aws:iam::111122223333:role/web-task-role")
	not flagged("arn:aws:iam::111122223333:role/AdminReadOnlyReports")
	not flagged("arn:aws:iam::111122223333:role/ecsTaskExecutionRole")
}

test_execution_role_and_overrides_are_checked if {
	findings := admin_role.deny with input as {
		"trigger": "run_task",
		"task": {"arn": "arn:aws:ecs:us-east-1:111122223333:task/batch/1a2b"},
		"taskDefinition": {"family": "report", "executionRoleArn": "arn:aws:iam::111122223333:role/Admin"},
		"request": {"overrides": {"taskRoleArn": "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole"}},
	}
		with data.ecsguard.config as config
	{f.source | some f in findings} == {"task_definition", "overrides"}
}

test_no_roles_or_no_list_passes if {
	count(admin_role.deny) == 0 with input as {"taskDefinition": {"family": "f"}} with data.ecsguard.config as config
	count(admin_role.deny) == 0 with input as {"taskDefinition": {"taskRoleArn": "arn:aws:iam::111122223333:role/Admin"}} with data.ecsguard.config as {}
	count(admin_role.deny) == 0 with input as {"taskDefinition": {"taskRoleArn": 5}} with data.ecsguard.config as config
}
