"""Small helpers for the rule scripts (logging into the rule's `log:` file)."""

from __future__ import annotations

import contextlib
import logging
import sys
import time


@contextlib.contextmanager
def job_logging(path: str):
    """Send log records and uncaught errors of a job to its log file."""
    handler = logging.FileHandler(path, mode="w")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.captureWarnings(True)
    start = time.perf_counter()
    try:
        yield logging.getLogger("sgd_dmft.job")
    except BaseException:
        root.exception("job failed after %.1f s", time.perf_counter() - start)
        raise
    else:
        root.info("job done in %.1f s", time.perf_counter() - start)
    finally:
        root.removeHandler(handler)
        handler.close()
        sys.stderr.flush()
