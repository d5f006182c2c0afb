"""The installed command as a person runs it: `pos demo --quit-after-ready`, offscreen."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path


def _pos(*args: str, data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_DATA_DIR": str(data_dir),
                   **env}
    environment.pop("POS_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "pos", *args], env=environment, capture_output=True, text=True,
        timeout=120, check=False,
    )


def test_demo_opens_and_reports_ready(tmp_path: Path) -> None:
    first = _pos("demo", "--quit-after-ready", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    assert re.fullmatch(r"ready in \d+ ms\n", first.stdout)
    again = _pos("--quit-after-ready", data_dir=tmp_path)
    assert again.returncode == 0, again.stderr
    assert re.fullmatch(r"ready in \d+ ms\n", again.stdout)
    log = (tmp_path / "logs" / "pos.log").read_text()
    assert log.count("ready in") == 2


def test_bench_prints_the_contract_json(tmp_path: Path) -> None:
    result = _pos("bench", "--size", "small", "--json", data_dir=tmp_path,
                  POS_BENCH_CACHE=str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["size"] == "small"
    assert report["database"] == "sqlite"
    assert report["python"].startswith("3.")
    assert report["data"] == {"products": 2000, "customers": 1000, "sales": 5000,
                              "sale_lines": report["data"]["sale_lines"]}
    assert report["data"]["sale_lines"] >= 5000
    startup = report["metrics"]["startup_ready_ms"]
    assert set(startup) == {"p50", "p95", "n"}
    assert 0 < startup["p50"] <= startup["p95"]
    assert startup["n"] >= 3
    runs = {"scan_to_cart_ms": 1000, "product_search_ms": 200, "sale_commit_ms": 200}
    for name, n in runs.items():
        metric = report["metrics"][name]
        assert metric == {"p50": metric["p50"], "p95": metric["p95"], "n": n}, name
        assert 0 <= metric["p50"] <= metric["p95"], name
    assert report["ratios"]["sale_commit_vs_raw_sqlite"] > 0
    assert report["skipped"] == {}
