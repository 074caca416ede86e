import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT / "scripts", ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

SNAKEMAKE = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile")]


def snakemake(workdir, configfile, *args, check=True, env=None, timeout=900):
    """Run the real snakemake on this repository's workflow in ``workdir``."""
    cmd = [*SNAKEMAKE, "-d", str(workdir), "--configfile", str(configfile), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def finished_run(tmp_path_factory):
    """A complete local run of config/test.yaml: (workdir, config path)."""
    workdir = tmp_path_factory.mktemp("wf")
    config = workdir / "config.yaml"
    shutil.copy(ROOT / "config" / "test.yaml", config)
    snakemake(workdir, config, "--cores", "2")
    return workdir, config
