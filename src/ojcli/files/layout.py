"""Save an answers file in place, keeping everything a person wrote in it.

`update(previous, answers, questionnaire)` returns the previous text of the file with only
what changed rewritten: a changed value is replaced where it stands, an answer no longer
held is taken out, and a new answer is put in survey order with its question as a comment,
as in a freshly written file. The rest stays byte for byte: comments on their own lines and
at the end of lines, blank lines, the order and quoting of keys. A removed answer's
end-of-line comment stays behind as a comment line of its own.

Parsing and writing are tomlkit's (a layout-preserving TOML library, from the Poetry
project). tomlkit has no public way to insert an entry at a position (its issue #7), so a
table whose entries change is rebuilt from its parsed items, in the order wanted, with the
same public classes its parser uses. Inserted text is made by the same functions as a fresh
file (`ojcli.files.answers_toml`), parsed by tomlkit. Imported only when a file is saved.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import Comment, Item, Key, Table, Trivia, Whitespace
from tomlkit.toml_document import TOMLDocument

from ojcli.files.answers_toml import (
    PLAN_INTRO,
    comment_text,
    header,
    key_text,
    plan_order,
    plan_table,
    render_value,
)
from ojcli.model.answers import AnswerSet, Meta
from ojcli.model.questionnaire import Questionnaire
from ojcli.model.schema import directive as schema_directive

Pairs = list[tuple[Key | None, Item]]
_HEADER = re.compile(re.escape(header("VERSION")).replace("VERSION", r"\S+"))
_DIRECTIVE = "#:schema "


@dataclass(frozen=True)
class _Spec:
    """What one table should hold, and how new entries are placed and introduced."""

    name: str
    values: dict[str, Any]
    order: Sequence[str]  # the order new keys are placed in
    lead: Callable[[str], list[str]] = lambda _: []  # comment lines written above a new key
    group: Callable[[str], str] = lambda _: ""  # keys of one group (section) stay together
    group_heading: Callable[[str], list[str]] = lambda _: []
    intro: str = ""  # a comment line above the table when it has to be added


def update(previous: str, answers: AnswerSet, questionnaire: Questionnaire | None) -> str:
    """`previous` (an answers file's text) changed to hold `answers`, its layout kept.

    Raises whatever tomlkit raises for text it cannot handle; the caller then writes a
    fresh file (and checks either result reads back as `answers`).
    """
    bom = "\ufeff" if previous.startswith("\ufeff") else ""
    text = previous.removeprefix("\ufeff")
    crlf = "\r\n" in text and "\n" not in text.replace("\r\n", "")
    doc = tomlkit.parse(text)
    data = answers.model_dump(exclude_none=True)
    present_meta = doc.get("meta", {})
    meta = {
        k: v
        for k, v in data["meta"].items()
        if k in present_meta or v != Meta.model_fields[k].default  # no defaults a person left out
    }
    specs = [
        _Spec("meta", meta, list(Meta.model_fields)),
        _answers_spec(data["answers"], questionnaire),
        _Spec(
            "comments",
            data["comments"],
            [q.id for q in questionnaire.questions] if questionnaire else list(data["comments"]),
            intro="Kommentarer och underlag per fråga",
        ),
    ]
    plan = {k: d.as_toml() for k, d in answers.plan.items()}
    pieces: Pairs = []
    done: set[str] = set()
    for key, item in doc.body:
        spec = next((s for s in specs if key is not None and key.key == s.name), None)
        if (
            key is not None
            and spec is not None
            and spec.name not in done
            and _plain(doc, key, item)
        ):
            assert isinstance(item, Table)
            item = _rebuilt(item, _sync(list(item.value.body), spec))
            done.add(spec.name)
        elif key is not None and key.key == "plan":
            item = _synced_plan(doc, item, plan, questionnaire)
        pieces.append((key, item))
    _update_top(pieces, questionnaire)
    for spec in specs:
        if spec.name not in doc and spec.values:
            pieces += _parsed("\n" + _new_table(spec))
    if "plan" not in doc and plan:
        tables = [
            line
            for i in plan_order(plan, questionnaire)
            for line in _plan_text(i, plan, questionnaire)
        ]
        pieces += _parsed("\n".join(["", *comment_text(PLAN_INTRO), *tables]).rstrip("\n") + "\n")
    out = _document(pieces)
    for spec in specs:
        if spec.name not in done and spec.name in doc:
            _sync_any(out, spec)
    result = out.as_string()
    if crlf:
        result = result.replace("\r\n", "\n").replace("\n", "\r\n")
    return bom + result


def _update_top(pieces: Pairs, questionnaire: Questionnaire | None) -> None:
    """The comment lines ojcli writes at the top, kept current as a new file has them.

    The header names the ojcli that saved the file (an older ojcli reads it to say which
    release a newer format needs); the schema directive points editors at the schema saved
    beside the file, added as the first line when the file has none.
    """
    top = []
    for key, item in pieces:
        if key is not None:
            break
        if isinstance(item, Comment):
            top.append(item)
    for item in top:
        if _HEADER.fullmatch(item.trivia.comment):
            item.trivia.comment = header()
    if questionnaire is not None and not any(
        item.trivia.comment.startswith(_DIRECTIVE) for item in top
    ):
        pieces.insert(0, _parsed(schema_directive(questionnaire) + "\n")[0])


def _answers_spec(values: dict[str, Any], questionnaire: Questionnaire | None) -> _Spec:
    if questionnaire is None:
        return _Spec("answers", values, list(values))
    text = {x.id: x.text for x in questionnaire.questions}
    section = {x.id: s for s in questionnaire.sections for x in s.questions}
    return _Spec(
        "answers",
        values,
        list(text),
        lead=lambda qid: comment_text(text[qid]) if qid in text else [],
        group=lambda qid: section[qid].id if qid in section else "",
        group_heading=lambda qid: (
            comment_text(f"--- {section[qid].title} ---") if qid in section else []
        ),
    )


# --- a table written as [name] with plain keys: entries changed, removed and placed -------------


def _plain(doc: TOMLDocument, key: Key, item: Item) -> bool:
    """A `[name]` table defined once, holding `key = value` lines only."""
    return (
        isinstance(item, Table)
        and not item.is_super_table()
        and not key.is_dotted()
        and sum(1 for k, _ in doc.body if k is not None and k.key == key.key) == 1
        and all(
            k is None or (not k.is_dotted() and not isinstance(v, Table))
            for k, v in item.value.body
        )
    )


def _sync(pairs: Pairs, spec: _Spec) -> Pairs:
    """The table's items with values changed in place, entries removed and new ones placed."""
    out: Pairs = []
    emptied: set[str] = set()  # groups (sections) that lost an entry
    for key, item in pairs:
        if key is None:
            out.append((key, item))
        elif key.key not in spec.values:
            emptied.add(spec.group(key.key))
            lead = spec.lead(key.key)
            if lead and [_text(i) for _, i in out[-len(lead) :]] == lead:
                del out[-len(lead) :]  # the question, as ojcli wrote it above the answer
            if item.trivia.comment:  # a person's note at the end of the line stays
                note = Comment(Trivia(item.trivia.indent, "", item.trivia.comment, "\n"))
                out.append((None, note))
        elif not _same(item.unwrap(), spec.values[key.key]):
            out.append((key, _value_item(spec.values[key.key], item.trivia)))
        else:
            out.append((key, item))
    out = _without_empty_headings(out, spec, emptied)
    for name in spec.order:
        if name in spec.values and name not in _keys(out):
            at, block = _place(out, spec, name)
            if at > 0:
                _end_line(out[at - 1][1])
            out[at:at] = block
    return out


def _without_empty_headings(pairs: Pairs, spec: _Spec, emptied: set[str]) -> Pairs:
    """Drop a section heading ojcli wrote once this save left nothing under it."""
    headings = {tuple(spec.group_heading(k)) for k in spec.order if spec.group(k) in emptied}
    headings -= {()}
    singles = {h[0] for h in headings if len(h) == 1}
    out: Pairs = []
    for i, (key, item) in enumerate(pairs):
        if key is None and isinstance(item, Comment) and _text(item) in singles:
            after = pairs[i + 1][1] if i + 1 < len(pairs) else None
            if after is None or isinstance(after, Whitespace) or _text(after) in singles:
                if out and isinstance(out[-1][1], Whitespace):
                    out.pop()
                continue
        out.append((key, item))
    return out


def _place(pairs: Pairs, spec: _Spec, name: str) -> tuple[int, Pairs]:
    """Where a new key goes, and the items to insert there (with comments, as ojcli writes them).

    Right after the key closest before it in survey order, preferably of its own section;
    else before the closest after it; a key first in its section comes with the heading.
    """
    rank = {k: i for i, k in enumerate(spec.order)}
    here = rank[name]
    keys = [(i, k.key) for i, (k, _) in enumerate(pairs) if k is not None and k.key in rank]
    kin = [(i, k) for i, k in keys if spec.group(k) == spec.group(name)]
    line = f"{key_text(name)} = {render_value(spec.values[name])}"
    entry = "\n".join([*spec.lead(name), line]) + "\n"
    heading = spec.group_heading(name)
    for candidates, block in (
        (kin, _parsed(entry)),
        (keys, _parsed(_with_heading(heading, entry))),
    ):
        before = [(rank[k], i) for i, k in candidates if rank[k] < here]
        if before:
            return max(before)[1] + 1, block
        after = [(rank[k], i) for i, k in candidates if rank[k] > here]
        if after:
            start = _comments_start(pairs, min(after)[1])
            if candidates is kin:
                if start < len(pairs) and heading and _text(pairs[start][1]) == heading[0]:
                    start += 1  # below its section's heading
            elif heading:
                while start > 0 and isinstance(pairs[start - 1][1], Whitespace):
                    start -= 1  # the new section before the next one's blank line
            return start, block
    return 0, _parsed(_with_heading(heading, entry))


def _with_heading(heading: list[str], entry: str) -> str:
    return "\n" + "\n".join([*heading, entry]) if heading else entry


def _end_line(item: Item) -> None:
    """Make sure what follows `item` starts on a line of its own (the file's last line may lack it)."""
    if not isinstance(item, Whitespace) and not item.trivia.trail.endswith("\n"):
        item.trivia.trail += "\n"


def _comments_start(pairs: Pairs, index: int) -> int:
    """The first of the comment lines directly above the item at `index`."""
    while index > 0 and pairs[index - 1][0] is None and isinstance(pairs[index - 1][1], Comment):
        index -= 1
    return index


def _keys(pairs: Pairs) -> set[str]:
    return {k.key for k, _ in pairs if k is not None}


def _same(old: Any, new: Any) -> bool:
    """Equal and of the same type (1 is not true, a date is not a date-time)."""
    if type(old) is not type(new):
        return False
    if isinstance(old, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new)


def _unwrapped(value: Any) -> Any:
    return value.unwrap() if isinstance(value, Item) else value


def _value_item(value: Any, trivia: Trivia) -> Item:
    """A new value written as a fresh file writes it, where the old one stood (with its comment)."""
    key, item = _parsed(f"v = {render_value(value)}\n")[0]
    assert key is not None
    item.trivia.indent = trivia.indent
    item.trivia.comment_ws = trivia.comment_ws
    item.trivia.comment = trivia.comment
    item.trivia.trail = trivia.trail
    return item


def _parsed(text: str) -> Pairs:
    return list(tomlkit.parse(text).body)


def _text(item: Item) -> str:
    return item.as_string().strip()


def _rebuilt(table: Table, pairs: Pairs) -> Table:
    body = Container(True)  # as tomlkit's parser builds it: no layout added
    for key, item in pairs:
        body.append(key, item)
    body.parsing(False)
    return Table(
        body,
        table.trivia,
        table.is_aot_element(),
        table.is_super_table(),
        name=table.name,
        display_name=table.display_name,
    )


def _document(pairs: Pairs) -> TOMLDocument:
    doc = TOMLDocument(True)
    for key, item in pairs:
        doc.append(key, item)
    doc.parsing(False)
    return doc


# --- the plan: one [plan.ID] table per decision, each kept as a table above is ------------------

PLAN_FIELDS = ("decision", "action", "owner", "due", "reason")


def _plan_text(iid: str, plan: dict[str, dict[str, Any]], q: Questionnaire | None) -> list[str]:
    return ["", *plan_table(iid, plan[iid], q)]


def _synced_plan(
    doc: TOMLDocument, item: Item, plan: dict[str, dict[str, Any]], q: Questionnaire | None
) -> Table:
    """The `[plan.ID]` tables changed, removed and added (in indicator order) in place.

    Raises ValueError for a plan written in another shape (inline tables, dotted keys, a
    `[plan]` table split around others): the caller then writes a fresh file.
    """
    if sum(1 for k, _ in doc.body if k is not None and k.key == "plan") != 1 or not (
        isinstance(item, Table)
        and all(k is None or (isinstance(v, Table) and _plain_table(v)) for k, v in item.value.body)
    ):
        raise ValueError("a plan ojcli does not edit in place")
    out: Pairs = []
    for key, sub in item.value.body:
        if key is None:
            out.append((key, sub))
        elif key.key in plan:
            assert isinstance(sub, Table)
            spec = _Spec(key.key, plan[key.key], PLAN_FIELDS)
            out.append((key, _rebuilt(sub, _sync(list(sub.value.body), spec))))
    order = plan_order(plan, q)
    rank = {k: n for n, k in enumerate(order)}
    for name in order:
        keys = [(i, k.key) for i, (k, _) in enumerate(out) if k is not None]
        if any(k == name for _, k in keys):
            continue
        present = [(i, rank.get(k, len(rank))) for i, k in keys]
        before = [i for i, r in present if r < rank[name]]
        at = before[-1] + 1 if before else next((i for i, r in present if r > rank[name]), len(out))
        text = "\n".join(_plan_text(name, plan, q)[1:]) + "\n"
        added = _parsed(text + ("\n" if at < len(out) else ""))[0][1]
        assert isinstance(added, Table)
        if before:  # a blank line between the decision before and this one
            _blank_after(out, before[-1])
        out[at:at] = list(added.value.body)
    return _rebuilt(item, out)


def _blank_after(pairs: Pairs, index: int) -> None:
    key, table = pairs[index]
    assert isinstance(table, Table)
    if not table.as_string().endswith("\n\n"):
        body = list(table.value.body)
        if body:
            _end_line(body[-1][1])
        pairs[index] = (key, _rebuilt(table, [*body, (None, Whitespace("\n"))]))


def _plain_table(table: Table) -> bool:
    return not table.is_super_table() and all(
        k is None or (not k.is_dotted() and not isinstance(v, Table)) for k, v in table.value.body
    )


# --- any other shape (inline table, dotted keys): tomlkit's own editing; a missing table ------


def _new_table(spec: _Spec) -> str:
    """A table the file does not have yet, as a new file writes it."""
    lines = [f"# {spec.intro}"] if spec.intro else []
    lines += [f"[{spec.name}]"]
    for name in [k for k in spec.order if k in spec.values]:
        lines += [*spec.lead(name), f"{key_text(name)} = {render_value(spec.values[name])}"]
    return "\n".join(lines) + "\n"


def _sync_any(doc: TOMLDocument, spec: _Spec) -> None:
    """Change, remove and add entries through tomlkit's mapping interface; new ones at the end."""
    table = doc[spec.name]
    for name in [k for k in table if k not in spec.values]:
        del table[name]
    for name in [k for k in spec.order if k in spec.values]:
        value = spec.values[name]
        if name not in table or not _same(_unwrapped(table[name]), value):
            table[name] = _parsed(f"v = {render_value(value)}\n")[0][1]
