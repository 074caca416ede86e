rule simulate:
    """Finite-N simulation ensemble of the real SGD for one validation set and N."""
    output:
        "results/validation/sim_{vset}_N{N}.npz",
    log:
        "logs/validation/sim_{vset}_N{N}.log",
    benchmark:
        "results/benchmarks/simulate/{vset}_N{N}.tsv"
    conda:
        "../../envs/validation.yaml"
    threads: 1
    resources:
        runtime=simulate_runtime,
        mem_mb=simulate_mem_mb,
    params:
        run=simulate_params,
    script:
        "../../scripts/simulate.py"


rule validation_dmft:
    """DMFT of one validation set, mean and spread over sigma-sample seeds."""
    input:
        library=DMFT_SOURCES,
    output:
        "results/validation/dmft_{vset}.npz",
    log:
        "logs/validation/dmft_{vset}.log",
    conda:
        "../../envs/integrate.yaml"
    threads: 2
    resources:
        runtime=10,
        mem_mb=2000,
    params:
        run=validation_dmft_params,
        seeds=config.get("validation", {}).get("dmft_seeds", 1),
    script:
        "../../scripts/validation_dmft.py"


rule validation_report:
    """DMFT against simulation: z-scores table and figure (DMFT line, simulation mean +- 2 SE)."""
    input:
        sims=[f"results/validation/sim_{v}_N{n}.npz" for v, n in VALIDATION_RUNS],
        dmft=[f"results/validation/dmft_{v}.npz" for v in VALIDATION_SETS],
    output:
        table="results/validation/summary.csv",
        png=report(
            "results/figures/fig_validation.png",
            caption="../report/validation.rst",
            category="Validation",
        ),
        pdf="results/figures/fig_validation.pdf",
    log:
        "logs/validation/report.log",
    localrule: True
    conda:
        "../../envs/figures.yaml"
    params:
        sims=VALIDATION_RUNS,
        sets=VALIDATION_SETS,
    script:
        "../../scripts/validation_report.py"


# target: `snakemake validation`
rule validation:
    input:
        rules.validation_report.output,
