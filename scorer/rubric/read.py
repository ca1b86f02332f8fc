"""Reading a rubric's YAML nodes into values, every problem reported where it stands.

Each reader takes the node and what it is (for the message), returns the value, or reports the
problem as `file:line:col: message` in the Context and returns None (a list reader: the items it
could read). The loader (scorer.rubric.load) and the detector kinds' schemas
(scorer.rubric.kinds) read with them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..normalize import normalize
from ..result import LEVELS
from .patterns import Pattern, compile_pattern, is_linear

if TYPE_CHECKING:
    import yaml

# A reader of one value: (context, node, what the value is) → the value, or None when refused.
Reader = Callable[["Context", "yaml.Node", str], Any]


def is_node(value: object, kind: str) -> bool:
    """`value` is a PyYAML node of `kind` (scalar / sequence / mapping), told by the node's id, so
    that a rubric read back from the cache, whose detectors' schemas import this module, never
    imports PyYAML."""
    return getattr(value, "id", None) == kind and hasattr(value, "start_mark")


class Position(Protocol):
    """A place in the YAML text: PyYAML's Mark, pure-Python or libyaml's (two classes)."""

    line: int
    column: int


@dataclass
class Context:
    path: str
    problems: list[str] = field(default_factory=list)
    shipped: bool = False  # one of the rubrics that come with the tool: its patterns are ours
    backtracking: list[str] = field(default_factory=list)  # user patterns RE2 cannot run

    def where(self, node: yaml.Node | Position | None) -> str:
        mark = getattr(node, "start_mark", None) if hasattr(node, "start_mark") else node
        return f"{self.path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else f"{self.path}:1:1"

    def error(self, node: yaml.Node | None, message: str) -> None:
        self.problems.append(f"{self.where(node)}: {message}")


def mapping(
    ctx: Context, node: yaml.Node, what: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
) -> dict[str, yaml.Node] | None:
    if not is_node(node, "mapping"):
        ctx.error(node, f"{what} must be a mapping")
        return None
    items: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key not in allowed:
            hint = f" (allowed: {', '.join(allowed)})"
            ctx.error(key_node, f"unknown key '{key}' in {what}{hint}")
        elif key in items:
            ctx.error(key_node, f"duplicate key '{key}' in {what}")
        else:
            items[key] = value_node
    for key in required:
        if key not in items:
            ctx.error(node, f"{what} is missing '{key}'")
    return items


def string(ctx: Context, node: yaml.Node, what: str) -> str | None:
    if not is_node(node, "scalar") or node.value == "" and node.tag.endswith("null"):
        ctx.error(node, f"{what} must be a string")
        return None
    return str(node.value)


def number(ctx: Context, node: yaml.Node, what: str, minimum: float | None = None) -> float | None:
    """A finite number (NaN would make every comparison false, and a score NaN), at least `minimum`."""
    if is_node(node, "scalar"):
        try:
            value = float(node.value)
        except ValueError:
            pass
        else:
            if not math.isfinite(value):
                ctx.error(node, f"{what} must be a finite number (got {node.value})")
                return None
            if minimum is not None and value < minimum:
                ctx.error(node, f"{what} must be at least {minimum:g} (got {node.value})")
                return None
            return value
    ctx.error(node, f"{what} must be a number")
    return None


def boolean(ctx: Context, node: yaml.Node, what: str) -> bool | None:
    if is_node(node, "scalar") and node.value.lower() in ("true", "false", "yes", "no"):
        return node.value.lower() in ("true", "yes")
    ctx.error(node, f"{what} must be true or false")
    return None


def choice(ctx: Context, node: yaml.Node, what: str, choices: tuple[str, ...]) -> str | None:
    value = string(ctx, node, what)
    if value is not None and value not in choices:
        ctx.error(node, f"{what} must be one of {', '.join(choices)} (got '{value}')")
    return value


def string_list(ctx: Context, node: yaml.Node, what: str) -> tuple[str, ...]:
    if is_node(node, "scalar") and node.value != "":
        return (node.value,)  # one string stands for a list of one
    if not is_node(node, "sequence"):  # an empty value (`terms:`) would match everywhere
        ctx.error(node, f"{what} must be a list of strings")
        return ()
    values = []
    for item in node.value:
        value = string(ctx, item, f"an item of {what}")
        if value:
            values.append(value)
    return tuple(values)


# what only a regular expression says ((?:…), \d, [^…]): in a list of terms it would be looked for
# as written and never found
_REGEX_SYNTAX = re.compile(r"\(\?|\\[dDsSwW]|\[\^")


def term_list(ctx: Context, node: yaml.Node, what: str) -> tuple[str, ...]:
    """Terms are matched on normalised text, so normalise them the same way."""
    terms = string_list(ctx, node, what)
    for term in terms:
        if _REGEX_SYNTAX.search(term):
            ctx.error(
                node, f"{what}: {term!r} is looked for as plain text but reads as a regular expression (use a pattern)"
            )
    return tuple(normalize(t).text for t in terms)


def regex(ctx: Context, node: yaml.Node, what: str) -> Pattern | None:
    source = string(ctx, node, what)
    if source is None:
        return None
    try:
        pattern = compile_pattern(normalize(source).text)
    except re.error as err:
        ctx.error(node, f"bad regular expression in {what}: {err}")
        return None
    if not is_linear(pattern) and not ctx.shipped:
        ctx.backtracking.append(f"{ctx.where(node)}: {source}")
    return pattern


def sequence(ctx: Context, node: yaml.Node, what: str) -> list[yaml.Node]:
    if not is_node(node, "sequence"):
        ctx.error(node, f"{what} must be a list")
        return []
    return list(node.value)


def levels(ctx: Context, node: yaml.Node, what: str) -> frozenset[str]:
    """A list of report levels (province, city, county, district, department)."""
    found = string_list(ctx, node, what)
    for level in found:
        if level not in LEVELS:
            ctx.error(node, f"unknown level '{level}' in {what} (levels: {', '.join(LEVELS)})")
    return frozenset(level for level in found if level in LEVELS)


def one_of(*choices: str) -> Reader:
    """A reader of a string that must be one of `choices`."""

    def read(ctx: Context, node: yaml.Node, what: str) -> str | None:
        value = choice(ctx, node, what, choices)
        return value if value in choices else None

    return read


def whole_number(minimum: int) -> Reader:
    """A reader of a whole number at least `minimum`."""

    def read(ctx: Context, node: yaml.Node, what: str) -> int | None:
        value = number(ctx, node, what, minimum=minimum)
        if value is not None and not value.is_integer():
            ctx.error(node, f"{what} must be a whole number (got {node.value})")
            return None
        return int(value) if value is not None else None

    return read
