"""Responses: success statuses, content types, and the response body walked field by field.

A response that switches to another model is compared field by field, so the reader sees
the fields that are gone (`success`, `data`), not one coarse type change.
"""

from __future__ import annotations

from generator.diff.core import Context, Place, Site
from generator.diff.rules import declarer
from generator.model.ir import Operation

rule = declarer("responses")

SUCCESS_STATUS_REMOVED = rule(
    "success-status-removed", "breaking", "a success status is no longer documented",
    "GET /pets no longer answers 200 (only 202)")  # fmt: skip
RESPONSE_MEDIA_TYPE_REMOVED = rule(
    "response-media-type-removed", "breaking", "a response content type is no longer returned",
    "GET /report 200 no longer returns text/csv")  # fmt: skip
RESPONSE_MEDIA_TYPE_ADDED = rule(
    "response-media-type-added", "non-breaking", "a response may come in a new content type",
    "GET /report 200 may also return application/pdf")  # fmt: skip


def compare_responses(ctx: Context, site: Site, was: Operation, now: Operation) -> None:
    before = {r.status: r for r in was.responses}
    after = {r.status: r for r in now.responses}
    successes = sorted(s for s in before if s.startswith("2"))
    for status in sorted(before.keys() - after.keys()):
        if status.startswith("2"):
            ctx.report.add(SUCCESS_STATUS_REMOVED, site, f"status {status} is no longer documented", f"response {status}")
    for status in sorted(before.keys() & after.keys()):
        label = "response" if successes[:1] == [status] else f"response {status}"
        old_media = {m.content_type: m.type for m in before[status].contents}
        new_media = {m.content_type: m.type for m in after[status].contents}
        for content_type in sorted(old_media.keys() - new_media.keys()):
            ctx.report.add(RESPONSE_MEDIA_TYPE_REMOVED, site, f"{status} response content type {content_type} "
                           "is no longer returned", f"{label} ({content_type})")  # fmt: skip
        for content_type in sorted(new_media.keys() - old_media.keys()):
            ctx.report.add(RESPONSE_MEDIA_TYPE_ADDED, site, f"{status} response may now come as {content_type}",
                           f"{label} ({content_type})")  # fmt: skip
        for content_type in sorted(old_media.keys() & new_media.keys()):
            ctx.compare_types(Place(site, "response", label), old_media[content_type], new_media[content_type])
