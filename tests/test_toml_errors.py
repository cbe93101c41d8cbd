"""TOML syntax errors: the cause in Swedish, the file and line, and no English from tomllib (issue 13)."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from english import english_in, parser_words
from ojcli.errors import LoadError
from ojcli.files.loading import example_answers, load_answers

HEAD = '[meta]\nformat_version = 1\nquestionnaire = "oj-eb-2019"\nmunicipality_code = "2584"\nmunicipality_name = "Kiruna"\n\n[answers]\n'
FIRST = HEAD.count("\n") + 1  # the line number of the first line after HEAD


def problem_of(text: str) -> tuple[str, str]:
    """Load `text` as an answers file; the path and the whole message it fails with."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "svar.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(LoadError) as caught:
            load_answers(path)
        return str(path), "\n".join(caught.value.lines())


# (what follows HEAD, line offset from FIRST of the line to name, a phrase of the cause)
CASES = [
    (
        'rutin_vald = "ja\nrattsfall = "ja"\n',
        0,
        "värdet för rutin_vald saknar avslutande citattecken",
    ),
    ('rutin_vald = "ja', 0, 'saknar avslutande citattecken (")'),
    ("rutin_vald = 'ja\n", 0, "saknar avslutande apostrof (')"),
    ("rutin_vald = 'ja", 0, "saknar avslutande apostrof"),
    (
        'rutin_vald = """ja\n\nrattsfall = "ja"\n',
        0,
        'en text som börjar med """ saknar avslutande """',
    ),
    ("rutin_vald = '''ja\n", 0, "en text som börjar med ''' saknar avslutande '''"),
    ('rutin_vald = "j\x07a"\n', 0, "styrtecken (U+0007)"),
    (
        'rattsfall = "ja"\nrutin_vald = "ja"\nrattsfall = "nej"\n',
        2,
        "nyckeln rattsfall anges två gånger (första gången på rad 8)",
    ),
    ('rattsfall = "ja"\n[meta]\n', 1, "tabellen [meta] anges två gånger (första gången på rad 1)"),
    ("rutin_vald = ja\n", 0, 'texten ja ska stå inom citattecken, så här: "ja"'),
    ("rutin_vald = Kalmar kommun\n", 0, 'så här: "Kalmar kommun"'),
    ("rutin_vald =\n", 0, "värdet saknas efter ="),
    ("rutin_vald = True\n", 0, "skriv true med små bokstäver"),
    ("rutin_vald = “ja”\n", 0, "typografiskt citattecken (“)"),
    ("vantetid_dagar = 4,5\n", 0, "decimaltal skrivs med punkt"),
    ("vantetid_dagar = 14 dagar\n", 0, "efter talet står 'dagar'; skriv bara talet"),
    ("rutin_vald_uppfoljd = 2024-3-1\n", 0, "datumet '2024-3-1' ska skrivas ÅÅÅÅ-MM-DD"),
    ("rutin_vald_uppfoljd = 1/3/2024\n", 0, "datumet '1/3/2024' ska skrivas ÅÅÅÅ-MM-DD"),
    ("rutin_vald_uppfoljd = 2024-13-01\n", 0, "datumet 2024-13-01 finns inte"),
    ("rutin_vald_uppfoljd = 2024-02-30\n", 0, "datumet 2024-02-30 finns inte"),
    ('rutin_vald = "ja" "nej"\n', 0, "efter texten står '\"nej\"'"),
    ('rutin_vald = "Kalmar "stad""\n', 0, 'ett citattecken inuti en text skrivs \\"'),
    ("rutin_vald = 1 2\n", 0, "efter värdet står '2'"),
    ('= "ja"\n', 0, "raden börjar med ="),
    ('ärende = "ja"\n', 0, "en nyckel utan citattecken får bara innehålla a–z"),
    ('rutin vald = "ja"\n', 0, "nyckeln 'rutin vald' innehåller mellanslag"),
    ('rutin_vald "ja"\n', 0, "likhetstecken (=) saknas"),
    ('rutin_vald: "ja"\n', 0, "skriv = mellan nyckeln och värdet"),
    ('freda_kortfrågor = "ja"\n', 0, "(nyckeln innehåller å)"),
    ("[]\n", 0, "ett nyckelnamn saknas"),
    ("[ä]\n", 0, "en nyckel får inte börja med ä"),
    ('stod = ["a", "b"\nrutin_vald = "ja"\n', 1, "listan [ … ] saknar avslutande ]"),
    ('stod = ["a" "b"]\n', 0, "ett kommatecken saknas mellan värdena i listan"),
    ('stod = ["a",, "b"]\n', 0, "ett värde saknas före ,"),
    ("stod = {a = 1 b = 2}\n", 0, "ett kommatecken saknas mellan värdena i tabellen { … }"),
    ("stod = {a = 1\n", 0, "tabellen { … } saknar avslutande } på samma rad"),
    ("stod = {a = 1, a = 2}\n", 0, "nyckeln a anges två gånger inom samma { … }"),
    ("stod = {a = 1}\nstod.b = 2\n", 1, "stod har redan fått hela sitt värde"),
    ("[comments\n", 0, "tabellnamnet saknar avslutande ]"),
    ("[[comments]\n", 0, "tabellnamnet saknar avslutande ]]"),
    ('rutin_vald = "C:\\Users\\anna"\n', 0, "ett bakstreck (\\) i en text"),
    ('rutin_vald = "C:\\mapp"\n', 0, "skriv \\\\ för ett bakstreck"),
    ("[comments] extra\n", 0, "efter tabellnamnet står 'extra'"),
    (
        'rutin_vald = "ja"rattsfall = "ja"\n',
        0,
        "två rader har gått ihop: sätt en radbrytning före 'rattsfall",
    ),
    ("rutin_vald = ==\n", 0, "ett likhetstecken för mycket"),
    ('rutin}vald = "ja"\n', 0, "tecknet } får inte stå i en nyckel"),
    ('rutin\x07vald = "ja"\n', 0, "nyckeln innehåller ett styrtecken (U+0007)"),
    ('rutin.\x07vald = "ja"\n', 0, "nyckeln innehåller ett styrtecken (U+0007)"),
    ('\x07rutin_vald = "ja"\n', 0, "raden innehåller ett styrtecken (U+0007)"),
    ("[answers] extra\n", 0, "tabellen [answers] anges två gånger (första gången på rad 7)"),
    ('!rutin_vald = "ja"\n', 0, "raden börjar med !"),
]


