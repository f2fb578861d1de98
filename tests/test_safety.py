"""Promise (issue 14): a contributed lesson can never run script on the site, hang the build, or fail unclearly.

The hostile fixtures themselves are in tests/test_broken_lessons.py (HOSTILE_CASES fail a real build naming each
file; INERT_CASES build and are read in Chromium). Here: the rules as unit tests, the time each takes on the worst
lines, the Content-Security-Policy of the built site, and stored data the pages must not trust.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

import glossary
import lesson_schema
import safety
import structured_data
import validate
from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "broken"
OWN = lesson_schema.OwnScripts(frozenset({"assets/javascripts/site.js"}),
                               tuple(lesson_schema.template_scripts('<script>var a = new URL("{{ base }}");</script>')),
                               "/course/")


# ------------------------------------------------------------------------------------------------ linear time
# The lines the issue names: each made the old guard's regular expressions run for minutes.
WORST_LINES = {
    "1,500 backticks": "`" * 1500 + "\n",
    "a heading and hundreds of spaces": "# A heading" + " " * 2000 + "x\n",
    "headings and spaces, many times": ("## T" + " " * 1000 + "\n") * 100,
    "fences of falling length": "".join("`" * n + "\n" for n in range(1500, 3, -1)),
    "unclosed fences": "```\nx\n" * 5000,
    "image openers": "![" * 20000 + "\n",
    "inline code runs": "`` a ` " * 5000 + "\n",
    "'<' and spaces in a diagram": "```mermaid\n<" + " " * 20000 + "\n```\n",
    "blank lines in a diagram": "```mermaid\n" + "\n" * 20000 + "x\n```\n",
}


@pytest.mark.parametrize("name", sorted(WORST_LINES))
def test_the_schema_reads_the_worst_lines_in_well_under_a_second(name):
    text = WORST_LINES[name]
    started = time.perf_counter()
    lesson_schema.check_page_body(text)
    lesson_schema.check_anatomy(text, "problem")
    lesson_schema.check_editorial(text, "problem")
    lesson_schema.check_placeholders({}, text)
    assert time.perf_counter() - started < 1.5, f"{name}: {time.perf_counter() - started:.1f} s"


@pytest.fixture(scope="module")
def site_markdown():
    """The site's own Markdown (extensions and hooks' changes to them), as `mkdocs build` renders a page."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    render = lambda text: markdown.Markdown(extensions=config.markdown_extensions,  # noqa: E731
                                            extension_configs=config.mdx_configs).convert(text)
    # The hook as MkDocs loaded it (its own module object, not tests' `import safety`).
    render.hook = next(module for module in config.plugins.values() if getattr(module, "__file__", "").endswith("safety.py"))
    return render


def test_the_worst_lines_page_is_validated_and_rendered_in_seconds(site_markdown):
    """tests/fixtures/broken/worst-lines.md is also built for real (the inert build of test_broken_lessons.py)."""
    started = time.perf_counter()
    _, problems = validate.page_problems(str(FIXTURES / "worst-lines.md"), "reference/worst-lines.md")
    _, body = lesson_schema.read_page(FIXTURES / "worst-lines.md")
    site_markdown(body)
    assert problems == []
    assert time.perf_counter() - started < 5


def test_markdown_that_takes_too_long_fails_naming_the_page(site_markdown, monkeypatch):
    """Python-Markdown itself is quadratic on some lines (thousands of unclosed '<a '): the render is bounded."""
    monkeypatch.setattr(site_markdown.hook, "RENDER_SECONDS", 1)
    monkeypatch.setitem(site_markdown.hook._state, "page", "reference/slow.md")
    started = time.perf_counter()
    with pytest.raises(PluginError, match=r"docs/reference/slow.md: its Markdown takes more than 1 s to render"):
        site_markdown("<a " * 20000)
    assert time.perf_counter() - started < 5


