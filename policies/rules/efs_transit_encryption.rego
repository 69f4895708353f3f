# METADATA
# title: EFS volumes mounted without encryption in transit
# description: >-
#   An EFS volume of a task definition without transitEncryption ENABLED is mounted over
#   plain NFS: file contents cross the network unencrypted. Every volume with an
#   efsVolumeConfiguration whose transitEncryption is not ENABLED (DISABLED is the
#   default) is reported, wherever the task definition is seen: registered, launched,
#   running, or checked as a file in CI.
# custom:
#   id: ECS_EFS_NO_TRANSIT_ENCRYPTION
#   severity: medium
#   security_hub_control: ECS.18
#   aws_config_rule: ecs-task-definition-efs-encryption-enabled
#   remediation: >-
#     Set "transitEncryption": "ENABLED" in the volume's efsVolumeConfiguration (and
#     preferably IAM authorization through an access point) and register a new revision.
#   default_actions: [alert]
package ecsguard.rules.efs_transit_encryption

import data.ecsguard.lib

deny contains {
	"msg": sprintf("EFS volume \"%s\" (file system %s) in task definition %s is mounted without encryption in transit (transitEncryption %s)", [name, fs, lib.td_label, value]),
	"resource": lib.td_resource,
	"source": "task_definition",
	"volume": name,
} if {
	some v in lib.task_definition.volumes
	efs := v.efsVolumeConfiguration
	is_object(efs)
	value := transit(efs)
	upper(value) != "ENABLED"
	name := volume_name(v)
	fs := object.get(efs, "fileSystemId", "(unknown)")
}

transit(efs) := efs.transitEncryption if is_string(efs.transitEncryption) else := "not set, so DISABLED"

volume_name(v) := v.name if lib.non_empty_string(v.name) else := "(unnamed)"
