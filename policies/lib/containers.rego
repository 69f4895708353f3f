# ecs-guard policy helpers over containers, overrides, environment and images:
# the second half of package ecsguard.lib (the first is lib/ecs.rego), kept in its own file
# so that each file fits in one SSM parameter (8 KB) when the bundle is published. Same
# contract: every helper is robust to missing or mistyped fields.
package ecsguard.lib

# ---------------------------------------------------------------------------
# Containers
# ---------------------------------------------------------------------------

container_definitions contains c if {
	some c in task_definition.containerDefinitions
	is_object(c)
}

task_containers contains c if {
	some c in task.containers
	is_object(c)
}

container_name(c) := c.name if non_empty_string(c.name) else := "(unnamed)"

# The container definition named name, if any (the first, should a malformed task
# definition repeat a name: a function must not produce two values).
container_definition(name) := matches[0] if {
	matches := [c | some c in container_definitions; c.name == name]
	count(matches) > 0
}

# A container "user" that means UID 0: root or 0, with any group (root:wheel, 0:0). A user
# that is missing or empty is not matched here: callers decide what an absent user means.
root_user_value(user) if regex.match(`^(root|0+)(:.*)?$`, trim_space(user))

# ---------------------------------------------------------------------------
# RunTask / StartTask overrides: from the running task, and from the API request
# ---------------------------------------------------------------------------

overrides_sources contains o if {
	o := task.overrides
	is_object(o)
}

overrides_sources contains o if {
	input.trigger in launch_triggers
	o := request.overrides
	is_object(o)
}

container_overrides contains co if {
	some o in overrides_sources
	some co in o.containerOverrides
	is_object(co)
}

overrides_resource := task_resource

# ---------------------------------------------------------------------------
# Environment variables, wherever they are set in plain text
# ---------------------------------------------------------------------------

string_or_empty(x) := x if is_string(x) else := ""

env_vars contains {
	"container": container_name(c),
	"name": e.name,
	"value": string_or_empty(object.get(e, "value", "")),
	"source": "task_definition",
	"resource": td_resource,
} if {
	some c in container_definitions
	some e in c.environment
	non_empty_string(e.name)
}

env_vars contains {
	"container": container_name(co),
	"name": e.name,
	"value": string_or_empty(object.get(e, "value", "")),
	"source": "overrides",
	"resource": overrides_resource,
} if {
	some co in container_overrides
	some e in co.environment
	non_empty_string(e.name)
}

# ---------------------------------------------------------------------------
# Images: every image reference the input would run, with where it comes from
# ---------------------------------------------------------------------------

images contains {
	"image": c.image,
	"container": container_name(c),
	"source": "task_definition",
	"resource": td_resource,
} if {
	some c in container_definitions
	non_empty_string(c.image)
}

# A running task's image that its task definition does not name (or no task definition is known).
images contains {
	"image": c.image,
	"container": container_name(c),
	"source": "task",
	"resource": task_resource,
} if {
	some c in task_containers
	non_empty_string(c.image)
	not td_names_image(c.image)
}

images contains {
	"image": co.image,
	"container": container_name(co),
	"source": "overrides",
	"resource": overrides_resource,
} if {
	some co in container_overrides
	non_empty_string(co.image)
	not td_names_image(co.image)
}

td_names_image(image) if {
	some c in container_definitions
	c.image == image
}

# Image reference parsing, after Docker's rules: the first path component is a registry
# host only when it contains "." or ":" or is "localhost"; otherwise the image is on Docker Hub.
#   nginx                                   -> docker.io / library/nginx, no tag
#   111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4@sha256:... -> that host / web, tag 1.4, digest
#   registry.example.com:5000/team/app:2    -> registry.example.com:5000 / team/app, tag 2

# The reference without "@digest".
image_name(ref) := split(ref, "@")[0]

image_digest(ref) := d if {
	parts := split(ref, "@")
	count(parts) == 2
	d := parts[1]
	regex.match(`^sha256:[a-f0-9]{64}$`, d)
}

has_digest(ref) if image_digest(ref)

looks_like_host(s) if contains(s, ".")

looks_like_host(s) if contains(s, ":")

looks_like_host(s) if s == "localhost"

explicit_host(ref) := segs[0] if {
	segs := split(image_name(ref), "/")
	count(segs) > 1
	looks_like_host(segs[0])
}

docker_hub_aliases := {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}

# The registry host, lower case; Docker Hub under any of its names is "docker.io".
image_host(ref) := "docker.io" if {
	lower(explicit_host(ref)) in docker_hub_aliases
} else := lower(explicit_host(ref)) if {
	explicit_host(ref)
} else := "docker.io"

# The repository path on its registry, without tag or digest.
image_path(ref) := strip_tag(substring(image_name(ref), count(explicit_host(ref)) + 1, -1)) if {
	explicit_host(ref)
} else := concat("/", ["library", strip_tag(image_name(ref))]) if {
	not contains(image_name(ref), "/")
} else := strip_tag(image_name(ref))

# The Docker Hub "library/" namespace only exists on Docker Hub.
image_repository(ref) := lower(concat("/", [image_host(ref), image_path(ref)]))

strip_tag(name) := regex.replace(name, `:[^/:]*$`, "")

# The tag, when the reference has one ("" when it is empty after the colon).
image_tag(ref) := t if {
	segs := split(image_name(ref), "/")
	last := segs[count(segs) - 1]
	i := indexof(last, ":")
	i >= 0
	t := substring(last, i + 1, -1)
}

# Amazon ECR private registry hosts, including FIPS endpoints and the China partition.
ecr_host_pattern := `^[0-9]{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$`

ecr_account(host) := substring(host, 0, 12) if regex.match(ecr_host_pattern, host)

# ---------------------------------------------------------------------------
# Patterns and principals
# ---------------------------------------------------------------------------

# A pattern matches a value exactly or, when it contains "*", as a glob in which "*"
# matches any run of characters (including ":" and "/"). Case-insensitive.
matches_pattern(pattern, value) if {
	is_string(pattern)
	is_string(value)
	lower(pattern) == lower(value)
}

matches_pattern(pattern, value) if {
	is_string(pattern)
	is_string(value)
	contains(pattern, "*")
	glob.match(lower(pattern), null, lower(value))
}

# The caller matches a pattern by its own ARN or by the ARN of the role it assumed.
caller_matches(pattern) if matches_pattern(pattern, caller.arn)

caller_matches(pattern) if matches_pattern(pattern, caller.sessionIssuerArn)

caller_label := sprintf("caller %s", [caller.arn]) if {
	non_empty_string(caller.arn)
} else := sprintf("service %s", [caller.invokedBy]) if {
	non_empty_string(caller.invokedBy)
} else := "an unidentified caller"

# A role given by name (RegisterTaskDefinition accepts names) as an ARN in this account.
role_arn(r) := r if {
	startswith(r, "arn:")
} else := sprintf("arn:aws:iam::%s:role/%s", [input.account, r]) if {
	is_string(r)
	non_empty_string(input.account)
}

# Where a finding was made, for messages: "task definition web:12", "the running task"...
source_label(source) := sprintf("task definition %s", [td_label]) if source == "task_definition"

source_label(source) := "the running task" if source == "task"

source_label(source) := "the RunTask/StartTask overrides" if source == "overrides"
