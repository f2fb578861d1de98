"""The one definition of what a page of the course must contain.

The build hooks (`frontmatter.py`, `anatomy.py`, `checklist.py`) and the tests import this module, so the rules a
contributor meets in `mkdocs build` and in `pytest` are the same rules. Every check is a pure function that takes
text or a dict and returns a list of problems; an empty list means the page is fine.
"""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

import yaml

MODULE_COUNT = 12
DESCRIPTION_MAX = 160
CHECKLIST_MIN, CHECKLIST_MAX = 6, 10
CHECKLIST_HEADING = "Things you should now be able to answer"
# Where generated content goes: a page writes the marker, a hook replaces it.
COURSE_MAP_MARKER = "<!-- course-map -->"          # hooks/course_map.py: the modules, from their front matter
PROBLEM_LIST_MARKER = "<!-- problem-list -->"      # hooks/course_map.py: the problems, from their front matter
GLOSSARY_MARKER = "<!-- glossary -->"              # hooks/glossary.py: every glossary.yml entry
GLOSSARY_FILE = "glossary.yml"
GLOSSARY_DEFINITION_MAX = 200
WORDS_PER_MINUTE = 220
# Longest a page may be, counted by ceiling_words(): past this, move depth into `??? note "Going deeper: …"` blocks.
MAX_WORDS = {"module": 9000, "problem": 8000}

# Diagrams must be legible where they are read. The content column is 688 px wide at 1280×800 and at 1366×657
# (measured on the built site; tests/test_diagrams.py measures it again). A diagram shown at 75% of its natural size
# or more keeps Mermaid's 16 px labels at 12 px or more, so its natural width may be at most 688 / 0.75 = 917 px:
# hooks/diagrams.py fails the build for a wider one. On a phone (380 px column at 412×915) a diagram shown below
# 60% scrolls sideways at 60% instead (course.css) and opens at full size on tap.
DIAGRAM_COLUMN = 688
DIAGRAM_MIN_SCALE = 0.75
DIAGRAM_MAX_WIDTH = int(DIAGRAM_COLUMN / DIAGRAM_MIN_SCALE)    # 917 px
PHONE_MIN_SCALE = 0.60

# Keys a page may set in its front matter; anything else is most likely a typo ("descripton").
ALLOWED_KEYS = {"title", "description", "module", "problem", "checklist", "hide", "search"}

# What each kind of lesson must contain. Headings are matched by prefix ("Deep dive: …" satisfies "Deep dive").
ANATOMY = {
    "module": {
        "min_words": 2200,
        "min_diagrams": 3,
        "min_faqs": 5,
        "headings": ("Common pitfalls", "In the interview", "Frequently asked questions"),
    },
    "problem": {
        "min_words": 1800,
        "min_diagrams": 2,
        "min_faqs": 4,
        "headings": (
            "Requirements",
            "Estimation",
            "API",
            "Data model",
            "High-level design",
            "Deep dive",
            "Trade-offs",
            "At 10",
            "Common mistakes",
            "Frequently asked questions",
        ),
    },
}

# Every pattern below runs on contributor input, so each is linear in the length of its input: no nested or
# adjacent unbounded quantifiers that can match the same characters, no back-references. Fences, inline code, front
# matter and headings are found by scanning lines, not by regular expressions.
# (tests/test_hostile_input.py builds pages made of the worst lines for the old patterns, in seconds.)
_FENCE_OPEN = re.compile(r"([ \t]*)(`{3,}|~{3,})")
_HEADING_START = re.compile(r"(#{1,6})[ \t]")
_FAQ = re.compile(r'^\?\?\?\+?[ \t]+question[ \t]+"[^"\n]+"', re.MULTILINE)
_SEPARATOR_CELL = re.compile(r":?-{3,}:?")
_BACKTICKS = re.compile(r"`+")
_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]\n]{0,500})\]\((?P<src>[^)\s]{0,2000})")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%×/+-]*")

# The largest Markdown page (or snippet) the build reads: the longest lesson is about 70 kB.
MAX_PAGE_BYTES = 200_000


