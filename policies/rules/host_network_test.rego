package ecsguard.rules.host_network_test

import data.ecsguard.rules.host_network

test_host_network_mode_is_denied if {
	findings := host_network.deny with input as {"taskDefinition": {"family": "node-exporter", "revision": 2, "networkMode": "host"}}
	count(findings) == 1
	some f in findings
	f.resource == "task-definition/node-exporter:2"
}

test_other_network_modes_pass if {
	count(host_network.deny) == 0 with input as {"taskDefinition": {"networkMode": "awsvpc"}}
	count(host_network.deny) == 0 with input as {"taskDefinition": {"networkMode": "bridge"}}
	count(host_network.deny) == 0 with input as {"taskDefinition": {"networkMode": null}}
	count(host_network.deny) == 0 with input as {"taskDefinition": {}}
	count(host_network.deny) == 0 with input as {}
}
