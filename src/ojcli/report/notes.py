"""A note added to a text in parentheses: never ") (".

A prepared questionnaire's title ends in "(preliminär)"; a note after it ("mätdatum …", its id,
"2 enheter") joins that parenthesis instead of opening a second one. Its own leaf module, loaded
only where a title is shown with a note: `report/wording.py` is full.
"""


def with_note(text: str, note: str) -> str:
    """`text (note)`, or the note joined to the parenthesis `text` ends with.

    E.g. "… 2027 (preliminär)" and "mätdatum 2027-03-01" -> "… 2027 (preliminär; mätdatum
    2027-03-01)".
    """
    if text.endswith(")") and "(" in text:
        return f"{text[:-1]}; {note})"
    return f"{text} ({note})"
