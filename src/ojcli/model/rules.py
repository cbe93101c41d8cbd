"""Rule nodes: the declarative language of indicator criteria and skip conditions.

Rules are data. A node is a TOML inline table recognised by its key:

    { all = [...] }  { any = [...] }  { not = {...} }
    { question = "q", equals = "ja" }
    { question = "q", one_of = ["a", "b"] }
    { question = "q", includes_all = ["a", "b"] }
    { question = "q", compare = "<=", value = 14 }
    { question = "q", within_months = 24 }
    { question = "q", answered = true }

Evaluation lives in `ojcli.scoring`; nothing here runs code from a file.
"""

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

CompareOp = Literal["<", "<=", ">", ">=", "==", "!="]


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class AllOf(_Node):
    """True when every part is true."""

    all: "list[Rule]" = Field(min_length=1)


class AnyOf(_Node):
    """True when at least one part is true."""

    any: "list[Rule]" = Field(min_length=1)


class Not(_Node):
    """True when its part is false."""

    not_: "Rule" = Field(alias="not")


class Equals(_Node):
    """The answer equals a value (an option value, or a whole number)."""

    question: str
    equals: str | int


class OneOf(_Node):
    """The answer is one of the given option values."""

    question: str
    one_of: list[str] = Field(min_length=1)


class IncludesAll(_Node):
    """A multiple-choice answer includes every given option value."""

    question: str
    includes_all: list[str] = Field(min_length=1)


class Compare(_Node):
    """A whole-number answer compared with a value, e.g. at most 14 days."""

    question: str
    compare: CompareOp
    value: int


class WithinMonths(_Node):
    """A date answer lies within N months before the reference date (inclusive)."""

    question: str
    within_months: int = Field(ge=1, le=600)


class Answered(_Node):
    """The question has (or, with `answered = false`, has not) been answered."""

    question: str
    answered: bool


_TAGS = (
    "all",
    "any",
    "not",
    "equals",
    "one_of",
    "includes_all",
    "compare",
    "within_months",
    "answered",
)


def _rule_tag(value: Any) -> str | None:
    """Pick the node type from the key that identifies it."""
    keys: set[str]
    if isinstance(value, dict):
        keys = set(value)
    elif isinstance(value, _Node):
        keys = {"not" if k == "not_" else k for k in type(value).model_fields}
    else:
        return None
    found = [tag for tag in _TAGS if tag in keys]
    return found[0] if len(found) == 1 else None


Rule = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[Equals, Tag("equals")]
    | Annotated[OneOf, Tag("one_of")]
    | Annotated[IncludesAll, Tag("includes_all")]
    | Annotated[Compare, Tag("compare")]
    | Annotated[WithinMonths, Tag("within_months")]
    | Annotated[Answered, Tag("answered")],
    Discriminator(
        _rule_tag,
        custom_error_type="invalid_rule",
        custom_error_message=(
            "regeln ska ha exakt en av nycklarna all, any, not, equals, one_of, includes_all, "
            "compare, within_months eller answered"
        ),
    ),
]

Leaf = Equals | OneOf | IncludesAll | Compare | WithinMonths | Answered


def children(rule: Rule) -> list[Rule]:
    """The direct sub-rules of a node (none for a leaf)."""
    if isinstance(rule, AllOf):
        return list(rule.all)
    if isinstance(rule, AnyOf):
        return list(rule.any)
    if isinstance(rule, Not):
        return [rule.not_]
    return []


def walk(rule: Rule, path: str = "") -> Iterator[tuple[str, Rule]]:
    """Every node of a rule with its dotted path, depth first."""
    yield path, rule
    if isinstance(rule, AllOf | AnyOf):
        key = "all" if isinstance(rule, AllOf) else "any"
        for i, child in enumerate(children(rule)):
            yield from walk(child, f"{path}.{key}[{i}]" if path else f"{key}[{i}]")
    elif isinstance(rule, Not):
        yield from walk(rule.not_, f"{path}.not" if path else "not")


def questions_of(rule: Rule) -> list[str]:
    """The question ids a rule reads, in order of first appearance."""
    seen: dict[str, None] = {}
    for _, node in walk(rule):
        if isinstance(node, Leaf):
            seen.setdefault(node.question, None)
    return list(seen)
