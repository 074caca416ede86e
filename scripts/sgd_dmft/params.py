"""Argument validation and provenance shared by the integrator, the simulator and the rules."""

from __future__ import annotations

import hashlib
import math
from functools import lru_cache
from pathlib import Path

__version__ = "0.1.0"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _require(ok: bool, name: str, value, allowed: str) -> None:
    if not ok:
        raise ValueError(f"{name}={value!r} is invalid: {name} must be {allowed}")


def _finite(x) -> bool:
    try:
        return math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def _integer(x) -> bool:
    return not isinstance(x, bool) and float(x).is_integer() if _finite(x) else False


def check_common(alpha, b, eta, m0, C0, T, seed) -> dict:
    """Validate the parameters shared by the DMFT and the simulation (eqs. 1-5, 10)."""
    _require(_finite(alpha) and alpha > 0, "alpha", alpha, "a finite number > 0")
    _require(_finite(b) and 0 < b <= 1, "b", b, "in (0, 1]")
    _require(_finite(eta) and eta > 0, "eta", eta, "a finite number > 0")
    _require(_finite(m0), "m0", m0, "a finite number")
    _require(_finite(C0) and C0 > m0 * m0, "C0", C0, f"finite and > m0^2 = {float(m0) ** 2:g}")
    _require(_integer(T) and T >= 1, "T", T, "an integer >= 1")
    _require(_integer(seed) and seed >= 0, "seed", seed, "an integer >= 0")
    return {
        "alpha": float(alpha),
        "b": float(b),
        "eta": float(eta),
        "m0": float(m0),
        "C0": float(C0),
        "T": int(T),
        "seed": int(seed),
    }


def check_dmft_args(
    alpha, b, eta, m0, C0, T, n_samples, seed, stop_delta, stop_extra_steps
) -> dict:
    """Validate ``integrate_dmft`` arguments; return them normalised (floats/ints)."""
    params = check_common(alpha, b, eta, m0, C0, T, seed)
    _require(_integer(n_samples) and n_samples >= 1, "n_samples", n_samples, "an integer >= 1")
    if stop_delta is not None:
        _require(_finite(stop_delta) and stop_delta > 0, "stop_delta", stop_delta, "None or > 0")
    _require(
        _integer(stop_extra_steps) and stop_extra_steps >= 0,
        "stop_extra_steps",
        stop_extra_steps,
        "an integer >= 0",
    )
    params.update(
        n_samples=int(n_samples) if params["b"] < 1 else 1,
        stop_delta=None if stop_delta is None else float(stop_delta),
        stop_extra_steps=int(stop_extra_steps),
    )
    return params


@lru_cache(maxsize=1)
def code_version() -> str:
    """Package version plus a hash of the library's source files (changes with the code)."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE_DIR.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"
