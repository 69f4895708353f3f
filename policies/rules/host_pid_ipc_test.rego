package ecsguard.rules.host_pid_ipc_test

import data.ecsguard.rules.host_pid_ipc

test_host_pid_and_ipc_are_each_denied if {
	findings := host_pid_ipc.deny with input as {"taskDefinition": {"family": "debug-tools", "revision": 3, "pidMode": "host", "ipcMode": "host"}}
	count(findings) == 2
	some f in findings
	contains(f.msg, "pidMode \"host\"")
	some g in findings
	contains(g.msg, "ipcMode \"host\"")
}

test_task_scoped_or_unset_namespaces_pass if {
	count(host_pid_ipc.deny) == 0 with input as {"taskDefinition": {"pidMode": "task", "ipcMode": "none"}}
	count(host_pid_ipc.deny) == 0 with input as {"taskDefinition": {"pidMode": 7}}
	count(host_pid_ipc.deny) == 0 with input as {"taskDefinition": {}}
}
