"""The workspace layer: what a workspace holds, pure edits of its document, and the use cases
the command line and the web app call.

- `store`: the `WorkspaceStore` interface (a Protocol) and `Version`;
- `folder`, `memory`: `FolderStore` (the files of a workspace folder) and `MemoryStore`;
- `edits`: pure edits of the document's plain data, each returning the validated result;
- `changes`: use cases that change the document (create, save a version, record answers,
  resolve a finding, add remedies, merge mined processes);
- `tracking`: measurements, initiative status, the status report;
- `planning`: approve a plan, realign against the approved plan, build a report;
- `approval`: the approval gate and record;
- `workspace`: `Workspace`, a store with its strategy and the tracking use cases as methods.

Nothing here imports a command-line or web framework.
"""

from headway.workspace.approval import Approval, Blocker, approve, plan_blockers
from headway.workspace.changes import (
    Saved,
    add_remedies,
    change_document,
    create_workspace,
    current_strategy,
    merge_mined_processes,
    record_answers,
    resolve_finding,
    save_version,
)
from headway.workspace.edits import Edited
from headway.workspace.errors import WorkspaceError
from headway.workspace.folder import FolderStore
from headway.workspace.memory import MemoryStore
from headway.workspace.planning import (
    ApprovalResult,
    approve_plan,
    realign_workspace,
    workspace_report,
)
from headway.workspace.store import Document, Version, WorkspaceStore, document_sha256
from headway.workspace.tracking import (
    add_measurement,
    import_measurements,
    record_status,
    tracked_initiatives,
)
from headway.workspace.workspace import Workspace, learned_workspace_strategy, workspace_status

__all__ = [
    "Approval",
    "ApprovalResult",
    "Blocker",
    "Document",
    "Edited",
    "FolderStore",
    "MemoryStore",
    "Saved",
    "Version",
    "Workspace",
    "WorkspaceError",
    "WorkspaceStore",
    "add_measurement",
    "add_remedies",
    "approve",
    "approve_plan",
    "change_document",
    "create_workspace",
    "current_strategy",
    "document_sha256",
    "import_measurements",
    "learned_workspace_strategy",
    "merge_mined_processes",
    "plan_blockers",
    "realign_workspace",
    "record_answers",
    "record_status",
    "resolve_finding",
    "save_version",
    "tracked_initiatives",
    "workspace_report",
    "workspace_status",
]
