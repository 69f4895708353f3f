package ecs.bench
import rego.v1

td := input.taskDefinition
containers := td.containerDefinitions

deny contains {"rule": "privileged", "c": c.name} if { some c in containers; c.privileged == true }
deny contains {"rule": "root", "c": c.name} if { some c in containers; not c.user }
deny contains {"rule": "root0", "c": c.name} if { some c in containers; c.user in {"root", "0", "0:0"} }
deny contains {"rule": "rofs", "c": c.name} if { some c in containers; not c.readonlyRootFilesystem }
deny contains {"rule": "hostnet"} if td.networkMode == "host"
deny contains {"rule": "pid"} if td.pidMode == "host"
deny contains {"rule": "ipc"} if td.ipcMode == "host"
deny contains {"rule": "caps", "c": c.name, "cap": cap} if {
	some c in containers
	some cap in object.get(c, ["linuxParameters", "capabilities", "add"], [])
	cap in {"SYS_ADMIN", "NET_ADMIN", "ALL", "SYS_PTRACE"}
}
deny contains {"rule": "latest", "c": c.name} if { some c in containers; regex.match(`:latest$`, c.image) }
deny contains {"rule": "digest", "c": c.name} if { some c in containers; not regex.match(`@sha256:[a-f0-9]{64}$`, c.image) }
deny contains {"rule": "registry", "c": c.name} if {
	some c in containers
	not trusted(c.image)
}
trusted(img) if glob.match("*.dkr.ecr.*.amazonaws.com/**", ["/"], img)
deny contains {"rule": "logs", "c": c.name} if { some c in containers; not c.logConfiguration }
deny contains {"rule": "envsecret", "c": c.name, "e": e.name} if {
	some c in containers
	some e in object.get(c, "environment", [])
	regex.match(`(?i)(secret|token|password|_key)`, e.name)
}
deny contains {"rule": "akia", "c": c.name} if {
	some c in containers
	some e in object.get(c, "environment", [])
	regex.match(`AKIA[0-9A-Z]{16}`, e.value)
}
deny contains {"rule": "dockersock", "v": v.name} if {
	some v in object.get(td, "volumes", [])
	v.host.sourcePath in {"/var/run/docker.sock", "/", "/etc", "/proc", "/sys"}
}
deny contains {"rule": "publicip"} if input.network.assignPublicIp == "ENABLED"
deny contains {"rule": "adminrole"} if td.taskRoleArn in data_admin_roles
data_admin_roles := {"arn:aws:iam::111122223333:role/Admin"}
deny contains {"rule": "override_cmd", "c": o.name} if {
	some o in object.get(input, ["task", "overrides", "containerOverrides"], [])
	o.command
}
deny contains {"rule": "essential"} if { count([c | some c in containers; c.essential]) == 0 }
deny contains {"rule": "memory", "c": c.name} if { some c in containers; not c.memory; not td.memory }
deny contains {"rule": "ports", "c": c.name, "p": p.containerPort} if { some c in containers; some p in object.get(c, "portMappings", []); p.hostPort < 1024; p.hostPort > 0 }
