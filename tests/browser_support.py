"""Headless Chromium (Debian's chromium and chromium-driver) driven by Selenium, for the browser tests.

Importing this skips the importing test module, saying why, where chromium, chromedriver
or selenium is missing (setup.sh installs them; never a test tool's own browser download).
"""
import contextlib
import shutil
import tempfile

import pytest

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
if not CHROMIUM or not CHROMEDRIVER:
    pytest.skip("needs Debian's chromium and chromium-driver (setup.sh installs them)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install -e '.[dev]')")
from selenium.webdriver.chrome.service import Service  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1000,1300"]


@contextlib.contextmanager
def chromium(*, performance_log: bool = False):
    """A fresh headless Chromium with its own throw-away profile; its console log is kept (and the
    DevTools performance log, which holds every response, when asked)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="qbank-chromium-")
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    logs = {"browser": "ALL", "performance": "ALL"} if performance_log else {"browser": "ALL"}
    options.set_capability("goog:loggingPrefs", logs)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
