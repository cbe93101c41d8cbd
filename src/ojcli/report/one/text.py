"""The met / not-met list as lines of text for the terminal (`ojcli score`, `demo`, the interview).

Drawn without rich to keep `ojcli score` quick to start (see `ojcli.terminal.ansi`). The layout: per
theme, one line per indicator with its state (symbol and word, never colour alone), title
and national share; under it why it is not met, what would meet it and the advice. Then a
bar per theme, the summary line and a legend.
"""

from __future__ import annotations

from ojcli.report.model import (
    ASCII_SYMBOLS,
    OPEN_STATES,
    STATE_STYLES,
    SYMBOLS,
    THEME_SHARE_LEGEND,
    IndicatorResult,
    Report,
    ThemeResult,
    round_percent,
    text_bar,
)
from ojcli.scoring import STATE_WORDS, State
from ojcli.terminal.ansi import Look

STATE_WIDTH = 15  # "? Ofullständig " and "– Ej tillämplig" fit
INDENT = " " * (STATE_WIDTH + 1)
MIN_TITLE_WIDTH = 24
LABELS = {
    State.NOT_MET: "Varför: ",
    State.INCOMPLETE: "Saknas: ",
    State.NOT_APPLICABLE: "Ej tillämplig: ",
}


def render(report: Report, look: Look, only_unmet: bool = False) -> list[str]:
    """Heading, the indicators per theme with reasons, bars per theme, summary and legend."""
    lines = look.wrap(
        f"{report.unit_name} ({report.municipality_code}) – {report.title}",
        look.width,
        style="bold",
    )
    lines += look.wrap(report.reference_text, look.width, style="dim")
    for theme in report.themes:
        shown = [i for i in theme.indicators if not only_unmet or i.state in OPEN_STATES]
        if shown:
            lines += ["", look.style(theme.title, "bold underline")]
            shares = [_share(i) for i in shown]
            share_width = max(len(s) for s in shares)
            for indicator, share in zip(shown, shares, strict=True):
                lines += _indicator(indicator, share, share_width, look)
    lines += ["", *theme_bars(report.themes, look), ""]
    lines += look.wrap(report.summary, look.width, style="bold")
    legend = ["Här: uppfyllda av de indikatorer som gäller här."]
    if any(t.national_mean is not None for t in report.themes):
        legend.append(THEME_SHARE_LEGEND)
    legend.append(
        f"Procent vid indikatorerna: andel av landets kommuner som uppfyllde indikatorn {report.year} (≈ ungefärligt eller härlett)."
    )
    lines += look.wrap(" ".join(legend), look.width, style="dim")
    return lines


def _label_text(state: State, look: Look) -> str:
    """Symbol and word, e.g. "✗ Ej uppfylld", readable without colour."""
    return f"{(SYMBOLS if look.unicode else ASCII_SYMBOLS)[state]} {STATE_WORDS[state]}"


def _share(indicator: IndicatorResult) -> str:
    return f"riket {indicator.share.text}" if indicator.share else "riket –"


def _indicator(indicator: IndicatorResult, share: str, share_width: int, look: Look) -> list[str]:
    """The indicator's line (title wrapped beside the state and the share), then its details."""
    # On a very narrow terminal a line runs over rather than break every word of the title.
    text_width = max(MIN_TITLE_WIDTH, look.width - len(INDENT) - share_width - 1)
    title = look.wrap(indicator.title, text_width)
    label = _label_text(indicator.state, look)
    gap = " " * (len(INDENT) - len(label))
    padding = " " * (text_width - len(title[0]) + 1 + share_width - len(share))
    share_text = look.style(share, "dim" if indicator.share is None else None)
    styled = look.style(label, STATE_STYLES[indicator.state])
    lines = [f"{styled}{gap}{title[0]}{padding}{share_text}"]
    lines += [INDENT + line for line in title[1:]]
    return lines + _details(indicator, look.width - len(INDENT), look)


def _details(indicator: IndicatorResult, width: int, look: Look) -> list[str]:
    """Why, what would meet it, and the advice, indented under the title; none when met."""
    if indicator.state is State.MET:
        return []
    lines = []
    for reason in indicator.reasons:
        lines += _labelled(LABELS[indicator.state], reason, width, look)
    if indicator.state is not State.NOT_APPLICABLE:
        if indicator.changes:
            lines.append(look.style("Det här skulle uppfylla indikatorn:", "bold"))
            bullet = "  • " if look.unicode else "  * "
            for change in indicator.changes:
                lines += look.wrap(change.text, width, indent=bullet, hanging=" " * len(bullet))
        lines += _labelled("Råd: ", indicator.advice, width, look)
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
        bar = text_bar(t.share_here, unicode=look.unicode)
        here = (
            f"{bar} {t.met} av {t.applicable}"
            if t.share_here is not None
            else f"{bar} ingen gäller"
        )
        if t.national_mean is None:
            national = "uppgift saknas"
        else:
            known = (
                ""
                if t.national_known == len(t.indicators)
                else f" ({t.national_known} av {len(t.indicators)})"
            )
            national = f"{text_bar(t.national_mean, unicode=look.unicode)} {round_percent(t.national_mean)} %{known}"
        rows.append((t.title, here, national, t.national_mean is None))
    here_width = max([len("Här"), *(len(r[1]) for r in rows)])
    national_width = max([len("Riket"), *(len(r[2]) for r in rows)])
    room = look.width - here_width - national_width - 4
    title_width = max(10, min(max([len("Per tema"), *(len(r[0]) for r in rows)]), room))
    header = f"{'Per tema'.ljust(title_width)}  {'Här'.ljust(here_width)}  Riket"
    lines = [look.style(header, "bold")]
    for title, here, national, unknown in rows:
        wrapped = look.wrap(title, title_width)
        national = look.style(national, "dim" if unknown else None)
        lines.append(f"{wrapped[0].ljust(title_width)}  {here.ljust(here_width)}  {national}")
        lines += wrapped[1:]
    return lines
