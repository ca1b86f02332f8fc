"""YAML → Rubric, validated on load.

Every problem is reported as `file:line:col: message` (from PyYAML node marks), all of them
at once: unknown keys, wrong types, bad regexes, unknown pillars / metrics / levels, duplicate
ids. `extends:` names a base rubric (a path relative to this file, or the name of a shipped
rubric); the overlay may change top-level fields, scoring, points and any requirement field,
add requirements and metrics, and disable requirements with `enabled: false`.

A rubric is untrusted input too: aliases may not expand it past a bound (a few kilobytes of nested
YAML aliases stand for billions of nodes), numbers must be finite (points and thresholds not negative,
grades listed from the highest down to 0), and patterns run in linear time where they can
(scorer.rubric.patterns).
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import yaml

from ..lexicon import Lexicon, default_lexicon
from ..normalize import normalize
from ..result import LEVELS, TARGET_OPS
from .model import DETECTOR_KINDS, Detector, Examples, Grade, MetricDef, Pillar, Requirement, Rubric, Scoring, Target
from .patterns import Pattern, compile_pattern, is_linear

RUBRIC_DIR = Path(__file__).resolve().parent.parent / "rubrics"
DEFAULT_RUBRIC = RUBRIC_DIR / "outline-2021-2025.yaml"
_SECTION_KINDS = ("shortcomings", "plans")
_WITHIN = ("sentence", "clause")
_STATUSES = ("met", "partial")


class RubricError(Exception):
    """Problems found in a rubric; str() lists them one per line as file:line:col: message."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class _Position(Protocol):
    """A place in the YAML text: PyYAML's Mark, pure-Python or libyaml's (two classes)."""

    line: int
    column: int


@dataclass
class _Ctx:
    path: str
    problems: list[str] = field(default_factory=list)
    shipped: bool = False  # one of the rubrics that come with the tool: its patterns are ours
    backtracking: list[str] = field(default_factory=list)  # user patterns RE2 cannot run

    def where(self, node: yaml.Node | _Position | None) -> str:
        mark = node.start_mark if isinstance(node, yaml.Node) else node
        return f"{self.path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else f"{self.path}:1:1"

    def error(self, node: yaml.Node | None, message: str) -> None:
        self.problems.append(f"{self.where(node)}: {message}")


# --- node helpers -------------------------------------------------------------------------


def _mapping(
    ctx: _Ctx, node: yaml.Node, what: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
) -> dict[str, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
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


def _str(ctx: _Ctx, node: yaml.Node, what: str) -> str | None:
    if not isinstance(node, yaml.ScalarNode) or node.value == "" and node.tag.endswith("null"):
        ctx.error(node, f"{what} must be a string")
        return None
    return str(node.value)


def _number(ctx: _Ctx, node: yaml.Node, what: str, minimum: float | None = None) -> float | None:
    """A finite number (NaN would make every comparison false, and a score NaN), at least `minimum`."""
    if isinstance(node, yaml.ScalarNode):
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


def _bool(ctx: _Ctx, node: yaml.Node, what: str) -> bool | None:
    if isinstance(node, yaml.ScalarNode) and node.value.lower() in ("true", "false", "yes", "no"):
        return node.value.lower() in ("true", "yes")
    ctx.error(node, f"{what} must be true or false")
    return None


def _choice(ctx: _Ctx, node: yaml.Node, what: str, choices: tuple[str, ...]) -> str | None:
    value = _str(ctx, node, what)
    if value is not None and value not in choices:
        ctx.error(node, f"{what} must be one of {', '.join(choices)} (got '{value}')")
    return value


def _str_list(ctx: _Ctx, node: yaml.Node, what: str) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode):
        return (node.value,)
    if not isinstance(node, yaml.SequenceNode):
        ctx.error(node, f"{what} must be a list of strings")
        return ()
    values = []
    for item in node.value:
        value = _str(ctx, item, f"an item of {what}")
        if value:
            values.append(value)
    return tuple(values)


def _terms(ctx: _Ctx, node: yaml.Node, what: str) -> tuple[str, ...]:
    """Terms are matched on normalised text, so normalise them the same way."""
    return tuple(normalize(t).text for t in _str_list(ctx, node, what))


