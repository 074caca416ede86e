rule integrate:
    """DMFT integration for one (series, alpha, seed): m(t), C(t,t), Delta(t), e(t)."""
    input:
        library=DMFT_SOURCES,
    output:
        "results/dmft/{series}/alpha{alpha}_seed{seed}.npz",
    log:
        "logs/integrate/{series}/alpha{alpha}_seed{seed}.log",
    benchmark:
        "results/benchmarks/integrate/{series}/alpha{alpha}_seed{seed}.tsv"
    conda:
        "../../envs/integrate.yaml"
    threads: integrate_threads
    resources:
        runtime=integrate_runtime,
        mem_mb=integrate_mem_mb,
    params:
        run=integrate_params,
        series="{series}",
    script:
        "../../scripts/integrate.py"