def lesson_kind(src_uri: str) -> str | None:
    """`module` for pages under modules/, `problem` under problems/, None for other pages."""
    top = src_uri.replace("\\", "/").split("/", 1)[0]
    return {"modules": "module", "problems": "problem"}.get(top)


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):   # libyaml's parser where PyYAML has it
    """YAML's safe loader, except that a key given twice is an error (YAML would silently keep the last one)."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice (lines {seen[key] + 1} and "
                    f"{key_node.start_mark.line + 1}); keep one", key_node.start_mark)
            if isinstance(key, (str, int, float, bool)):
                seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str):
    """YAML as the build reads it: safe types only, a key given twice rejected."""
    return yaml.load(text, Loader=_UniqueKeyLoader)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Front matter as a dict and the Markdown after it; raises ValueError with a readable reason."""
    first, newline, rest = text.partition("\n")
    if first.rstrip(" \t\r") != "---":
        return {}, text
    offset, closed = len(first) + 1, None
    for line in rest.split("\n"):
        if line.rstrip(" \t\r") in ("---", "..."):
            closed = offset
            break
        offset += len(line) + 1
    if closed is None or not newline:
        raise ValueError("front matter is not closed: the '---' on line 1 opens it, and no later line is '---' "
                         "(add a line '---' after the last key)")
    source = text[len(first) + 1:closed]
    end = text.find("\n", closed)
    body = "" if end == -1 else text[end + 1:]
    try:
        data = load_yaml(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise ValueError(f"front matter is not valid YAML{where}: {getattr(error, 'problem', error)}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValueError("front matter must be a mapping of keys to values")
    return data, body


@functools.lru_cache(maxsize=512)
def _read(path: str, mtime_ns: int) -> tuple[dict, str]:
    return split_front_matter(Path(path).read_text(encoding="utf-8-sig"))


def read_page(path: str | Path) -> tuple[dict, str]:
    """Front matter and body of a Markdown file, cached until the file changes (for `mkdocs serve`)."""
    path = Path(path)
    return _read(str(path), path.stat().st_mtime_ns)


def check_front_matter(meta: dict, src_uri: str) -> list[str]:
    """Problems with one page's front matter, each as "field: what is wrong"."""
    problems = []
    kind = lesson_kind(src_uri)
    for key in sorted(set(meta) - ALLOWED_KEYS, key=str):
        close = difflib.get_close_matches(str(key), sorted(ALLOWED_KEYS), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        problems.append(f"{key}: unknown field; {hint}(allowed: {', '.join(sorted(ALLOWED_KEYS))})")

    title = meta.get("title")
    if title is None:
        problems.append("title: missing")
    elif not isinstance(title, str):
        problems.append(f"title: must be text, but YAML reads {title!r} as {_yaml_kind(title)}; put it in quotes")
    elif not title.strip():
        problems.append("title: empty")

    description = meta.get("description")
    if description is None:
        problems.append("description: missing (one sentence, at most 160 characters)")
    elif not isinstance(description, str):
        problems.append(f"description: must be text, but YAML reads {description!r} as {_yaml_kind(description)}; "
                        "put it in quotes")
    elif not description.strip():
        problems.append("description: must be a non-empty string")
    elif len(description.strip()) > DESCRIPTION_MAX:
        problems.append(f"description: {len(description.strip())} characters, at most {DESCRIPTION_MAX} allowed")

    if kind is None:
        for key in ("module", "problem", "checklist"):
            if key in meta:
                problems.append(f"{key}: only lessons (pages under modules/ or problems/) take this field")
        return problems

    if kind == "module":
        module = meta.get("module")
        if "problem" in meta:
            problems.append("problem: a page under modules/ is a module; use `module: N`, not `problem`")
        if module is None:
            problems.append(f"module: missing (an integer from 1 to {MODULE_COUNT})")
        elif isinstance(module, bool) or not isinstance(module, int) or not 1 <= module <= MODULE_COUNT:
            problems.append(f"module: must be an integer from 1 to {MODULE_COUNT}, got {module!r}")
    else:
        if "module" in meta:
            problems.append("module: a page under problems/ is a problem; use `problem: true`, not `module`")
        if meta.get("problem") is not True:
            problems.append("problem: must be `true` on a page under problems/")

    checklist = meta.get("checklist")
    if checklist is None:
        problems.append(f"checklist: missing ({CHECKLIST_MIN}–{CHECKLIST_MAX} questions, each ending with '?')")
    elif not isinstance(checklist, list):
        problems.append("checklist: must be a list of questions")
    elif not CHECKLIST_MIN <= len(checklist) <= CHECKLIST_MAX:
        problems.append(f"checklist: has {len(checklist)} questions, needs {CHECKLIST_MIN} to {CHECKLIST_MAX}")
    else:
        seen = set()
        for number, question in enumerate(checklist, 1):
            if not isinstance(question, str) or not question.strip():
                problems.append(f"checklist: item {number} must be a non-empty string")
            elif not question.strip().endswith("?"):
                problems.append(f"checklist: item {number} is not a question ending with '?': {question.strip()!r}")
            elif question.strip().lower() in seen:
                problems.append(f"checklist: item {number} repeats an earlier question: {question.strip()!r}")
            else:
                seen.add(question.strip().lower())
    return problems


def _yaml_kind(value) -> str:
    """How YAML read an unquoted value, for messages: a date, a number, true/false…"""
    import datetime
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def check_unique_modules(lessons: dict[str, dict]) -> dict[str, str]:
    """Pages whose module number another page already uses, mapped to the problem (src_uri → message)."""
    owners: dict[int, str] = {}
    clashes = {}
    for src_uri in sorted(lessons):
        number = lessons[src_uri].get("module")
        if lesson_kind(src_uri) != "module" or not isinstance(number, int) or isinstance(number, bool):
            continue
        if number in owners:
            clashes[src_uri] = f"module: number {number} is already used by {owners[number]}"
        else:
            owners[number] = src_uri
    return clashes


@functools.lru_cache(maxsize=8)      # every rule masks code: scan each page once
def fences(markdown: str) -> tuple[tuple[int, int, str, str], ...]:
    """Every ``` or ~~~ fence: (first line, last line, info string, body), found in one pass over the lines. A
    closing fence has the opening's indentation and at least as many of the same character; a fence never closed
    runs to the end of the page (unclosed_fence() reports it)."""
    found = []
    lines = markdown.split("\n")
    number = 0
    while number < len(lines):
        opening = _FENCE_OPEN.match(lines[number])
        if opening and not (opening.group(2)[0] == "`" and "`" in lines[number][opening.end():]):
            indent, fence = opening.groups()
            end = number + 1
            while end < len(lines):
                line = lines[end]
                if line.startswith(indent):
                    rest = line[len(indent):].rstrip(" \t\r")
                    if len(rest) >= len(fence) and rest == fence[0] * len(rest):
                        break
                end += 1
            info = lines[number][opening.end():].strip()
            found.append((number, min(end, len(lines) - 1), info, "\n".join(lines[number + 1:end]) + "\n"))
            number = end
        number += 1
    return tuple(found)


def unclosed_fence(markdown: str) -> int | None:
    """The line number (from 1) of a fence that is never closed, if any."""
    lines = markdown.split("\n")
    for first, last, _, _ in fences(markdown):
        line = lines[last]
        opening = _FENCE_OPEN.match(lines[first])
        rest = line[len(opening.group(1)):].rstrip(" \t\r") if line.startswith(opening.group(1)) else ""
        if last == first or not (len(rest) >= len(opening.group(2)) and rest == opening.group(2)[0] * len(rest)):
            return first + 1
    return None


def fence_language(info: str) -> str:
    """The language of a fence's info string as pymdownx.superfences reads it: `mermaid`, `.mermaid`,
    `{.mermaid}`, `{ .mermaid #id }` and `mermaid title="x"` are all `mermaid`."""
    info = info.strip()
    if info.startswith("{"):
        for token in info.strip("{} \t").split():
            if token.startswith("."):
                return token[1:]
        return ""
    return info.lstrip(".").split(" ")[0].split("\t")[0]


def _blank_inline_code(line: str) -> str:
    """The line without its inline code spans (a run of n backticks up to the next run of exactly n)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)
            if not (m.start() and line[m.start() - 1] == "\\")]
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length)
        last[length] = index
    kept, position, index = [], 0, 0
    while index < len(runs):
        closing = following[index]
        if closing is None or runs[closing][0] == runs[index][1]:
            index += 1
            continue
        kept.append(line[position:runs[index][0]])
        position, index = runs[closing][1], closing + 1
    kept.append(line[position:])
    return "".join(kept)


def mask_code(markdown: str) -> str:
    """The Markdown with fenced blocks and inline code blanked out (line numbers preserved)."""
    lines = markdown.split("\n")
    for first, last, _, _ in fences(markdown):
        lines[first:last + 1] = [""] * (last - first + 1)
    return "\n".join(_blank_inline_code(line) if "`" in line else line for line in lines)


def mermaid_blocks(markdown: str) -> list[str]:
    """The bodies of the page's Mermaid fences, in order, however the fence spells its language."""
    return [body for _, _, info, body in fences(markdown) if fence_language(info) == "mermaid"]


def diagram_kind(body: str) -> str:
    """The diagram type a Mermaid block declares on its first meaningful line (e.g. `flowchart`)."""
    for line in body.splitlines():
        line = line.strip()
        if line and not line.startswith("%%") and line != "---":
            return line.split()[0]
    return ""


def check_diagram(body: str) -> list[str]:
    """Problems with one Mermaid block: accessibility and HTML smuggled into labels."""
    problems = []
    if not re.search(r"^[ \t]*accTitle[ \t]*:", body, re.MULTILINE):
        problems.append("has no accTitle (the accessible title screen readers announce)")
    if not re.search(r"^[ \t]*accDescr[ \t]*[:{]", body, re.MULTILINE):
        problems.append("has no accDescr (the accessible description)")
    if re.search(r"<\s*(?:/\s*)?[a-z!]", body, re.I):
        problems.append("contains HTML in a label; write plain text (Mermaid labels are not a place for markup)")
    if re.search(r"^[ \t]*(style|classDef|linkStyle)\b", body, re.MULTILINE):
        problems.append("sets colours with style/classDef/linkStyle; the theme colours diagrams for light and dark")
    return problems


def check_diagram_width(width: int) -> list[str]:
    """Problems with a drawn diagram's natural width (hooks/diagrams.py knows it once Mermaid has drawn it)."""
    if width <= DIAGRAM_MAX_WIDTH:
        return []
    return [f"is {width} px wide, at most {DIAGRAM_MAX_WIDTH} px allowed: the {DIAGRAM_COLUMN} px content column "
            f"would show it at {DIAGRAM_COLUMN / width:.0%}, below {DIAGRAM_MIN_SCALE:.0%} its labels are too small "
            "to read; draw it top to bottom (flowchart TB), put fewer boxes side by side, shorten labels, or split it "
            "in two (CONTRIBUTING.md, 'Diagrams')"]


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of every ATX heading outside code: `## Text {#id} ##` is (2, "Text")."""
    found = []
    for line in mask_code(markdown).split("\n"):
        start = _HEADING_START.match(line)
        if not start:
            continue
        text = line[start.end():].strip()
        stripped = text.rstrip("#")
        if stripped != text and (not stripped or stripped[-1] in " \t"):
            text = stripped.rstrip()
        if text.endswith("}") and "{" in text:
            text = text[:text.rindex("{")].rstrip()
        if text:
            found.append((len(start.group(1)), text))
    return found


def is_table_separator(line: str) -> bool:
    """Whether a line is a table's header separator: two or more cells of `---`, `:--`, `--:` or `:-:`."""
    cells = line.strip().strip("|").split("|")
    return len(cells) >= 2 and all(_SEPARATOR_CELL.fullmatch(cell.strip()) for cell in cells)


def prose_words(markdown: str) -> int:
    """Words of prose: without front matter, code, diagrams, tables, headings and block markers."""
    lines = []
    for line in mask_code(markdown).splitlines():
        stripped = line.strip()
        if stripped.startswith(("|", "#", "--8<--", "<!--", "*[")) or re.match(r"^(!!!|\?\?\?)", stripped):
            continue
        lines.append(stripped)
    return len(_WORD.findall(" ".join(lines)))


def check_page_body(markdown: str) -> list[str]:
    """Problems any page can have: unsafe HTML, images without alt text, skipped heading levels, Mermaid."""
    problems = []
    if (line := unclosed_fence(markdown)) is not None:
        problems.append(f"body: line {line} opens a code fence that is never closed (the rest of the page would be "
                        "code); close it with the same fence on a line of its own")
    visible = mask_code(markdown)
    for m in _IMAGE.finditer(visible):
        if not m.group("alt").strip():
            problems.append(f"body: image {m.group('src')!r} has no alt text")
    lines = visible.splitlines()
    for number, line in enumerate(lines):
        if number and is_table_separator(line):
            cells = [cell.strip() for cell in lines[number - 1].strip().strip("|").split("|")]
            if any(not cell for cell in cells):
                problems.append(f"body: table header {lines[number - 1].strip()!r} has an empty cell; name every column")
    previous = 0
    for level, text in headings(markdown):
        if previous and level > previous + 1:
            problems.append(f"body: heading {text!r} is level {level} right after level {previous} (skips a level)")
        previous = level
    for number, body in enumerate(mermaid_blocks(markdown), 1):
        problems.extend(f"diagram {number} ({diagram_kind(body) or 'no type'}) {p}" for p in check_diagram(body))
    return problems


def check_anatomy(markdown: str, kind: str) -> list[str]:
    """Problems with a lesson's structure: diagrams, tables, FAQs, required sections and length."""
    rules = ANATOMY[kind]
    problems = []
    found = headings(markdown)
    if not found or found[0][0] != 1:
        problems.append("body: must start with one H1 heading (the page title)")
    elif sum(1 for level, _ in found if level == 1) > 1:
        problems.append("body: has more than one H1 heading")
    titles = [text for level, text in found if level == 2]
    for required in rules["headings"]:
        if not any(t.lower().startswith(required.lower()) for t in titles):
            problems.append(f"body: missing the section '## {required}…'")
    if any(t.lower() == CHECKLIST_HEADING.lower() for _, t in found):
        problems.append(f"body: '{CHECKLIST_HEADING}' is rendered from the checklist front matter; delete it")

    diagrams = mermaid_blocks(markdown)
    kinds = {diagram_kind(body) for body in diagrams}
    if len(diagrams) < rules["min_diagrams"]:
        problems.append(f"diagrams: {len(diagrams)} Mermaid diagrams, needs at least {rules['min_diagrams']}")
    if len(kinds) < 2:
        problems.append(f"diagrams: all diagrams are of one kind ({', '.join(sorted(kinds)) or 'none'}); use two kinds")
    if not any(is_table_separator(line) for line in mask_code(markdown).split("\n")):
        problems.append("body: needs at least one comparison table")
    faqs = len(_FAQ.findall(mask_code(markdown)))
    if faqs < rules["min_faqs"]:
        problems.append(f'faq: {faqs} `??? question "…"` blocks, needs at least {rules["min_faqs"]}')
    problems.extend(check_phase_table(markdown, required=kind == "problem"))
    words = prose_words(markdown)
    if words < rules["min_words"]:
        problems.append(f"body: {words} words of prose, needs at least {rules['min_words']}")
    return problems


PHASE_HEADER = ("Phase", "Time", "What you produce")
PHASE_MINUTES = 45
_PHASE_TIME = re.compile(r"(\d+)\s*min")


def phase_table(markdown: str) -> list[tuple[str, str, str]] | None:
    """The rows (phase, time, what you produce) of the page's "Phase | Time | What you produce" table, which drives
    the practice timer (assets/javascripts/timer.js), or None when the page has no such table."""
    lines = mask_code(markdown).splitlines()
    for number, line in enumerate(lines[:-1]):
        cells = _cells(line)
        if tuple(c.lower() for c in cells) == tuple(h.lower() for h in PHASE_HEADER) and \
                is_table_separator(lines[number + 1]):
            rows = []
            for row in lines[number + 2:]:
                if not row.strip().startswith("|"):
                    break
                rows.append(tuple(_cells(row)))
            return rows
    return None


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")] if "|" in line else []


def check_phase_table(markdown: str, required: bool) -> list[str]:
    """Problems with the phase-timing table: three cells a row, "N min" times that add up to 45 minutes."""
    rows = phase_table(markdown)
    if rows is None:
        return ([f"body: needs the phase-timing table for a {PHASE_MINUTES}-minute round, with the header "
                 f"'| {' | '.join(PHASE_HEADER)} |' (it drives the practice timer; see templates/problem.md)"]
                if required else [])
    problems = []
    total = 0
    for number, row in enumerate(rows, 1):
        if len(row) != 3 or not all(row):
            problems.append(f"phase table: row {number} must have three non-empty cells (phase, time, what you produce)")
            continue
        minutes = _PHASE_TIME.fullmatch(row[1])
        if not minutes or int(minutes.group(1)) <= 0:
            problems.append(f"phase table: row {number} ({row[0]}) gives the time {row[1]!r}; write it as '5 min'")
            continue
        total += int(minutes.group(1))
    if not rows:
        problems.append("phase table: has no rows")
    elif not problems and total != PHASE_MINUTES:
        problems.append(f"phase table: the phases add up to {total} min, not {PHASE_MINUTES}")
    return problems


# Text of the templates (templates/*.md) that must never reach a reader: a page still carrying it is unfinished.
PLACEHOLDERS = (
    "Your module title", "Your problem title", "One sentence, at most 160 characters",
    "Which question will a reader be able to answer first?", "Say what this module covers",
    "Say what the problem is", "A short title for screen readers", "First noun", "lorem ipsum", "coming soon",
)
_PLACEHOLDER = re.compile("|".join(rf"\b{re.escape(p)}" for p in PLACEHOLDERS) + r"|\b(?-i:TODO|TBD|FIXME|XXX)\b",
                          re.IGNORECASE)


def check_placeholders(meta: dict, markdown: str) -> list[str]:
    """Template text left in a page: in the front matter or the body (outside code)."""
    problems = []
    for key in ("title", "description"):
        if isinstance(meta.get(key), str) and (found := _PLACEHOLDER.search(meta[key])):
            problems.append(f"{key}: still holds the template's placeholder text {found.group(0)!r}")
    for number, question in enumerate(meta.get("checklist") or [], 1):
        if isinstance(question, str) and (found := _PLACEHOLDER.search(question)):
            problems.append(f"checklist: item {number} still holds the template's placeholder {found.group(0)!r}")
    visible = mask_code(markdown)
    if found := _PLACEHOLDER.search(visible):
        line = visible[:found.start()].count("\n") + 1
        problems.append(f"body: line {line} still holds placeholder text {found.group(0)!r}")
    for line, text in enumerate(visible.split("\n"), 1):
        if text.startswith("|") and any(cell.strip() in ("…", "...") for cell in text.strip().strip("|").split("|")):
            problems.append(f"body: line {line} has a table cell that is only '…'; fill it in")
            break
    return problems


def check_glossary(entries, lesson_files: set[str]) -> list[str]:
    """Problems with glossary.yml's entries, each naming the entry; an empty list means it is fine. An entry's
    `module` is the file that teaches the term: a module's file name (05-databases.md) or problems/<name>.md."""
    if not isinstance(entries, list) or not entries:
        return ["must be a non-empty list of entries"]
    problems = []
    seen: dict[str, str] = {}
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a mapping with term, definition and module")
            continue
        term = entry.get("term")
        where = f"entry {number} ({term!r})"
        unknown = set(entry) - {"term", "definition", "module", "aliases"}
        if unknown:
            problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        if not isinstance(term, str) or not term.strip():
            problems.append(f"{where}: term must be a non-empty string")
            continue
        definition = entry.get("definition")
        if not isinstance(definition, str) or not definition.strip():
            problems.append(f"{where}: definition must be a non-empty string")
        elif len(definition) > GLOSSARY_DEFINITION_MAX:
            problems.append(f"{where}: definition has {len(definition)} characters, at most {GLOSSARY_DEFINITION_MAX}")
        elif '"' in definition or "\n" in definition:
            problems.append(f"{where}: definition must be one line without double quotes (it becomes a tooltip)")
        if entry.get("module") not in lesson_files:
            problems.append(f"{where}: module {entry.get('module')!r} is not a file in docs/modules/ "
                            "(or problems/<name>.md in docs/problems/)")
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.append(f"{where}: aliases must be a list of strings")
            aliases = []
        for spelling in [term, *aliases]:
            if spelling in seen:
                problems.append(f"{where}: {spelling!r} is already defined by {seen[spelling]}")
            seen[spelling] = where
    return problems


def glossary_key(src_uri: str) -> str:
    """How glossary.yml names a lesson: a module by its file name, a problem as problems/<name>.md."""
    return src_uri.split("/", 1)[1] if lesson_kind(src_uri) == "module" else src_uri


_GOING_DEEPER = re.compile(r'^(?P<indent>[ \t]*)\?\?\?\+?[ \t]+note[ \t]+"Going deeper[^"\n]*"[^\n]*\n'
                           r'(?P<body>(?:(?P=indent)(?:[ \t]{4}[^\n]*)?\n|[ \t]*\n)*)', re.MULTILINE)


def skimmable(markdown: str) -> str:
    """The Markdown without its collapsible `??? note "Going deeper: …"` blocks (depth a learner may skip)."""
    return _GOING_DEEPER.sub("", markdown)


def ceiling_words(markdown: str) -> int:
    """Words a learner must read: whitespace-separated words of the body outside code and "Going deeper" blocks."""
    return len(mask_code(skimmable(markdown)).split())


ABSTRACT_TITLE = "The night before the interview"
ABSTRACT_LINES = (5, 8)
DEEP_DIVES_TITLE = "Two deep dives for a 45-minute round"
_ADMONITION = re.compile(r'^!!!\+?[ \t]+(?P<kind>[a-z]+)[ \t]+"(?P<title>[^"\n]*)"[ \t]*\n(?P<body>(?:[ \t]*\n|[ \t]{4}[^\n]*\n)*)',
                         re.MULTILINE)
_LINK_TO_ANCHOR = re.compile(r"\]\(#(?P<anchor>[^)\s]+)\)")


def _slug(heading: str) -> str:
    """The anchor MkDocs' toc extension gives a heading (lower case, punctuation dropped, spaces as hyphens)."""
    text = re.sub(r"[^\w\s-]", "", heading.lower().replace("×", ""), flags=re.UNICODE)
    return re.sub(r"[-\s]+", "-", text).strip("-")


def check_editorial(markdown: str, kind: str) -> list[str]:
    """(hooks/validate.py runs this with check_anatomy.) The editor's rules: a module opens with its summary block, a problem names its two deep dives up front, and
    no lesson is longer than a learner should have to read (depth goes into "Going deeper" blocks)."""
    problems = []
    visible = mask_code(markdown)
    first_h2 = re.search(r"^##[ \t]", visible, re.MULTILINE)
    opening = visible[: first_h2.start() if first_h2 else len(visible)]
    blocks = [m for m in _ADMONITION.finditer(opening + "\n")]
    if kind == "module":
        found = [m for m in blocks if m.group("kind") == "abstract" and m.group("title") == ABSTRACT_TITLE]
        if not found:
            problems.append(f'body: needs an `!!! abstract "{ABSTRACT_TITLE}"` block before the first section')
        else:
            lines = [line for line in found[0].group("body").splitlines() if line.strip()]
            bullets = [line for line in lines if line.strip().startswith(("- ", "* ", "1."))] or lines
            if not ABSTRACT_LINES[0] <= len(bullets) <= ABSTRACT_LINES[1]:
                problems.append(f'body: the "{ABSTRACT_TITLE}" block has {len(bullets)} lines; '
                                f"write {ABSTRACT_LINES[0]} to {ABSTRACT_LINES[1]}")
    else:
        found = [m for m in blocks if m.group("title") == DEEP_DIVES_TITLE]
        dives = {_slug(text) for level, text in headings(markdown) if level == 2 and text.lower().startswith("deep dive")}
        if not found:
            problems.append(f'body: needs a `!!! tip "{DEEP_DIVES_TITLE}"` block before the first section, linking the '
                            "two deep dives to pick")
        else:
            linked = {m.group("anchor") for m in _LINK_TO_ANCHOR.finditer(found[0].group("body"))}
            if len(linked & dives) != 2:
                problems.append(f'body: the "{DEEP_DIVES_TITLE}" block must link exactly two of the page\'s '
                                f"deep-dive sections, links {len(linked & dives)}")
    words = ceiling_words(markdown)
    if words > MAX_WORDS[kind]:
        problems.append(f"body: {words} words to read, at most {MAX_WORDS[kind]} for a {kind}; move depth a learner "
                        'may skip into `??? note "Going deeper: …"` blocks')
    return problems


def reading_minutes(markdown: str) -> int:
    """Reading time in whole minutes at WORDS_PER_MINUTE, at least one."""
    return max(1, round(prose_words(markdown) / WORDS_PER_MINUTE))


# ---------------------------------------------------------------------------------------------- what is published
# The build checks the files it publishes, not the Markdown that was written (hooks/safety.py runs these rules on
# every built .html and .svg; hooks/validate.py runs check_docs_file on every file in docs/). Parsing is linear:
# Python's html.parser for HTML, expat for SVG.

import html.parser as _html_parser  # noqa: E402
import json as _json  # noqa: E402
import posixpath as _posixpath  # noqa: E402
import xml.parsers.expat as _expat  # noqa: E402
from typing import NamedTuple  # noqa: E402

# Attributes whose value is a URL (or, for SVG animation, a list of values that may become one).
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "values", "from", "to", "by", "srcset",
                  "poster", "data", "background", "ping", "cite", "longdesc", "codebase", "manifest", "lowsrc",
                  "dynsrc", "icon"}
BANNED_SCHEMES = ("javascript:", "vbscript:", "data:")
# Elements that embed another document or change how every URL of the page resolves; <style> (in HTML) because a
# browser reads what is inside an inline <svg>'s <style> as markup, and this check would read it as text.
BANNED_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "style"}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}