@pytest.mark.parametrize(("body", "offset", "cause"), CASES, ids=[c[2][:40] for c in CASES])
def test_a_toml_fault_is_explained_by_its_cause(body: str, offset: int, cause: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(HEAD + body)  # the case is a syntax error, not a wrong value
    path, message = problem_of(HEAD + body)
    assert f"{path}:{FIRST + offset}: " in message, message
    assert cause in message
    assert message.rstrip().endswith("Rätta raden i en textredigerare och försök igen.")
    assert not english_in(message, parser_words()), message


# Characters people slip on in a TOML file: quotes of each kind, brackets, separators, Swedish
# letters in keys, a backslash, a control character, a decimal comma, a line break.
TYPOS = [*"\"'[]{}=,.#:\\\n åä\x07“-", '"""', "'''", "1", "ja"]


@st.composite
def broken_files(draw: st.DrawFn) -> str:
    """The example answers file with a few typos: a character removed, added, or a line doubled."""
    text = example_answers().read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(len(text) - 1, 0)))
        kind = draw(st.sampled_from(["delete", "insert", "double"]))
        if kind == "delete":
            text = text[:at] + text[at + 1 :]
        elif kind == "insert":
            text = text[:at] + draw(st.sampled_from(TYPOS)) + text[at:]
        else:
            lines = text.split("\n")
            n = draw(st.integers(0, len(lines) - 1))
            text = "\n".join([*lines[: n + 1], lines[n], *lines[n + 1 :]])
    return text


@given(broken_files())
def test_any_toml_fault_names_file_line_and_a_swedish_cause(text: str) -> None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        pass
    else:
        return  # still TOML: the file's content, not its syntax, is for other tests
    path, message = problem_of(text)
    where = message.splitlines()[1].strip()
    assert where.startswith(f"{path}:"), message
    line = int(where[len(path) + 1 :].split(":")[0])
    assert 1 <= line <= text.count("\n") + 1
    assert "Rätta raden i en textredigerare" in message
    assert not english_in(message, parser_words()), message
