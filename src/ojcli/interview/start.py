"""Starting or resuming a survey in one call: open the answers file, start a new one, or start from last year's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ojcli.errors import UsageError, control_character_problem
from ojcli.files.session import Notify, Session
from ojcli.interview.engine import Interview, Prompter
from ojcli.model.answers import AnswerSet, AnswerValue
from ojcli.model.questionnaire import Questionnaire


@dataclass(frozen=True)
class Request:
    """What the person asked for; every field may be left out."""

    file: Path | None = None
    year: int | None = None
    municipality: str | None = None
    unit: str | None = None
    respondent: str | None = None
    previous: Path | None = None
    """Last year's answers file to start from (`--from`)."""


@dataclass(frozen=True)
class Survey:
    """An answers file open and locked for the interview, and the interview ready to run."""

    session: Session
    interview: Interview

    @property
    def answers(self) -> AnswerSet:
        """The answers, updated in place as the interview goes."""
        return self.interview.answers

    @property
    def questionnaire(self) -> Questionnaire:
        """The survey year's questionnaire."""
        return self.interview.q

    def paused(self) -> str:
        """What is saved where, how much is left, and how to go on (Swedish)."""
        file, left = self.session.saved_in, len(self.interview.unanswered())
        return (
            f"Sparat: {len(self.answers.answers)} svar i {file} ({left} frågor kvar). "
            f"Fortsätt senare med: ojcli survey {file}"
        )


def start_survey(request: Request, prompter: Prompter, notify: Notify) -> Survey | None:
    """Open `request.file` if it exists, else start a new file (from `request.previous` if given).

    The prompter asks what a new file needs and tells where the interview starts; `notify` gets
    the session's warnings (a stale lock, an upgraded format, edits merged). None when input
    ended before a new file's municipality was known: nothing is saved then.

    Raises UsageError for options that contradict each other, and the loaders' and the session's
    errors (a file that cannot be read is never overwritten; a locked one names its session).
    """
    for option, given in (("--enhet", request.unit), ("--uppgiftslamnare", request.respondent)):
        if given is not None and (why := control_character_problem(given)):
            raise UsageError(f"{option} {why}.")
    file, previous = request.file, request.previous
    if previous is not None and file is not None and file.exists():
        raise UsageError(
            f"--from börjar en ny svarsfil, men {file} finns redan. Ange ett nytt filnamn."
        )
    defaults: dict[str, AnswerValue] = {}
    if file is not None and file.exists():
        # Locks the file, or names the session that has it. A file it cannot read is refused
        # (never overwritten), with how to restore FIL.bak; an older format is upgraded.
        session = Session.open(file, notify=notify)
        prompter.info(
            f"Fortsätter med {file} ({session.answers.unit_name}, {session.questionnaire.title})."
        )
    else:
        from ojcli.files.loading import find_questionnaire, load_questionnaire

        questionnaire = load_questionnaire(find_questionnaire(request.year))
        if previous is not None:
            answers, file, defaults = _start_from(previous, questionnaire, file, prompter)
        else:
            from ojcli.interview.setup import new_answers

            try:
                answers, file = new_answers(
                    questionnaire,
                    prompter,
                    file,
                    request.municipality,
                    request.unit,
                    request.respondent,
                )
            except EOFError:
                return None
        session = Session.create(file, answers, questionnaire, notify=notify)
    interview = Interview(session.questionnaire, session.answers, prompter, session.save, defaults)
    return Survey(session, interview)


def _start_from(
    previous_file: Path, questionnaire: Questionnaire, file: Path | None, prompter: Prompter
) -> tuple[AnswerSet, Path, dict[str, AnswerValue]]:
    """This year's answers started from a previous file, and where to save them."""
    from ojcli.compare.years import carry_over
    from ojcli.files.loading import load_answers

    previous, old = load_answers(previous_file)
    if old.id == questionnaire.id:
        raise UsageError(
            f"{previous_file} gäller redan {questionnaire.title}. Fortsätt i den: ojcli survey {previous_file}"
        )
    carry = carry_over(previous, old, questionnaire)
    if file is None:
        file = Path(f"svar-{previous.meta.municipality_code}-{questionnaire.year}.toml")
        if file.exists():
            raise UsageError(
                f"{file} finns redan. Ange ett nytt filnamn: ojcli survey NY.toml --from {previous_file}"
            )
    new = len([q for q in questionnaire.questions if q.id not in {x.id for x in old.questions}])
    prompter.info(
        f"Börjar {questionnaire.title} för {previous.unit_name} från {previous_file} ({old.year}): "
        f"{len(carry.carried)} svar förs över, {len(carry.to_confirm)} ändrade frågor ställs igen med "
        f"förra svaret som förval, {new} frågor är nya. Sparas i {file}."
        + (
            ""
            if new or carry.to_confirm
            else f" Inget är nytt eller ändrat sedan {old.year}: granska svaren."
        )
    )
    return carry.answers, file, carry.defaults
