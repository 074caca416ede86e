"""A real single-node SLURM cluster on this machine, for tests (Debian's slurm-wlm + munge).

Everything lives in one temporary folder: munge key, socket and logs, slurm.conf, state and
spool directories, pid and log files.  Daemons run in the foreground as children of the
test (munged -F, slurmctld -D, slurmd -D) and are torn down by PID.  Clients find the
cluster through SLURM_CONF.  Accounting is off, so Snakemake must poll with squeue
(``--slurm-status-command squeue``; MinJobAge=600 keeps finished jobs visible to squeue).

Trap: snakemake-executor-plugin-slurm-jobstep (0.6.1) removes every SLURM_* variable but a
few before its nested ``srun``, SLURM_CONF included, so srun inside a job looks for
/etc/slurm/slurm.conf.  Instead of writing there, the harness puts an ``srun`` wrapper that
restores SLURM_CONF first on the PATH that jobs inherit.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

DAEMONS = ("munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo")
PARTITION = "main"  # the partition named in profiles/slurm/config.yaml


def missing_commands() -> list[str]:
    return [cmd for cmd in DAEMONS if shutil.which(cmd) is None]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _total_memory_mb() -> int:
    with open("/proc/meminfo") as fh:
        kb = int(fh.readline().split()[1])
    return kb // 1024 - 1024


def _write_conf(root: Path, sock: Path) -> Path:
    conf = root / "slurm.conf"
    for sub in ("state", "spool"):
        (root / sub).mkdir()
    conf.write_text(
        "\n".join(
            [
                "ClusterName=sgdtest",
                "SlurmctldHost=localhost",
                "SlurmUser=root",
                "SlurmdUser=root",
                "AuthType=auth/munge",
                "CredType=cred/munge",
                f"AuthInfo=socket={sock}",
                f"SlurmctldPort={_free_port()}",
                f"SlurmdPort={_free_port()}",
                f"StateSaveLocation={root / 'state'}",
                f"SlurmdSpoolDir={root / 'spool'}",
                f"SlurmctldPidFile={root / 'slurmctld.pid'}",
                f"SlurmdPidFile={root / 'slurmd.pid'}",
                f"SlurmctldLogFile={root / 'slurmctld.log'}",
                f"SlurmdLogFile={root / 'slurmd.log'}",
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core_Memory",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "MpiDefault=none",
                "ReturnToService=2",
                "MinJobAge=600",
                "SchedulerType=sched/backfill",
                f"NodeName=localhost NodeHostname=localhost CPUs={os.cpu_count()} "
                f"RealMemory={_total_memory_mb()} State=UNKNOWN",
                f"PartitionName={PARTITION} Nodes=localhost Default=YES MaxTime=INFINITE State=UP",
                "",
            ]
        )
    )
    return conf


def _wait(predicate, timeout, what, logs):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    tails = "\n".join(f"--- {p}\n{p.read_text()[-3000:]}" for p in logs if p.exists())
    raise RuntimeError(f"local SLURM: {what} not ready after {timeout} s\n{tails}")


@contextlib.contextmanager
def local_slurm(root: Path):
    """Start munged, slurmctld and slurmd in ``root``; yield the environment for clients."""
    root = Path(root)
    munge_dir = root / "munge"
    munge_dir.mkdir(parents=True)
    os.chmod(munge_dir, 0o700)
    key = munge_dir / "munge.key"
    key.write_bytes(os.urandom(1024))
    os.chmod(key, 0o400)
    sock = munge_dir / "munge.socket"
    conf = _write_conf(root, sock)
    wrappers = root / "bin"
    wrappers.mkdir()
    srun = wrappers / "srun"
    srun.write_text(f'#!/bin/sh\nexport SLURM_CONF="{conf}"\nexec {shutil.which("srun")} "$@"\n')
    srun.chmod(0o755)
    env = {**os.environ, "SLURM_CONF": str(conf), "PATH": f"{wrappers}:{os.environ['PATH']}"}
    procs: list[subprocess.Popen] = []
    logs = [root / "munged.log", root / "slurmctld.log", root / "slurmd.log"]

    def spawn(cmd, log_name):
        out = open(root / log_name, "ab")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # fmt: skip
        procs.append(proc)
        return proc

    try:
        spawn(["munged", "-F", "--force", f"--socket={sock}", f"--key-file={key}",
               f"--pid-file={munge_dir / 'munged.pid'}", f"--log-file={root / 'munged.log'}",
               f"--seed-file={munge_dir / 'munge.seed'}"], "munged.out")  # fmt: skip
        _wait(sock.exists, 20, "munged", logs)
        spawn(["slurmctld", "-D", "-i", "-f", str(conf)], "slurmctld.out")
        spawn(["slurmd", "-D", "-N", "localhost", "-f", str(conf)], "slurmd.out")

        def node_idle():
            out = subprocess.run(["sinfo", "-h", "-N", "-o", "%t"], env=env,
                                 capture_output=True, text=True)  # fmt: skip
            return out.returncode == 0 and out.stdout.strip().startswith("idle")

        _wait(node_idle, 60, "node 'localhost' idle", logs)
        yield env
    finally:
        for proc in reversed(procs):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in reversed(procs):
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
