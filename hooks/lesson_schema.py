"""The one definition of what a page of the course must contain.

The build hooks (`frontmatter.py`, `anatomy.py`, `checklist.py`) and the tests import this module, so the rules a
contributor meets in `mkdocs build` and in `pytest` are the same rules. Every check is a pure function that takes
text or a dict and returns a list of problems; an empty list means the page is fine.
"""

from __future__ import annotations

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

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
                    re.DOTALL | re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*(?:\{[^}]*\})?[ \t]*#*[ \t]*$", re.MULTILINE)
_FAQ = re.compile(r'^\?\?\?\+?[ \t]+question[ \t]+"[^"]+"', re.MULTILINE)
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$", re.MULTILINE)
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%×/+-]*")

# Raw HTML that would run script in a reader's browser, or embed another site.
_UNSAFE_HTML = (
    (re.compile(r"<\s*script\b", re.I), "a <script> tag"),
    (re.compile(r"<\s*(iframe|frame|object|embed)\b", re.I), "an embedded frame or object (<iframe>, <object>, <embed>)"),
    (re.compile(r"<\s*(style|link|meta|base|form)\b", re.I), "a <style>, <link>, <meta>, <base> or <form> tag"),
    (re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I), "an inline event handler (on…= attribute)"),
    (re.compile(r"(?:\]\(|(?:href|src|action)\s*=\s*[\"']?)\s*(?:javascript|vbscript|data):", re.I),
     "a javascript:, vbscript: or data: URL"),
)


def lesson_kind(src_uri: str) -> str | None:
    """`module` for pages under modules/, `problem` under problems/, None for other pages."""
    top = src_uri.replace("\\", "/").split("/", 1)[0]
    return {"modules": "module", "problems": "problem"}.get(top)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Front matter as a dict and the Markdown after it; raises ValueError with a readable reason."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise ValueError(f"front matter is not valid YAML{where}: {getattr(error, 'problem', error)}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValueError("front matter must be a mapping of keys to values")
    return data, text[match.end():]


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
    for key in sorted(set(meta) - ALLOWED_KEYS):
        problems.append(f"{key}: unknown field (allowed: {', '.join(sorted(ALLOWED_KEYS))})")

    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append("title: missing or empty")

    description = meta.get("description")
    if description is None:
        problems.append("description: missing (one sentence, at most 160 characters)")
    elif not isinstance(description, str) or not description.strip():
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
                problems.extend(f"checklist: item {number} contains {what}" for what in unsafe_html(question))
    return problems


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


def mask_code(markdown: str) -> str:
    """The Markdown with fenced blocks and inline code blanked out (line numbers preserved)."""
    blanked = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    return _INLINE_CODE.sub("", blanked)


def mermaid_blocks(markdown: str) -> list[str]:
    """The bodies of the page's ```mermaid fences, in order."""
    return [m.group("body") for m in _FENCE.finditer(markdown) if m.group("info").strip().split(" ")[0] == "mermaid"]


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
    if not re.search(r"^\s*accTitle\s*:", body, re.MULTILINE):
        problems.append("has no accTitle (the accessible title screen readers announce)")
    if not re.search(r"^\s*accDescr\s*[:{]", body, re.MULTILINE):
        problems.append("has no accDescr (the accessible description)")
    if re.search(r"<\s*/?\s*[a-z!]", body, re.I):
        problems.append("contains HTML in a label; write plain text (Mermaid labels are not a place for markup)")
    if re.search(r"^\s*(style|classDef|linkStyle)\b", body, re.MULTILINE):
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
    """(level, text) of every ATX heading outside code."""
    return [(len(m.group(1)), m.group(2).strip()) for m in _HEADING.finditer(mask_code(markdown))]


def prose_words(markdown: str) -> int:
    """Words of prose: without front matter, code, diagrams, tables, headings and block markers."""
    lines = []
    for line in mask_code(markdown).splitlines():
        stripped = line.strip()
        if stripped.startswith(("|", "#", "--8<--", "<!--", "*[")) or re.match(r"^(!!!|\?\?\?)", stripped):
            continue
        lines.append(stripped)
    return len(_WORD.findall(" ".join(lines)))


def unsafe_html(text: str) -> list[str]:
    """Descriptions of script-running or embedding HTML found in text."""
    return [what for pattern, what in _UNSAFE_HTML if pattern.search(text)]


def check_page_body(markdown: str) -> list[str]:
    """Problems any page can have: unsafe HTML, images without alt text, skipped heading levels, Mermaid."""
    problems = []
    visible = mask_code(markdown)
    problems.extend(f"body: contains {what}; contributed pages may not run script" for what in unsafe_html(visible))
    for m in _IMAGE.finditer(visible):
        if not m.group("alt").strip():
            problems.append(f"body: image {m.group('src')!r} has no alt text")
    lines = visible.splitlines()
    for number, line in enumerate(lines):
        if number and _TABLE_SEPARATOR.fullmatch(line):
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
    if not _TABLE_SEPARATOR.search(mask_code(markdown)):
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
                _TABLE_SEPARATOR.fullmatch(lines[number + 1]):
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
_ELLIPSIS_CELL = re.compile(r"^\|(?:.*\|)?[ \t]*(?:…|\.\.\.)[ \t]*\|", re.MULTILINE)


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
    if found := _ELLIPSIS_CELL.search(visible):
        line = visible[:found.start()].count("\n") + 1
        problems.append(f"body: line {line} has a table cell that is only '…'; fill it in")
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


_GOING_DEEPER = re.compile(r'^(?P<indent>[ \t]*)\?\?\?\+?[ \t]+note[ \t]+"Going deeper[^"]*"[^\n]*\n'
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
    """The editor's rules: a module opens with its summary block, a problem names its two deep dives up front, and
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
