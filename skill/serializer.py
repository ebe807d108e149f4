"""A faster replacement for the ASK SDK's request deserialiser, that refuses odd shapes.

``DefaultSerializer.deserialize`` spends most of an unverified request's time
(about 87 %) resolving model classes by name and re-deriving attribute maps for
every nested object, and parsing timestamps with dateutil's general parser.
:class:`FastSerializer` does the same conversion with the class lookups and
attribute maps resolved once per type, and reads Alexa's ISO 8601 timestamps
directly. Serialising a response likewise reads each model class's attribute
names once instead of on every object.

For every request of the shape Alexa sends it builds the same objects as the
SDK. It differs on purpose where the SDK's behaviour is an accident or a cost
that hostile input could raise:

- a value of the wrong JSON type for its field (a list or text where an object
  should be, text for a number) is a ``SerializationException``: the SDK turns
  some of them into empty or half-filled objects;
- keys a model does not define are ignored (the SDK sets each as an attribute,
  so ``application_id`` next to ``applicationId`` replaced the mapped value,
  and 20,000 unknown keys cost 20,000 attribute writes);
- date-times are read only by the strict ISO 8601 parser of
  :mod:`skill.timestamps` (dateutil takes seconds over a long string of digits
  and dots);
- a number too large for an integer field (``1e400``) is a
  ``SerializationException``, not an ``OverflowError``.

:meth:`FastSerializer.deserialize` takes the JSON text, as the SDK's does, or
the JSON value already parsed (a dict), so a caller that has parsed and checked
the body (:mod:`skill.dispatch`) hands that over instead of text to parse again.
"""

from __future__ import annotations

import copy
import decimal
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer

from skill.timestamps import TimestampError, parse_timestamp

Converter = Callable[[Any], Any]
M = TypeVar("M")

_LIST = re.compile(r"list\[(.*)\]")
_DICT = re.compile(r"dict\(([^,]*), (.*)\)")


class _Unusual(Exception):
    """A value of the wrong shape for its field."""


def _timestamp(value: Any) -> datetime:
    """An ISO 8601 date-time, as Alexa writes them; anything else is the SDK's error."""
    try:
        return parse_timestamp(value)
    except TimestampError as exc:
        raise SerializationException(f"Failed to parse a date-time: {exc}") from None


class JsonData(dict[str, Any]):
    """A JSON object already in its serialised form (only JSON types, nested).

    :meth:`FastSerializer.serialize` passes it through as it is instead of
    copying it value by value: for an APL document, that copy cost more than
    the rest of a response. The SDK's own serialiser treats it as any dict.
    """


# Compact JSON, as every response is written (one encoder: json.dumps with
# separators builds a new one on every call). What the skill encodes is made of
# dicts and lists it built or parsed, never circular: the check for it is off.
COMPACT = json.JSONEncoder(separators=(",", ":"), check_circular=False)


class EncodedJson(JsonData):
    """:class:`JsonData` that also holds its compact JSON, encoded once when it is made.

    For parts of a response that are the same in many responses (an APL
    document, a page's datasources and read-along commands): the endpoint writes
    ``encoded`` into the response's JSON instead of encoding the part again
    (:func:`skill.app.response_json`). Shared by every response that carries
    it: do not modify it.
    """

    encoded: bytes  # UTF-8

    def __init__(self, value: dict[str, Any]) -> None:
        super().__init__(value)
        self.encoded = COMPACT.encode(self).encode("utf-8")


class Shared:
    """A model object made once and put in many responses (a page's card, its screen's
    directives), made by :meth:`FastSerializer.share`.

    It keeps its serialised form, made when it was shared, as EncodedJson:
    :class:`FastSerializer` returns that instead of serialising the object again,
    and the endpoint writes it as it was encoded once. It is an instance of a
    subclass of the model's class, with the same fields (the serialised form is
    a slot, not a field). Shared by every response that carries it: do not
    modify it, nor the serialised form in an answer (a tool that changes an
    answer copies it first).
    """

    __slots__ = ()
    serialized: EncodedJson


@cache
def _shared_class(cls: type) -> type:
    return type(f"Shared{cls.__name__}", (Shared, cls), {"__slots__": ("serialized",)})


