"""Annotated source: one page per module of each stage, its comments beside its code.

The pages are generated at build time at source/<stage>/<module>.md (annotate.py says how
a module becomes a page); nothing is written into docs/. They are listed in the nav under
"Annotated source", and each links to the articles that include the module and to the
stage's API reference.
"""

import posixpath
import re
from pathlib import Path

from annotate import page_markdown, source_page_uri
from mkdocs.structure.files import File

NAV_SECTION = "Annotated source"


def stage_modules(root, stage):
    """Yield (page uri, nav path, stage file) for every module of the stage's `dark` package.

    Within a package, __init__.py comes first, then its modules by name, then its
    subpackages.
    """

    def walk(package, nav_path):
        modules = sorted(package.glob("*.py"), key=lambda path: (path.name != "__init__.py", path))
        for path in modules:
            stage_file = path.relative_to(root).as_posix()
            yield source_page_uri(stage_file), [*nav_path, path.name], stage_file
        for subpackage in sorted(package.glob("*/__init__.py")):
            yield from walk(subpackage.parent, [*nav_path, f"{subpackage.parent.name}/"])

    yield from walk(root / stage / "dark", [stage])


def pages_including(files, stage_file):
    """The docs pages that include `stage_file`, with their titles."""
    include = re.compile(rf"""--8<--[ \t]+["']{re.escape(stage_file)}[:"']""")
    for file in files.documentation_pages():
        if file.generated_by is None and include.search(file.content_string):
            heading = re.search(r"^# (.+)$", file.content_string, re.MULTILINE)
            yield file.src_uri, heading[1] if heading else file.name


def on_config(config):
    """List every generated page in the nav: strict validation needs them there."""
    root = Path(config.config_file_path).parent
    tree = []
    for stage in config.extra["stages"]:
        for uri, nav_path, _ in stage_modules(root, stage):
            level = tree
            for section in nav_path[:-1]:
                entries = [entry for entry in level if section in entry]
                if not entries:
                    entries = [{section: []}]
                    level.append(entries[0])
                level = entries[0][section]
            level.append({nav_path[-1]: uri})
    for entry in config.nav:
        if isinstance(entry, dict) and NAV_SECTION in entry:
            entry[NAV_SECTION] = tree


def on_files(files, config):
    root = Path(config.config_file_path).parent
    for stage in config.extra["stages"]:
        api_page = f"api/{stage}.md"
        for uri, _, stage_file in stage_modules(root, stage):
            here = posixpath.dirname(uri)
            articles = [
                f"[{title}]({posixpath.relpath(page, here)})"
                for page, title in pages_including(files, stage_file)
            ]
            links = [f"Shown in {', '.join(articles)}."] if articles else []
            links.append(
                f"See also the [API reference of {stage}]({posixpath.relpath(api_page, here)})."
            )
            source = (root / stage_file).read_text(encoding="utf-8")
            content = page_markdown(stage_file, " ".join(links), source)
            files.append(File.generated(config, uri, content=content))
    return files
