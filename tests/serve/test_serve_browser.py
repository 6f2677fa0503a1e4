"""The class server in a real browser: headless Chromium (Debian's package) driven by Selenium.

A student opens her sign-in link, goes to the matrix question from the
assignment list, types the matrix one row per line, submits, and sees it graded
right; the math is typeset by the vendored KaTeX with no console error (a CSP
violation would be one). Skipped, saying why, without chromium, chromedriver or selenium.
"""
import runpy
import shutil
import tempfile

import pytest

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
if not CHROMIUM or not CHROMEDRIVER:
    pytest.skip("needs Debian's chromium and chromium-driver (setup.sh installs them)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install -e '.[dev]')")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as shown  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from serve_support import FIXTURES, roster_links  # noqa: E402
from test_serve_http import latest_instance  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1000,1300"]


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="qbank-chromium-")
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


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
