// `make bench` entry point. Each section lives in its own file and returns table rows.
// (Sections are filled in by the benchmark issue.)
print("relgraph-bench: no sections yet")
