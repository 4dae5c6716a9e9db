"""Monitoring: is the automation working, and what changes when the strategy changes?

- `workspace`: the folder on disk (`Workspace.open(dir)`), atomic writes of tracking files;
- `measurements`, `tables`, `records`: KPI measurements, their import (CSV/XLSX) and file forms;
- `initiatives`: initiative status, dates, owner and actual costs;
- `its`, `realization`: the benefit-realization test (segmented regression) and its verdicts;
- `projection`: off-track KPIs, the trend projected to the due date;
- `alignment_index`: the Alignment Index (docs/alignment-index.md);
- `realignment`: the diff of two strategy versions and their re-optimised plans;
- `status`: everything `headway status` shows.
"""
