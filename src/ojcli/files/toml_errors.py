r"""TOML syntax errors explained by their cause, in Swedish.

tomllib says what it met ("Illegal character '\n'"), not what the person did ("the text has
no closing quotation mark"). Its message and the line it points at are read together to name
the cause. No English from the parser reaches the user: a message not known here gets a
general Swedish description. Imported only when a file fails to parse.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable

from ojcli.errors import CONTROL_CHARACTERS, Problem

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")
_KEY_LINE = re.compile(r"\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")
_HEADER_LINE = re.compile(r"\s*\[")
_BARE_KEY = "en nyckel utan citattecken får bara innehålla a–z, A–Z, 0–9, _ och -"
_SMART_QUOTES = "“”„‘’«»"
_ESCAPE = (
    'ett bakstreck (\\) i en text inom "…" inleder en kod; skriv \\\\ för ett bakstreck, '
    "eller skriv texten inom apostrofer: 'C:\\mapp'"
)


class _Spot:
    """Where tomllib stopped: the whole text, the offset, and the line around it."""

    def __init__(self, text: str, line: int, column: int | None) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.line = min(max(line, 1), len(self.lines))
        start = sum(len(x) + 1 for x in self.lines[: self.line - 1])
        self.pos = len(text) if column is None else start + column - 1
        self.line_text = self.lines[self.line - 1]
        offset = self.pos - start
        self.before = self.line_text[:offset]
        self.after = self.line_text[offset:]
        self.char = text[self.pos] if self.pos < len(text) else ""


def _shown(text: str, limit: int = 30) -> str:
    """A piece of the file fit to quote: control characters replaced, long text cut, in '…'."""
    text = CONTROL_CHARACTERS.sub("\ufffd", text.strip())
    return "'" + (text if len(text) <= limit else text[: limit - 1] + "…") + "'"


def _value_text(after: str) -> str:
    """The value written at the start of `after`, without a trailing comment."""
    return after.split(" #")[0].strip()


def _key_value(spot: _Spot) -> str:
    """The value part of the error line (after its first =)."""
    return _value_text(spot.line_text.partition("=")[2])


def _control(char: str, where: str) -> str:
    return f"{where} innehåller ett styrtecken (U+{ord(char):04X}) som inte får stå i filen; ta bort det"


def _unless_control(where: str, explain: Callable[[_Spot], str]) -> Callable[[_Spot], str]:
    """`explain`, unless the character at the spot is a control character: that is named in `where`."""

    def explained(spot: _Spot) -> str:
        if CONTROL_CHARACTERS.match(spot.char):
            return _control(spot.char, where)
        return explain(spot)

    return explained


def _key_of(spot: _Spot) -> tuple[str, int] | None:
    """The key of the statement the error line belongs to, and that statement's line."""
    for n in range(spot.line, 0, -1):
        text = spot.lines[n - 1]
        if _HEADER_LINE.match(text):
            return None
        found = _KEY_LINE.match(text)
        if found:
            return found.group(1).strip(), n
    return None


def _section_start(spot: _Spot, line: int) -> int:
    """The line after the table header above `line` (1 at the top of the file)."""
    for n in range(line - 1, 0, -1):
        if _HEADER_LINE.match(spot.lines[n - 1]):
            return n + 1
    return 1


def _first_line(spot: _Spot, pattern: str, start: int, end: int) -> int | None:
    """The first line in [start, end) that matches `pattern`."""
    for n in range(start, end):
        if re.match(pattern, spot.lines[n - 1]):
            return n
    return None


def _unclosed_string(spot: _Spot, quote: str) -> tuple[str, int]:
    """A text without its closing quote: said at the line where it begins."""
    if len(quote) == 3 or (quote == '"' and spot.text.count('"""') % 2):
        triple = '"""' if quote != "'''" else "'''"
        opening = spot.text.rfind(triple, 0, spot.pos)
        line = spot.text.count("\n", 0, opening) + 1 if opening >= 0 else spot.line
        return f"en text som börjar med {triple} saknar avslutande {triple}", line
    named = 'citattecken (")' if quote == '"' else "apostrof (')"
    opening = spot.text.rfind(quote, 0, spot.pos)
    line = spot.text.count("\n", 0, opening) + 1 if opening >= 0 else spot.line
    key = _key_of(_Spot(spot.text, line, None))
    where = f"värdet för {key[0]}" if key else "en text"
    return f"{where} saknar avslutande {named}; en text måste sluta på samma rad", line


