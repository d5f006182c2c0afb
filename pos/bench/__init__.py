"""The benchmark suite behind `pos bench` (CONTRACTS.md, "Benchmark output")."""