# What docs/ may hold besides Markdown pages: images of these types (an .svg is also checked after the build), and
# the site's own stylesheets and scripts, those listed in mkdocs.yml (extra_css, extra_javascript).
PUBLISHABLE_IMAGES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
                      ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".svg": None}


class OwnScripts(NamedTuple):
    """The site's own scripts (hooks/safety.py's own_scripts() fills it from mkdocs.yml and the templates)."""
    files: frozenset          # site paths of the script files, e.g. assets/javascripts/site.js
    inline: tuple             # compiled patterns of the inline scripts written in the theme's templates
    root: str = "/"           # the site's path on its host (site_url), for absolute paths such as the 404 page's


_TEMPLATE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def template_scripts(template: str) -> list[re.Pattern]:
    """Patterns for the inline scripts a (trusted) template writes: its text with whitespace runs as one space, a
    Jinja expression standing for a short path such as Material's "../.."."""
    patterns = []
    for match in _TEMPLATE_SCRIPT.finditer(template):
        if "src=" in match.group("attrs") or not match.group("body").strip():
            continue
        parts = [re.escape(" ".join(part.split())) for part in _JINJA.split(match.group("body"))]
        patterns.append(re.compile(r"[\w./-]{0,200}".join(parts).strip()))
    return patterns


def script_role(attrs: dict) -> str:
    """How a browser treats a <script>: "data" (never run), "speculation" (rules the browser follows) or "code"."""
    kind = (attrs.get("type") or "").split(";")[0].strip().lower()
    if kind in DATA_SCRIPT_TYPES:
        return "data"
    if kind == "speculationrules":
        return "speculation"
    return "code"


