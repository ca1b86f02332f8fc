"""YAML → Rubric, validated on load.

Every problem is reported as `file:line:col: message` (from PyYAML node marks), all of them
at once: unknown keys, wrong types, bad regexes, unknown pillars / metrics / levels, duplicate
ids. Each detector is read from the schema of the kind it names (scorer.rubric.kinds): the
loader knows no kind by name. `extends:` names a base rubric (a path relative to this file, or
the name of a shipped rubric); the overlay may change top-level fields, scoring, points and any
requirement field, add requirements and metrics, and disable requirements with `enabled: false`.

A rubric is untrusted input too: aliases may not expand it past a bound (a few kilobytes of nested
YAML aliases stand for billions of nodes), numbers must be finite (points and thresholds not negative,
grades listed from the highest down to 0), and patterns run in linear time where they can
(scorer.rubric.patterns).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..lexicon import Lexicon, default_lexicon
from ..normalize import normalize
from ..result import TARGET_OPS
from .kinds import KINDS, detector_keys
from .model import Detector, Examples, Grade, MetricDef, Pillar, Requirement, Rubric, Scoring, Target
from .read import Context, boolean, choice, levels, mapping, number, regex, sequence, string, string_list, term_list
from .schema import Kind

if TYPE_CHECKING:
    import yaml

RUBRIC_DIR = Path(__file__).resolve().parent.parent / "rubrics"
DEFAULT_RUBRIC = RUBRIC_DIR / "outline-2021-2025.yaml"


class RubricError(Exception):
    """Problems found in a rubric; str() lists them one per line as file:line:col: message."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# --- parts of a rubric --------------------------------------------------------------------


def _target(ctx: Context, node: yaml.Node) -> Target | None:
    fields = mapping(ctx, node, "target", ("op", "value"), ("op", "value"))
    if not fields or "op" not in fields or "value" not in fields:
        return None
    op = choice(ctx, fields["op"], "target op", TARGET_OPS)
    if op not in TARGET_OPS:
        return None
    value = number(ctx, fields["value"], "target value")
    return Target(op, value) if value is not None else None


_METRIC_KEYS = ("id", "name", "unit", "labels", "context", "exclude", "scopes", "measures", "target", "requirement")


def _metric(ctx: Context, node: yaml.Node) -> dict[str, Any] | None:
    fields = mapping(ctx, node, "metric", _METRIC_KEYS, ("id", "name", "unit", "labels"))
    if fields is None:
        return None
    out: dict[str, Any] = {"_node": node}
    for key, value in fields.items():
        if key in ("id", "name", "requirement"):
            out[key] = string(ctx, value, f"metric {key}")
        elif key == "unit":
            out[key] = choice(ctx, value, "metric unit", ("percent", "count"))
        elif key == "labels":
            out[key] = tuple(
                p for p in (regex(ctx, item, "metric labels") for item in sequence(ctx, value, "labels")) if p
            )
        elif key == "target":
            out[key] = _target(ctx, value)
        else:
            out[key] = term_list(ctx, value, f"metric {key}")
    if "measures" in fields and out.get("unit") == "percent":
        ctx.error(fields["measures"], "'measures' applies to a count metric, not a percent")
    return out


def _detector(ctx: Context, node: yaml.Node) -> Detector | None:
    """A detector, read from the schema of the kind it names (scorer.rubric.kinds)."""
    fields = mapping(ctx, node, "detector", detector_keys())
    if fields is None:
        return None
    kind = _kind_named(ctx, node, fields)
    if kind is None:
        return None
    values: dict[str, Any] = {}
    for key, value in fields.items():
        option = kind.option(key)
        if option is not None and (read := option.read(ctx, value, key)) is not None:
            values[option.field] = read
    for key, value in fields.items():
        if kind.option(key) is None:
            ctx.error(value, f"'{key}' does not apply to a {kind.name} detector")
    for option in kind.options:
        if option.required and option.key not in fields:
            ctx.error(node, f"a {kind.name} detector needs '{option.key}'")
    detector = kind.detector(**values)
    problem = kind.check(detector) if kind.check else None
    if problem:
        ctx.error(node, problem)
    return detector


def _kind_named(ctx: Context, node: yaml.Node, fields: dict[str, yaml.Node]) -> Kind | None:
    """The one kind whose name is a key of the detector. A key that names a kind and is an option of
    another named one is that option (`section: plans` with the `pattern:` its sentences match)."""
    named = [kind for kind in KINDS.values() if kind.name in fields]
    named = [kind for kind in named if not any(other.option(kind.name) for other in named if other is not kind)]
    if len(named) != 1:
        ctx.error(node, f"a detector names exactly one kind of {', '.join(KINDS)} (found {len(named)})")
        return None
    return named[0]


_REQUIREMENT_KEYS = (
    "id",
    "pillar",
    "title",
    "source",
    "points",
    "applies_to",
    "heading_includes",
    "detect",
    "guidance",
    "examples",
    "enabled",
)


