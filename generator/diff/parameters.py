"""Parameters (path, query, header, cookie): removed, added, renamed, required, retyped.

Header names are matched without regard to case (HTTP does); path variables by their
position in the path, so `/pets/{id}` -> `/pets/{pet_id}` is a rename.
"""

from __future__ import annotations

from generator.diff.core import Context, Place, Site, path_variables
from generator.diff.rules import declarer
from generator.model.ir import Operation, Parameter
from generator.render.views.common import argument_name

rule = declarer("parameters")

PARAMETER_REMOVED = rule(
    "parameter-removed", "breaking", "a parameter was removed: its keyword argument is gone",
    "query limit removed: client.pets.list(limit=10) fails")  # fmt: skip
PARAMETER_ADDED_REQUIRED = rule(
    "parameter-added-required", "breaking", "a new required parameter: existing calls miss it",
    "new required query owner: client.pets.list() needs owner=")  # fmt: skip
PARAMETER_ADDED_OPTIONAL = rule(
    "parameter-added-optional", "non-breaking", "a new optional parameter",
    "new optional query order: client.pets.list(order=...)")  # fmt: skip
ARGUMENT_RENAMED = rule(
    "argument-renamed", "breaking", "a parameter was renamed: its keyword argument has a new name",
    "query limit is now max_items: client.pets.list(limit=10) fails")  # fmt: skip
PATH_PARAMETER_RENAMED = rule(
    "path-parameter-renamed", "warning", "a path variable was renamed: positional calls still work, keyword ones do not",
    "/pets/{id} -> /pets/{pet_id}: client.pets.retrieve(id=...) must become pet_id=")  # fmt: skip
PARAMETER_BECAME_REQUIRED = rule(
    "parameter-became-required", "breaking", "an optional parameter became required",
    "query limit now required: client.pets.list() needs limit=")  # fmt: skip
PARAMETER_TYPE_CHANGED = rule(
    "parameter-type-changed", "breaking", "a parameter's type changed",
    "client.pets.list(limit=...): str -> int")  # fmt: skip
PARAMETER_WIRE_NAME_CHANGED = rule(
    "parameter-wire-name-changed", "warning", "a parameter has a new name on the wire, its keyword argument does not: "
    "calls stay as they are, what is sent changes",
    "query currentPage is now current_page: client.pets.list(current_page=2) sends current_page=2")  # fmt: skip
PARAMETER_BECAME_OPTIONAL = rule(
    "parameter-became-optional", "non-breaking", "a required parameter became optional",
    "query limit now optional: client.pets.list() may omit limit=")  # fmt: skip


def _key(parameter: Parameter) -> tuple[str, str]:
    name = parameter.name.lower() if parameter.location == "header" else parameter.name
    return parameter.location, name


def _argument(name: str) -> str:
    return argument_name(name, "param")


def compare_parameters(ctx: Context, site: Site, was: Operation, now: Operation) -> None:
    old_params = {_key(p): p for p in was.parameters}
    new_params = {_key(p): p for p in now.parameters}
    for before, after in zip(path_variables(was.path), path_variables(now.path)):
        if before != after and ("path", before) in old_params and ("path", after) in new_params:
            if _argument(before) != _argument(after):
                ctx.report.add(PATH_PARAMETER_RENAMED, site, f"path variable {{{before}}} is now {{{after}}}: "
                               f"argument {_argument(before)}= is now {_argument(after)}=", _argument(after))  # fmt: skip
            old_params[("path", after)] = old_params.pop(("path", before))
    removed = sorted(old_params.keys() - new_params.keys())
    added = sorted(new_params.keys() - old_params.keys())
    for key in list(removed):  # the same keyword argument, another name on the wire
        same = next((k for k in added if k[0] == key[0] and _argument(k[1]) == _argument(key[1])), None)
        if same is not None:
            ctx.report.add(PARAMETER_WIRE_NAME_CHANGED, site, f"{key[0]} parameter {old_params[key].name} is now sent as "
                           f"{new_params[same].name}; argument {_argument(new_params[same].name)}= is unchanged",
                           _argument(new_params[same].name))  # fmt: skip
            old_params[same] = old_params.pop(key)
            removed.remove(key)
            added.remove(same)
    for key in list(removed):
        old = old_params[key]
        twin = next((k for k in added if k[0] == key[0] and repr(new_params[k].type) == repr(old.type)
                     and new_params[k].required == old.required), None)  # fmt: skip
        if twin is not None:
            ctx.report.add(ARGUMENT_RENAMED, site, f"{key[0]} parameter {old.name} is now {new_params[twin].name}: "
                           f"argument {_argument(old.name)}= is now {_argument(new_params[twin].name)}=",
                           _argument(new_params[twin].name))  # fmt: skip
            removed.remove(key)
            added.remove(twin)
    for key in removed:
        name = old_params[key].name
        ctx.report.add(PARAMETER_REMOVED, site, f"{key[0]} parameter {name} was removed: argument "
                       f"{_argument(name)}= is gone", _argument(name))  # fmt: skip
    for key in added:
        parameter = new_params[key]
        rule_ = PARAMETER_ADDED_REQUIRED if parameter.required else PARAMETER_ADDED_OPTIONAL
        required = "required" if parameter.required else "optional"
        ctx.report.add(rule_, site, f"new {required} {key[0]} parameter {parameter.name}: argument "
                       f"{_argument(parameter.name)}=", _argument(parameter.name))  # fmt: skip
    for key in sorted(old_params.keys() & new_params.keys()):
        before_param, after_param = old_params[key], new_params[key]
        argument = _argument(after_param.name)
        if before_param.required != after_param.required:
            rule_ = PARAMETER_BECAME_REQUIRED if after_param.required else PARAMETER_BECAME_OPTIONAL
            required = "required" if after_param.required else "optional"
            ctx.report.add(rule_, site, f"{key[0]} parameter {after_param.name} is now {required}", argument)
        place = Place(site, "request", argument, type_rule=PARAMETER_TYPE_CHANGED)
        ctx.compare_types(place, before_param.type, after_param.type)
