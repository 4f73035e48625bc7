"""Every page of the built site, in headless Chromium: offline, error-free, fully rendered.

Pages come from sitemap.xml. Each is loaded once at desktop width and checked, then
screenshotted at desktop (1280x800) and phone (390x844) widths into out/screenshots/.
"""

import re

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# Generous: the first mermaid diagram pays for parsing the 3.5 MB library.
RENDER_TIMEOUT_MS = 15_000


def screenshot_name(path):
    return re.sub(r"[^\w-]+", "_", path.strip("/")) or "home"


BROKEN_IMAGES = """async () => {
  const images = [...document.images];
  for (const image of images) image.loading = "eager";
  await Promise.all(images.map((image) => image.decode().catch(() => null)));
  return images.filter((image) => !(image.complete && image.naturalWidth > 0))
               .map((image) => image.currentSrc || image.src);
}"""

UNRENDERED_MATH = """() => [...document.querySelectorAll(".arithmatex")]
  .filter((math) => !math.querySelector(".katex"))
  .map((math) => math.textContent.slice(0, 60))"""

EMPTY_DIAGRAMS = """() => [...document.querySelectorAll("div.mermaid")]
  .map((host) => host.getBoundingClientRect())
  .filter((box) => !(box.width > 0 && box.height > 0))
  .length"""


def test_page(page_path, server, tab, screenshots):
    """`page_path` is each page of the sitemap in turn (see conftest.py)."""
    page, traffic = tab
    traffic.clear()  # forget the previous page
    page.set_viewport_size(DESKTOP)
    response = page.goto(server + page_path, wait_until="load")
    html = response.text()
    problems = []

    if 'class="arithmatex"' in html:
        unrendered = page.evaluate(UNRENDERED_MATH)
        if unrendered:
            problems.append(f"math left as source: {unrendered}")
        if page.locator(".katex-error").count():
            problems.append(f"KaTeX errors: {page.locator('.katex-error').all_inner_texts()}")

    diagrams = html.count('<pre class="mermaid">')
    if diagrams:
        page.wait_for_function(
            f'document.querySelectorAll("div.mermaid").length === {diagrams}',
            timeout=RENDER_TIMEOUT_MS,
        )
        if page.evaluate(EMPTY_DIAGRAMS):
            problems.append("a mermaid diagram rendered with no size")

    broken = page.evaluate(BROKEN_IMAGES)
    if broken:
        problems.append(f"images that did not load: {broken}")

    page.screenshot(path=screenshots / f"{screenshot_name(page_path)}.desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=screenshots / f"{screenshot_name(page_path)}.phone.png", full_page=True)

    page.wait_for_load_state("networkidle")  # so every request of this page is counted here
    problems += [f"{kind}: {found}" for kind, found in traffic.problems().items()]
    assert not problems, f"{page_path}:\n  " + "\n  ".join(map(str, problems))


def test_search_finds_backward(server, tab):
    page, traffic = tab
    traffic.clear()
    page.set_viewport_size(DESKTOP)
    page.goto(server + "/", wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Material listens for key presses: fill() would not start a search.
    page.locator("input.md-search__input").press_sequentially("backward", delay=50)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=RENDER_TIMEOUT_MS)
    assert "backward" in results.first.inner_text().lower()
    assert not traffic.problems(), traffic.problems()
