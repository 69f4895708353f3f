package ecsguard.rules.public_ip_test

import data.ecsguard.rules.public_ip

service_arn := "arn:aws:ecs:us-east-1:111122223333:service/prod/web"

test_create_service_with_public_ip_is_denied if {
	findings := public_ip.deny with input as {
		"trigger": "create_service",
		"service": {"name": "web", "arn": service_arn, "launchType": "FARGATE"},
		"network": {"assignPublicIp": "ENABLED"},
	}
	count(findings) == 1
	some f in findings
	f.resource == service_arn
	contains(f.msg, "service web")
}

test_unknown_launch_type_is_evaluated if {
	count(public_ip.deny) == 1 with input as {"trigger": "run_task", "network": {"assignPublicIp": "ENABLED"}}
	some f in public_ip.deny with input as {"trigger": "run_task", "network": {"assignPublicIp": "ENABLED"}}
	contains(f.msg, "the RunTask call")
}

test_disabled_unknown_or_non_fargate_passes if {
	count(public_ip.deny) == 0 with input as {"network": {"assignPublicIp": "DISABLED"}}
	count(public_ip.deny) == 0 with input as {"network": {}}
	count(public_ip.deny) == 0 with input as {}
	count(public_ip.deny) == 0 with input as {"network": {"assignPublicIp": "ENABLED"}, "task": {"launchType": "EC2"}}
	count(public_ip.deny) == 0 with input as {"network": {"assignPublicIp": "ENABLED"}, "request": {"launchType": "EXTERNAL"}}
}

test_task_resource_when_no_service if {
	some f in public_ip.deny with input as {
		"trigger": "task_state_change",
		"task": {"arn": "arn:aws:ecs:us-east-1:111122223333:task/prod/77aa", "launchType": "FARGATE"},
		"network": {"assignPublicIp": "ENABLED"},
	}
	f.resource == "arn:aws:ecs:us-east-1:111122223333:task/prod/77aa"
}

set_arn := "arn:aws:ecs:us-east-1:111122223333:task-set/prod/web/ecs-svc/7788990011223344556"

test_task_set_with_public_ip_is_denied if {
	every trigger in ["create_task_set", "update_task_set"] {
		some f in public_ip.deny with input as {
			"trigger": trigger,
			"service": {"name": "web", "arn": service_arn},
			"taskSet": {"id": "ecs-svc/7788990011223344556", "arn": set_arn, "launchType": "FARGATE"},
			"network": {"assignPublicIp": "ENABLED"},
		}
		f.resource == set_arn
		contains(f.msg, "task set ecs-svc/7788990011223344556 of service web assigns a public IP address")
	}
}

test_task_set_without_public_ip_or_on_ec2_passes if {
	count(public_ip.deny) == 0 with input as {"trigger": "create_task_set", "taskSet": {}, "network": {"assignPublicIp": "DISABLED"}}
	count(public_ip.deny) == 0 with input as {"trigger": "create_task_set", "taskSet": {"launchType": "EC2"}, "network": {"assignPublicIp": "ENABLED"}}
}

test_task_set_resource_falls_back_to_the_service if {
	some f in public_ip.deny with input as {"trigger": "update_task_set", "service": {"name": "web", "arn": service_arn}, "network": {"assignPublicIp": "ENABLED"}}
	f.resource == service_arn
	contains(f.msg, "task set (unnamed) of service web")
}