def _regex(ctx: _Ctx, node: yaml.Node, what: str) -> Pattern | None:
    source = _str(ctx, node, what)
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


def _list(ctx: _Ctx, node: yaml.Node, what: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        ctx.error(node, f"{what} must be a list")
        return []
    return list(node.value)


# --- parts of a rubric --------------------------------------------------------------------


def _target(ctx: _Ctx, node: yaml.Node) -> Target | None:
    fields = _mapping(ctx, node, "target", ("op", "value"), ("op", "value"))
    if not fields or "op" not in fields or "value" not in fields:
        return None
    op = _choice(ctx, fields["op"], "target op", TARGET_OPS)
    if op not in TARGET_OPS:
        return None
    value = _number(ctx, fields["value"], "target value")
    return Target(op, value) if value is not None else None


_METRIC_KEYS = ("id", "name", "unit", "labels", "context", "exclude", "scopes", "target", "requirement")


def _metric(ctx: _Ctx, node: yaml.Node) -> dict[str, Any] | None:
    fields = _mapping(ctx, node, "metric", _METRIC_KEYS, ("id", "name", "unit", "labels"))
    if fields is None:
        return None
    out: dict[str, Any] = {"_node": node}
    for key, value in fields.items():
        if key in ("id", "name", "requirement"):
            out[key] = _str(ctx, value, f"metric {key}")
        elif key == "unit":
            out[key] = _choice(ctx, value, "metric unit", ("percent", "count"))
        elif key == "labels":
            out[key] = tuple(
                p for p in (_regex(ctx, item, "metric labels") for item in _list(ctx, value, "labels")) if p
            )
        elif key == "target":
            out[key] = _target(ctx, value)
        else:
            out[key] = _terms(ctx, value, f"metric {key}")
    return out


_DETECTOR_KEYS = (
    "terms",
    "any",
    "all",
    "exclude",
    "within",
    "pattern",
    "metric",
    "section",
    "min_sentences",
    "max_status",
)


def _detector(ctx: _Ctx, node: yaml.Node) -> Detector | None:
    fields = _mapping(ctx, node, "detector", _DETECTOR_KEYS)
    if fields is None:
        return None
    # a section detector may carry a pattern its sentences must match; otherwise one kind each
    kinds = ["section"] if "section" in fields else [k for k in DETECTOR_KINDS if k in fields]
    if len(kinds) != 1:
        ctx.error(node, f"a detector names exactly one kind of {', '.join(DETECTOR_KINDS)} (found {len(kinds)})")
        return None
    kind = kinds[0]
    args: dict[str, Any] = {"kind": kind}
    for key, value in fields.items():
        if key == "terms":
            args["any"] = _terms(ctx, value, "terms")
        elif key in ("any", "all", "exclude"):
            args[key] = _terms(ctx, value, key)
        elif key == "within":
            args[key] = _choice(ctx, value, "within", _WITHIN)
        elif key == "pattern":
            args[key] = _regex(ctx, value, "pattern")
        elif key == "metric":
            args[key] = _str(ctx, value, "metric")
        elif key == "section":
            args[key] = _choice(ctx, value, "section", _SECTION_KINDS)
        elif key == "min_sentences":
            number = _number(ctx, value, "min_sentences", minimum=1)
            if number is not None and not number.is_integer():
                ctx.error(value, f"min_sentences must be a whole number (got {value.value})")
            args[key] = int(number) if number else 1
        elif key == "max_status":
            args[key] = _choice(ctx, value, "max_status", _STATUSES)
    allowed_extra = {
        "terms": {"any", "all", "exclude", "within", "max_status"},
        "pattern": {"all", "exclude", "max_status"},
        "metric": {"max_status"},
        "section": {"min_sentences", "pattern", "max_status"},
    }[kind]
    for key, value in fields.items():
        if key != kind and key not in allowed_extra:
            ctx.error(value, f"'{key}' does not apply to a {kind} detector")
    if kind == "terms" and not args.get("any") and not args.get("all"):
        ctx.error(node, "a terms detector needs 'terms', 'any' or 'all'")
    return Detector(**args)


_REQUIREMENT_KEYS = (
    "id",
    "pillar",
    "title",
    "source",
    "points",
    "applies_to",
    "detect",
    "guidance",
    "examples",
    "enabled",
)


def _requirement_fields(ctx: _Ctx, node: yaml.Node) -> dict[str, Any] | None:
    fields = _mapping(ctx, node, "requirement", _REQUIREMENT_KEYS, ("id",))
    if fields is None:
        return None
    out: dict[str, Any] = {"_node": node, "_nodes": fields}
    for key, value in fields.items():
        if key in ("id", "pillar", "title", "source", "guidance"):
            out[key] = _str(ctx, value, f"requirement {key}")
        elif key == "points":
            out[key] = _number(ctx, value, "points", minimum=0)
        elif key == "enabled":
            out[key] = _bool(ctx, value, "enabled")
        elif key == "applies_to":
            levels = _str_list(ctx, value, "applies_to")
            for level in levels:
                if level not in LEVELS:
                    ctx.error(value, f"unknown level '{level}' in applies_to (levels: {', '.join(LEVELS)})")
            out[key] = frozenset(levels)
        elif key == "detect":
            out[key] = tuple(d for d in (_detector(ctx, item) for item in _list(ctx, value, "detect")) if d)
        elif key == "examples":
            ex = _mapping(ctx, value, "examples", ("met", "not_met"))
            if ex is not None:
                out[key] = Examples(
                    met=_str_list(ctx, ex["met"], "examples met") if "met" in ex else (),
                    not_met=_str_list(ctx, ex["not_met"], "examples not_met") if "not_met" in ex else (),
                )
    return out


def _scoring(ctx: _Ctx, node: yaml.Node, base: Scoring) -> Scoring:
    fields = _mapping(ctx, node, "scoring", ("partial_share", "grades"))
    if not fields:
        return base
    scoring = base
    if "partial_share" in fields:
        share = _number(ctx, fields["partial_share"], "partial_share")
        if share is not None and not 0 <= share <= 1:
            ctx.error(fields["partial_share"], "partial_share must be between 0 and 1")
        elif share is not None:
            scoring = replace(scoring, partial_share=share)
    if "grades" in fields:
        grades: list[Grade] = []
        items = _list(ctx, fields["grades"], "grades")
        for item in items:
            g = _mapping(ctx, item, "grade", ("min", "label"), ("min", "label"))
            if g and "min" in g and "label" in g:
                low, label = _number(ctx, g["min"], "grade min", minimum=0), _str(ctx, g["label"], "grade label")
                if low is not None and low > 100:
                    ctx.error(g["min"], f"grade min is a score in percent, at most 100 (got {g['min'].value})")
                elif low is not None and grades and low >= grades[-1].min:
                    ctx.error(
                        g["min"], f"grades are listed from the highest min down: {low:g} after {grades[-1].min:g}"
                    )
                elif low is not None and label:
                    grades.append(Grade(low, label))
        if not items:
            ctx.error(fields["grades"], "grades must list at least one grade")
        if grades and grades[-1].min != 0:
            ctx.error(
                items[-1], f"the last grade must start at min 0, so every score has a grade (got {grades[-1].min:g})"
            )
        if len(grades) == len(items):
            scoring = replace(scoring, grades=tuple(grades))
    return scoring


# --- loading ------------------------------------------------------------------------------

_TOP_KEYS = ("id", "version", "title", "extends", "scoring", "lexicon", "pillars", "metrics", "requirements")


@dataclass
class _Parts:
    """A rubric on its way to being built: plain values, merged layer by layer."""

    id: str = ""
    version: str = ""
    title: str = ""
    scoring: Scoring = field(default_factory=Scoring)
    pillars: dict[str, Pillar] = field(default_factory=dict)
    metrics: dict[str, dict[str, Any]] = field(default_factory=dict)
    requirements: dict[str, dict[str, Any]] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=default_lexicon)
    backtracking: list[str] = field(default_factory=list)


