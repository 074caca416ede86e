rule costs:
    """Measured wall time and steps of every integration (from the runs' metadata)."""
    input:
        runs=all_run_files(),
    output:
        "results/costs.csv",
    log:
        "logs/costs.log",
    localrule: True
    conda:
        "../../envs/tau.yaml"
    params:
        series=[series for series, _, _ in RUNS],
    script:
        "../../scripts/costs.py"
