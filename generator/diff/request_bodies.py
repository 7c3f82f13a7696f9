"""Request bodies: added, removed, made required, content types, and an object that became a union."""

from __future__ import annotations

from generator.diff.core import Context, Place, Site, strip_null, type_text, unalias
from generator.diff.rules import declarer
from generator.model.ir import MediaType, ObjectSchema, Operation, RefType, TypeExpr, UnionType

rule = declarer("request_bodies")

REQUEST_BODY_ADDED_REQUIRED = rule(
    "request-body-added-required", "breaking", "the operation now requires a request body",
    "POST /pets/{id}/feed now takes a required body: client.pets.feed(id) misses its arguments")  # fmt: skip
REQUEST_BODY_ADDED_OPTIONAL = rule(
    "request-body-added-optional", "non-breaking", "the operation takes a new, optional request body",
    "POST /pets/{id}/feed takes optional body fields")  # fmt: skip
REQUEST_BODY_REMOVED = rule(
    "request-body-removed", "breaking", "the operation no longer takes a request body: its body arguments are gone",
    "POST /pets/{id}/feed: client.pets.feed(id, food=...) fails")  # fmt: skip
REQUEST_BODY_BECAME_REQUIRED = rule(
    "request-body-became-required", "breaking", "an optional request body became required",
    "PATCH /pets/{id}: client.pets.update(id) without body arguments is rejected")  # fmt: skip
REQUEST_BODY_BECAME_OPTIONAL = rule(
    "request-body-became-optional", "non-breaking", "a required request body became optional",
    "PATCH /pets/{id}: client.pets.update(id) may omit the body")  # fmt: skip
REQUEST_BODY_BECAME_UNION = rule(
    "request-body-became-union", "breaking", "an object body became a union (anyOf/oneOf) of schemas: it must now match one of them",
    "POST /batches: CreateBatch -> FileBatch | InlineBatch | ...")  # fmt: skip
REQUEST_MEDIA_TYPE_REMOVED = rule(
    "request-media-type-removed", "breaking", "a request content type is no longer accepted",
    "POST /files no longer takes application/json")  # fmt: skip
REQUEST_MEDIA_TYPE_ADDED = rule(
    "request-media-type-added", "non-breaking", "a new request content type is accepted",
    "POST /files now also takes multipart/form-data")  # fmt: skip

JSON_FIRST = ("application/json", "text/json")


def compare_request_bodies(ctx: Context, site: Site, was: Operation, now: Operation) -> None:
    before = {m.content_type: m for m in was.request_body.contents} if was.request_body else {}
    after = {m.content_type: m for m in now.request_body.contents} if now.request_body else {}
    if not before and after and now.request_body:
        if now.request_body.required:
            ctx.report.add(REQUEST_BODY_ADDED_REQUIRED, site, "a request body is now required", "body")
        else:
            ctx.report.add(REQUEST_BODY_ADDED_OPTIONAL, site, "takes a new, optional request body", "body")
        return
    if before and not after:
        ctx.report.add(REQUEST_BODY_REMOVED, site, "no longer takes a request body", "body")
        return
    if not before:
        return
    assert was.request_body is not None and now.request_body is not None
    if not was.request_body.required and now.request_body.required:
        ctx.report.add(REQUEST_BODY_BECAME_REQUIRED, site, "the request body is now required", "body")
    elif was.request_body.required and not now.request_body.required:
        ctx.report.add(REQUEST_BODY_BECAME_OPTIONAL, site, "the request body is now optional", "body")
    for content_type in sorted(before.keys() - after.keys()):
        ctx.report.add(REQUEST_MEDIA_TYPE_REMOVED, site, f"request content type {content_type} is no longer accepted",
                       f"body ({content_type})")  # fmt: skip
    for content_type in sorted(after.keys() - before.keys()):
        ctx.report.add(REQUEST_MEDIA_TYPE_ADDED, site, f"request content type {content_type} is now accepted",
                       f"body ({content_type})")  # fmt: skip
    for content_type in sorted(before.keys() & after.keys(), key=lambda c: (c not in JSON_FIRST, c)):
        _compare_body(ctx, site, before[content_type], after[content_type])


def _compare_body(ctx: Context, site: Site, was: MediaType, now: MediaType) -> None:
    if _is_object(ctx, was.type, old=True) and isinstance(_resolved(ctx, now.type, old=False), UnionType):
        ctx.report.add(REQUEST_BODY_BECAME_UNION, site, f"the body {type_text(strip_null(was.type))} is now one of "
                       f"{type_text(_resolved(ctx, now.type, old=False))}", "body")  # fmt: skip
        return
    place = Place(site, "request", "body", arguments=_is_object(ctx, now.type, old=False))
    ctx.compare_types(place, was.type, now.type)


def _resolved(ctx: Context, type_: TypeExpr, old: bool) -> TypeExpr:
    return unalias(ctx.old if old else ctx.new, strip_null(type_))


def _is_object(ctx: Context, type_: TypeExpr, old: bool) -> bool:
    model = ctx.old if old else ctx.new
    resolved = _resolved(ctx, type_, old)
    return isinstance(resolved, RefType) and isinstance(model.schemas.get(resolved.name), ObjectSchema)