def _requirement_fields(ctx: Context, node: yaml.Node) -> dict[str, Any] | None:
    fields = mapping(ctx, node, "requirement", _REQUIREMENT_KEYS, ("id",))
    if fields is None:
        return None
    out: dict[str, Any] = {"_node": node, "_nodes": fields}
    for key, value in fields.items():
        if key in ("id", "pillar", "title", "source", "guidance"):
            out[key] = string(ctx, value, f"requirement {key}")
        elif key == "points":
            out[key] = number(ctx, value, "points", minimum=0)
        elif key == "enabled":
            out[key] = boolean(ctx, value, "enabled")
        elif key == "applies_to":
            out[key] = levels(ctx, value, "applies_to")
        elif key == "heading_includes":
            out[key] = frozenset(string_list(ctx, value, "heading_includes"))
        elif key == "detect":
            out[key] = tuple(d for d in (_detector(ctx, item) for item in sequence(ctx, value, "detect")) if d)
        elif key == "examples":
            ex = mapping(ctx, value, "examples", ("met", "not_met"))
            if ex is not None:
                out[key] = Examples(
                    met=string_list(ctx, ex["met"], "examples met") if "met" in ex else (),
                    not_met=string_list(ctx, ex["not_met"], "examples not_met") if "not_met" in ex else (),
                )
    return out


def _scoring(ctx: Context, node: yaml.Node, base: Scoring) -> Scoring:
    fields = mapping(ctx, node, "scoring", ("partial_share", "grades"))
    if not fields:
        return base
    scoring = base
    if "partial_share" in fields:
        share = number(ctx, fields["partial_share"], "partial_share")
        if share is not None and not 0 <= share <= 1:
            ctx.error(fields["partial_share"], "partial_share must be between 0 and 1")
        elif share is not None:
            scoring = replace(scoring, partial_share=share)
    if "grades" in fields:
        grades: list[Grade] = []
        items = sequence(ctx, fields["grades"], "grades")
        for item in items:
            g = mapping(ctx, item, "grade", ("min", "label"), ("min", "label"))
            if g and "min" in g and "label" in g:
                low, label = number(ctx, g["min"], "grade min", minimum=0), string(ctx, g["label"], "grade label")
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


def _lexicon(ctx: Context, node: yaml.Node, base: Lexicon) -> Lexicon:
    """`lexicon:` adds words to the built-in lists of the same names (scorer/lexicon/zh.yaml).
    A rubric's words are words, matched literally: no pattern of a user's rubric reaches the
    backtracking engine the built-in lists run on."""
    fields = mapping(ctx, node, "lexicon", tuple(base.lists))
    if not fields:
        return base
    extra: dict[str, tuple[str, ...]] = {}
    for name, value in fields.items():
        words = string_list(ctx, value, f"lexicon.{name}")
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


def _bound_aliases(ctx: Context, text: str, loader: type) -> None:
    """Refuse a rubric whose aliases stand for more than MAX_EXPANDED_NODES nodes: a few
    kilobytes of nested aliases can stand for billions, and everything that walks the rubric
    would walk them all. One pass over the parser's events counts them before anything is built."""
    sizes: dict[str | None, int] = {}  # expanded size of each anchored node
    import yaml

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
    ctx = Context(str(path), shipped=path.resolve().parent == RUBRIC_DIR.resolve())
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise RubricError([f"{path}:1:1: cannot read rubric ({err.strerror})"]) from None
    import yaml  # here, not at import: a rubric read back from the cache needs no YAML

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
    top = mapping(ctx, root, "rubric", _TOP_KEYS, ("id", "version"))
    if top is None:
        raise RubricError(ctx.problems)

    parts = _Parts()
    digest = raw
    if "extends" in top:
        base_name = string(ctx, top["extends"], "extends")
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
            value = string(ctx, top[key], key)
            if value is not None:
                setattr(parts, key, value)
    if "scoring" in top:
        parts.scoring = _scoring(ctx, top["scoring"], parts.scoring)
    if "lexicon" in top:
        parts.lexicon = _lexicon(ctx, top["lexicon"], parts.lexicon)
    if "pillars" in top:
        for item in sequence(ctx, top["pillars"], "pillars"):
            p = mapping(ctx, item, "pillar", ("id", "title"), ("id", "title"))
            if p and "id" in p and "title" in p:
                pid, title = string(ctx, p["id"], "pillar id"), string(ctx, p["title"], "pillar title")
                if pid and title:
                    parts.pillars[pid] = Pillar(pid, title)
    if "metrics" in top:
        for item in sequence(ctx, top["metrics"], "metrics"):
            m = _metric(ctx, item)
            if m and m.get("id"):
                merged = {**parts.metrics.get(m["id"], {}), **m}
                parts.metrics[m["id"]] = merged
    if "requirements" in top:
        seen_ids: set[str] = set()
        for item in sequence(ctx, top["requirements"], "requirements"):
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
        ctx = Context(fields.get("_path", str(path)))
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
                measures=m.get("measures", ()),
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
        for other in sorted(r.get("heading_includes", ())):
            if other not in parts.requirements:
                error_at(r, "heading_includes", f"requirement '{rid}' names unknown requirement '{other}'")
        for d in r.get("detect", ()):
            for option in KINDS[d.kind].all_options:
                metric = getattr(d, option.field)
                if option.names_metric and metric and metric not in metric_ids:
                    error_at(r, "detect", f"requirement '{rid}' names unknown metric '{metric}'")
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
                heading_includes=r.get("heading_includes", frozenset()),
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
