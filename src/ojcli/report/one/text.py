"""The met / not-met list as lines of text for the terminal (`ojcli score`, `demo`, the interview).

Drawn without rich to keep `ojcli score` quick to start (see `ojcli.terminal.ansi`). The layout: per
theme, one line per indicator with its state (symbol and word, never colour alone), title
(marked when it rests on an assumption) and national share; under it why it is not met, what
would meet it and the advice, or, when met by a date, until when it holds. Then a bar per
theme, the summary line and a legend. A preliminary questionnaire is named at the top and
again by the summary.
"""

from __future__ import annotations

from ojcli.report import published as pub
from ojcli.report import wording as w
from ojcli.report.model import (
    OPEN_STATES,
    STATE_STYLES,
    IndicatorResult,
    Report,
    ThemeResult,
    state_label,
    text_bar,
)
from ojcli.scoring import State
from ojcli.terminal.ansi import Look

STATE_WIDTH = 15  # "? Ofullständig " and "– Ej tillämplig" fit
INDENT = " " * (STATE_WIDTH + 1)
MIN_TITLE_WIDTH = 24
MIN_THEME_WIDTH = 16  # below this the theme bars go under their titles


def render(report: Report, look: Look, only_unmet: bool = False) -> list[str]:
    """Heading, the indicators per theme with reasons, bars per theme, summary and legend."""
    lines = look.wrap(
        f"{report.unit_name} ({report.municipality_code}) – {report.title}",
        look.width,
        style="bold",
    )
    reference = w.reference_text(
        report.reference_date,
        report.questionnaire_reference_date,
        report.reference_date_note,
        commands=True,  # the terminal may say how to choose another date
    )
    lines += look.wrap(reference, look.width, style="dim")
    if report.preliminary is not None:
        lines += look.wrap(report.preliminary.text, look.width, style="bold yellow")
    for notice in report.notices:
        lines += look.wrap(notice, look.width, style="bold yellow")
    for theme in report.themes:
        shown = [i for i in theme.indicators if not only_unmet or _to_act_on(i)]
        if shown:
            lines += ["", look.style(theme.title, "bold underline")]
            shares = [_share(i, report.year) for i in shown]
            share_width = max(len(s) for s in shares)
            for indicator, share in zip(shown, shares, strict=True):
                lines += _indicator(indicator, share, share_width, look, report.year)
    if report.reported:
        lines += ["", look.style(pub.REPORTED_HEADING, "bold underline")]
        for r in report.reported:
            value = f"{r.text} ({r.detail})" if r.percent is not None else r.text
            lines += look.wrap(f"{r.title}: {value}", look.width)
        lines += look.wrap(pub.REPORTED_INTRO, look.width, style="dim")
    lines += ["", *theme_bars(report.themes, look), ""]
    lines += look.wrap(report.summary, look.width, style="bold")
    if report.preliminary is not None:  # the top has scrolled away by now
        lines += look.wrap(report.preliminary.text, look.width, style="bold yellow")
    means = any(t.national_mean is not None for t in report.themes)
    years = [None if i.share is None else i.share.year for i in report.indicators]
    lines += look.wrap(pub.score_legend(report.year, means, years), look.width, style="dim")
    if any(i.rests_on_assumption for i in report.indicators):
        lines += look.wrap(w.assumed_legend_terminal(report.year), look.width, style="dim")
    return lines


def _to_act_on(indicator: IndicatorResult) -> bool:
    """Not met, incomplete, or met by a date that lapses before the reference date."""
    return indicator.state in OPEN_STATES or indicator.lapses_before_reference


_NBSP = "\u00a0"  # textwrap breaks at ASCII whitespace only


def _share(indicator: IndicatorResult, year: int) -> str:
    return f"riket {pub.dated_share(indicator.share, year)}"


