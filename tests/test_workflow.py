"""The Snakemake workflow end to end on config/test.yaml, partial re-runs and bad configs."""

import re

import pandas as pd
import pytest
import yaml
from conftest import ROOT, snakemake

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def planned_jobs(workdir, configfile):
    """{rule: count} of a dry run."""
    out = snakemake(workdir, configfile, "-n", "--cores", "2").stdout
    counts = {}
    in_table = False
    for line in out.splitlines():
        if line.startswith("job ") and "count" in line:
            in_table = True
            continue
        if in_table:
            match = re.match(r"^([A-Za-z_]+)\s+(\d+)$", line.strip())
            if match and match.group(1) != "total":
                counts[match.group(1)] = int(match.group(2))
            elif line.strip().startswith("total"):
                break
    return counts


def test_all_targets_and_sane_content(finished_run):
    workdir, config = finished_run
    cfg = yaml.safe_load(config.read_text())
    results = workdir / "results"
    taus = pd.read_csv(results / "tau.csv")
    expected = sum(len(s["alphas"]) * len(s["seeds"]) for s in cfg["series"].values())
    assert len(taus) == expected
    easy = taus[taus["alpha"] >= 3.5]
    assert easy["tau"].notna().all() and not easy["censored"].any()
    # alpha = 1 is far below every threshold: censored, kept, with its lower bound T + 1
    hard = taus[taus["alpha"] == 1.0]
    assert len(hard) == 1 and hard["censored"].all() and (hard["tau_lower_bound"] == 401).all()
    fits = pd.read_csv(results / "fits.csv")
    assert sorted(fits["series"]) == sorted(cfg["series"])
    assert fits["alpha_star"].notna().all()
    assert (fits["alpha_star"] < 3.0).all()
    table = (results / "thresholds.md").read_text()
    assert "1.84" in table and "2.28" in table
    for name in (
        "fig1_magnetization",
        "fig2_tau_vs_alpha",
        "fig3_powerlaw_fit",
        "fig4_threshold_curve",
        "fig5_n_samples_convergence",
    ):
        png = (results / "figures" / f"{name}.png").read_bytes()
        pdf = (results / "figures" / f"{name}.pdf").read_bytes()
        assert png.startswith(PNG_MAGIC) and len(png) > 10_000
        assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    for log in ("tau.log", "fit.log"):
        assert "job done" in (workdir / "logs" / log).read_text()


def test_run_records_parameters_and_version(finished_run):
    from sgd_dmft import code_version
    from sgd_dmft.io import load_result

    workdir, _ = finished_run
    arrays, meta = load_result(workdir / "results/dmft/sgd_b0.2/alpha4_seed1.npz")
    assert meta["params"]["alpha"] == 4.0 and meta["params"]["b"] == 0.2
    assert meta["params"]["n_samples"] == 100 and meta["params"]["seed"] == 1
    assert meta["run"]["code_version"] == code_version()
    assert meta["series"] == "sgd_b0.2"
    assert len(arrays["t"]) == meta["run"]["steps"] + 1


def _edited(finished_run, tmp_path, edit):
    _, config = finished_run
    cfg = yaml.safe_load(config.read_text())
    edit(cfg)
    new = tmp_path / "edited.yaml"
    new.write_text(yaml.safe_dump(cfg))
    return new


def test_nothing_to_do_after_a_full_run(finished_run):
    workdir, config = finished_run
    assert planned_jobs(workdir, config) == {}


def test_adding_one_alpha_runs_one_integration(finished_run, tmp_path):
    workdir, _ = finished_run
    config = _edited(finished_run, tmp_path, lambda c: c["series"]["gd"]["alphas"].append(4.5))
    jobs = planned_jobs(workdir, config)
    assert jobs.get("integrate") == 1
    assert jobs.get("tau") == 1 and jobs.get("fit") == 1


def test_changing_fit_settings_reruns_only_the_fit(finished_run, tmp_path):
    workdir, _ = finished_run
    config = _edited(finished_run, tmp_path, lambda c: c["fit"].update(n_bootstrap=77))
    jobs = planned_jobs(workdir, config)
    assert "integrate" not in jobs and "tau" not in jobs and "fig_magnetization" not in jobs
    assert jobs.get("fit") == 1


def test_changing_threshold_reruns_no_integration(finished_run, tmp_path):
    workdir, _ = finished_run
    config = _edited(finished_run, tmp_path, lambda c: c["tau"].update(threshold=0.2))
    jobs = planned_jobs(workdir, config)
    assert "integrate" not in jobs
    assert jobs.get("tau") == 1


def test_changing_n_samples_of_one_series_reruns_only_that_series(finished_run, tmp_path):
    workdir, _ = finished_run
    config = _edited(finished_run, tmp_path, lambda c: c["series"]["sgd_b0.1"].update(n_samples=50))
    jobs = planned_jobs(workdir, config)
    assert jobs.get("integrate") == 6  # the six alphas of sgd_b0.1, nothing of the others


BAD_CONFIGS = {
    "b_outside": (lambda c: c["series"]["gd"].update(b=1.5), "b"),
    "b_zero": (lambda c: c["series"]["gd"].update(b=0), "b"),
    "alpha_nonpositive": (lambda c: c["series"]["gd"]["alphas"].append(-1.0), "alphas"),
    "unknown_key": (lambda c: c["dmft"].update(learning_rate=0.1), "learning_rate"),
    "missing_key": (lambda c: c.pop("tau"), "tau"),
    "negative_T": (lambda c: c["series"]["gd"].update(T=-5), "T"),
    "threshold_too_large": (lambda c: c["tau"].update(threshold=2.5), "threshold"),
    "threshold_below_stop": (lambda c: c["tau"].update(threshold=0.05), "threshold"),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_bad_config_fails_at_parse_time_naming_the_key(case, tmp_path):
    edit, key = BAD_CONFIGS[case]
    cfg = yaml.safe_load((ROOT / "config" / "test.yaml").read_text())
    edit(cfg)
    config = tmp_path / "bad.yaml"
    config.write_text(yaml.safe_dump(cfg))
    proc = snakemake(tmp_path, config, "-n", "--cores", "1", check=False)
    assert proc.returncode != 0
    message = proc.stdout + proc.stderr
    assert re.search(rf"\b{re.escape(key)}\b", message), message[-2000:]
    assert not (tmp_path / "results").exists()


@pytest.mark.parametrize("name", ["config.yaml", "paper.yaml", "test.yaml"])
def test_shipped_configs_are_valid(name, tmp_path):
    proc = snakemake(tmp_path, ROOT / "config" / name, "-n", "--cores", "1", check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_validation_target(finished_run):
    """`snakemake validation`: simulations at two N beside the DMFT, a table and a figure."""
    workdir, config = finished_run
    snakemake(workdir, config, "--cores", "2", "validation")
    table = pd.read_csv(workdir / "results" / "validation" / "summary.csv")
    cfg = yaml.safe_load(config.read_text())["validation"]
    assert len(table) == len(cfg["sets"]) * len(cfg["N"]) * 3
    assert table["max_abs_z"].notna().all()
    png = (workdir / "results" / "figures" / "fig_validation.png").read_bytes()
    assert png.startswith(PNG_MAGIC) and len(png) > 10_000
