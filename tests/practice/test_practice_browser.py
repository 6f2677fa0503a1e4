"""The practice page in a real browser: headless Chromium (Debian's package) driven by Selenium.

Skipped with the reason when chromium, chromedriver or selenium is missing
(setup.sh installs them). The student answers one question right and one
wrong (after a typo the page asks to fix), sees the marks, the key and the
worked solution, and the math is typeset by the vendored KaTeX without a
single console error (a CSP violation would be one). Screenshots go to tmp_path.
A second test reads back, through the DevTools protocol, every response body the
browser received before the student submitted, and finds no key in them.
"""
import json

import pytest

from browser_support import chromium  # first: it skips this module where there is no browser
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as shown
from selenium.webdriver.support.ui import WebDriverWait


@pytest.fixture
def browser():
    with chromium(performance_log=True) as driver:
        yield driver


def ask(driver, wait):
    driver.find_element(By.ID, "new-question").click()
    wait.until(lambda d: d.execute_script("return state.token") and d.find_elements(By.CSS_SELECTOR, "#stem .katex"))
    return driver.execute_script("return state.token")


def test_answer_right_then_wrong_in_chromium(serve, drill_templates, browser, tmp_path):
    app, port = serve([drill_templates["drill/sum"], drill_templates["drill/transpose"]], pool_depth=1)
    wait = WebDriverWait(browser, 30)
    browser.get(f"http://127.0.0.1:{port}/")
    wait.until(shown.presence_of_element_located((By.CSS_SELECTOR, "#topics input[value=alpha]"))).click()

    part = app.sessions.get(ask(browser, wait)).instance.parts[0]
    browser.find_element(By.ID, f"answer-{part.name}").send_keys(part.spec.text(part.value))
    browser.find_element(By.ID, "check").click()
    wait.until(shown.text_to_be_present_in_element((By.ID, "verdict"), "All right!"))
    assert browser.find_element(By.CSS_SELECTOR, ".status.correct").text == "✓ Right (1 of 1 pt)"
    assert browser.find_element(By.ID, "score").text == "Score 1/1 · streak 1"
    browser.save_screenshot(str(tmp_path / "right.png"))

    part = app.sessions.get(ask(browser, wait)).instance.parts[0]
    field = browser.find_element(By.ID, f"answer-{part.name}")
    field.send_keys("twelve")
    browser.find_element(By.ID, "check").click()
    wait.until(shown.text_to_be_present_in_element((By.CSS_SELECTOR, ".status"), "Cannot read 'twelve': not a number"))
    assert not browser.find_element(By.ID, "solution").is_displayed()  # a typo reveals nothing
    field.clear()
    field.send_keys(str(part.value + 1))
    browser.find_element(By.ID, "check").click()
    wait.until(shown.visibility_of_element_located((By.ID, "solution")))
    assert browser.find_element(By.CSS_SELECTOR, ".status.wrong").text == "✗ Not right (0 of 1 pt)"
    assert browser.find_elements(By.CSS_SELECTOR, ".key .katex")  # the key, typeset
    assert browser.find_elements(By.CSS_SELECTOR, "#solution-body .katex")
    assert browser.find_element(By.ID, "score").text == "Score 1/2 · streak 0"
    browser.save_screenshot(str(tmp_path / "wrong.png"))
    assert (tmp_path / "wrong.png").stat().st_size > 10_000
    browser.refresh()  # the score is the server's: a reload keeps it
    wait.until(shown.text_to_be_present_in_element((By.ID, "score"), "Score 1/2 · streak 0"))
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def received_bodies(driver) -> str:
    """Every response body the page received since the last call, read back through the DevTools protocol
    (Chromium keeps no body for some requests, such as the data: favicon; those are skipped)."""
    bodies = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.loadingFinished":
            try:
                body = driver.execute_cdp_cmd("Network.getResponseBody", {"requestId": message["params"]["requestId"]})
            except WebDriverException:
                continue
            bodies.append(body["body"])
    return "\n".join(bodies)


def test_the_browser_receives_no_key_before_submitting(serve, drill_templates, browser):
    app, port = serve([drill_templates["drill/secret"]], pool_depth=1)
    wait = WebDriverWait(browser, 30)
    browser.get(f"http://127.0.0.1:{port}/")
    wait.until(shown.presence_of_element_located((By.CSS_SELECTOR, "#topics input")))
    browser.find_element(By.ID, "new-question").click()
    wait.until(lambda d: d.execute_script("return state.token"))
    secret = str(app.sessions.get(browser.execute_script("return state.token")).instance.answers["secret"])
    before = received_bodies(browser)
    assert "Type the number the server chose" in before and "katex" in before  # the page and question arrived
    for marker in (secret, "SOLUTION-MARKER", "MODEL-ANSWER-MARKER"):
        assert marker not in before
    browser.find_element(By.ID, "reveal").click()
    wait.until(shown.visibility_of_element_located((By.ID, "solution")))
    after = received_bodies(browser)
    assert secret in after and "SOLUTION-MARKER" in after and "MODEL-ANSWER-MARKER" in after
