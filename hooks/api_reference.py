"""The API reference: one generated page per stage, api/<stage>.md, from one template.

Every stage names its package `dark`, and mkdocstrings keeps one module collection per
build: with all stages on its path, `::: dark` would show the first stage on every page.
So each stage is exposed as `dark_1`, `dark_2`, ... in .cache/api (a symlink to the
stage's package), which mkdocs.yml lists in the handler's `paths`. Relative imports
inside the package keep every cross-reference within its own stage.
"""

import os
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ALIASES = ".cache/api"
NAV_SECTION = "API reference"
# `_f` and `_df` are private names, but they are what a new operation writes: the
# contract section shows them, from Operation's docstrings.
TEMPLATE = """\
# API reference: {stage}

Every public name of `{stage}/dark`, rendered from its docstrings. To read the code with
its comments beside it, open the [annotated source](../source/{stage}/__init__.md).

::: {package}
    options:
      heading: dark ({stage})
      toc_label: dark ({stage})
      filters: ["!^_[^_]", "!^Operation$"]

## The extension contract

A new operation is a subclass of `Operation` that writes two static methods, `_f` and
`_df`; it inherits `apply` and `differentiate`, and binds its function the way the
built-in ones do: `cube = Cube.apply`.

::: {package}.Operation
    options:
      heading_level: 3
      show_root_full_path: false
      filters: ["!^_[^_]", "^_f$", "^_df$"]
"""


def package_alias(stage):
    return stage.replace("-", "_")


@event_priority(100)  # before mkdocstrings reads its paths
def on_config(config):
    root = Path(config.config_file_path).parent
    folder = root / ALIASES
    folder.mkdir(parents=True, exist_ok=True)
    for stage in config.extra["stages"]:
        alias = folder / package_alias(stage)
        target = os.path.relpath(root / stage / "dark", folder)
        if not alias.is_symlink() or os.readlink(alias) != target:
            alias.unlink(missing_ok=True)
            alias.symlink_to(target, target_is_directory=True)
    for entry in config.nav:
        if isinstance(entry, dict) and NAV_SECTION in entry:
            entry[NAV_SECTION] = [{stage: f"api/{stage}.md"} for stage in config.extra["stages"]]


def on_files(files, config):
    for stage in config.extra["stages"]:
        content = TEMPLATE.format(stage=stage, package=package_alias(stage))
        files.append(File.generated(config, f"api/{stage}.md", content=content))
    return files
