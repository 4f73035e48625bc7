"""Publish each stage's sample figures, drawn by the stage's own scripts.

Every script in <stage>/samples/ that runs as a program is called with an output folder,
as `make samples` does. Its files land in .cache/samples/<stage>/ and are served at
samples/<stage>/<name>. The scripts run again only when they or the stage's package
change: a hash of those sources is kept beside the cache folder.
"""

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

CACHE = ".cache/samples"
# The exit status of a sample that skips itself, as automake's test drivers read it.
SKIPPED = 77
log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def sample_scripts(stage_dir):
    """The stage's sample programs; helper modules they import are left out."""
    scripts = sorted((stage_dir / "samples").glob("*.py"))
    return [path for path in scripts if '__name__ == "__main__"' in path.read_text("utf-8")]


def inputs_hash(stage_dir):
    """A hash of everything that can change a figure: the samples and the package."""
    digest = hashlib.sha256()
    sources = [*(stage_dir / "samples").glob("*.py"), *(stage_dir / "dark").rglob("*.py")]
    for path in sorted(sources):
        digest.update(path.relative_to(stage_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def draw(stage_dir, scripts, folder):
    """Run every script into an emptied `folder`, with the stage importable as `dark`.

    Return False if a script skipped itself (exit 77, e.g. its data are not installed),
    so that the next build tries again instead of keeping the incomplete folder.
    """
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(stage_dir), os.environ.get("PYTHONPATH")])),
        "MPLBACKEND": "Agg",
        # No __pycache__ in the stage: `mkdocs serve` watches it and would rebuild.
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    skipped = False
    for script in scripts:
        run = subprocess.run(
            [sys.executable, str(script), str(folder)],
            env=environment,
            capture_output=True,
            text=True,
        )
        if run.returncode == SKIPPED:
            log.info(f"Skipped {script.name}: {run.stderr.strip()}")
            skipped = True
        elif run.returncode != 0:
            raise PluginError(f"{script} failed (exit {run.returncode}):\n{run.stderr}")
    return not skipped


def on_files(files, config):
    root = Path(config.config_file_path).parent
    for stage in config.extra["stages"]:
        stage_dir = root / stage
        scripts = sample_scripts(stage_dir)
        if not scripts:
            continue
        folder = root / CACHE / stage
        stamp = folder.with_suffix(".sha256")
        wanted = inputs_hash(stage_dir)
        if not (folder.is_dir() and stamp.is_file() and stamp.read_text() == wanted):
            started = time.perf_counter()
            stamp.unlink(missing_ok=True)
            if draw(stage_dir, scripts, folder):
                stamp.write_text(wanted)
            log.info(f"Drew the {stage} samples in {time.perf_counter() - started:.1f} s")
        for path in sorted(folder.iterdir()):
            uri = f"samples/{stage}/{path.name}"
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
