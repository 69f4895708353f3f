package ecsguard
import rego.v1
violations contains v if {
  some c in input.taskDefinition.containerDefinitions
  c.privileged
  v := {"id": "PRIV", "message": sprintf("%s is privileged", [c.name])}
} else := 1