def _lexicon(ctx: _Ctx, node: yaml.Node, base: Lexicon) -> Lexicon:
    """`lexicon:` adds words to the built-in lists of the same names (scorer/lexicon/zh.yaml).
    A rubric's words are words, matched literally: no pattern of a user's rubric reaches the
    backtracking engine the built-in lists run on."""
    fields = _mapping(ctx, node, "lexicon", tuple(base.lists))
    if not fields:
        return base
    extra: dict[str, tuple[str, ...]] = {}
    for name, value in fields.items():
        words = _str_list(ctx, value, f"lexicon.{name}")
        if any(not normalize(w).text.strip() for w in words):
            ctx.error(value, f"lexicon.{name}: a word may not be empty")
            return base
        extra[name] = tuple(re.escape(normalize(w).text.strip()) for w in words)
    return base.extended(extra)


def _resolve_extends(base: str, here: Path) -> Path:
    candidate = here.parent / base
    if candidate.exists():
        return candidate
    shipped = RUBRIC_DIR / base
    if shipped.exists():
        return shipped
    shipped = RUBRIC_DIR / f"{base}.yaml"
    return shipped if shipped.exists() else candidate


# Nodes a rubric may stand for once its aliases are expanded: the shipped one has about 3,500.
MAX_EXPANDED_NODES = 100_000


