"""The rule language of indicator criteria and skip conditions: its nodes and their tree.

Rules are data. A node is a TOML inline table recognised by its key:

    { all = [...] }  { any = [...] }  { not = {...} }
    { question = "q", equals = "ja" }
    { question = "q", one_of = ["a", "b"] }
    { question = "q", includes_all = ["a", "b"] }
    { question = "q", compare = "<=", value = 14 }
    { question = "q", within_months = 24 }
    { question = "q", answered = true }

The combinators are defined here, the leaf operators in `ojcli.model.operators`; the scorer
(`ojcli.scoring`) walks the tree. Nothing here runs code from a file.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Union

from pydantic import BaseModel, Discriminator, Field, Tag

from ojcli.model.operators import (
    FALSE,
    NODE_CONFIG,
    TRUE,
    Answered,
    Compare,
    Equals,
    IncludesAll,
    Leaf,
    OneOf,
    Tri,
    WithinMonths,
)

__all__ = [
    "AllOf",
    "Answered",
    "AnyOf",
    "Compare",
    "Equals",
    "IncludesAll",
    "Leaf",
    "Not",
    "OneOf",
    "Rule",
    "WithinMonths",
    "questions_of",
    "walk",
]


class _Junction:
    """What `all` and `any` share, set by the class keywords.

    `tag` is the key the parts stand under, `decisive` the part value that decides the whole,
    `joiner` the Swedish word between parts when the rule is described.
    """

    tag: ClassVar[str]
    decisive: ClassVar[Tri]
    joiner: ClassVar[str]

    def __init_subclass__(cls, *, tag: str, decisive: Tri, joiner: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.tag, cls.decisive, cls.joiner = tag, decisive, joiner

    @property
    def parts(self) -> "list[Rule]":
        """The parts, in order."""
        parts: list[Rule] = getattr(self, self.tag)
        return parts


class AllOf(_Junction, BaseModel, tag="all", decisive=FALSE, joiner=" och "):
    """True when every part is true (one false part makes the whole false)."""

    model_config = NODE_CONFIG

    all: "list[Rule]" = Field(min_length=1)


class AnyOf(_Junction, BaseModel, tag="any", decisive=TRUE, joiner=" eller "):
    """True when at least one part is true (one true part makes the whole true)."""

    model_config = NODE_CONFIG

    any: "list[Rule]" = Field(min_length=1)


class Not(BaseModel):
    """True when its part is false."""

    model_config = NODE_CONFIG

    not_: "Rule" = Field(alias="not")

    tag: ClassVar[str] = "not"


# --- the rule type --------------------------------------------------------------------------

_NODES: tuple[type[AllOf | AnyOf | Not | Leaf], ...] = (
    AllOf,
    AnyOf,
    Not,
    Equals,
    OneOf,
    IncludesAll,
    Compare,
    WithinMonths,
    Answered,
)
_TAGS = tuple(node.tag for node in _NODES)


def _rule_tag(value: Any) -> str | None:
    """Pick the node type from the key that identifies it."""
    if isinstance(value, AllOf | AnyOf | Not | Leaf):
        return value.tag
    if not isinstance(value, dict):
        return None
    found = [tag for tag in _TAGS if tag in value]
    return found[0] if len(found) == 1 else None


_MESSAGE = f"regeln ska ha exakt en av nycklarna {', '.join(_TAGS[:-1])} eller {_TAGS[-1]}"
if TYPE_CHECKING:
    Rule = AllOf | AnyOf | Not | Equals | OneOf | IncludesAll | Compare | WithinMonths | Answered
else:
    # The same union, built from `_NODES` at once: eight `|` of growing unions cost start-up time.
    Rule = Annotated[
        Union[tuple(Annotated[node, Tag(node.tag)] for node in _NODES)],  # noqa: UP007
        Discriminator(_rule_tag, custom_error_type="invalid_rule", custom_error_message=_MESSAGE),
    ]


def walk(rule: Rule, path: str = "") -> Iterator[tuple[str, Rule]]:
    """Every node of a rule with its dotted path, depth first."""
    yield path, rule
    if isinstance(rule, AllOf | AnyOf):
        for i, child in enumerate(rule.parts):
            yield from walk(child, f"{path}.{rule.tag}[{i}]" if path else f"{rule.tag}[{i}]")
    elif isinstance(rule, Not):
        yield from walk(rule.not_, f"{path}.not" if path else "not")


def questions_of(rule: Rule) -> list[str]:
    """The question ids a rule reads, in order of first appearance."""
    seen: dict[str, None] = {}
    for _, node in walk(rule):
        if isinstance(node, Leaf):
            seen.setdefault(node.question, None)
    return list(seen)
