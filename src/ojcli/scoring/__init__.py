"""Evaluate indicator rules against answers: verdicts with Swedish reasons and suggested changes.

The fast path for comparing many files (`truth`, `judge_state`) is imported from
`ojcli.scoring.fast` where it is used: `score` does not need it at start-up.
"""

from ojcli.scoring import verdicts
from ojcli.scoring.describe import describe
from ojcli.scoring.evaluate import Evaluator, judge, score
from ojcli.scoring.verdicts import *  # noqa: F403 - re-exported whole, as its __all__ says

__all__ = [
    "Evaluator",
    "describe",
    "judge",
    "score",
]
__all__ += verdicts.__all__