def test_a_page_over_the_size_limit_is_named_before_it_is_read(tmp_path):
    page = tmp_path / "huge.md"
    page.write_text("---\ntitle: Huge\n---\n" + "word " * (lesson_schema.MAX_PAGE_BYTES // 5 + 1))
    _, problems = validate.page_problems(str(page), "reference/huge.md")
    assert problems and "bytes, at most 200,000 allowed" in problems[0]


def test_published_html_that_would_hang_the_parser_is_refused_at_once():
    started = time.perf_counter()
    assert lesson_schema.check_published_html("<p>x</p>" + "<!--" * 200_000, OWN) == \
        ["an HTML comment ('<!--') that is never closed"]
    assert time.perf_counter() - started < 1


# ------------------------------------------------------------------------------------------------ published rules
@pytest.mark.parametrize("markup, problem", [
    ("<svg/onload=alert(1)>", "<svg> has an inline event handler (onload=…)"),
    ('<details open/ontoggle="x">', "<details> has an inline event handler (ontoggle=…)"),
    ('<a href="&#106;avascript:x">', "<a href> is a javascript: URL"),
    ('<a href="  java&#x0A;script:x">', "<a href> is a javascript: URL"),
    ('<img src="data:image/svg+xml,x" alt="">', "<img src> is a data: URL"),
    ('<form action="vbscript:x">', "<form action> is a vbscript: URL"),
    ('<button formaction="javascript:x">', "<button formaction> is a javascript: URL"),
    ('<svg><animate attributeName="href" values="#a;javascript:x"/></svg>', "<animate values> is a javascript: URL"),
    ('<svg><set attributeName="href" to="javascript:x"/></svg>', "<set to> is a javascript: URL"),
    ('<svg><a xlink:href="javascript:x">', "<a xlink:href> is a javascript: URL"),
    ("<iframe src=x>", "an <iframe> element"), ("<object>", "an <object> element"), ("<embed>", "an <embed> element"),
    ('<base href="https://example.com/">', "an <base> element"),
    ("<svg><style><img src=x onerror=y></style></svg>", "an <style> element"),
    ("<script>alert(1)</script>", "a <script> tag that is not one of the site's own"),
    ('<script type="module">alert(1)</script>', "a <script> tag that is not one of the site's own"),
    ('<script src="https://example.com/x.js"></script>', "that is not one of the site's own scripts"),
    ('<script type="application/json">{"a": 1}</script>', "a <script> tag that is not one of the site's own"),
    ('<script type="speculationrules">{"prefetch": [{"urls": ["https://example.com/"]}]}</script>', "not one of"),
    ("<!-- x --!><img src=x onerror=y> -->", "an HTML comment holding '<' or '>'"),
    ("<![CDATA[ > <img src=x onerror=y> ]]>", "a marked section"),
])
def test_published_html_rule(markup, problem):
    problems = lesson_schema.check_published_html(f"<!doctype html><html><body>{markup}</body></html>", OWN)
    assert any(problem in found for found in problems), problems


def test_the_sites_own_scripts_are_allowed():
    page = ('<!doctype html><script>var a = new URL("../..");</script>'
            '<script src="../assets/javascripts/site.js" defer></script>'
            '<script src="/course/assets/javascripts/site.js"></script>'
            '<script id="__config" type="application/json">{"base": ".."}</script>'
            '<script type="application/ld+json">{"@type": "FAQPage"}</script>'
            '<script type="speculationrules">{"prefetch": [{"where": {"href_matches": "/*"}}]}</script>'
            '<a href="https://example.com/">x</a><img src="../x.png" alt="x">')
    assert lesson_schema.check_published_html(page, OWN, "modules/index.html") == []
    # The same inline script with a Jinja value that is not a short path is not the template's.
    assert lesson_schema.check_published_html('<script>var a = new URL("a" + alert(1));</script>', OWN)


@pytest.mark.parametrize("svg, problem", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "a <script> element"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="x"/>', "inline event handler"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="javascript:y"/></svg>',
     "javascript: URL"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>', "a <foreignObject> element"),
    ('<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>', "a DOCTYPE"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style><![CDATA[</style><script>x</script>]]></style>', "not well-formed"),
])
def test_published_svg_rule(svg, problem):
    assert any(problem in found for found in lesson_schema.check_published_svg(svg)), lesson_schema.check_published_svg(svg)


def test_a_drawn_diagram_passes_the_svg_check(site):
    diagrams = sorted((site / "assets" / "diagrams").glob("*.svg"))
    assert diagrams
    assert lesson_schema.check_published_svg(diagrams[0].read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("src_uri, head, problem", [
    ("reference/page.html", b"<!doctype html>", "cannot be published"),
    ("assets/javascripts/evil.js", b"alert(1)", "cannot be published"),
    ("reference/fake.png", b"<html><script>", "is named .png but is not a PNG image"),
    ("reference/real.png", b"\x89PNG\r\n\x1a\n....", None),
    ("assets/javascripts/site.js", b"(function", None),
])
def test_what_docs_may_publish(src_uri, head, problem):
    problems = lesson_schema.check_docs_file(src_uri, head, {"assets/javascripts/site.js"})
    assert (problem is None and problems == []) or any(problem in found for found in problems), problems


# ------------------------------------------------------------------------------------------------ escaping
def test_front_matter_text_is_escaped_in_every_template():
    assert str(safety._finalize(safety.FrontMatterText('"><img src=x>'))) == "&#34;&gt;&lt;img src=x&gt;"
    assert safety._finalize("<b>trusted template value</b>") == "<b>trusted template value</b>"


@pytest.mark.parametrize("text", ["x](javascript:alert(1))", "{: onclick=alert(1) }", "<img src=x onerror=y>",
                                  "`<!--<script>`", "*a* _b_ [c][d] \\ | ! #"])
def test_generated_markdown_shows_front_matter_as_text(text):
    rendered = markdown.markdown(lesson_schema.markdown_literal(text), extensions=["attr_list", "tables"])
    assert rendered == f"<p>{text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</p>"


def test_faq_structured_data_escapes_everything_that_could_end_the_script():
    answer = "It opens <!--<script> then </script> & \u2028 \u2029."
    content = f'<details class="question"><summary>Q?</summary><p>{answer.replace("&", "&amp;").replace("<", "&lt;")}</p></details>'
    page = SimpleNamespace(content=content)
    output = structured_data.on_post_page("<head></head>", page=page, config=None)
    payload = re.search(r'<script type="application/ld\+json">(.*)</script>', output, re.S).group(1)
    assert not re.search("[<>&\u2028\u2029]", payload)
    assert json.loads(payload)["mainEntity"][0]["acceptedAnswer"]["text"] == " ".join(answer.split())
    question = structured_data.on_post_page("<head></head>", page=SimpleNamespace(
        content='<details class="question"><summary>Q\u2028?</summary><p>A</p></details>'), config=None)
    assert "\u2028" not in question and "\\u2028" in question or "Q ?" in question


def test_attr_list_may_set_only_id_and_class(site_markdown):
    state = site_markdown.hook._state
    state["attr_problems"] = []
    html = site_markdown('Text\n{: #here .note onclick="alert(1)" href="javascript:x" }\n')
    assert html == '<p class="note" id="here">Text</p>'
    assert [p.split(" on ")[0] for p in state["attr_problems"]] == [
        "an attribute list ({: … }) sets 'onclick'", "an attribute list ({: … }) sets 'href'"]


@pytest.mark.parametrize("info", ["mermaid", " mermaid", ".mermaid", "{.mermaid}", "{ .mermaid #d }",
                                  'mermaid title="x"'])
def test_every_spelling_of_a_mermaid_fence_is_a_diagram(info, site_markdown):
    page = f"```{info}\nflowchart LR\n    A --> B\n</code></pre><img src=x onerror=y>\n```\n"
    assert lesson_schema.mermaid_blocks(page), info
    html = site_markdown(page)
    assert "<img" not in html and "&lt;/code&gt;&lt;/pre&gt;&lt;img src=x onerror=y&gt;" in html


# ------------------------------------------------------------------------------------------------ clear messages
def test_a_glossary_that_is_not_utf8_is_named(tmp_path):
    (tmp_path / "glossary.yml").write_bytes(b"- term: caf\xe9\n")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    with pytest.raises(PluginError, match=r"^glossary.yml: is not UTF-8 text \(byte 11\)"):
        glossary.on_files(None, config=config)


def test_a_glossary_key_given_twice_is_rejected():
    with pytest.raises(Exception, match="the key 'term' is given twice"):
        lesson_schema.load_yaml("- term: a\n  term: b\n")


# ------------------------------------------------------------------------------------------------ the built site
def test_every_page_has_a_content_security_policy_with_its_own_scripts_hashed(site):
    policy_tag = re.compile(r'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="([^"]+)">')
    own = lesson_schema.OwnScripts(frozenset(), (), "/")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        found = policy_tag.search(text)
        assert found, f"{path} has no Content-Security-Policy right after its charset"
        policy = dict(part.strip().split(" ", 1) for part in found.group(1).split(";"))
        assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'"
        assert policy["default-src"] == "'self'" and "http" not in found.group(1)
        scripts = lesson_schema.inspect_published_html(text, own, path.relative_to(site).as_posix()).scripts
        hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
                  for attrs, body in scripts if lesson_schema.script_role(attrs) != "data"}
        assert set(policy["script-src"].split()) == {"'self'"} | hashes, path


STORED_PALETTES = ['{"index":"length"}', '{"index":"1"}', '{"index":-1}', '{"index":1.5}', '{"index":99}',
                   '{"index":null}', '"text"', "[]"]


def test_a_stored_palette_that_is_not_an_index_is_ignored(open_reader):
    """Each value in turn, in one tab: stored, then the page reloaded, as a reader coming back would see it."""
    reader = open_reader("dark")
    page = reader.open("")
    for stored in STORED_PALETTES:
        page.evaluate("stored => localStorage.setItem(__md_scope.pathname + '.__palette', stored)", stored)
        page.reload(wait_until="load")
        page.wait_for_function("document.body.hasAttribute('data-md-color-scheme')")
        shown = page.locator("[data-md-component=palette] label:not([hidden])")
        assert shown.count() == 1, f"{stored}: {shown.count()} palette toggles shown"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate", stored
        assert reader.errors == [], f"{stored}: {reader.errors}"