class JsonObject(dict[str, Any]):
    """A free-form JSON object of a request (``dict(str, object)``: the session
    attributes, say), as parsed: JSON values only, nested, none shared.

    ``copy.deepcopy`` copies it as JSON (objects and lists copied, everything
    else is immutable and shared), without copy's memo and type dispatch for
    every value: the SDK deep-copies the session attributes on every request.
    The copy is a plain dict. A value that is not JSON is copied by
    ``copy.deepcopy`` as before.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        return {key: _json_copy(value, memo) for key, value in self.items()}


_SCALARS = (str, int, float, bool, type(None))


def _json_copy(value: Any, memo: dict[int, Any]) -> Any:
    kind = type(value)
    if kind is dict:
        return {key: _json_copy(item, memo) for key, item in value.items()}
    if kind is list:
        return [_json_copy(item, memo) for item in value]
    if kind in _SCALARS:
        return value
    return copy.deepcopy(value, memo)


_new = object.__new__
# Field types whose converter returns a value of exactly that type as it is.
_PLAIN: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}


def _same(value: Any) -> Any:
    return value


def _serialized(value: Shared) -> EncodedJson:
    return value.serialized


_IMMUTABLE = (str, int, float, bool, Enum)


def _fresh_attributes(cls: Any) -> dict[str, Any] | None:
    """The attributes ``cls()`` sets, if all are None or immutable and set as plain attributes."""
    try:
        model = cls()
    except Exception:
        return None
    attributes = dict(getattr(model, "__dict__", {}))
    plain = not hasattr(cls, "__slots__") and not any(
        isinstance(getattr(cls, name, None), property) for name in attributes
    )
    if not plain or not all(v is None or isinstance(v, _IMMUTABLE) for v in attributes.values()):
        return None
    if set(cls.deserialized_types) - set(attributes):
        return None  # a field __init__ does not set: leave the model to build itself
    return attributes


class FastSerializer(DefaultSerializer):
    def __init__(self) -> None:
        super().__init__()
        self._converters: dict[Any, Converter] = {}
        self._serializers: dict[type, Converter] = {}

    def serialize(self, obj: Any) -> Any:
        """As ``DefaultSerializer.serialize``, with how to serialise each type found once."""
        if obj is None:
            return None
        kind = type(obj)
        serializer = self._serializers.get(kind)
        if serializer is None:
            serializer = self._serializers[kind] = self._serializer_for(obj)
        return serializer(obj)

    def _serializer_for(self, obj: Any) -> Converter:
        """How to serialise objects of ``type(obj)``: the SDK's checks, in its order."""
        serialize = self.serialize
        if isinstance(obj, Shared):
            return _serialized
        if isinstance(obj, JsonData) or isinstance(obj, self.PRIMITIVE_TYPES):
            return _same
        if isinstance(obj, list):
            return lambda items: [serialize(item) for item in items]
        if isinstance(obj, tuple):
            return lambda items: tuple(serialize(item) for item in items)
        if isinstance(obj, (datetime, date)):
            return lambda moment: moment.isoformat()
        if isinstance(obj, Enum):
            return lambda member: member.value
        if isinstance(obj, decimal.Decimal):
            return lambda number: int(number) if number % 1 == 0 else float(number)
        if isinstance(obj, dict):
            return lambda mapping: {key: serialize(value) for key, value in mapping.items()}
        names = dict(getattr(obj, "attribute_map", {}))
        fields = tuple((attr, names.get(attr, attr)) for attr in obj.deserialized_types)

        def model(value: Any) -> Any:
            out = {}
            for attr, key in fields:
                item = getattr(value, attr)
                if item is not None:
                    out[key] = serialize(item)
            return out

        return model

    def share(self, obj: M) -> M:
        """A copy of model object ``obj`` that keeps its serialised form (:class:`Shared`)."""
        kind: type = type(obj)
        shared: Any = _new(_shared_class(kind))
        vars(shared).update(vars(obj))
        shared.serialized = EncodedJson(self.serialize(obj))
        return cast(M, shared)

    def deserialize(self, payload: Any, obj_type: Any) -> Any:
        """``payload`` (JSON text, or the JSON value already parsed) as an ``obj_type``."""
        if payload is None:
            return None
        if isinstance(payload, (str, bytes, bytearray)):
            try:
                data = json.loads(payload)
            except Exception as exc:
                raise SerializationException("Couldn't parse the body as JSON") from exc
        else:
            data = payload
        try:
            return self._converter(obj_type)(data)
        except _Unusual as exc:
            raise SerializationException("a value has the wrong type for its field") from exc
        except RecursionError as exc:
            raise SerializationException("the body is nested too deeply") from exc

    # --- building converters, once per type -------------------------------------

    def _converter(self, obj_type: Any) -> Converter:
        converter = self._converters.get(obj_type)
        if converter is None:
            converter = self._build(obj_type)
            self._converters[obj_type] = converter
        return converter

    def _build(self, obj_type: Any) -> Converter:
        if isinstance(obj_type, str):
            list_match = _LIST.match(obj_type)
            if obj_type.startswith("list[") and list_match and "," not in list_match.group(1):
                return self._list(list_match.group(1).strip())
            dict_match = _DICT.match(obj_type)
            if obj_type == "dict(str, object)":
                return self._json_object
            if obj_type.startswith("dict(") and dict_match:
                return self._dict(dict_match.group(2))
            if obj_type.startswith(("list[", "dict(")):
                return self._unusual
            if obj_type in self.NATIVE_TYPES_MAPPING:
                obj_type = self.NATIVE_TYPES_MAPPING[obj_type]
            else:
                obj_type = self._load_class(obj_type)
        if obj_type in self.PRIMITIVE_TYPES:
            return self._primitive(obj_type)
        if obj_type is object:
            return lambda value: value
        if obj_type is datetime:
            return self._nullable(_timestamp)
        if obj_type is date:
            return self._nullable(lambda value: _timestamp(value).date())
        if isinstance(obj_type, type) and issubclass(obj_type, Enum):
            return self._enum(obj_type)
        if hasattr(obj_type, "deserialized_types"):
            if hasattr(obj_type, "get_real_child_model"):
                return self._discriminated(obj_type)
            return self._model(obj_type)
        return lambda value: value

    @staticmethod
    def _unusual(value: Any) -> Any:
        raise _Unusual

    @staticmethod
    def _nullable(convert: Converter) -> Converter:
        return lambda value: None if value is None else convert(value)

    @staticmethod
    def _load_class(name: str) -> Any:
        module_name, _, class_name = name.rpartition(".")
        if not module_name:
            raise _Unusual
        try:
            module = __import__(module_name, fromlist=[class_name])
            return getattr(module, class_name)
        except Exception as exc:
            raise _Unusual from exc

    def _list(self, item_type: str) -> Converter:
        def convert(value: Any) -> Any:
            if value is None:
                return None
            if not isinstance(value, list):
                raise _Unusual
            item = self._converter(item_type)
            return [item(v) for v in value]

        return convert

    @staticmethod
    def _json_object(value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise _Unusual
        return JsonObject(value)

    def _dict(self, value_type: str) -> Converter:
        def convert(value: Any) -> Any:
            if value is None:
                return None
            if not isinstance(value, dict):
                raise _Unusual
            item = self._converter(value_type)
            return {k: item(v) for k, v in value.items()}

        return convert

    @staticmethod
    def _primitive(cast: Any) -> Converter:
        def convert(value: Any) -> Any:
            if value is None:
                return None
            if type(value) is cast:  # what cast(value) would return
                return value
            try:
                return cast(value)
            except UnicodeEncodeError:
                return str(value)
            except TypeError:
                return value
            except OverflowError:
                raise SerializationException(f"A number is too large for {cast.__name__}") from None
            except ValueError as exc:
                raise _Unusual from exc

        return convert

    @staticmethod
    def _enum(cls: type[Enum]) -> Converter:
        members = cls._value2member_map_

        def convert(value: Any) -> Any:
            if value is None:
                return None
            try:
                member = members.get(value)
                return member if member is not None else cls(value)
            except Exception as exc:
                raise _Unusual from exc

        return convert

    def _discriminated(self, base: Any) -> Converter:
        def convert(value: Any) -> Any:
            if value is None:
                return None
            if not isinstance(value, dict):
                raise _Unusual
            try:
                name = base.get_real_child_model(value)
            except Exception as exc:
                raise _Unusual from exc
            if not name:
                raise _Unusual
            return self._model_of(name)(value)

        return convert

    def _model_of(self, class_name: str) -> Converter:
        """The converter of a discriminated subclass (not discriminated again)."""
        key = ("model", class_name)
        converter = self._converters.get(key)
        if converter is None:
            converter = self._model(self._load_class(class_name))
            self._converters[key] = converter
        return converter

    def _model(self, cls: Any) -> Converter:
        types: dict[str, str] = cls.deserialized_types
        attribute_map: dict[str, str] = dict(getattr(cls, "attribute_map", {}))
        attribute_map.update({k: k for k in types if k not in attribute_map})
        # JSON key -> [attribute, type name, converter, plain type]; the converter is
        # found on first use. A value already of its field's plain type (text for a
        # str field, say) is taken as it is, as the converter would take it.
        by_key: dict[str, list[Any]] = {
            key: [attr, types[attr], None, _PLAIN.get(types[attr])]
            for attr, key in attribute_map.items()
        }
        # What ``cls()`` sets (None, or the discriminator's text), copied into each
        # new object instead of running the model's __init__ with every argument.
        # A model whose __init__ sets anything else is built by calling it.
        template = _fresh_attributes(cls)

        def convert(value: Any) -> Any:
            if value is None:
                return None
            if not isinstance(value, dict):
                raise _Unusual
            if template is None:
                model = cls()
                attributes = model.__dict__
            else:
                model = _new(cls)
                attributes = model.__dict__
                attributes.update(template)
            for key, raw in value.items():
                field = by_key.get(key)
                if field is None:
                    continue  # a key the model does not define
                if type(raw) is field[3]:
                    attributes[field[0]] = raw
                    continue
                converter = field[2]
                if converter is None:
                    converter = field[2] = self._converter(field[1])
                attributes[field[0]] = converter(raw)
            return model

        return convert


__all__ = ["COMPACT", "EncodedJson", "FastSerializer", "JsonData", "JsonObject", "Shared"]
