"""Fixtures for the browser test: the built site on 127.0.0.1 and headless Chromium.

The site must be built first (`make test-site` runs `make docs`, then this). The browser
is Debian's Chromium, driven by Playwright; no browser is downloaded. Every request that
would leave 127.0.0.1 is blocked and recorded, so the test proves the site is offline.
"""

import functools
import os
import shutil
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "site"
SCREENSHOTS = REPO / "out" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_CHROMIUM = (
    f"NO BROWSER TEST: Chromium is not installed at {CHROMIUM}. "
    "Install it with `apt-get install -y chromium` as root (Debian's package; do not run "
    "`playwright install`)."
)


def sitemap_paths():
    """The path of every page in site/sitemap.xml; one placeholder if the site is not built."""
    sitemap = SITE / "sitemap.xml"
    if not sitemap.is_file():
        return ["(site not built)"]
    locations = ElementTree.parse(sitemap).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    return [urlsplit(location.text).path for location in locations]


def pytest_generate_tests(metafunc):
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", sitemap_paths())


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site():
    if not (SITE / "sitemap.xml").is_file():
        pytest.fail(f"{SITE} is not built: run `make docs` first, or `make test-site` for both.")
    return SITE


@pytest.fixture(scope="session")
def server(site):
    """The built site over HTTP on 127.0.0.1, on a free port; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        if os.environ.get("CI"):
            pytest.fail(NO_CHROMIUM + " CI must run this test.")
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@dataclass
class Traffic:
    """Everything that went wrong while a page loaded."""

    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    bad_responses: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    external_requests: list = field(default_factory=list)

    def problems(self):
        return {name: found for name, found in vars(self).items() if found}

    def clear(self):
        for found in vars(self).values():
            found.clear()


@pytest.fixture(scope="session")
def tab(browser, server):
    """One desktop-sized browser tab, with its traffic watched: yields (page, traffic)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    traffic = Traffic()

    def only_local(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            traffic.external_requests.append(route.request.url)
            route.abort()

    def console(message):
        if message.type == "error":
            traffic.console_errors.append(message.text)

    def response(response):
        if response.status >= 400:
            traffic.bad_responses.append(f"{response.status} {response.url}")

    def failed(request):
        if request.url not in traffic.external_requests:  # those are reported already
            traffic.failed_requests.append(f"{request.url}: {request.failure}")

    page.route("**/*", only_local)
    page.on("console", console)
    page.on("pageerror", lambda error: traffic.page_errors.append(str(error)))
    page.on("response", response)
    page.on("requestfailed", failed)
    yield page, traffic
    context.close()


@pytest.fixture(scope="session")
def screenshots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS
