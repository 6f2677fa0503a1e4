"""The class server in a real browser: headless Chromium (Debian's package) driven by Selenium.

A student opens her sign-in link, goes to the matrix question from the
assignment list, types the matrix one row per line, submits, and sees it graded
right; the math is typeset by the vendored KaTeX with no console error (a CSP
violation would be one). Skipped, saying why, without chromium, chromedriver or selenium.
"""
import runpy

import pytest

from browser_support import chromium  # first: it skips this module where there is no browser
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as shown
from selenium.webdriver.support.ui import WebDriverWait
from serve_support import FIXTURES, roster_links
from test_serve_http import latest_instance


@pytest.fixture
def browser():
    with chromium() as driver:
        yield driver


def test_sign_in_with_a_link_and_answer_a_matrix_question(course_file, server_for, browser, tmp_path):
    runpy.run_path(str(FIXTURES / "serve_drill.py"))
    db_url = f"sqlite:///{tmp_path / 'course.sqlite3'}"
    tokens = roster_links(course_file, db_url, tmp_path)
    server = server_for(course_file, db_url)
    wait = WebDriverWait(browser, 30)

    browser.get(f"{server.base}/signin/{tokens['s1']}")
    wait.until(shown.presence_of_element_located((By.ID, "assignment-hw")))
    assert "Ada Lovelace" in browser.find_element(By.TAG_NAME, "header").text
    browser.find_element(By.LINK_TEXT, "serve/matrix").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#stem .katex"))  # M typeset by KaTeX

    key = latest_instance(db_url, "s1", "hw", "serve/matrix").answers["m_plus_i"]
    field = browser.find_element(By.ID, "answer-m_plus_i")
    assert field.tag_name == "textarea"
    field.send_keys("\n".join(" ".join(str(int(v)) for v in row) for row in key))  # one row per line
    browser.find_element(By.ID, "submit").click()
    wait.until(shown.text_to_be_present_in_element((By.ID, "verdict"), "Attempt 1: correct, 4 / 4 points."))
    assert browser.find_element(By.CSS_SELECTOR, "#part-m_plus_i .status").text == "right"
    assert not browser.find_elements(By.ID, "submit")  # the attempt is over
    assert not browser.find_elements(By.ID, "solution")  # and solutions wait for the due date
    browser.save_screenshot(str(tmp_path / "matrix.png"))
    assert (tmp_path / "matrix.png").stat().st_size > 10_000
    assert [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"] == []
