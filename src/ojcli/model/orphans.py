"""Answers and comments under ids the questionnaire does not have, in Swedish.

A question deleted from a (prepared) questionnaire, or an id misspelt by hand, leaves answers
without a question. They are the user's: `AnswerChecker` keeps them apart
(`CheckedAnswers.unknown`, `unknown_comments`), nothing scores them, a save writes them back,
every output says they are there (`notice`) and `ojcli validate` lists each with its line
(`problems`). Loaded only when a file has such answers.
"""

from ojcli import messages
from ojcli.errors import Problem, did_you_mean
from ojcli.model.answers import CheckedAnswers


def kept_ids(answers: CheckedAnswers) -> list[str]:
    """The ids without a question, answers' and comments', each once, in file order."""
    return list(dict.fromkeys([*answers.unknown, *answers.unknown_comments]))


def notice(answers: CheckedAnswers) -> str | None:
    """One line naming the ids without a question and that what is under them does not count."""
    ids = kept_ids(answers)
    if not ids:
        return None
    answered = any(qid in answers.unknown for qid in ids)
    commented = any(qid in answers.unknown_comments for qid in ids)
    many = len(ids) > 1
    kept = {
        (True, False): "svaren" if many else "svaret",
        (False, True): "kommentarerna" if many else "kommentaren",
        (True, True): "svaren och kommentarerna" if many else "svaret och kommentaren",
    }[answered, commented]
    named = ", ".join(f"'{qid}'" for qid in ids)
    which = f"Frågorna {named} finns" if many else f"Frågan {named} finns"
    return (
        f"{which} inte i enkäten {answers.questionnaire.year}: {kept} står kvar i svarsfilen "
        "men räknas inte."
    )


def problems(answers: CheckedAnswers) -> list[Problem]:
    """Each answer and comment without a question, for `validate` to list (field paths)."""
    q = answers.questionnaire
    ids = [x.id for x in q.questions]
    found = []
    for table, kept in (("answers", answers.unknown), ("comments", answers.unknown_comments)):
        for key in kept:
            found.append(messages.kept_without_question(key, q.year, did_you_mean(key, ids), table))
    return found
