# METADATA
# title: Images referenced by ":latest" or without a tag
# description: >-
#   An image referenced as name or name:latest, without an @sha256 digest, can change
#   under a running service: two tasks of one deployment may run different code, and a
#   compromised registry push reaches production silently. A reference pinned by digest
#   passes whatever its tag.
# custom:
#   id: ECS_IMAGE_LATEST
#   severity: medium
#   remediation: >-
#     Reference an immutable version: name@sha256:<digest> (best) or a unique version
#     tag in a repository with tag immutability enabled.
#   default_actions: [alert]
package ecsguard.rules.image_tag

import data.ecsguard.lib

deny contains {
	"msg": sprintf("container \"%s\" in %s uses image \"%s\" %s and without a digest", [img.container, lib.source_label(img.source), img.image, problem]),
	"resource": img.resource,
	"container": img.container,
	"source": img.source,
} if {
	some img in lib.images
	not lib.has_digest(img.image)
	problem := mutable_reference(img.image)
}

mutable_reference(image) := "with no tag (it means :latest)" if {
	not lib.image_tag(image)
} else := "with no tag (it means :latest)" if {
	lib.image_tag(image) == ""
} else := "with the tag \"latest\"" if {
	lower(lib.image_tag(image)) == "latest"
}
