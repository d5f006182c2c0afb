"""`receipt_render_ms` of `pos bench`: what it renders and the shape it reports."""

import random

from pos.bench.receipt_metrics import LINES, RUNS, bench_receipt, receipt_render_ms
from pos.printing.escpos_decode import annotate
from pos.printing.escpos_render import RenderOptions, render_receipt
from pos.printing.profiles import load_profile


def test_the_benchmark_receipt_is_a_whole_20_line_receipt() -> None:
    receipt = bench_receipt(random.Random(1))
    assert len(receipt.lines) == LINES == 20
    assert receipt.total_minor == sum(line.total_minor for line in receipt.lines)
    text = annotate(render_receipt(receipt, RenderOptions()), load_profile("TM-T20II"))
    assert '[BARCODE CODE128 "{BR1-000123"]' in text
    assert text.rstrip().endswith("[CUT PARTIAL]")


def test_receipt_render_ms_reports_percentiles() -> None:
    metric = receipt_render_ms("small")
    assert metric == {"p50": metric["p50"], "p95": metric["p95"], "n": RUNS["small"]}
    assert 0 <= metric["p50"] <= metric["p95"]
