"""Starting or resuming a survey in one call: open the answers file, start a new one, or start from last year's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ojcli import messages
from ojcli.errors import control_character_problem
from ojcli.files.session import Notify, Session
from ojcli.interview.engine import Interview, Prompter
from ojcli.model.answers import AnswerSet, AnswerValue, CheckedAnswers
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
    enkat: Path | None = None
    """The questionnaire file to use (`--enkat`); else the year's, beside the answers first."""
    interactive: bool = False
    """Whether the person can be asked (a terminal): only then is a missing year prepared."""


@dataclass(frozen=True)
class Survey:
    """An answers file open and locked for the interview, and the interview ready to run."""

    session: Session
    interview: Interview
    set_up: bool = True
    """False when input ended at a set-up prompt of a saved file: the interview is not to run."""

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
        file = self.session.saved_in
        if not self.set_up:
            return (
                f"Sparat: uppgifterna om {self.answers.unit_name} i {file}; resten av "
                f"uppgifterna frågas efter när du fortsätter med: ojcli survey {file}"
            )
        numbers = self.questionnaire.numbers
        answered = sum(1 for qid in self.answers.answers if qid in numbers)
        kept = len(self.answers.answers) - answered  # their questions are gone; kept in the file
        also = f" (och {kept} utan fråga i enkäten)" if kept else ""
        return (
            f"Sparat: {answered} svar{also} i {file} "
            f"({_questions_left(*self.interview.left())}). "
            f"Fortsätt senare med: ojcli survey {file}"
        )


def _questions_left(least: int, most: int) -> str:
    """Questions still to answer, when answers not given yet may open more: "3–8 frågor kvar"."""
    from ojcli.report.wording import counted

    if most == 0:
        return "inga frågor kvar"
    return f"{'' if most == least else f'{least}–'}{counted(most, 'fråga', 'frågor')} kvar"


def start_survey(request: Request, prompter: Prompter, notify: Notify) -> Survey | None:
    """Open `request.file` if it exists, else start a new file (from `request.previous` if given).

    The prompter asks what a new file needs and tells where the interview starts; `notify` gets
    the session's warnings (a stale lock, an upgraded format, edits merged). None when input
    ended before a new file's municipality was known (or, with no file named, before its name
    was): nothing is saved then. A file named on the command line is saved from the moment its
    municipality is known; a `Survey` whose `set_up` is False had input end at a later set-up
    prompt, and `ojcli survey FIL` asks the rest.

    Raises UsageError for options that contradict each other, and the loaders' and the session's
    errors (a file that cannot be read is never overwritten; a locked one names its session).
    """
    for option, given in (("--enhet", request.unit), ("--uppgiftslamnare", request.respondent)):
        if given is not None and (why := control_character_problem(given)):
            raise messages.option_control_character(option, why)
    file, previous = request.file, request.previous
    if file is not None:  # a loop of links, a device, a new file's name: before any question
        from ojcli.files.targets import check_survey_file

        check_survey_file(file)
    if previous is not None and file is not None and file.exists():
        raise messages.from_target_exists(file)
    started_from = None
    if previous is not None:  # read first: a file that cannot be read is said before the year
        from ojcli.files.loading import load_answers

        started_from = load_answers(previous)
    defaults: dict[str, AnswerValue] = {}
    marks: dict[str, tuple[AnswerValue, str]] = {}
    if file is not None and file.exists():
        _refuse_contradictions(file, request)
        # Locks the file, or names the session that has it. A file it cannot read is refused
        # (never overwritten), with how to restore FIL.bak; an older format is upgraded.
        from ojcli.files.loading import load_questionnaire
        from ojcli.model.identity import notices

        named = None if request.enkat is None else load_questionnaire(request.enkat)
        session = Session.open(file, named, notify=notify)
        meta = session.answers.meta
        for line in notices(session.questionnaire, meta.questionnaire_fingerprint):
            notify(line)
        from ojcli.model import orphans
        from ojcli.model.answers import check_answer_set

        # Answers under ids the questionnaire does not have are kept through every save.
        if unknown := orphans.notice(check_answer_set(session.answers, session.questionnaire)):
            notify(f"{unknown} Raderna visas med: ojcli validate {file}")
        prompter.info(
            f"Fortsätter med {file} ({session.answers.unit_name}, {session.questionnaire.title})."
        )
    else:
        questionnaire = _questionnaire_for_new(request, prompter, notify)
        if started_from is not None:
            answers, file, defaults, marks = _start_from(
                request, started_from, questionnaire, file, prompter, notify
            )
        else:
            # The file is made as soon as the municipality is known (named on the command line
            # or asked for then), and each later set-up answer is saved as it is given.
            from ojcli.interview.setup import choose_file, pick_municipality, started_answers
            from ojcli.report.notes import with_note

            reference = f"mätdatum {questionnaire.reference_date.isoformat()}"
            prompter.info(f"Ny svarsfil för {with_note(questionnaire.title, reference)}.")
            try:
                chosen = pick_municipality(prompter, request.municipality)
                prompter.info(f"Kommun: {chosen.name} ({chosen.code}), {chosen.county_name}.")
                if file is None:
                    file = choose_file(prompter, chosen, questionnaire)
            except EOFError:
                return None
            answers = started_answers(questionnaire, chosen, request.unit, request.respondent)
        session = Session.create(file, answers, questionnaire, notify=notify)
    interview = Interview(
        session.questionnaire, session.answers, prompter, session.save, defaults, marks
    )
    if session.answers.meta.setup_unasked:
        from ojcli.interview.setup import ask_unasked

        try:
            ask_unasked(
                session.answers,
                session.questionnaire,
                prompter,
                session.save,
                request.unit,
                request.respondent,
            )
        except EOFError:
            return Survey(session, interview, set_up=False)
    return Survey(session, interview)


