"""Evaluate indicator rules against answers: verdicts with Swedish reasons and suggested changes."""

from ojcli.scoring import verdicts
from ojcli.scoring.describe import describe
from ojcli.scoring.evaluate import Evaluator, judge, score
from ojcli.scoring.fast import judge_state, truth
from ojcli.scoring.verdicts import *  # noqa: F403 - re-exported whole, as its __all__ says

__all__ = [
    "Evaluator",
    "describe",
    "judge",
    "judge_state",
    "score",
    "truth",
]
__all__ += verdicts.__all__
