"""browser: loads a report page in headless Chromium and fails on anything
a reader's browser would show as broken.

  cd scripts && python3 -m racelab_tools.checks.browser PAGE.html \
      --screenshot FILE.png [--section TITLE]...

Through Selenium and chromedriver (Debian's chromium, chromium-driver and
python3-selenium; scripts/setup installs them), with Chromium's browser
and performance logs switched on, so the check sees what DevTools sees:
  - every console message of level SEVERE (a script error, a resource that
    failed or was refused by the Content-Security-Policy) is a failure;
  - every network request other than the page itself is a failure (the
    report must be self-contained);
  - every --section TITLE must be an <h2> of the page;
  - the page must fit a laptop's window, 1,300 px wide: a page wider than
    its window (a wide table or diff not wrapped or scrolled inside
    itself) is a failure naming the widest element.
Saves a full-page screenshot to FILE.png either way.
Exit codes: 0 the page is clean; 1 it is not (each problem printed);
2 bad usage or the browser could not be started.
"""

import json
import os
import sys

from .. import common

# A laptop's browser window, the width the report must fit.
WINDOW_WIDTH = 1300

# The page's width against its window's, and the elements reaching beyond
# the window's right edge, widest first.
OVERFLOW_SCRIPT = """
const root = document.documentElement;
const wide = [];
for (const e of document.body.querySelectorAll("*")) {
  const box = e.getBoundingClientRect();
  // Text overflowing its box reaches past the box's right edge.
  const right = Math.max(box.right, box.left + e.scrollWidth) + window.scrollX;
  if (right > root.clientWidth + 1) {
    const name = e.tagName.toLowerCase() +
        (e.className && typeof e.className === "string"
             ? "." + e.className.trim().split(/\\s+/).join(".") : "");
    wide.push([Math.round(right), name]);
  }
}
wide.sort((a, b) => b[0] - a[0]);
return [root.scrollWidth, root.clientWidth, wide.slice(0, 3)];
"""


def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-dev-shm-usage",
                 f"--window-size={WINDOW_WIDTH},1000",
                 "--disable-extensions", "--no-first-run"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs",
                           {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(
        service=Service("/usr/bin/chromedriver"), options=options)


def check(driver, page, sections):
    problems = []
    url = "file://" + os.path.abspath(page)
    driver.get(url)
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE":
            problems.append(f"console error: {entry.get('message')}")
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.requestWillBeSent":
            continue
        requested = message["params"]["request"]["url"]
        if requested != url:
            problems.append(f"network request: {requested}")
    from selenium.webdriver.common.by import By
    headings = [h.text.strip() for h in driver.find_elements(By.TAG_NAME,
                                                              "h2")]
    for section in sections:
        if section not in headings:
            problems.append(f"missing section: {section!r} (the page has: "
                            f"{', '.join(headings) or 'no <h2>'})")
    page_width, window_width, wide = driver.execute_script(OVERFLOW_SCRIPT)
    if page_width > window_width:
        problems.append(
            f"the page is {page_width} px wide in a {window_width}-px "
            f"window: it scrolls sideways (reaching furthest: "
            + ", ".join(f"<{name}> to {right} px" for right, name in wide)
            + ")")
    return problems


def screenshot(driver, path):
    height = driver.execute_script(
        "return document.documentElement.scrollHeight")
    driver.set_window_size(WINDOW_WIDTH, min(max(int(height), 800), 40000))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    driver.save_screenshot(path)


def main(argv=None):
    parser = common.argument_parser("browser_check", __doc__)
    parser.add_argument("page")
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--section", action="append", default=[])
    options = parser.parse_args(argv)
    if not os.path.isfile(options.page):
        print(f"browser_check: no page at {options.page}", file=sys.stderr)
        return 2
    try:
        driver = start_browser()
    except Exception as e:  # selenium missing, chromedriver failing, ...
        print(f"browser_check: cannot start headless Chromium ({e}); "
              "scripts/setup installs chromium, chromium-driver and "
              "python3-selenium", file=sys.stderr)
        return 2
    try:
        problems = check(driver, options.page, options.section)
        screenshot(driver, options.screenshot)
    finally:
        driver.quit()
    for problem in problems:
        print(f"browser_check: {problem}")
    print(f"browser_check: {options.page}: "
          f"{'CLEAN' if not problems else f'{len(problems)} problem(s)'}; "
          f"screenshot {options.screenshot}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
