"""Promise: the learner features work as a reader uses them — progress, the estimator, the practice timer."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, SITE_URL, page_url_path, text_of

MODULE_01 = "modules/01-what-is-system-design/"
MODULE_02 = "modules/02-back-of-the-envelope-estimation/"
PROBLEMS = sorted(page_url_path(p.relative_to(ROOT / "docs").as_posix()) for p in (ROOT / "docs" / "problems").glob("*.md"))
STORAGE_KEY = "system-design-course.progress"


def module_count() -> int:
    return len(list((ROOT / "docs" / "modules").glob("*.md")))


def tick_all(page):
    boxes = page.locator(".sd-checklist input[type=checkbox]")
    boxes.first.wait_for()
    for index in range(boxes.count()):
        boxes.nth(index).check()
    return boxes.count()


def home_summary(page) -> str:
    summary = page.locator(".sd-progress__summary")
    page.wait_for_function("() => /modules done/.test(document.querySelector('.sd-progress__summary')?.textContent || '')")
    return summary.inner_text()


# ---- progress ------------------------------------------------------------------------------------------------------

def test_ticks_persist_across_reload_and_finish_the_module_on_the_home_page(reader):
    page = reader.open(MODULE_01)
    total = tick_all(page)
    assert total >= 6
    assert "done" in text_of(page.locator(".sd-checklist__status"))
    page.reload()
    page.locator(".sd-checklist input:checked").first.wait_for()
    assert page.locator(".sd-checklist input:checked").count() == total
    page = reader.open("")
    assert home_summary(page).startswith(f"1 of {module_count()} modules done")
    assert page.locator(".sd-badge--done").count() == 1
    assert page.locator("progress.sd-progress__bar").get_attribute("value") == "1"
    assert page.locator(".md-nav__link.sd-nav--done[href*='01-what-is-system-design']").count() >= 1
    assert reader.errors == [] and reader.external_requests == []


def test_a_partly_answered_module_shows_its_count_and_is_not_done(reader):
    page = reader.open(MODULE_01)
    page.locator(".sd-checklist input[type=checkbox]").first.check()
    total = page.locator(".sd-checklist input[type=checkbox]").count()
    page = reader.open("")
    assert home_summary(page).startswith(f"0 of {module_count()} modules done · 1 of")
    badge = page.locator(".sd-course-map a[href*='01-what-is-system-design'] + .sd-badge")
    assert badge.inner_text() == f"1/{total}"


def test_ticks_survive_following_links(reader):
    page = reader.open("")
    page.click(f"article a[href*='{MODULE_01}']")
    page.wait_for_url(lambda url: f"/{MODULE_01}" in url)
    page.locator(".sd-checklist input[type=checkbox]").first.check()
    page.click("a.md-header__button.md-logo")
    page.wait_for_function("() => !!document.querySelector('.sd-progress__summary')")
    assert "· 1 of" in home_summary(page)


def test_reset_clears_every_tick(reader):
    page = reader.open(MODULE_01)
    tick_all(page)
    page = reader.open("")
    assert home_summary(page).startswith("1 of")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    page.wait_for_function("() => document.querySelector('.sd-progress__summary').textContent.startsWith('0 of')")
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None


def test_export_and_import_carry_progress_to_another_browser(open_reader, tmp_path):
    first = open_reader()
    page = first.open(MODULE_01)
    total = tick_all(page)
    page = first.open("")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert len(data["pages"][MODULE_01]) == total

    second = open_reader()
    page = second.open("")
    assert home_summary(page).startswith("0 of")
    page.locator(".sd-progress input[type=file]").set_input_files(str(exported))
    page.wait_for_function("() => document.querySelector('.sd-progress__summary').textContent.startsWith('1 of')")
    assert "imported" in page.locator(".sd-progress__message").inner_text().lower()


def test_importing_a_foreign_file_changes_nothing(reader, tmp_path):
    foreign = tmp_path / "other.json"
    foreign.write_text(json.dumps({"theme": "dark"}))
    page = reader.open("")
    home_summary(page)
    page.locator(".sd-progress input[type=file]").set_input_files(str(foreign))
    page.wait_for_function("() => /not a progress export/.test(document.querySelector('.sd-progress__message').textContent)")
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None


CORRUPT_STORAGE = [
    "{not json",
    json.dumps({"version": 1, "pages": ["modules/01-what-is-system-design/"]}),
    json.dumps({"version": 99, "pages": {}}),
    json.dumps({"version": 1, "pages": {MODULE_01: "everything"}}),
    json.dumps([1, 2, 3]),
]


def test_corrupt_or_foreign_storage_is_ignored_without_errors(reader):
    """Each stored value in turn, in one tab: written, then the module and the home page opened afresh."""
    page = reader.open(MODULE_01)
    for stored in CORRUPT_STORAGE:
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, stored])
        page = reader.open(MODULE_01)
        page.locator(".sd-checklist input[type=checkbox]").first.wait_for()
        assert page.locator(".sd-checklist input:checked").count() == 0, stored
        page = reader.open("")
        assert home_summary(page).startswith("0 of"), stored
        assert reader.errors == [], f"{stored}: {reader.errors}"


# ---- the estimator ---------------------------------------------------------------------------------------------------

def estimator_output(page, label: str) -> str:
    return text_of(page.locator(f"xpath=//dl[contains(@class,'sd-estimator__results')]/dt[.='{label}']/following-sibling::dd[1]"))


def test_estimator_defaults_reproduce_the_timeline_example(reader):
    page = reader.open(MODULE_02)
    page.locator("[data-sd-estimator] input").first.wait_for()
    assert estimator_output(page, "Average write rate") == "17.4k writes/s"
    assert estimator_output(page, "Peak write rate") == "52.1k writes/s"
    assert estimator_output(page, "Average read rate") == "1.74M reads/s"
    assert estimator_output(page, "New data per day") == "1.5 TB"
    assert estimator_output(page, "New data per year") == "548 TB"
    how = text_of(page.locator(".sd-estimator__how").first)
    assert "300M users × 5 writes = 1.5B writes a day; ÷ 86,400 s = 17.4k/s" == how
    assert reader.errors == []


def test_estimator_reacts_to_input_and_puts_it_in_the_address(reader):
    page = reader.open(MODULE_02)
    page.fill("#sd-estimate-dau", "100000000")
    assert estimator_output(page, "Average write rate") == "5.79k writes/s"
    assert "dau=100000000" in page.url
    page.fill("#sd-estimate-size", "2")
    page.select_option("#sd-estimate-size-unit", label="MB")
    assert estimator_output(page, "New data per day") == "1 PB"
    shared = page.url
    assert shared.startswith(SITE_URL)
    again = reader.open(shared[len(SITE_URL):])
    assert again.input_value("#sd-estimate-dau") == "100000000"
    assert estimator_output(again, "New data per day") == "1 PB"


BAD_INPUTS = [
    ("dau", "", "is empty"),
    ("dau", "-5", "at least 1"),
    ("dau", "lots", "must be a number"),
    ("dau", "1e12", "more than everyone alive"),
    ("peak", "0.5", "at least 1"),
    ("size", "0", "greater than 0"),
    ("replication", "1e400", "too large"),
]


def test_estimator_explains_bad_input_and_never_shows_nan(reader):
    """Each bad value in turn on one page, the field put back between them, as a reader correcting a typo."""
    page = reader.open(MODULE_02)
    for field, value, says in BAD_INPUTS:
        before = page.input_value(f"#sd-estimate-{field}")
        page.fill(f"#sd-estimate-{field}", value)
        message = text_of(page.locator(".sd-estimator__message"))
        assert says in message, f"{field}={value!r}: {message}"
        results = text_of(page.locator(".sd-estimator__results"))
        assert "NaN" not in results and "Infinity" not in results, f"{field}={value!r}: {results}"
        assert page.get_attribute(f"#sd-estimate-{field}", "aria-invalid") == "true", f"{field}={value!r}"
        page.fill(f"#sd-estimate-{field}", before)
        assert page.get_attribute(f"#sd-estimate-{field}", "aria-invalid") != "true", f"{field} stays invalid"


# ---- the practice timer ----------------------------------------------------------------------------------------------

def current_phase(page) -> str:
    rows = page.locator("tr.sd-timer__current td:first-child")
    return text_of(rows.first) if rows.count() else ""


@pytest.mark.parametrize("url_path", [MODULE_01, PROBLEMS[0]])
def test_timer_counts_down_through_the_phases(open_reader, url_path):
    reader = open_reader()
    reader.page.clock.install()
    page = reader.open(url_path)
    start = page.get_by_role("button", name="Start practice")
    start.click()
    assert current_phase(page) == "Requirements"
    assert re.fullmatch(r"Requirements: 0[45]:\d\d left in this phase · 4[45]:\d\d left overall",
                        text_of(page.locator(".sd-timer__clock")))
    page.clock.run_for(5 * 60 * 1000 + 1500)
    assert current_phase(page) == "Estimation"
    assert "Now: Estimation" in text_of(page.locator(".sd-timer__status"))
    assert "39:5" in text_of(page.locator(".sd-timer__clock"))
    page.get_by_role("button", name="Pause").click()
    frozen = text_of(page.locator(".sd-timer__clock"))
    page.clock.run_for(60 * 1000)
    assert text_of(page.locator(".sd-timer__clock")) == frozen
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(40 * 60 * 1000)
    assert "Time is up" in text_of(page.locator(".sd-timer__clock"))
    page.get_by_role("button", name="Reset").click()
    assert current_phase(page) == ""
    assert reader.errors == []


def test_timer_is_keyboard_operable(open_reader):
    reader = open_reader()
    reader.page.clock.install()
    page = reader.open(MODULE_01)
    page.get_by_role("button", name="Start practice").focus()
    page.keyboard.press("Enter")
    assert current_phase(page) == "Requirements"
    assert page.get_attribute(".sd-timer__status", "aria-live") == "polite"
