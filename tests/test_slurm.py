"""The workflow through profiles/slurm on a real single-node SLURM (tests/slurm_cluster.py).

Skipped where slurm-wlm/munge are not installed, except in CI (CI=true), where .ci/run
installs them and a missing cluster is a failure.
"""

import os
import re
import shutil
import subprocess

import pandas as pd
import pytest
import yaml
from conftest import ROOT, SNAKEMAKE
from slurm_cluster import local_slurm, missing_commands

SLURM_ARGS = [
    "--profile", str(ROOT / "profiles" / "slurm"),
    # no accounting daemon in the test cluster: poll with squeue (MinJobAge=600)
    "--slurm-status-command", "squeue",
    "--slurm-init-seconds-before-status-checks", "2",
    "--slurm-no-account",
]  # fmt: skip


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    missing = missing_commands()
    if missing:
        message = f"SLURM test cluster needs {missing} (apt-get install slurm-wlm munge)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with local_slurm(tmp_path_factory.mktemp("slurm")) as env:
        yield env


def run_under_slurm(env, workdir, config, timeout=900):
    cmd = ["timeout", "-s", "KILL", str(timeout), *SNAKEMAKE, "-d", str(workdir),
           "--configfile", str(config), *SLURM_ARGS]  # fmt: skip
    return subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=workdir)


def finished_jobs(env):
    out = subprocess.run(["scontrol", "show", "jobs", "-o"], env=env, capture_output=True,
                         text=True).stdout  # fmt: skip
    return re.findall(r"JobName=(\S+).*?JobState=(\S+)", out)


def test_workflow_under_slurm_matches_local_run(cluster, finished_run, tmp_path):
    local_dir, local_config = finished_run
    config = tmp_path / "config.yaml"
    shutil.copy(local_config, config)
    proc = run_under_slurm(cluster, tmp_path, config)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    # the same relaxation times and fits as the local run, to the last digit
    for name in ("tau.csv", "fits.csv", "thresholds.md"):
        assert (tmp_path / "results" / name).read_bytes() == (
            local_dir / "results" / name
        ).read_bytes(), name
    # the integrations really ran as SLURM jobs (aggregations are local rules)
    cfg = yaml.safe_load(config.read_text())
    n_runs = sum(len(s["alphas"]) * len(s["seeds"]) for s in cfg["series"].values())
    states = [state for _, state in finished_jobs(cluster)]
    assert states.count("COMPLETED") >= n_runs
    taus = pd.read_csv(tmp_path / "results" / "tau.csv")
    assert len(taus) == n_runs


def test_failing_job_fails_the_workflow(cluster, tmp_path):
    cfg = yaml.safe_load((ROOT / "config" / "test.yaml").read_text())
    cfg["dmft"]["eta"] = 5.0  # diverges: DMFTDivergenceError inside the SLURM job
    cfg["series"] = {"gd": {**cfg["series"]["gd"], "alphas": [4.0]}}
    config = tmp_path / "diverging.yaml"
    config.write_text(yaml.safe_dump(cfg))
    proc = run_under_slurm(cluster, tmp_path, config, timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert re.search(r"Error in rule integrate", output), output[-3000:]
    log = tmp_path / "logs" / "integrate" / "gd" / "alpha4_seed0.log"
    assert "diverged at t=" in log.read_text()