def _indicator(
    indicator: IndicatorResult, share: str, share_width: int, look: Look, year: int
) -> list[str]:
    """The indicator's line (title wrapped beside the state and the share), then its details."""
    # On a very narrow terminal a line runs over rather than break every word of the title.
    text_width = max(MIN_TITLE_WIDTH, look.width - len(INDENT) - share_width - 1)
    # The assumption mark keeps to the title's last word: alone on a line it reads as a stray.
    kept = indicator.marked_title.replace(f" {w.ASSUMED_MARK}", f"{_NBSP}{w.ASSUMED_MARK}")
    title = [line.replace(_NBSP, " ") for line in look.wrap(kept, text_width)]
    label = state_label(indicator.state, look.unicode)
    gap = " " * (len(INDENT) - len(label))
    padding = " " * (text_width - len(title[0]) + 1 + share_width - len(share))
    share_text = look.style(share, "dim" if indicator.share is None else None)
    styled = look.style(label, STATE_STYLES[indicator.state])
    lines = [f"{styled}{gap}{title[0]}{padding}{share_text}"]
    lines += [INDENT + line for line in title[1:]]
    if indicator.carried_from is not None:  # a prepared year: what the indicator rests on
        basis = pub.carried_text(indicator.carried_from, year)
        lines += [INDENT + line for line in look.wrap(basis, text_width, style="dim")]
    return lines + _details(indicator, look.width - len(INDENT), look)


def _details(indicator: IndicatorResult, width: int, look: Look) -> list[str]:
    """Why, what would meet it and the advice, or until when it holds, indented under the title."""
    if indicator.state is State.MET:
        if not indicator.due_text:
            return []
        style = "yellow" if indicator.lapses_before_reference else "dim"
        return [INDENT + line for line in look.wrap(indicator.due_text, width, style=style)]
    lines = []
    for reason in indicator.reasons:
        lines += _labelled(f"{w.REASON_LABELS[indicator.state]}: ", reason, width, look)
    if indicator.due_text:  # met today, but lapses before the reference date
        lines += look.wrap(indicator.due_text, width, style="yellow")
    if indicator.state is not State.NOT_APPLICABLE:
        if indicator.changes:
            lines.append(look.style(f"{w.WOULD_MEET}:", "bold"))
            bullet = "  • " if look.unicode else "  * "
            for change in indicator.changes:
                lines += look.wrap(change.text, width, indent=bullet, hanging=" " * len(bullet))
        lines += _labelled(f"{w.ADVICE}: ", indicator.advice, width, look)
    return [INDENT + line for line in lines]


def _labelled(label: str, text: str, width: int, look: Look) -> list[str]:
    """`label` in bold followed by `text`, wrapped; the label always starts the first line."""
    lines = look.wrap(label + text, width)
    if look.color and lines[0].startswith(label):
        lines[0] = look.style(label.rstrip(), "bold") + " " + lines[0][len(label) :]
    return lines


def theme_bars(themes: tuple[ThemeResult, ...], look: Look) -> list[str]:
    """One line per theme: a bar of the share met here beside one of the national mean."""
    rows = []
    for t in themes:
        here = f"{text_bar(t.share_here, unicode=look.unicode)} {w.theme_here(t)}"
        national = w.theme_national(t)
        if t.national_mean is not None:
            national = f"{text_bar(t.national_mean, unicode=look.unicode)} {national}"
        rows.append((t.title, here, national, t.national_mean is None))
    here_width = max([len(w.HERE), *(len(r[1]) for r in rows)])
    national_width = max([len(w.NATIONAL), *(len(r[2]) for r in rows)])
    room = look.width - here_width - national_width - 4
    longest_word = max(len(word) for r in rows for word in r[0].split())
    if room < max(MIN_THEME_WIDTH, longest_word):  # a narrow terminal: bars under each title
        return _stacked_bars(rows, look)
    title_width = max(10, min(max([len(w.BY_THEME), *(len(r[0]) for r in rows)]), room))
    header = f"{w.BY_THEME.ljust(title_width)}  {w.HERE.ljust(here_width)}  {w.NATIONAL}"
    lines = [look.style(header, "bold")]
    for title, here, national, unknown in rows:
        wrapped = look.wrap(title, title_width)
        national = look.style(national, "dim" if unknown else None)
        lines.append(f"{wrapped[0].ljust(title_width)}  {here.ljust(here_width)}  {national}")
        lines += wrapped[1:]
    return lines


def _stacked_bars(rows: list[tuple[str, str, str, bool]], look: Look) -> list[str]:
    """The theme bars for a narrow terminal: each title on its own lines, its two bars below."""
    label_width = max(len(w.HERE), len(w.NATIONAL))
    lines = [look.style(w.BY_THEME, "bold")]
    for title, here, national, unknown in rows:
        lines += look.wrap(title, look.width)
        lines.append(f"  {w.HERE.ljust(label_width)}  {here}")
        lines.append(
            f"  {w.NATIONAL.ljust(label_width)}  {look.style(national, 'dim' if unknown else None)}"
        )
    return lines
