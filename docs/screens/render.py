"""Draw the skill's APL screens as pictures, approximately, without Amazon's renderer.

Amazon's APL renderer for the web (npm apl-viewhost-web) cannot be installed
offline: its package holds only sources and an install script that downloads
the built renderer from Amazon's servers. So this script interprets the real
documents (skill/screen.py's render_document) with a sample datasource itself,
for the part of APL they use (Frame, Container, ScrollView, TouchWrapper and
Text; resources and styles with their `when` clauses; layouts and their
parameters; data binding and bound variables), writes HTML with CSS flexbox, and has headless
Chromium take the screenshot. It is an approximation: fonts differ from the
devices' (Amazon Ember), and Alexa's transformers are imitated (a hint becomes
'Try "Alexa, <hint>"'; speech is not produced).

    python docs/screens/render.py                 # the README's pictures, into docs/images/
    python docs/screens/render.py --all OUT_DIR   # every sample on every viewport, for review

Needs Chromium (Debian: apt-get install chromium).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from skill import screen  # noqa: E402

DATASOURCES = ROOT / "tests" / "apl" / "datasources"
FONT = "'Liberation Sans', 'DejaVu Sans', Arial, sans-serif"


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int  # dp
    height: int  # dp
    scale: float = 1.0  # screen pixels per dp
    shape: str = "rectangle"
    mode: str = "hub"

    def binding(self) -> dict[str, Any]:
        return {
            "width": self.width,
            "height": self.height,
            "pixelWidth": round(self.width * self.scale),
            "pixelHeight": round(self.height * self.scale),
            "dpi": round(160 * self.scale),
            "shape": self.shape,
            "mode": self.mode,
            "theme": "dark",
        }


VIEWPORTS = {
    v.name: v
    for v in (
        Viewport("hub-round-small", 480, 480, shape="round"),
        Viewport("hub-landscape-small", 960, 480),
        Viewport("hub-landscape-medium", 1024, 600),
        Viewport("hub-landscape-medium-8in", 960, 600, scale=1280 / 960),
        Viewport("hub-landscape-large", 1280, 800),
        Viewport("hub-landscape-xlarge", 1920, 1080),
        Viewport("tv-landscape-xlarge", 960, 540, scale=2.0, mode="tv"),
    )
}

# (output name, datasource, viewport, id of the component shown as being spoken)
README_PICTURES = (
    ("screen-risk-factors-1024x600.png", "risk-factors-middle", "hub-landscape-medium", "item-5"),
    ("screen-help-1024x600.png", "help", "hub-landscape-medium", None),
    ("screen-quiz-1024x600.png", "quiz-answered", "hub-landscape-medium", None),
)


# --- data-binding expressions ---------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>'[^']*'|\"[^\"]*\")|(?P<res>@\w+)"
    r"|(?P<name>[A-Za-z_]\w*)|(?P<op>==|!=|>=|<=|&&|\|\||[-+*/%<>!?:().\[\]]))"
)


def _tokens(text: str) -> list[tuple[str, Any]]:
    tokens: list[tuple[str, Any]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if not match:
            raise ValueError(f"cannot read expression {text!r} at {text[pos:]!r}")
        pos = match.end()
        kind = match.lastgroup
        value = match.group(kind or "")
        if kind == "num":
            tokens.append(("value", float(value) if "." in value else int(value)))
        elif kind == "str":
            tokens.append(("value", value[1:-1]))
        elif kind == "name" and value in ("true", "false", "null"):
            tokens.append(("value", {"true": True, "false": False, "null": None}[value]))
        else:
            tokens.append((kind or "", value))
    return tokens


class _Parser:
    """Recursive descent over APL's expression grammar (the part the documents use)."""

    def __init__(self, text: str, lookup: Callable[[str], Any], resource: Callable[[str], Any]):
        self.tokens = _tokens(text)
        self.at = 0
        self.lookup = lookup
        self.resource = resource

    def peek(self) -> tuple[str, Any] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, op: str | None = None) -> tuple[str, Any]:
        token = self.peek()
        if token is None or (op is not None and token != ("op", op)):
            raise ValueError(f"expected {op!r}, found {token!r}")
        self.at += 1
        return token

    def is_op(self, *ops: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "op" and token[1] in ops

    def parse(self) -> Any:
        value = self.ternary()
        if self.peek() is not None:
            raise ValueError(f"unexpected {self.peek()!r}")
        return value

    def ternary(self) -> Any:
        condition = self.binary(0)
        if self.is_op("?"):
            self.take("?")
            yes = self.ternary()
            self.take(":")
            no = self.ternary()
            return yes if _truthy(condition) else no
        return condition

    _LEVELS: tuple[tuple[str, ...], ...] = (
        ("||",),
        ("&&",),
        ("==", "!="),
        ("<", ">", "<=", ">="),
        ("+", "-"),
        ("*", "/", "%"),
    )

    def binary(self, level: int) -> Any:
        if level == len(self._LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.is_op(*self._LEVELS[level]):
            op = self.take()[1]
            right = self.binary(level + 1)
            left = _apply(op, left, right)
        return left

    def unary(self) -> Any:
        if self.is_op("!"):
            self.take()
            return not _truthy(self.unary())
        if self.is_op("-"):
            self.take()
            return -self.unary()
        return self.postfix()

    def postfix(self) -> Any:
        value = self.primary()
        while self.is_op(".", "["):
            if self.take()[1] == ".":
                name = self.take()[1]
                value = _member(value, name)
            else:
                index = self.ternary()
                self.take("]")
                value = _member(value, index)
        return value

    def primary(self) -> Any:
        kind, value = self.take()
        if kind == "value":
            return value
        if kind == "res":
            return self.resource(value[1:])
        if kind == "name":
            return self.lookup(value)
        if (kind, value) == ("op", "("):
            inner = self.ternary()
            self.take(")")
            return inner
        raise ValueError(f"unexpected {value!r}")


def _truthy(value: Any) -> bool:
    return value not in (None, False, 0, "", [], {})


def _member(value: Any, name: Any) -> Any:
    if name == "length" and isinstance(value, list | str):
        return len(value)
    if isinstance(value, Mapping):
        return value.get(name)
    if isinstance(value, list) and isinstance(name, int) and 0 <= name < len(value):
        return value[name]
    return None


def _apply(op: str, left: Any, right: Any) -> Any:
    if op == "||":
        return left if _truthy(left) else right
    if op == "&&":
        return right if _truthy(left) else left
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op == "+" and (isinstance(left, str) or isinstance(right, str)):
        return _text(left) + _text(right)
    table: dict[str, Callable[[Any, Any], Any]] = {
        "<": lambda a, b: a < b,
        ">": lambda a, b: a > b,
        "<=": lambda a, b: a <= b,
        ">=": lambda a, b: a >= b,
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a / b,
        "%": lambda a, b: a % b,
    }
    return table[op](left, right)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)


@dataclass
class Context:
    names: dict[str, Any]
    resources: dict[str, Any]
    parent: Context | None = None

    def lookup(self, name: str) -> Any:
        context: Context | None = self
        while context is not None:
            if name in context.names:
                return context.names[name]
            context = context.parent
        return None

    def child(self, **names: Any) -> Context:
        return Context(dict(names), self.resources, self)

    def evaluate(self, value: Any) -> Any:
        """A property value with its data binding and resource references resolved."""
        if isinstance(value, list):
            return [self.evaluate(v) for v in value]
        if isinstance(value, dict):
            return {k: self.evaluate(v) for k, v in value.items()}
        if not isinstance(value, str):
            return value
        if value.startswith("@") and value[1:] in self.resources:
            return self.resources[value[1:]]
        whole = re.fullmatch(r"\$\{(.*)\}", value, re.S)
        if whole and "${" not in whole.group(1):
            return self.expression(whole.group(1))
        return re.sub(r"\$\{([^}]*)\}", lambda m: _text(self.expression(m.group(1))), value)

    def expression(self, text: str) -> Any:
        return _Parser(text, self.lookup, self.resources.get).parse()


# --- documents to HTML --------------------------------------------------------------------

_PRIMITIVES = ("Frame", "Container", "ScrollView", "TouchWrapper", "Text")


@dataclass
class Component:
    type: str
    props: dict[str, Any]
    children: list[Component] = field(default_factory=list)


class Inflater:
    def __init__(self, document: Mapping[str, Any], viewport: Viewport, karaoke: str | None):
        self.document = document
        self.viewport = viewport
        self.karaoke = karaoke
        base = Context({"viewport": viewport.binding()}, {})
        resources: dict[str, Any] = {}
        for block in document.get("resources", []):
            if "when" in block and not _truthy(
                Context(base.names, resources).evaluate(block["when"])
            ):
                continue
            for group in ("colors", "dimensions", "strings", "numbers", "booleans"):
                resources.update(block.get(group, {}))
        self.resources = resources

    def root(self, datasources: Mapping[str, Any]) -> Component:
        names: dict[str, Any] = {"viewport": self.viewport.binding()}
        parameters = self.document["mainTemplate"].get("parameters", [])
        for name in parameters:
            names[name] = _transformed(datasources.get(name, {}))
        context = Context(names, self.resources)
        template = self.document["mainTemplate"]
        items = template.get("items", template.get("item"))
        inflated = self.children(items, context, {})
        if len(inflated) != 1:
            raise ValueError("the main template must inflate to one component")
        return inflated[0]

    def children(self, spec: Any, context: Context, state: dict[str, Any]) -> list[Component]:
        specs = spec if isinstance(spec, list) else [spec] if spec else []
        out = []
        for item in specs:
            component = self.inflate(item, context, state)
            if component is not None:
                out.append(component)
        return out

    def style(self, name: Any, context: Context, state: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(name, str) or name not in self.document.get("styles", {}):
            return {}
        definition = self.document["styles"][name]
        props: dict[str, Any] = {}
        extended = definition.get("extend")
        for base in [extended] if isinstance(extended, str) else extended or []:
            props.update(self.style(base, context, state))
        stateful = context.child(state=state)
        for block in definition.get("values", []):
            if "when" in block and not _truthy(stateful.evaluate(block["when"])):
                continue
            props.update({k: stateful.evaluate(v) for k, v in block.items() if k != "when"})
        return props

    def inflate(
        self, spec: Mapping[str, Any], context: Context, parent_state: dict[str, Any]
    ) -> Component | None:
        if "when" in spec and not _truthy(context.evaluate(spec["when"])):
            return None
        for binding in spec.get("bind", []):
            context = context.child(**{binding["name"]: context.evaluate(binding["value"])})
        kind = spec["type"]
        layouts = self.document.get("layouts", {})
        if kind in layouts:
            layout = layouts[kind]
            names: dict[str, Any] = {}
            declared = set()
            for parameter in layout.get("parameters", []):
                name = parameter if isinstance(parameter, str) else parameter["name"]
                default = None if isinstance(parameter, str) else parameter.get("default")
                declared.add(name)
                names[name] = context.evaluate(spec[name]) if name in spec else default
            inner = context.child(**names)
            inflated = self.children(layout.get("items", layout.get("item")), inner, parent_state)
            if not inflated:
                return None
            component = inflated[0]
            for key, value in spec.items():
                if key not in declared and key not in ("type", "when", "bind"):
                    component.props[key] = context.evaluate(value)
            return component
        if kind not in _PRIMITIVES:
            raise ValueError(f"the picture renderer does not know {kind}")
        own_id = context.evaluate(spec.get("id"))
        state = dict(parent_state) if context.evaluate(spec.get("inheritParentState")) else {}
        if own_id is not None and own_id == self.karaoke:
            state["karaoke"] = True
        props = self.style(context.evaluate(spec.get("style")), context, state)
        for key, value in spec.items():
            if key not in ("type", "when", "bind", "item", "items", "data", "style"):
                props[key] = context.evaluate(value)
        component = Component(kind, props)
        if "data" in spec:
            data = context.evaluate(spec["data"]) or []
            for index, datum in enumerate(data):
                each = context.child(data=datum, index=index, length=len(data))
                for template in _as_list(spec.get("items", spec.get("item"))):
                    child = self.inflate(template, each, state)
                    if child is not None:
                        component.children.append(child)
                        break
        else:
            component.children = self.children(spec.get("items", spec.get("item")), context, state)
        return component


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


def _transformed(source: Any) -> Any:
    """Alexa's transformers, imitated: hints get the wake word, speech stays empty."""
    if not isinstance(source, Mapping) or "properties" not in source:
        return source
    result = json.loads(json.dumps(source))
    properties = result["properties"]
    for transformer in source.get("transformers", []):
        path, output, kind = (
            transformer["inputPath"],
            transformer["outputName"],
            transformer["transformer"],
        )
        if kind == "textToHint":
            properties[output] = f'Try "Alexa, {properties[path]}"'
        elif kind == "ssmlToSpeech" and path.endswith("[*].ssml"):
            for item in properties[path.split("[")[0]]:
                item[output] = "speech"
        elif kind == "ssmlToSpeech":
            properties[output] = "speech"
    return result


def _size(value: Any, viewport: Viewport) -> str | None:
    if value is None or value == "auto":
        return None
    if isinstance(value, int | float):
        return f"{value}px"
    text = str(value)
    for unit, css in (("vw", viewport.width / 100), ("vh", viewport.height / 100)):
        if text.endswith(unit):
            return f"{float(text[:-2]) * css}px"
    if text.endswith("dp"):
        return f"{float(text[:-2])}px"
    if text.endswith("px"):
        return f"{float(text[:-2]) / viewport.scale}px"
    if text.endswith("%"):
        return text
    return f"{float(text)}px"


_ALIGN = {"start": "flex-start", "end": "flex-end", "center": "center", "stretch": "stretch"}
_WEIGHTS = {"normal": "400", "bold": "700"}


def to_html(component: Component, viewport: Viewport, parent_direction: str = "column") -> str:
    p = component.props
    css: list[str] = ["box-sizing:border-box", "min-width:0", "min-height:0"]
    css.append(f"flex-grow:{p.get('grow', 0)}")
    css.append(f"flex-shrink:{p.get('shrink', 0)}")
    for prop, name in (
        ("width", "width"),
        ("height", "height"),
        ("minHeight", "min-height"),
    ):
        size = _size(p.get(prop), viewport)
        if size:
            css.append(f"{name}:{size}")
    if p.get("opacity", 1) != 1:
        css.append(f"opacity:{p['opacity']}")
    for side in ("Left", "Right", "Top", "Bottom"):
        size = _size(p.get(f"padding{side}"), viewport)
        if size:
            css.append(f"padding-{side.lower()}:{size}")
    spacing = _size(p.get("spacing"), viewport)
    if spacing and p.get("_first") is not True:
        css.append(f"margin-{'left' if parent_direction == 'row' else 'top'}:{spacing}")
    inner = ""
    if component.type == "Text":
        css += [
            "display:flex",
            "flex-direction:column",
            "justify-content:"
            + ("center" if p.get("textAlignVertical") == "center" else "flex-start"),
            f"color:{p.get('color', '#FAFAFA')}",
            f"font-size:{_size(p.get('fontSize', '40dp'), viewport)}",
            f"font-weight:{_WEIGHTS.get(str(p.get('fontWeight', 'normal')), p.get('fontWeight'))}",
            f"font-style:{p.get('fontStyle', 'normal')}",
            f"line-height:{p.get('lineHeight', 1.25)}",
            f"text-align:{p.get('textAlign', 'left') if p.get('textAlign') != 'auto' else 'left'}",
        ]
        clamp = ""
        if p.get("maxLines"):
            clamp = (
                f"display:-webkit-box;-webkit-box-orient:vertical;"
                f"-webkit-line-clamp:{p['maxLines']};overflow:hidden"
            )
        inner = f'<span style="{clamp}">{html.escape(_text(p.get("text")))}</span>'
    else:
        direction = p.get("direction", "column") if component.type == "Container" else "column"
        css += ["display:flex", f"flex-direction:{direction}"]
        if component.type == "Container":
            css.append(f"align-items:{_ALIGN.get(p.get('alignItems', 'stretch'), 'stretch')}")
            css.append(
                f"justify-content:{_ALIGN.get(p.get('justifyContent', 'start'), 'flex-start')}"
            )
            wrap = {"wrap": "wrap", "wrapReverse": "wrap-reverse"}.get(p.get("wrap", ""), "")
            if wrap:
                css.append(f"flex-wrap:{wrap}")
        if component.type == "ScrollView":
            css.append("overflow:hidden")
        if component.type == "Frame":
            if p.get("backgroundColor") not in (None, "transparent"):
                css.append(f"background-color:{p['backgroundColor']}")
            radius = _size(p.get("borderRadius"), viewport)
            if radius:
                css.append(f"border-radius:{radius}")
            width = _size(p.get("borderWidth"), viewport)
            if width and width not in ("0px", "0.0px"):
                css.append(f"border:{width} solid {p.get('borderColor', 'transparent')}")
        parts = []
        for index, child in enumerate(component.children):
            child.props["_first"] = index == 0
            parts.append(to_html(child, viewport, direction))
        inner = "".join(parts)
    return f'<div data-apl="{component.type}" style="{";".join(css)}">{inner}</div>'


def page_html(datasources: Mapping[str, Any], viewport: Viewport, karaoke: str | None) -> str:
    kind = datasources[screen.DATASOURCE]["properties"]["kind"]
    inflater = Inflater(screen.render_document(kind), viewport, karaoke)
    body = to_html(inflater.root(datasources), viewport)
    clip = "clip-path:circle(50%);" if viewport.shape == "round" else ""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
        f"html,body{{margin:0;padding:0;background:#000;font-family:{FONT}}}"
        f"#screen{{width:{viewport.width}px;height:{viewport.height}px;overflow:hidden;{clip}}}"
        f"</style></head><body><div id='screen'>{body}</div></body></html>"
    )


# --- pictures -----------------------------------------------------------------------------


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        sys.exit("Chromium is needed: apt-get install chromium")
    return found


def screenshot(page: str, viewport: Viewport, out: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "page.html"
        source.write_text(page, encoding="utf-8")
        command = [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={Path(work) / 'profile'}",
            f"--force-device-scale-factor={viewport.scale}",
            f"--window-size={viewport.width},{viewport.height}",
            f"--screenshot={out}",
            source.as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0 or not out.exists():
            sys.exit(f"Chromium failed:\n{done.stderr}")


def load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DATASOURCES / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument(
        "--all", type=Path, metavar="OUT_DIR", help="every sample on every viewport"
    )
    args = parser.parse_args(argv)
    if args.all:
        args.all.mkdir(parents=True, exist_ok=True)
        for source in sorted(DATASOURCES.glob("*.json")):
            for viewport in VIEWPORTS.values():
                out = args.all / f"{source.stem}-{viewport.name}.png"
                screenshot(page_html(load(source.stem), viewport, None), viewport, out)
                print(out)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    for name, sample, viewport_name, karaoke in README_PICTURES:
        viewport = VIEWPORTS[viewport_name]
        picture = args.out / name
        screenshot(page_html(load(sample), viewport, karaoke), viewport, picture)
        print(picture)


if __name__ == "__main__":
    main()
