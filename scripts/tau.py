"""Rule tau: relaxation times of all runs -> results/tau.csv (censored runs kept)."""

import pandas as pd

from sgd_dmft.io import load_result
from sgd_dmft.rules import job_logging
from sgd_dmft.tau import TAU_COLUMNS, tau_record

with job_logging(snakemake.log[0]) as log:
    rows = [
        tau_record(series, *load_result(path), snakemake.params.threshold)
        for series, path in zip(snakemake.params.series, snakemake.input.runs, strict=True)
    ]
    table = pd.DataFrame(rows, columns=TAU_COLUMNS)
    table.to_csv(snakemake.output[0], index=False)
    log.info("%d runs, %d censored", len(table), int(table["censored"].sum()))
