"""Event logs uploaded on the web: kept in the data folder under their SHA-256, profiled by a
background job (`mine-log`: the process map and the automation candidates, with progress), and
merged into the strategy's processes on confirmation (the workspace layer's `merge_processes`,
into the draft).

The upload size limit is the `max_upload_mb` setting; the number of events the
`mining_max_events` setting; the reader's memory the `mining_memory_limit` setting. CSV and
Parquet columns are recognised by their usual names (case id, activity, timestamp…), as
`headway mine` does without `--case/--activity/--timestamp`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from headway.errors import HeadwayError, Problem
from headway.mining.mine import mine
from headway.mining.profile import ProcessProfile
from headway.report.charts.from_results import flow_map
from headway.report.charts.process_map import process_map
from headway.settings import Settings
from headway.strategy.model import Strategy
from headway.web import jobs, models
from headway.web.audit import Actor, record
from headway.web.job_task import Progress, kind
from headway.web.jobs import JobView
from headway.web.uploads import read_upload
from headway.workspace.store import Document

SUFFIXES = (".xes.gz", ".xes", ".csv", ".parquet")
SHOWN_CANDIDATES = 25


def suffix_of(name: str) -> str:
    """The log's kind by its file name; raises `HeadwayError` for any other kind of file."""
    lowered = name.lower()
    for suffix in SUFFIXES:
        if lowered.endswith(suffix):
            return suffix
    message = "an event log is a .xes, .xes.gz, .csv or .parquet file"
    raise HeadwayError([Problem(message, ("log",), name or "upload")])


def store_upload(
    workspace: models.Workspace, upload: UploadedFile, actor: Actor
) -> models.EventLogUpload:
    """Keep the uploaded log (refused above `max_upload_mb` or of another kind) and record it."""
    name = (upload.name or "log")[:200]
    suffix = suffix_of(name)
    content = read_upload(upload)
    sha = hashlib.sha256(content).hexdigest()
    folder = Path(settings.DATA_DIR) / "eventlogs" / str(workspace.pk)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{sha}{suffix}"
    if not path.exists():
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(content)
        partial.replace(path)
    row = models.EventLogUpload.objects.create(
        workspace=workspace,
        name=name,
        sha256=sha,
        size=len(content),
        path=str(path),
        uploaded_by=actor.name,
    )
    record(workspace, actor, "log.upload", f"event log {row.pk}", None, name)
    return row


def delete_upload(row: models.EventLogUpload, actor: Actor) -> None:
    """Forget an uploaded log: its row; its profiling job unless it is running or another
    upload shares it (the profile holds the log's activities and map); and, once no other
    upload is the same file, the file (after the database change is committed)."""
    path = row.path
    with transaction.atomic():
        others = models.EventLogUpload.objects.exclude(pk=row.pk)
        if row.job_id and not others.filter(job_id=row.job_id).exists():
            jobs_of_log = models.Job.objects.filter(workspace=row.workspace, pk=row.job_id)
            jobs_of_log.exclude(status="running").delete()
        record(row.workspace, actor, "log.delete", f"event log {row.pk}", row.name, None)
        row.delete()
        if path and not others.filter(path=path).exists():
            transaction.on_commit(lambda: Path(path).unlink(missing_ok=True))


def profile_log(path: str) -> ProcessProfile:
    """Mine the kept log with the settings' limits; raises `MiningError` for a bad log."""
    chosen = Settings.from_environ(os.environ)
    return mine(
        path,
        memory_limit=chosen.mining_memory_limit,
        scanner=chosen.xes_scanner,
        max_events=chosen.mining_max_events,
    )


@kind("mine-log", "Profiling the event log")
def mine_log_job(strategy: Strategy, options: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """The log's profile (totals, activities, paths, the top candidates) and its process map
    (SVG), for the page; `options["path"]` is the kept file, `options["sha256"]` its hash."""
    progress(0.1, "Reading the event log")
    profile = profile_log(str(options["path"]))
    progress(0.8, "Drawing the process map")
    data = profile.to_dict(variants=10)
    data["candidates"] = data["candidates"][:SHOWN_CANDIDATES]
    return {"profile": data, "map": process_map(flow_map(profile)) or ""}


def start_profile(row: models.EventLogUpload, document: Document) -> JobView:
    """The job profiling `row`'s log (the same file profiled before comes back at once)."""
    options = {"path": row.path, "sha256": row.sha256}
    job = jobs.submit(row.workspace, "mine-log", document, options)
    if row.job_id != job.id:
        models.EventLogUpload.objects.filter(pk=row.pk).update(job_id=job.id)
        row.job_id = job.id
    return job
