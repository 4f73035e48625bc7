"""Tell every other hook which stages the site documents: config.extra["stages"].

The list comes from the repo's one stage finder, `stages.repo_stages()`, so a new stage
folder (dark-2/) gets its annotated source, API page and samples with no edit to
mkdocs.yml. This hook runs first; it is the one place that puts the repo root on
sys.path, to import `stages`.
"""

import sys
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(200)  # before every hook that reads the list
def on_config(config):
    root = str(Path(config.config_file_path).resolve().parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    import stages

    config.extra["stages"] = [folder.name for folder in stages.repo_stages()]


def on_serve(server, config, builder):
    """Under `make serve`, rebuild when a stage changes, not only docs/."""
    root = Path(config.config_file_path).parent
    for stage in config.extra["stages"]:
        server.watch(str(root / stage))
    return server
