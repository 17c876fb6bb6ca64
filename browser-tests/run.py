"""Browser tests: headless Chromium (Debian's chromium + chromium-driver) driven by Selenium against a live API.

Run by scripts/browser.sh, which starts the API on a fresh database with the demo seed. Each check waits for a
condition with a generous deadline (CI machines are slow), never for a fixed time, and saves a screenshot of
the page it looked at.
"""

import argparse
import json
import os
import subprocess
import sys
import traceback
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

DEADLINE = 60  # seconds for any one condition
# How to reach the database behind the API (--psql, --database-url), to end sessions on the server side.
DATABASE: dict[str, str] = {}


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600",
                 "--disable-gpu", "--no-first-run"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


class PatientWait(WebDriverWait):
    """A wait that counts a page replaced while it was being read as "not yet", not as a failure.

    After a click that navigates, the condition can find an element of the old page and read it just as the new
    page replaces it; Chromium then answers with a stale element, or an error saying the node "does not belong to
    the document". Polling again reads the new page. Any other error still fails at once, and a condition that
    never holds fails at DEADLINE.
    """

    def until(self, method, message=""):
        def tolerant(driver):
            try:
                return method(driver)
            except (NoSuchElementException, StaleElementReferenceException):
                return False
            except WebDriverException as error:
                if "does not belong to the document" in str(error):
                    return False
                raise
        return super().until(tolerant, message)


def patient(driver: webdriver.Chrome) -> WebDriverWait:
    return PatientWait(driver, DEADLINE)


def login(base: str, email: str) -> str:
    request = urllib.request.Request(
        f"{base}/api/v1/auth/login", data=json.dumps({"email": email, "password": "Str0ng!Pass"}).encode(),
        headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["access_token"]


def assert_accessible(driver: webdriver.Chrome) -> None:
    """Every field has a label, and the keyboard's first stop is the skip link, which leads to the content."""
    unlabelled = driver.execute_script("""
        return [...document.querySelectorAll('input:not([type=hidden])')]
            .filter(i => !(i.id && document.querySelector(`label[for="${i.id}"]`)) && !i.getAttribute('aria-label'))
            .map(i => i.name)""")
    assert not unlabelled, f"fields without a label: {unlabelled}"
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    first = driver.switch_to.active_element
    assert first.get_attribute("class") == "skip", first.get_attribute("outerHTML")
    first.send_keys(Keys.ENTER)
    assert driver.switch_to.active_element.get_attribute("id") == "main", "the skip link moves focus to the content"


def check_docs(driver: webdriver.Chrome, base: str, screenshots: str) -> None:
    """/docs renders the document by tag, authorises with a pasted token and runs "Try it out" for real."""
    wait = patient(driver)
    driver.get(f"{base}/docs")
    title = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".swagger-ui .info .title")))
    assert "ClickNBack API" in title.text, title.text
    tags = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock-tag-section"))
    names = {tag.find_element(By.CSS_SELECTOR, "h3").get_attribute("data-tag") for tag in tags}
    for expected in ("Auth", "Purchases", "Payouts", "Jobs"):
        assert expected in names, f"tag {expected} missing from {sorted(names)}"
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, f"the page logged errors: {errors}"
    driver.save_screenshot(os.path.join(screenshots, "docs.png"))

    # Authorize with an admin's token, as a reader would paste it.
    token = login(base, "carol@clicknback.com")
    driver.find_element(By.CSS_SELECTOR, ".auth-wrapper .authorize").click()
    dialog = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".dialog-ux .modal-ux")))
    schemes = dialog.find_elements(By.CSS_SELECTOR, ".auth-container")
    bearer = next(s for s in schemes if "bearerAuth" in s.text)
    bearer.find_element(By.CSS_SELECTOR, "input").send_keys(token)
    bearer.find_element(By.CSS_SELECTOR, "button.authorize").click()
    wait.until(lambda d: "Logout" in bearer.text)
    dialog.find_element(By.CSS_SELECTOR, "button.btn-done").click()

    # Try it out: GET /api/v1/users/me answers the admin's own profile through the page.
    operation = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#operations-Users-getCurrentUser")))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", operation)
    operation.find_element(By.CSS_SELECTOR, ".opblock-summary-control").click()
    wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#operations-Users-getCurrentUser .try-out__btn"))).click()
    wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#operations-Users-getCurrentUser .execute"))).click()
    status = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, "#operations-Users-getCurrentUser .live-responses-table tbody .response-col_status")))
    assert status.text.strip().startswith("200"), status.text
    body = driver.find_element(By.CSS_SELECTOR, "#operations-Users-getCurrentUser .live-responses-table pre")
    assert "carol@clicknback.com" in body.text, body.text
    driver.save_screenshot(os.path.join(screenshots, "docs-try-it.png"))


