rule tau:
    """Relaxation times tau (first t with Delta(t) < threshold) of all runs, censored ones kept."""
    input:
        runs=all_run_files(),
    output:
        "results/tau.csv",
    log:
        "logs/tau.log",
    localrule: True
    conda:
        "../../envs/tau.yaml"
    params:
        threshold=config["tau"]["threshold"],
        series=[series for series, _, _ in RUNS],
    script:
        "../../scripts/tau.py"
