"""Rule costs: wall time, threads and steps of every integration -> results/costs.csv."""

import pandas as pd

from sgd_dmft.io import load_result
from sgd_dmft.rules import job_logging

with job_logging(snakemake.log[0]) as log:
    rows = []
    for series, path in zip(snakemake.params.series, snakemake.input.runs, strict=True):
        _, meta = load_result(path)
        p, run = meta["params"], meta["run"]
        rows.append(
            {
                "series": series,
                "b": p["b"],
                "alpha": p["alpha"],
                "seed": p["seed"],
                "n_samples": p["n_samples"],
                "T": p["T"],
                "steps": run["steps"],
                "threads": run["threads"],
                "wall_s": run["wall_time_s"],
                "core_s": run["wall_time_s"] * run["threads"],
            }
        )
    table = pd.DataFrame(rows)
    table.to_csv(snakemake.output[0], index=False)
    log.info("total %.0f core-seconds", table["core_s"].sum())
