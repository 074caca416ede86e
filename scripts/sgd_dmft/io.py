"""Reading and writing integration results (``.npz`` with a JSON metadata record).

Files are written with fixed zip timestamps, so equal arrays and metadata give equal bytes.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import numpy as np

ARRAYS = ("t", "m", "C_diag", "delta", "loss")


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot store {type(value).__name__} in metadata")


def save_result(path: str | os.PathLike, result, extra: dict | None = None) -> None:
    """Write t, m, C_diag, delta, loss and ``metadata`` (params, run info, versions, extra)."""
    metadata = {"params": result.params, "run": result.meta}
    metadata.update(extra or {})
    arrays = {
        name: np.ascontiguousarray(getattr(result, name), dtype=np.float64) for name in ARRAYS
    }
    arrays["metadata"] = np.array(json.dumps(metadata, sort_keys=True, default=_json_default))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            archive.writestr(
                zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0)), buffer.getvalue()
            )
    os.replace(tmp, path)


def load_result(path: str | os.PathLike) -> tuple[dict, dict]:
    """Return (arrays, metadata) of a file written by ``save_result``."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in ARRAYS}
        metadata = json.loads(str(data["metadata"]))
    return arrays, metadata