def _bound_aliases(ctx: _Ctx, text: str, loader: type) -> None:
    """Refuse a rubric whose aliases stand for more than MAX_EXPANDED_NODES nodes: a few
    kilobytes of nested aliases can stand for billions, and everything that walks the rubric
    would walk them all. One pass over the parser's events counts them before anything is built."""
    sizes: dict[str | None, int] = {}  # expanded size of each anchored node
    open_nodes: list[list] = []  # [anchor, expanded size so far] of the collections being read
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append([event.anchor, 1])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, size = open_nodes.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, size = None, sizes.get(event.anchor, 1)
        else:
            continue
        if anchor:
            sizes[anchor] = size
        if open_nodes:
            open_nodes[-1][1] += size
            size = open_nodes[-1][1]
        if size > MAX_EXPANDED_NODES:
            raise RubricError(
                [
                    f"{ctx.where(event.start_mark)}: YAML aliases expand the rubric past "
                    f"{MAX_EXPANDED_NODES:,} nodes (an alias bomb?); refused"
                ]
            )


def _load_parts(path: Path, ctx_problems: list[str], seen: tuple[Path, ...]) -> tuple[_Parts, bytes]:
    ctx = _Ctx(str(path), shipped=path.resolve().parent == RUBRIC_DIR.resolve())
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise RubricError([f"{path}:1:1: cannot read rubric ({err.strerror})"]) from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~8x faster; `check` loads on every run
    try:
        text = raw.decode("utf-8")
        _bound_aliases(ctx, text, loader)
        root = yaml.compose(text, Loader=loader)
    except UnicodeDecodeError:
        raise RubricError([f"{path}:1:1: rubric is not UTF-8 text"]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        raise RubricError([f"{path}:{where}: YAML syntax error: {getattr(err, 'problem', err)}"]) from None
    if root is None:
        raise RubricError([f"{path}:1:1: rubric is empty"])
    top = _mapping(ctx, root, "rubric", _TOP_KEYS, ("id", "version"))
    if top is None:
        raise RubricError(ctx.problems)

    parts = _Parts()
    digest = raw
    if "extends" in top:
        base_name = _str(ctx, top["extends"], "extends")
        if base_name:
            base_path = _resolve_extends(base_name, path).resolve()
            if base_path in seen:
                ctx.error(top["extends"], f"extends loops back to {base_path.name}")
            elif not base_path.exists():
                ctx.error(top["extends"], f"extends names '{base_name}', which does not exist")
            else:
                parts, base_raw = _load_parts(base_path, ctx_problems, seen + (base_path,))
                digest = base_raw + raw
    for key in ("id", "version", "title"):
        if key in top:
            value = _str(ctx, top[key], key)
            if value is not None:
                setattr(parts, key, value)
    if "scoring" in top:
        parts.scoring = _scoring(ctx, top["scoring"], parts.scoring)
    if "lexicon" in top:
        parts.lexicon = _lexicon(ctx, top["lexicon"], parts.lexicon)
    if "pillars" in top:
        for item in _list(ctx, top["pillars"], "pillars"):
            p = _mapping(ctx, item, "pillar", ("id", "title"), ("id", "title"))
            if p and "id" in p and "title" in p:
                pid, title = _str(ctx, p["id"], "pillar id"), _str(ctx, p["title"], "pillar title")
                if pid and title:
                    parts.pillars[pid] = Pillar(pid, title)
    if "metrics" in top:
        for item in _list(ctx, top["metrics"], "metrics"):
            m = _metric(ctx, item)
            if m and m.get("id"):
                merged = {**parts.metrics.get(m["id"], {}), **m}
                parts.metrics[m["id"]] = merged
    if "requirements" in top:
        seen_ids: set[str] = set()
        for item in _list(ctx, top["requirements"], "requirements"):
            r = _requirement_fields(ctx, item)
            if not r or not r.get("id"):
                continue
            if r["id"] in seen_ids:
                ctx.error(item, f"duplicate requirement id '{r['id']}'")
                continue
            seen_ids.add(r["id"])
            parts.requirements[r["id"]] = {**parts.requirements.get(r["id"], {}), **r, "_path": str(path)}
    ctx_problems.extend(ctx.problems)
    parts.backtracking.extend(ctx.backtracking)
    return parts, digest


def _build(parts: _Parts, path: Path, digest: bytes, problems: list[str]) -> Rubric:
    def error_at(fields: dict[str, Any], key: str, message: str) -> None:
        ctx = _Ctx(fields.get("_path", str(path)))
        ctx.error(fields.get("_nodes", {}).get(key, fields.get("_node")), message)
        problems.extend(ctx.problems)

    metrics = []
    for mid, m in parts.metrics.items():
        metrics.append(
            MetricDef(
                id=mid,
                name=m.get("name") or mid,
                unit=m.get("unit") or "count",
                labels=m.get("labels", ()),
                context=m.get("context", ()),
                exclude=m.get("exclude", ()),
                target=m.get("target"),
                requirement=m.get("requirement"),
                scopes=m.get("scopes", ()),
            )
        )
    metric_ids = {m.id for m in metrics}
    requirements = []
    for rid, r in parts.requirements.items():
        for key in ("pillar", "title", "points", "detect"):
            value = r.get(key)
            if value == () or value is None and key not in r.get("_nodes", {}):  # invalid: already said
                error_at(r, key, f"requirement '{rid}' is missing '{key}'")
        if r.get("pillar") and r["pillar"] not in parts.pillars:
            error_at(r, "pillar", f"requirement '{rid}' names unknown pillar '{r['pillar']}'")
        for d in r.get("detect", ()):
            if d.kind == "metric" and d.metric not in metric_ids:
                error_at(r, "detect", f"requirement '{rid}' names unknown metric '{d.metric}'")
        requirements.append(
            Requirement(
                id=rid,
                pillar=r.get("pillar") or "",
                title=r.get("title") or rid,
                source=r.get("source") or "",
                points=r.get("points") or 0.0,
                detectors=r.get("detect", ()),
                guidance=r.get("guidance") or "",
                applies_to=r.get("applies_to", frozenset()),
                examples=r.get("examples", Examples()),
                enabled=r.get("enabled", True) is not False,
            )
        )
    for metric in metrics:
        if metric.requirement and metric.requirement not in parts.requirements:
            problems.append(f"{path}:1:1: metric '{metric.id}' names unknown requirement '{metric.requirement}'")
    return Rubric(
        id=parts.id,
        version=parts.version,
        title=parts.title,
        path=str(path),
        sha256=hashlib.sha256(digest).hexdigest(),
        pillars=tuple(parts.pillars.values()),
        requirements=tuple(r for r in requirements if r.enabled),
        metrics=tuple(metrics),
        scoring=parts.scoring,
        lexicon=parts.lexicon,
        backtracking_patterns=tuple(parts.backtracking),
    )


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Load and validate a rubric; raise RubricError listing every problem."""
    path = Path(path) if path else DEFAULT_RUBRIC
    problems: list[str] = []
    parts, digest = _load_parts(path, problems, (path.resolve(),))
    rubric = _build(parts, path, digest, problems)
    if problems:
        raise RubricError(problems)
    return rubric
