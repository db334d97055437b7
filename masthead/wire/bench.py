"""Figures for `make bench`: ninjs items per second, new and unchanged.

Not run by the tests at full size; `python -m bench` calls `ingest_rates()`.
"""

import json
import tempfile
import time
from pathlib import Path

from masthead.wire.services import CREATED, UNCHANGED, wire_source_ingest


def ninjs_item(number: int) -> dict:
    return {
        "uri": f"urn:masthead:bench:{number}",
        "type": "text",
        "version": "1",
        "versioncreated": "2024-05-01T08:00:00Z",
        "firstcreated": "2024-05-01T07:00:00Z",
        "pubstatus": "usable",
        "headlines": [{"role": "main", "value": f"Bench story number {number}"}],
        "descriptions": [{"role": "summary", "value": "A story written for the benchmark."}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": "<p>First paragraph of the story.</p><p>Second paragraph.</p>",
            }
        ],
        "by": "Bench Writer",
        "copyrightholder": "Bench Wire",
        "subjects": [{"name": "Benchmarks"}],
        "located": "AMMAN",
    }


def ingest_rates(*, section, count: int = 10_000, batch: int = 500) -> dict:
    """Ingest `count` new ninjs items, then the same again; return items per second each."""
    with tempfile.TemporaryDirectory() as folder:
        for start in range(0, count, batch):
            items = [ninjs_item(n) for n in range(start, min(count, start + batch))]
            Path(folder, f"batch-{start:06d}.json").write_text(json.dumps(items))
        rates = {}
        for label, expected in (("new", CREATED), ("unchanged", UNCHANGED)):
            began = time.perf_counter()
            results = wire_source_ingest(source=folder, section=section)
            seconds = time.perf_counter() - began
            done = sum(1 for result in results if result.action == expected)
            rates[f"{label}_items"] = done
            rates[f"{label}_per_second"] = round(done / seconds, 1) if seconds else 0.0
    return rates
