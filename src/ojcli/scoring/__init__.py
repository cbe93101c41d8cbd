"""Evaluate indicator rules against answers: verdicts with Swedish reasons and suggested changes."""

from ojcli.scoring.describe import describe
from ojcli.scoring.evaluate import Evaluator, judge, score
from ojcli.scoring.fast import judge_state, truth
from ojcli.scoring.verdicts import (
    STATE_WORDS,
    AnswerStatus,
    Change,
    Outcome,
    ScoreReport,
    State,
    Tri,
    Verdict,
    display_value,
    subtract_months,
)

__all__ = [
    "STATE_WORDS",
    "AnswerStatus",
    "Change",
    "Evaluator",
    "Outcome",
    "ScoreReport",
    "State",
    "Tri",
    "Verdict",
    "describe",
    "display_value",
    "judge",
    "judge_state",
    "score",
    "subtract_months",
    "truth",
]