def _same_text(given: str, held: str) -> bool:
    return given.strip().casefold() == held.strip().casefold()


def _is_municipality(given: str, answers: CheckedAnswers) -> bool:
    """Whether `--kommun` names the file's municipality (by code or name, any case)."""
    from ojcli.model.municipalities import search

    meta = answers.meta
    if given.strip().casefold() in (meta.municipality_code, meta.municipality_name.casefold()):
        return True
    found = search(given)
    return len(found) == 1 and found[0].code == meta.municipality_code


def _refuse_contradictions(file: Path, request: Request) -> None:
    """Raise UsageError when an option says something else than the existing file does.

    Options that repeat what the file holds are fine. A file that cannot be read is left to
    `Session.open`, which says why and how to restore its backup; nothing is written here.
    """
    from ojcli.errors import LoadError
    from ojcli.files.loading import load_answers

    if (request.year, request.municipality, request.unit, request.respondent) == (None,) * 4:
        return
    try:
        answers, questionnaire = load_answers(file)
    except LoadError:
        return
    meta, clashes = answers.meta, []
    unasked = meta.setup_unasked or []  # still to be given: an option gives it
    if request.year is not None and request.year != questionnaire.year:
        clashes.append(f"--year {request.year}: filen gäller enkäten {questionnaire.year}")
    if request.municipality is not None and not _is_municipality(request.municipality, answers):
        clashes.append(
            f"--kommun {request.municipality}: filen gäller {meta.municipality_name} "
            f"({meta.municipality_code})"
        )
    for option, given, held, what in (
        ("--enhet", request.unit, meta.unit, "enhet"),
        ("--uppgiftslamnare", request.respondent, meta.respondent, "uppgiftslämnare"),
    ):
        field = "unit" if option == "--enhet" else "respondent"
        if given is not None and field not in unasked and not _same_text(given, held):
            clashes.append(
                f"{option} {given}: filen har {what} '{held}'"
                if held
                else f"{option} {given}: filen har ingen {what}"
            )
    if clashes:
        raise messages.options_contradict_file(file, clashes)