def check_console(driver: webdriver.Chrome, base: str, screenshots: str) -> None:
    """The console: sign-in, the queues page, pausing and resuming a job and redriving a parked item, each
    through its confirmation step, a phone's width, and signing out."""
    wait = patient(driver)
    driver.delete_all_cookies()
    driver.get(f"{base}/console/queues")
    wait.until(EC.url_contains("/console/sign-in"))
    driver.save_screenshot(os.path.join(screenshots, "console-sign-in.png"))
    assert_accessible(driver)
    driver.find_element(By.ID, "email").send_keys("carol@clicknback.com")
    driver.find_element(By.ID, "password").send_keys("Str0ng!Pass")
    driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]").click()
    # The sign-in page has a heading too: wait for the one of the page the sign-in leads to.
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "main h1"), "Queues"))
    assert driver.find_element(By.CSS_SELECTOR, "main h1").text == "Queues"
    assert "purchase_confirmation" in driver.page_source
    bars = driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=job-purchase_confirmation] svg.chart rect.settled")
    assert len(bars) >= 30, f"the attempts chart draws a bar per minute: {len(bars)}"
    cookie = driver.get_cookie("cnb_console")
    assert cookie and cookie["httpOnly"] and cookie.get("sameSite") == "Strict", cookie
    driver.save_screenshot(os.path.join(screenshots, "console-queues.png"))

    for action, state in (("pause", "Paused"), ("resume", "Running")):
        section = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=job-purchase_confirmation]")
        section.find_element(By.CSS_SELECTOR, f"form[action$='/{action}'] button").click()
        confirm = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "form.card button.danger")))
        if action == "pause":
            driver.save_screenshot(os.path.join(screenshots, "console-confirm.png"))
        confirm.click()
        wait.until(lambda d: state in d.find_element(
            By.CSS_SELECTOR, "section[aria-labelledby=job-purchase_confirmation] .state").text)

    # Items: the parked item, its history, and its redrive with a note and a confirmation.
    driver.find_element(By.LINK_TEXT, "Items").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "main h2"), "Parked items"))
    driver.save_screenshot(os.path.join(screenshots, "console-items.png"))
    assert_accessible(driver)
    driver.find_element(By.CSS_SELECTOR, "main table a").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "dl.facts"), "parked for the browser test"))
    driver.save_screenshot(os.path.join(screenshots, "console-item.png"))
    driver.find_element(By.ID, "note").send_keys("cause fixed in the browser test")
    driver.find_element(By.CSS_SELECTOR, "form[action$='/redrive'] button").click()
    wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "form.card button.danger"))).click()
    wait.until(lambda d: "due" in d.find_element(By.CSS_SELECTOR, "dl.facts").text)
    assert not driver.find_elements(By.CSS_SELECTOR, "form[action$='/redrive']"), "no redrive for an item not parked"
    driver.find_element(By.LINK_TEXT, "Queues").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "main h1"), "Queues"))
    breakers = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=job-purchase_confirmation]").text
    assert "worker-b: open" in breakers and "worker-a: closed" in breakers, breakers

    # Money: the reconcile run recorded by the script, the purchases pending longest, and a user's wallet
    # found from there.
    driver.find_element(By.LINK_TEXT, "Money").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "main h1"), "Money"))
    reconcile = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=reconcile]").text
    assert "Clean" in reconcile, reconcile
    driver.save_screenshot(os.path.join(screenshots, "console-money.png"))
    assert_accessible(driver)
    driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=pending] tbody tr td:nth-child(4) a").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "section[aria-labelledby=wallet]"), "Ledger"))
    wallet = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=wallet]").text
    assert "purchase_ingested" in wallet, wallet
    driver.save_screenshot(os.path.join(screenshots, "console-wallet.png"))
    account = driver.find_element(By.ID, "account")
    account.clear()
    account.send_keys("alice@clicknback.com")
    account.submit()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "section[aria-labelledby=wallet]"), "alice@"))

    # Phone width: the page still fits without sideways scrolling.
    driver.set_window_size(390, 844)
    for page in ("money", "queues"):
        driver.get(f"{base}/console/{page}" + ("?account=alice%40clicknback.com" if page == "money" else ""))
        wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "main h1"), page.capitalize()))
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{page}: {overflow}px wider than a phone"
        driver.save_screenshot(os.path.join(screenshots, f"console-{page}-phone.png"))
    driver.set_window_size(1280, 1600)

    driver.find_element(By.CSS_SELECTOR, "form.signout button").click()
    wait.until(EC.url_contains("/console/sign-in"))
    driver.get(f"{base}/console/queues")
    wait.until(EC.url_contains("/console/sign-in"))


def check_expired_session(driver: webdriver.Chrome, base: str, screenshots: str) -> None:
    """A session that ended on the server (here: made expired in the database) shows the sign-in page at the
    next refresh, and signing in again opens the console."""
    wait = patient(driver)
    driver.delete_all_cookies()
    driver.get(f"{base}/console/sign-in")
    driver.find_element(By.ID, "email").send_keys("carol@clicknback.com")
    driver.find_element(By.ID, "password").send_keys("Str0ng!Pass")
    driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "main h1"), "Queues"))
    subprocess.run(
        [DATABASE["psql"], "-q", DATABASE["url"], "-c",
         "UPDATE console_sessions SET expires_at = now() - interval '1 second'"],
        check=True, stdout=subprocess.DEVNULL)
    driver.find_element(By.LINK_TEXT, "Money").click()
    wait.until(EC.url_contains("/console/sign-in"))
    assert "Money" not in driver.find_element(By.CSS_SELECTOR, "main").text
    driver.find_element(By.ID, "email").send_keys("carol@clicknback.com")
    driver.find_element(By.ID, "password").send_keys("Str0ng!Pass")
    driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "main h1"), "Queues"))


CHECKS = [check_docs, check_console, check_expired_session]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--psql", required=True)
    parser.add_argument("--database-url", required=True)
    arguments = parser.parse_args()
    DATABASE.update(psql=arguments.psql, url=arguments.database_url)
    failed = 0
    driver = browser()
    try:
        for check in CHECKS:
            try:
                check(driver, arguments.base, arguments.screenshots)
                print(f"browser: ✔ {check.__name__}")
            except Exception:
                failed += 1
                print(f"browser: ✘ {check.__name__}", file=sys.stderr)
                traceback.print_exc()
                driver.save_screenshot(os.path.join(arguments.screenshots, f"failed-{check.__name__}.png"))
    finally:
        driver.quit()
    print(f"browser: {len(CHECKS) - failed} of {len(CHECKS)} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
