"""Fail the build when a snippet section in a stage's source is not properly closed.

Articles include regions of the stage sources marked `# --8<-- [start:name]` and
`# --8<-- [end:name]`. pymdownx.snippets fails on a missing section, but if only the end
marker is lost it silently includes the rest of the file. This check closes that gap.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from pymdownx.snippets import SnippetPreprocessor

# The very pattern pymdownx.snippets matches, so both agree on what a marker is.
MARKER = SnippetPreprocessor.RE_SNIPPET_SECTION


def marker_problems(path):
    """Return one message per marker in the file at `path` that has no partner."""
    problems = []
    open_at = {}  # section name -> line of its start marker
    closed = set()
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        match = MARKER.match(line)
        if match is None or match["escape"]:
            continue
        name, where = match["name"], f"{path}:{number}"
        if match["type"] == "start":
            if name in open_at:
                problems.append(f"{where}: [start:{name}] again, open since line {open_at[name]}")
                continue
            if name in closed:
                problems.append(f"{where}: a second [start:{name}]; only the first is included")
            open_at[name] = number
        elif name in open_at:
            closed.add(name)
            del open_at[name]
        else:
            problems.append(f"{where}: [end:{name}] with no [start:{name}] above it")
    problems += [f"{path}:{line}: [start:{name}] is never ended" for name, line in open_at.items()]
    return problems


def on_pre_build(config):
    root = Path(config.config_file_path).parent
    problems = [
        problem
        for stage in config.extra["stages"]
        for path in sorted((root / stage).rglob("*.py"))
        for problem in marker_problems(path)
    ]
    if problems:
        raise PluginError("Unbalanced snippet markers:\n  " + "\n  ".join(problems))
