"""The plan in an answers file: one decision per indicator, under `[plan.INDICATOR]`.

A unit head decides, for an indicator not met (or lapsing before the reference date), to act
on it (what, who, by when), to accept it as not met (and why), or that no action is needed:

    [plan.rutin_skyddade]
    # Rutin för att inte röja skyddade personuppgifter
    decision = "act"
    action = "Låt ledningen besluta rutinen"
    owner = "Anna Andersson"
    due = 2027-02-15

Which indicator ids the questionnaire has is `AnswerChecker`'s to check; this model checks
one decision on its own. Imported with the answers model (the file holds the plan), so it is
kept small: no I/O, no scoring.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Strict, model_validator

from ojcli.errors import control_character_problem, did_you_mean

DecisionKind = Literal["act", "accept", "no_action"]
KINDS: tuple[DecisionKind, ...] = ("act", "accept", "no_action")
ACT_FIELDS = ("action", "owner", "due")  # what, who, by when: only an action has them


def _kind(value: object) -> object:
    """A decision kind, or a Swedish ValueError naming the three (pydantic's says "or")."""
    if isinstance(value, str) and value not in KINDS:
        listed = ", ".join(f'"{k}"' for k in KINDS)
        raise ValueError(
            f"'{value}' är inget beslut: skriv ett av {listed}{did_you_mean(value, KINDS)}"
        )
    return value


def _text(value: object) -> object:
    if isinstance(value, str) and (why := control_character_problem(value)):
        raise ValueError(why)
    return value


Text = Annotated[str, Strict(), BeforeValidator(_text)]


def _date(value: object) -> object:
    """A quoted ÅÅÅÅ-MM-DD is the date, as to the JSON Schema (as for answers); else Swedish."""
    if type(value) is str:
        from ojcli.model.dates import date_text_problem, quoted_date

        day = quoted_date(value)
        if day is None:
            raise ValueError(date_text_problem(value))
        return day
    return value


class Decision(BaseModel):
    """One indicator's decision: act (action, owner, due), accept (reason) or no_action."""

    model_config = ConfigDict(extra="forbid", defer_build=True, frozen=True)

    decision: Annotated[DecisionKind, BeforeValidator(_kind)]
    action: Text = ""
    """What is to be done (act)."""
    owner: Text = ""
    """Who sees to it (act)."""
    due: Annotated[dt.date, Strict(), BeforeValidator(_date)] | None = None
    """By when (act)."""
    reason: Text = ""
    """Why (required to accept an indicator as not met; a note otherwise)."""

    @model_validator(mode="after")
    def _fits_decision(self) -> "Decision":
        given = {
            "action": bool(self.action.strip()),
            "owner": bool(self.owner.strip()),
            "due": self.due is not None,
        }
        if self.decision == "act":
            if missing := [name for name in ACT_FIELDS if not given[name]]:
                raise ValueError(
                    f'decision = "act" behöver {_listed(missing)}: vad som ska göras (action), '
                    "vem som ansvarar (owner) och klart senast (due, ett datum)"
                )
        else:
            if extra := [name for name in ACT_FIELDS if given[name]]:
                raise ValueError(
                    f'{_listed(extra)} hör till decision = "act", inte "{self.decision}": '
                    "ta bort raden eller ändra beslutet"
                )
            if self.decision == "accept" and not self.reason.strip():
                raise ValueError(
                    'decision = "accept" behöver reason: varför indikatorn godtas som ej uppfylld'
                )
        return self

    def as_toml(self) -> dict[str, Any]:
        """The fields a file holds for this decision, in the order ojcli writes them."""
        data: dict[str, Any] = {"decision": self.decision}
        values = {
            "action": self.action,
            "owner": self.owner,
            "due": self.due,
            "reason": self.reason,
        }
        return data | {k: v for k, v in values.items() if v}


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} och {names[-1]}"
