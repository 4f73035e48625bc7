"""Every page of the built site, in headless Chromium: offline, error-free, fully rendered.

Pages come from sitemap.xml. Each is loaded once at desktop width and checked, then
screenshotted at desktop (1280x800) and phone (390x844) widths into out/screenshots/.
The layout rules are checked in the browser, where they can be seen: at 1280 px no code
listing scrolls sideways, and on an annotated-source page each `def` or `class` line
sits in one row with its docstring; at 390 px no word of a table is cut.
"""

import ast
import inspect
import re
from pathlib import Path

import stages

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


# Listings that scroll sideways (mermaid's source is replaced by its drawing).
SCROLLING_LISTINGS = """() => [...document.querySelectorAll("pre, pre > code")]
  .filter((listing) => listing.scrollWidth > listing.clientWidth + 1)
  .map((listing) => listing.textContent.trim().slice(0, 60))"""

# [line, text] pairs whose `def`/`class` line is not in one row with the text.
DEFINITIONS_APART = """(expected) => expected.filter(([line, text]) => {
  const code = document.querySelector(`.annotated__line[data-line="${line}"]`);
  const row = code && code.closest(".annotated__row");
  const words = (prose) => prose.replace(/\\s+/g, " ");
  return !(row && words(row.innerText).includes(words(text)));
})"""

# Words of table cells broken across two lines (a break after a hyphen or a dash is fine), or cut
# off by a cell or by a table that cannot scroll.
CUT_TABLE_WORDS = """() => {
  const cut = [];
  for (const table of document.querySelectorAll(".md-typeset table")) {
    const frame = table.parentElement;
    const scrolls = ["auto", "scroll"].includes(getComputedStyle(frame).overflowX);
    if (table.getBoundingClientRect().width > frame.clientWidth + 1 && !scrolls) {
      cut.push(`a table wider than its frame: ${table.innerText.slice(0, 40)}`);
    }
    for (const cell of table.querySelectorAll("th, td")) {
      if (cell.scrollWidth > cell.clientWidth + 1) cut.push(`cut off: ${cell.innerText}`);
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        for (const match of node.textContent.matchAll(/[^\\s\u2013\u2014-]+/g)) {
          const word = document.createRange();
          word.setStart(node, match.index);
          word.setEnd(node, match.index + match[0].length);
          const lines = new Set([...word.getClientRects()].map((box) => Math.round(box.top)));
          if (lines.size > 1) cut.push(`a word broken across lines: ${match[0]}`);
        }
      }
    }
  }
  return cut;
}"""

FIRST_STAGE = stages.repo_stages()[0].name
# Shown in light and slate at both widths, for a reader to look at.
SHOWCASE = {f"/source/{FIRST_STAGE}/ops/", "/module-1/derivatives/"}


def docstrings_of_page(page_path):
    """For an annotated page: (line of each def/class, first line of its docstring)."""
    _, stage, *module = page_path.strip("/").split("/")
    source = (stages.REPO / stage / "dark" / Path(*module).with_suffix(".py")).read_text()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node):
            first_line = inspect.cleandoc(ast.get_docstring(node)).splitlines()[0]
            found.append([node.lineno, first_line.replace("`", "")])
    return found


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

    scrolling = page.evaluate(SCROLLING_LISTINGS)
    if scrolling:
        problems.append(f"listings that scroll sideways at 1280 px: {scrolling}")
    if page_path.startswith("/source/"):
        apart = page.evaluate(DEFINITIONS_APART, docstrings_of_page(page_path))
        if apart:
            problems.append(f"def/class lines in another row than their docstring: {apart}")

    page.screenshot(path=screenshots / f"{screenshot_name(page_path)}.desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=screenshots / f"{screenshot_name(page_path)}.phone.png", full_page=True)
    cut = page.evaluate(CUT_TABLE_WORDS)
    if cut:
        problems.append(f"table text cut at 390 px: {cut}")

    if page_path in SHOWCASE:
        for scheme in ("default", "slate"):
            page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
            for size in (DESKTOP, PHONE):
                page.set_viewport_size(size)
                page.wait_for_timeout(400)  # let Material's transitions settle
                name = f"{screenshot_name(page_path)}.{scheme}.{size['width']}.png"
                page.screenshot(path=screenshots / name)

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
