# METADATA
# title: Public IP addresses on Fargate tasks
# description: >-
#   assignPublicIp ENABLED gives every task of a service, a task set (or a RunTask
#   launch) a public address reachable from the internet, bypassing the load balancer
#   and NAT egress controls. Evaluated on RunTask, CreateService, UpdateService,
#   CreateTaskSet and UpdateTaskSet (the request's network configuration, else the
#   service's or task set's after the call) and on a task whose service configuration is
#   known (input.network).
# custom:
#   id: ECS_PUBLIC_IP
#   severity: high
#   security_hub_control: [ECS.2, ECS.16]
#   aws_config_rule: [ecs-service-assign-public-ip-disabled, ecs-taskset-assign-public-ip-disabled]
#   remediation: >-
#     Set networkConfiguration.awsvpcConfiguration.assignPublicIp to DISABLED, run the
#     tasks in private subnets and reach the internet through a NAT gateway or VPC
#     endpoints.
#   default_actions: [alert]
package ecsguard.rules.public_ip

import data.ecsguard.lib

deny contains {
	"msg": sprintf("%s assigns a public IP address to its tasks (assignPublicIp ENABLED)", [subject]),
	"resource": resource,
	"source": "network",
} if {
	upper(input.network.assignPublicIp) == "ENABLED"
	not non_fargate_launch
	subject := subject_label
	resource := subject_resource
}

# A task set's finding is about the task set (ECS.16), a service's about the service (ECS.2).
subject_resource := lib.task_set_resource if input.trigger in lib.task_set_triggers else := lib.service_resource

subject_label := sprintf("task set %s of service %s", [object.get(lib.task_set, "id", "(unnamed)"), lib.name_or(lib.service, "(unnamed)")]) if {
	input.trigger in lib.task_set_triggers
} else := sprintf("service %s", [lib.service.name]) if {
	lib.non_empty_string(lib.service.name)
} else := sprintf("task %s", [lib.task.arn]) if {
	lib.non_empty_string(lib.task.arn)
} else := sprintf("the %s call", [lib.api_names[input.trigger]]) if {
	lib.api_names[input.trigger]
} else := "the workload"

# Public IPs only exist for Fargate (awsvpc on EC2 rejects the setting); skip launch
# types that are known not to be Fargate. An unknown launch type (capacity providers)
# is evaluated.
launch_types contains lt if {
	some lt in [
		object.get(lib.task, "launchType", null),
		object.get(lib.service, "launchType", null),
		object.get(lib.request, "launchType", null),
		object.get(lib.task_set, "launchType", null),
	]
	is_string(lt)
}

non_fargate_launch if {
	some lt in launch_types
	upper(lt) in {"EC2", "EXTERNAL"}
}