def _duplicate(spot: _Spot) -> tuple[str, int]:
    """A key or table given twice: name it and the line it was first given on."""
    if _HEADER_LINE.match(spot.line_text):
        return _table_twice(spot)
    found = _key_of(spot)
    if found is None:
        return "en nyckel anges två gånger; ta bort den ena", spot.line
    key, line = found
    first = _first_line(spot, rf"\s*{re.escape(key)}\s*=", _section_start(spot, line), line)
    if first is None:  # a dotted key below a key that holds a value
        return f"nyckeln {key} krockar med en nyckel som redan har ett värde", line
    return f"nyckeln {key} anges två gånger (första gången på rad {first}); ta bort den ena", line


def _table_twice(spot: _Spot) -> tuple[str, int]:
    named = re.match(r"\s*(\[\[?[^\]]*\]?\]?)", spot.line_text)
    header = CONTROL_CHARACTERS.sub("\ufffd", named.group(1) if named else spot.line_text)
    first = _first_line(spot, rf"\s*{re.escape(header)}\s*(#|$)", 1, spot.line)
    if first is None:
        return f"tabellen {header} krockar med en nyckel som redan har ett värde", spot.line
    return (
        f"tabellen {header} anges två gånger (första gången på rad {first}); slå ihop dem",
        spot.line,
    )


def _invalid_value(spot: _Spot) -> str:
    value = _value_text(spot.after)
    if not value or value.startswith("#"):
        return "ogiltigt värde: värdet saknas efter ="
    if value[0] in ",]}":
        return f"ogiltigt värde: ett värde saknas före {value[0]}"
    if value[0] == "=":
        return "ogiltigt värde: ett likhetstecken för mycket; skriv ett = mellan nyckel och värde"
    if value[0] in _SMART_QUOTES:
        return (
            f"ogiltigt värde: texten börjar med ett typografiskt citattecken ({value[0]}); "
            'skriv raka citattecken (") runt texten'
        )
    if value.casefold() in ("true", "false"):
        return f"ogiltigt värde: skriv {value.casefold()} med små bokstäver"
    if value[0].isalpha():
        plain = _shown(value)[1:-1]
        return f'ogiltigt värde: texten {plain} ska stå inom citattecken, så här: "{plain}"'
    return (
        f"ogiltigt värde {_shown(value)}: text skrivs inom citattecken, tal med siffror och "
        "datum som ÅÅÅÅ-MM-DD"
    )


def _after_statement(spot: _Spot) -> str:
    rest = _shown(_value_text(spot.after))
    before = spot.before.rstrip()
    if _HEADER_LINE.match(spot.before):
        return f"efter tabellnamnet står {rest}; bara en kommentar (#) får stå där"
    if _KEY_LINE.match(spot.after):
        return f"två rader har gått ihop: sätt en radbrytning före {rest}"
    if before[-1:].isdigit() and re.match(r",\d", spot.after):
        return "decimaltal skrivs med punkt, inte kommatecken (t.ex. 4.5)"
    if before[-1:].isdigit() and re.match(r"[-/.]\d", spot.after):
        return _bad_date(_key_value(spot))
    if before[-1:].isdigit() and spot.after[:1].isalpha():
        return f"efter talet står {rest}; skriv bara talet med siffror"
    if before.endswith(('"', "'")):
        return (
            f'efter texten står {rest}; ett citattecken inuti en text skrivs \\", '
            "och en kommentar börjar med #"
        )
    return f"efter värdet står {rest}; varje nyckel = värde ska stå på en egen rad"


def _bad_date(value: str) -> str:
    value = value.split(" ")[0]
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return f"datumet {value} finns inte (månad 01–12 och en dag som finns i månaden)"
    return f"datumet {_shown(value)} ska skrivas ÅÅÅÅ-MM-DD, t.ex. 2025-03-01"


def _expected_equals(spot: _Spot) -> str:
    char = spot.char
    if char == ":":
        return "skriv = mellan nyckeln och värdet, inte :"
    if "=" not in spot.after:
        return "likhetstecken (=) saknas mellan nyckeln och värdet"
    if spot.before[-1:].isspace():
        key = _shown(spot.line_text.split("=")[0])
        return f"nyckeln {key} innehåller mellanslag; {_BARE_KEY}"
    if char.isalnum():
        return f"{_BARE_KEY} (nyckeln innehåller {char}); rätta stavningen"
    return f"tecknet {char} får inte stå i en nyckel; {_BARE_KEY}"


def _key_start(spot: _Spot) -> str:
    char = spot.char
    if char in ("", "\n", "]", "=", ".", " ", ","):
        return "ett nyckelnamn saknas (t.ex. [ ] utan namn eller en punkt för mycket)"
    return f"en nyckel får inte börja med {char}; {_BARE_KEY}"


