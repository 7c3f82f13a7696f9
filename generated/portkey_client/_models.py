"""The base of every generated model: lenient with what the server sends."""

from __future__ import annotations

import json
from functools import lru_cache
from types import ModuleType
from typing import (
    Any,
    Callable,
    ClassVar,
    Dict,
    Optional,
    Set,
    Type,
    TypeVar,
    Union,
    get_args,
    get_origin,
)

import pydantic
from pydantic import ConfigDict, GetCoreSchemaHandler, TypeAdapter
from pydantic_core import CoreSchema, core_schema

from ._types import as_dict, as_list

__all__ = ["BaseModel", "Lazy", "link", "parse_as"]

_M = TypeVar("_M", bound="BaseModel")


class BaseModel(pydantic.BaseModel):
    """A pydantic model that keeps unknown fields and never rejects a response.

    Extra fields the server sends stay reachable: `model.extra`, `model["extra"]`,
    and in `to_dict()`.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        arbitrary_types_allowed=True,
    )

    def __getitem__(self, key: str) -> Any:
        for name, field in type(self).model_fields.items():
            if key in (name, field.alias):
                return getattr(self, name)
        extra = self.__pydantic_extra__ or {}
        if key in extra:
            return extra[key]
        raise KeyError(key)

    def to_dict(self, *, exclude_unset: bool = True) -> Dict[str, Any]:
        """The model as JSON-ready data, with the API's own field names."""
        return self.model_dump(
            mode="json", by_alias=True, exclude_unset=exclude_unset, warnings=False
        )

    def to_json(self, *, indent: int = 2) -> str:
        return self.model_dump_json(
            by_alias=True, exclude_unset=True, indent=indent, warnings=False
        )

    @classmethod
    def construct_lenient(cls: Type[_M], data: Any) -> _M:
        """Build the model from data that does not fit the schema, keeping every value."""
        given = as_dict(data)
        if given is None:
            return cls.model_construct()
        values: Dict[str, Any] = {}
        fields_set: Set[str] = set()
        aliases = {(field.alias or name): name for name, field in cls.model_fields.items()}
        for key, value in given.items():
            name = aliases.get(key, key if key in cls.model_fields else None)
            if name is None:
                values[key] = value
                continue
            values[name] = _lenient_value(cls.model_fields[name].annotation, value)
            fields_set.add(name)
        return cls.model_construct(_fields_set=fields_set, **values)


def _lenient_value(annotation: Any, value: Any) -> Any:
    try:
        return _adapter(annotation).validate_python(value)
    except (pydantic.ValidationError, TypeError, pydantic.PydanticSchemaGenerationError):
        pass
    mapping = as_dict(value)
    candidates = _model_candidates(annotation) if mapping is not None else []
    if mapping is not None and candidates:  # the member whose fields match the most keys
        best = max(
            candidates,
            key=lambda c: sum(1 for f in c.model_fields.values() if (f.alias or "") in mapping)
            + sum(1 for name in c.model_fields if name in mapping),
        )
        return best.construct_lenient(mapping)
    items = as_list(value)
    if items is not None:
        args = get_args(annotation)
        item = args[0] if get_origin(annotation) is list and args else Any
        return [_lenient_value(item, v) for v in items]
    return value


def _model_candidates(annotation: Any) -> list[Type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[Type[BaseModel]] = []
    for arg in get_args(annotation):
        found.extend(_model_candidates(arg))
    return found


@lru_cache(maxsize=None)
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


class _Lazy:
    """`Annotated[Model, Lazy]`: the field's model is validated by its own validator, built at its
    first use, rather than inside the validator of the model holding the field. Models on a long
    cycle of references would otherwise have one validator built through the whole cycle at once,
    deeper than Python allows."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        def validate(value: Any) -> Any:
            if isinstance(source, type) and isinstance(value, source):
                return value
            return _adapter(source).validate_python(value)

        return core_schema.no_info_plain_validator_function(validate)


Lazy = _Lazy()


def link(module: ModuleType, source: ModuleType, *names: str, as_name: str = "") -> None:
    """Give `module` the classes of `source` it names (or `source` itself, as `as_name`): modules of
    one import cycle are loaded one after another and linked after (see types/_cycle_*.py)."""
    if as_name:
        setattr(module, as_name, source)
    for name in names:
        setattr(module, name, getattr(source, name))


def discriminate(prop: str, mapping: Dict[str, str]) -> Callable[[Any], Optional[str]]:
    """Pick a union member by the value of `prop`, as the API's discriminator mapping says."""

    def pick(value: Any) -> Optional[str]:
        fields = as_dict(value)
        found = getattr(value, prop, None) if fields is None else fields.get(prop)
        return mapping.get(found) if isinstance(found, str) else None

    return pick


def _model_class(type_: object) -> Optional[Type[BaseModel]]:
    return type_ if isinstance(type_, type) and issubclass(type_, BaseModel) else None


def parse_as(type_: Any, data: Any) -> Any:
    """Parse data as type_, falling back to a lenient construction instead of raising."""
    model = _model_class(type_)
    if model is not None:
        try:
            return model.model_validate(data)
        except pydantic.ValidationError:
            return model.construct_lenient(data)
    if type_ is object or type_ is Any:
        return data
    try:
        return _adapter(type_).validate_python(data)
    except pydantic.ValidationError:
        return _lenient_value(type_, data)
    except TypeError:  # unhashable annotation: validate without the cache
        return TypeAdapter(type_).validate_python(data)


def parse_json_as(type_: Any, content: Union[str, bytes]) -> Any:
    """`parse_as` for a JSON document; a model reads the bytes itself, quicker than json.loads."""
    if isinstance(type_, type) and issubclass(type_, BaseModel):
        try:
            return type_.model_validate_json(content)
        except pydantic.ValidationError:
            pass  # not JSON, or not this model's shape: the slow path below says which
    return parse_as(type_, json.loads(content))
