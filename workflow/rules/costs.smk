rule costs:
    """Measured wall time and steps of every integration (from the runs' metadata)."""
    input:
        runs=all_run_files(),
    output:
        "results/costs.csv",
    log:
        "logs/costs.log",
    params:
        series=[series for series, _, _ in RUNS],
    localrule: True
    conda:
        "../../envs/tau.yaml"
    script:
        "../../scripts/costs.py"