def _unclosed_list(spot: _Spot, closing: str) -> str:
    what = "listan [ … ]" if closing == "]" else "tabellen { … }"
    new_statement = not spot.before.strip() and (
        _KEY_LINE.match(spot.after) or _HEADER_LINE.match(spot.after)
    )
    if not spot.char or (closing == "}" and spot.char == "\n") or new_statement:
        same_line = " på samma rad" if closing == "}" else ""
        return f"{what} saknar avslutande {closing}{same_line}"
    return f"ett kommatecken saknas mellan värdena i {what} (före {_shown(spot.after)})"


def _statement(spot: _Spot) -> str:
    char = spot.char
    if char.isalpha():
        return f"{_BARE_KEY} (raden börjar med {char})"
    return (
        f"raden börjar med {char}; en rad ska vara nyckel = värde, en [tabell] "
        "eller en kommentar som börjar med #"
    )


def _in_string(spot: _Spot, quote: str) -> tuple[str, int]:
    """A character a text may not hold: the line break of an unclosed text, or a control one."""
    if spot.char in ("\n", ""):
        return _unclosed_string(spot, quote)
    where = "kommentaren" if quote == "'" and "#" in spot.before else "texten"
    return _control(spot.char, where), spot.line


def _namespace(message: str) -> str:
    name = ".".join(re.findall(r"'([^']*)'", message)) or "tabellen"
    return (
        f"{name} har redan fått hela sitt värde ({{ … }}, [ … ] eller som tabell) och kan "
        "inte fyllas på här; samla nycklarna på ett ställe"
    )


_BY_START: dict[str, Callable[[str, _Spot], tuple[str, int]]] = {
    "Illegal character": lambda m, s: _in_string(s, '"'),
    "Found invalid character": lambda m, s: _in_string(s, "'"),
    "Unterminated string": lambda m, s: _unclosed_string(s, '"'),
    "Expected \"'": lambda m, s: _unclosed_string(s, "'''" if "'''" in m else "'"),
    "Cannot overwrite a value": lambda m, s: _duplicate(s),
    "Cannot declare": lambda m, s: _table_twice(s),
}
_BY_MESSAGE: dict[str, Callable[[_Spot], str]] = {
    "Invalid value": _invalid_value,
    "Invalid statement": _unless_control("raden", _statement),
    "Expected newline or end of document after a statement": _after_statement,
    "Expected '=' after a key in a key/value pair": _unless_control("nyckeln", _expected_equals),
    "Invalid initial character for a key part": _unless_control("nyckeln", _key_start),
    "Unclosed array": lambda s: _unclosed_list(s, "]"),
    "Unclosed inline table": lambda s: _unclosed_list(s, "}"),
    "Expected ']' at the end of a table declaration": lambda s: "tabellnamnet saknar avslutande ]",
    "Expected ']]' at the end of an array declaration": lambda s: (
        "tabellnamnet saknar avslutande ]]"
    ),
    "Unescaped '\\' in a string": lambda s: _ESCAPE,
    "Invalid hex value": lambda s: _ESCAPE,
    "Escaped character is not a Unicode scalar value": lambda s: _ESCAPE,
    "Invalid date or datetime": lambda s: f"ogiltigt datum: {_bad_date(_value_text(s.after))}",
}


def explain(message: str, spot: _Spot) -> tuple[str, int]:
    """The cause of a tomllib error message at a spot, in Swedish, and the line to name."""
    for start, explained in _BY_START.items():
        if message.startswith(start):
            return explained(message, spot)
    if message.startswith("Duplicate inline table key"):
        name = ".".join(re.findall(r"'([^']*)'", message))
        return f"nyckeln {name} anges två gånger inom samma {{ … }}", spot.line
    if message.startswith(("Cannot mutate immutable namespace", "Cannot redefine namespace")):
        return _namespace(message), spot.line
    if message in _BY_MESSAGE:
        return _BY_MESSAGE[message](spot), spot.line
    return "filen är inte giltig TOML här", spot.line


def toml_problem(err: tomllib.TOMLDecodeError, text: str) -> Problem:
    """A TOML syntax error as a Swedish problem naming its cause and line.

    Python before 3.14 has no position on the error, so it is read from the message.
    """
    text = text.replace("\r\n", "\n")  # as tomllib reads it, so that positions agree
    raw = str(err)
    message = getattr(err, "msg", None) or _POSITION.sub("", raw).strip()
    found = _POSITION.search(raw)
    line: int | None = getattr(err, "lineno", None)
    column: int | None = getattr(err, "colno", None)
    if line is None and found and found.group(1):
        line, column = int(found.group(1)), int(found.group(2))
    if line is None or (found and not found.group(1)):  # "at end of document"
        line, column = text.count("\n") + 1, None
    cause, line = explain(message, _Spot(text, line, column))
    from ojcli import messages

    return messages.toml_fault(cause, line)