def _questionnaire_for_new(request: Request, prompter: Prompter, notify: Notify) -> Questionnaire:
    """The questionnaire a new answers file is for; for a year ojcli lacks, offer to prepare it.

    --enkat when given, else the year's questionnaire beside the file (or in the current
    folder), else the bundled one. The year defaults to the one being prepared.
    """
    from ojcli.files.loading import load_questionnaire
    from ojcli.model import dates
    from ojcli.model.identity import notices
    from ojcli.prepare import (
        missing_year_message,
        questionnaire_path,
        survey_year_for,
        write_prepared,
    )

    if request.enkat is not None:
        return load_questionnaire(request.enkat)
    folder = request.file.parent if request.file is not None else Path.cwd()
    year = request.year if request.year is not None else survey_year_for(dates.today())
    path = questionnaire_path(year, folder)
    if path is None:
        message, target = missing_year_message(year, folder)
        if not request.interactive:
            raise messages.year_missing(message, year, target)
        prompter.info(message)
        try:
            reply = prompter.read(f"Förbered enkäten {year} nu? (ja/nej)")
        except EOFError:
            reply = ""
        if reply.strip().casefold() not in ("j", "ja", "y", "yes"):
            raise messages.nothing_prepared(year, target)
        write_prepared(year, target, dates.today())
        prompter.info(f"Skrev {target} (preliminär). Redigera den när enkäten {year} är känd.")
        path = target
    questionnaire = load_questionnaire(path)
    for line in notices(questionnaire):
        notify(line)
    return questionnaire


def _start_from(
    request: Request,
    started_from: tuple[CheckedAnswers, Questionnaire],
    questionnaire: Questionnaire,
    file: Path | None,
    prompter: Prompter,
    notify: Notify,
) -> tuple[AnswerSet, Path, dict[str, AnswerValue], dict[str, tuple[AnswerValue, str]]]:
    """This year's answers started from a previous file, where to save them, and the review's marks.

    `--kommun` must name the previous file's municipality; `--enhet` and `--uppgiftslamnare`
    are this year's and replace last year's. The marks are the carried answers this year's rules
    no longer accept; `notify` says how many.
    """
    from ojcli.compare.years import carry_over
    from ojcli.report.wording import carried_rejected, counted

    previous_file = request.previous
    assert previous_file is not None
    previous, old = started_from
    if request.municipality is not None and not _is_municipality(request.municipality, previous):
        meta = previous.meta
        raise messages.from_other_municipality(
            request.municipality, previous_file, meta.municipality_name, meta.municipality_code
        )
    if old.id == questionnaire.id:
        raise messages.from_same_year(previous_file, questionnaire.title)
    carry = carry_over(previous, old, questionnaire)
    given = {"unit": request.unit, "respondent": request.respondent}
    if update := {k: v.strip() for k, v in given.items() if v is not None}:
        carry.answers.meta = carry.answers.meta.model_copy(update=update)
    if file is None:
        file = Path(f"svar-{previous.meta.municipality_code}-{questionnaire.year}.toml")
        if file.exists():
            raise messages.from_default_exists(file, previous_file)
    new = len([q for q in questionnaire.questions if q.id not in {x.id for x in old.questions}])
    prompter.info(
        f"Börjar {questionnaire.title} för {carry.answers.unit_name} från {previous_file} ({old.year}): "
        f"{len(carry.carried)} svar förs över, "
        f"{counted(len(carry.to_confirm), 'ändrad fråga', 'ändrade frågor')} ställs igen med "
        f"förra svaret som förval, {counted(new, 'fråga är ny', 'frågor är nya')}. Sparas i {file}."
        + (
            ""
            if new or carry.to_confirm
            else f" Inget är nytt eller ändrat sedan {old.year}: granska svaren."
        )
    )
    if carry.rejected:
        notify(carried_rejected(len(carry.rejected), questionnaire.year))
    return carry.answers, file, carry.defaults, carry.rejected
