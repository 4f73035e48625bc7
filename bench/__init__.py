"""Benchmark a dark stage against micrograd and PyTorch: `python -m bench --stage dark-1`.

Each workload is written once per engine, with that engine's public API
(dark_workloads.py, micrograd_workloads.py, torch_workloads.py). The engines
take turns on every case, and the results are reported as paired ratios.
"""