def is_own_inline_script(text: str, attrs: dict, own: OwnScripts) -> bool:
    """Whether an inline script is one the site's templates and hooks write."""
    role = script_role(attrs)
    if role in ("data", "speculation"):
        try:
            data = _json.loads(text)
        except ValueError:
            return False
        if role == "speculation":
            return not re.search(r'"[a-z][a-z0-9+.-]*:', _json.dumps(data), re.I)   # no absolute URL
        return attrs.get("type", "").strip() != "application/json" or attrs.get("id") == "__config"
    normal = " ".join(text.split())
    return any(pattern.fullmatch(normal) for pattern in own.inline)


def url_scheme_banned(value: str) -> str | None:
    """The banned scheme a URL attribute's (entity-decoded) value uses, read as a browser reads it: leading and
    trailing spaces and controls ignored, tabs and newlines anywhere removed, any case."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11"
                                                    "\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f \t\n\r")
    lowered = cleaned.lower()
    for scheme in BANNED_SCHEMES:
        if lowered.startswith(scheme):
            return scheme
    return None


def _url_values(name: str, value: str) -> list[str]:
    if name == "values":
        return value.split(";")
    if name == "srcset":
        return [candidate.strip().split(" ")[0] for candidate in value.split(",")]
    return [value]


def _attribute_problems(tag: str, attrs: list[tuple[str, str | None]]) -> list[str]:
    problems = []
    for name, value in attrs:
        name = (name or "").lower()
        local = name.split(":")[-1]
        if local.startswith("on"):
            problems.append(f"<{tag}> has an inline event handler ({name}=…)")
        elif (name in URL_ATTRIBUTES or local == "href") and value:
            for part in _url_values(local, value):
                if scheme := url_scheme_banned(part):
                    problems.append(f"<{tag} {name}> is a {scheme} URL ({value.strip()[:60]!r}); only links "
                                    "and images over http(s) or relative ones may be published")
                    break
        elif name == "srcdoc":
            problems.append(f"<{tag}> has a srcdoc (a document inside an attribute)")
        elif name == "http-equiv" and (value or "").strip().lower() == "refresh":
            problems.append("a <meta http-equiv=refresh> (a redirect)")
    return problems


class _Inspector(_html_parser.HTMLParser):
    """Reads a published HTML page once and records what must not be published."""

    def __init__(self, own: OwnScripts | None, relative: str):
        super().__init__(convert_charrefs=True)
        self.own, self.relative = own, relative
        self.problems: list[str] = []
        self.scripts: list[tuple[dict, str]] = []      # every inline script: (attributes, text)
        self.images: list[str] = []                     # site paths of the .svg images the page shows
        self._script: tuple[dict, list[str]] | None = None

    def _resolve(self, url: str) -> str:
        path = url.split("#")[0].split("?")[0]
        root = self.own.root if self.own is not None else "/"
        if path.startswith(root):
            return _posixpath.normpath(path[len(root):])
        return _posixpath.normpath(_posixpath.join(_posixpath.dirname(self.relative), path))

    def handle_starttag(self, tag, attrs):
        if tag in BANNED_ELEMENTS:
            self.problems.append(f"an <{tag}> element (embedded documents, <base> and <style> may not be published)")
        self.problems.extend(_attribute_problems(tag, attrs))
        values = {name: value or "" for name, value in attrs}
        if tag == "img" and values.get("src", "").endswith(".svg"):
            self.images.append(self._resolve(values["src"]))
        if tag == "script":
            self._script = (values, [])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag != "script" or self._script is None:
            return
        attrs, parts = self._script
        self._script = None
        text = "".join(parts)
        if "src" in attrs:
            if self.own is not None and (text.strip() or self._resolve(attrs["src"]) not in self.own.files):
                self.problems.append(f"a <script src={attrs['src']!r}> that is not one of the site's own scripts "
                                     "(mkdocs.yml, extra_javascript)")
            return
        self.scripts.append((attrs, text))
        if self.own is not None and not is_own_inline_script(text, attrs, self.own):
            self.problems.append(f"a <script> tag that is not one of the site's own ({' '.join(text.split())[:60]!r})")

    def handle_comment(self, data):
        if "<" in data or ">" in data or "--!" in data:
            self.problems.append("an HTML comment holding '<' or '>' (a browser may end it earlier than this check)")

    def handle_decl(self, decl):
        if decl.strip().lower() != "doctype html":
            self.problems.append(f"a declaration <!{decl[:40]}>")

    def unknown_decl(self, data):
        self.problems.append(f"a marked section <![{data[:40]}]]> (a browser reads it as a comment ending at '>')")

    def handle_pi(self, data):
        self.problems.append(f"a processing instruction <?{data[:40]}>")


def _unclosed_comment(text: str) -> bool:
    """Whether an '<!--' has no '-->' after it (Python's parser would re-read the rest of the page for each one)."""
    start = text.rfind("<!--")
    return start != -1 and text.find("-->", start + 4) == -1


class PublishedPage(NamedTuple):
    problems: list            # what must not be published, each once
    images: list              # site paths of the .svg images the page shows
    scripts: list             # every inline <script> as (attributes, text), in order


def inspect_published_html(text: str, own: OwnScripts, relative: str) -> PublishedPage:
    """One published HTML page, parsed once: its problems, its .svg images and its inline scripts."""
    if _unclosed_comment(text):
        return PublishedPage(["an HTML comment ('<!--') that is never closed"], [], [])
    inspector = _Inspector(own, relative)
    inspector.feed(text)
    inspector.close()
    if inspector._script is not None:
        inspector.problems.append("a <script> that is never closed")
    return PublishedPage(list(dict.fromkeys(inspector.problems)), inspector.images, inspector.scripts)


def check_published_html(text: str, own: OwnScripts, relative: str = "index.html") -> list[str]:
    """Problems of one published HTML page, each once; an empty list means it may be published."""
    return inspect_published_html(text, own, relative).problems


def check_published_svg(text: str) -> list[str]:
    """Problems of one published SVG image, read as XML (as a browser reads an .svg file): no <script>, no
    <foreignObject>, no event handler, no javascript:/vbscript:/data: URL, no DOCTYPE (entities) or processing
    instruction."""
    problems: list[str] = []
    parser = _expat.ParserCreate()

    def start(tag, attrs):
        local = tag.split(":")[-1].lower()
        if local == "script":
            problems.append("a <script> element")
        elif local == "foreignobject":
            problems.append("a <foreignObject> element (HTML inside the image)")
        elif local in BANNED_ELEMENTS - {"style"}:
            problems.append(f"an <{local}> element")
        problems.extend(_attribute_problems(local, list(attrs.items())))

    def doctype(*_):
        problems.append("a DOCTYPE (entity declarations may not be published)")
        raise ValueError("doctype")

    def instruction(target, data):
        problems.append(f"a processing instruction <?{target}>")

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(text, True)
    except ValueError:
        pass
    except _expat.ExpatError as error:
        problems.append(f"is not well-formed XML ({error}); an .svg must be")
    return list(dict.fromkeys(problems))


def check_docs_file(src_uri: str, head: bytes, own_assets: set[str]) -> list[str]:
    """Problems with a file in docs/ that is not a Markdown page: it must be one of the site's own assets or an
    image of a known type whose first bytes say it is one."""
    if src_uri in own_assets:
        return []
    suffix = _posixpath.splitext(src_uri)[1].lower()
    if suffix not in PUBLISHABLE_IMAGES:
        return [f"cannot be published: docs/ may hold Markdown pages, images ({', '.join(sorted(PUBLISHABLE_IMAGES))}) "
                "and the site's own assets listed in mkdocs.yml, nothing else (an .html or .js file would run on the "
                "site's origin)"]
    signatures = PUBLISHABLE_IMAGES[suffix]
    if signatures and not any(head.startswith(signature) for signature in signatures):
        return [f"is named {suffix} but is not a {suffix[1:].upper()} image"]
    if suffix == ".webp" and head[8:12] != b"WEBP":
        return ["is named .webp but is not a WebP image"]
    return []


def markdown_literal(text: str) -> str:
    """Text to put into generated Markdown so that it renders as exactly that text: HTML's & < > escaped, and every
    punctuation mark Markdown could read as syntax (links, emphasis, attribute lists…) escaped with a backslash."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"[\\`*_{}\[\]()#+\-.!|]", lambda m: "\\" + m.group(0), escaped)
