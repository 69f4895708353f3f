# METADATA
# title: Images not pinned by digest
# description: >-
#   An image referenced by a version tag but without an @sha256 digest is mutable unless
#   the repository enforces tag immutability, which the reference alone cannot prove.
#   Images with no tag or ":latest" are reported by ECS_IMAGE_LATEST instead, so one
#   reference yields one finding.
# custom:
#   id: ECS_IMAGE_NO_DIGEST
#   severity: low
#   remediation: >-
#     Pin the image by digest (name:tag@sha256:<digest>); resolve the digest in the
#     pipeline that registers the task definition.
#   default_actions: [alert]
package ecsguard.rules.image_digest

import data.ecsguard.lib

deny contains {
	"msg": sprintf("container \"%s\" in %s uses image \"%s\", pinned by the tag \"%s\" but not by an @sha256 digest", [img.container, lib.source_label(img.source), img.image, tag]),
	"resource": img.resource,
	"container": img.container,
	"source": img.source,
} if {
	some img in lib.images
	not lib.has_digest(img.image)
	tag := lib.image_tag(img.image)
	tag != ""
	lower(tag) != "latest"
}
