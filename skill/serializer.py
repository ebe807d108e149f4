"""A faster drop-in for the ASK SDK's request deserialiser.

``DefaultSerializer.deserialize`` spends most of an unverified request's time
(about 87 %) resolving model classes by name and re-deriving attribute maps for
every nested object, and parsing timestamps with dateutil's general parser.
:class:`FastSerializer` does the same conversion with the class lookups and
attribute maps resolved once per type, and reads Alexa's ISO 8601 timestamps
directly. Serialising a response likewise reads each model class's attribute
names once instead of on every object.

It is a fast path only: whenever the payload is not of the expected shape (a
list where an object should be, a timestamp in an unusual format, a value that
will not convert), it hands the whole payload to the SDK's own implementation,
so odd input gets exactly the SDK's result or its ``SerializationException``.
"""

from __future__ import annotations

import decimal
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from typing import Any

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer

Converter = Callable[[Any], Any]

_LIST = re.compile(r"list\[(.*)\]")
_DICT = re.compile(r"dict\(([^,]*), (.*)\)")
_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})?"
)
_UTC = timezone.utc


class _Unusual(Exception):
    """The payload needs the SDK's general (slow) path."""


def _timestamp(value: Any) -> datetime:
    """Alexa's timestamp format: the same instant and offset dateutil's parser gives."""
    if not isinstance(value, str):
        raise _Unusual
    match = _TIMESTAMP.fullmatch(value)
    if match is None:
        raise _Unusual
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    tz: Any = None
    if zone == "Z":
        tz = _UTC
    elif zone:
        sign = 1 if zone[0] == "+" else -1
        offset = sign * (int(zone[1:3]) * 3600 + int(zone[4:6]) * 60)
        tz = _UTC if offset == 0 else timezone(timedelta(seconds=offset))
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            int((fraction or "0").ljust(6, "0")),
            tzinfo=tz,
        )
    except ValueError as exc:
        raise _Unusual from exc


class JsonData(dict[str, Any]):
    """A JSON object already in its serialised form (only JSON types, nested).

    :meth:`FastSerializer.serialize` passes it through as it is instead of
    copying it value by value: for an APL document, that copy cost more than
    the rest of a response. The SDK's own serialiser treats it as any dict.
    """


class FastSerializer(DefaultSerializer):
    def __init__(self) -> None:
        super().__init__()
        self._converters: dict[Any, Converter] = {}
        self._fields: dict[type, tuple[tuple[str, str], ...]] = {}
        self._already_parsed = threading.local()

    @contextmanager
    def parsed(self, payload: str, data: Any) -> Iterator[None]:
        """Within the block, ``deserialize(payload, ...)`` takes ``data`` as the parsed payload.

        For a caller that has already parsed the body (to check its shape) and
        then hands the same text to the SDK, which would parse it again.
        """
        self._already_parsed.value = (payload, data)
        try:
            yield
        finally:
            self._already_parsed.value = None

    def serialize(self, obj: Any) -> Any:
        """As ``DefaultSerializer.serialize``, with each model's field names read once."""
        if obj is None:
            return None
        if type(obj) is JsonData:
            return obj
        if isinstance(obj, self.PRIMITIVE_TYPES):
            return obj
        if isinstance(obj, list):
            return [self.serialize(item) for item in obj]
        if isinstance(obj, tuple):
            return tuple(self.serialize(item) for item in obj)
        if isinstance(obj, (datetime, date)):
            return obj.isoformat()
        if isinstance(obj, Enum):
            return obj.value
        if isinstance(obj, decimal.Decimal):
            return int(obj) if obj % 1 == 0 else float(obj)
        if isinstance(obj, dict):
            return {key: self.serialize(value) for key, value in obj.items()}
        fields = self._fields.get(type(obj))
        if fields is None:
            names = dict(getattr(obj, "attribute_map", {}))
            fields = tuple((attr, names.get(attr, attr)) for attr in obj.deserialized_types)
            self._fields[type(obj)] = fields
        out = {}
        for attr, key in fields:
            value = getattr(obj, attr)
            if value is not None:
                out[key] = self.serialize(value)
        return out

    def deserialize(self, payload: Any, obj_type: Any) -> Any:
        if payload is None:
            return None
        known = getattr(self._already_parsed, "value", None)
        if known is not None and known[0] is payload:
            data = known[1]
        else:
            try:
                data = json.loads(payload)
            except Exception as exc:
                raise SerializationException(f"Couldn't parse response body: {payload}") from exc
        try:
            return self._converter(obj_type)(data)
        except (_Unusual, RecursionError):
            return super().deserialize(payload, obj_type)

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
        # JSON key -> [attribute, type name, converter]; the converter is found on first use.
        by_key: dict[str, list[Any]] = {
            key: [attr, types[attr], None] for attr, key in attribute_map.items()
        }

        def convert(value: Any) -> Any:
            if value is None:
                return None
            if not isinstance(value, dict):
                raise _Unusual
            model = cls()
            extras = []
            for key, raw in value.items():
                field = by_key.get(key)
                if field is None:
                    extras.append(key)
                    continue
                converter = field[2]
                if converter is None:
                    converter = field[2] = self._converter(field[1])
                setattr(model, field[0], converter(raw))
            # As the SDK does: unknown keys are set as they are, after the known ones.
            for key in extras:
                if not isinstance(key, str):
                    raise _Unusual
                setattr(model, key, value[key])
            return model

        return convert


__all__ = ["FastSerializer"]
