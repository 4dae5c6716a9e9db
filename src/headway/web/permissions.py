"""The one permission table: who may use each page and each API operation.

Pages are keyed by their URL name, API operations by their operation id. The views and the API
read their rule from here (a page or operation without an entry cannot be served), and a test
walks every URL and operation for every role, so a new one without an entry fails the suite.
"""

from __future__ import annotations

from enum import Enum, StrEnum


class Role(StrEnum):
    """A member's role in one workspace, from most to least trusted."""

    OWNER = "owner"  # everything, including members, invitations, tokens and the audit log
    EDITOR = "editor"  # edits and publishes the strategy, imports data
    CONTRIBUTOR = "contributor"  # staff: submits ideas, answers surveys, votes
    VIEWER = "viewer"  # reads

    @property
    def rank(self) -> int:
        """4 for an owner down to 1 for a viewer."""
        return _RANK[self]

    def at_most(self, other: Role) -> Role:
        """The less trusted of this role and `other` (a token never exceeds its user's role)."""
        return self if self.rank <= other.rank else other


_RANK = {Role.OWNER: 4, Role.EDITOR: 3, Role.CONTRIBUTOR: 2, Role.VIEWER: 1}


class Access(Enum):
    """What a page or operation requires."""

    PUBLIC = "anyone"
    SIGNED_IN = "any signed-in user"
    VIEWER = Role.VIEWER
    CONTRIBUTOR = Role.CONTRIBUTOR
    EDITOR = Role.EDITOR
    OWNER = Role.OWNER

    @property
    def role(self) -> Role | None:
        """The least role in the workspace that may pass, or None when no workspace is involved."""
        return self.value if isinstance(self.value, Role) else None

    def allows(self, role: Role) -> bool:
        """Whether a member with `role` passes (for workspace-scoped rules)."""
        needed = self.role
        return needed is None or role.rank >= needed.rank


PAGES: dict[str, Access] = {
    "home": Access.PUBLIC,
    "signup": Access.PUBLIC,
    "login": Access.PUBLIC,
    "logout": Access.PUBLIC,
    "password_reset": Access.PUBLIC,
    "password_reset_done": Access.PUBLIC,
    "password_reset_confirm": Access.PUBLIC,
    "password_reset_complete": Access.PUBLIC,
    "api:openapi-json": Access.PUBLIC,
    "api:openapi-view": Access.PUBLIC,
    "workspace_list": Access.SIGNED_IN,
    "workspace_create": Access.SIGNED_IN,
    "workspace_import": Access.SIGNED_IN,
    "invitation_accept": Access.SIGNED_IN,
    "workspace": Access.VIEWER,
    "members": Access.VIEWER,
    "member_role": Access.OWNER,
    "member_remove": Access.OWNER,
    "invitation_create": Access.OWNER,
    "invitation_revoke": Access.OWNER,
    "versions": Access.VIEWER,
    "version": Access.VIEWER,
    "version_diff": Access.VIEWER,
    "version_export": Access.VIEWER,
    "workspace_export": Access.VIEWER,
    "draft": Access.EDITOR,
    "draft_start": Access.EDITOR,
    "draft_publish": Access.EDITOR,
    "draft_discard": Access.EDITOR,
    "document_import": Access.EDITOR,
    "job_progress": Access.VIEWER,
    "dashboard": Access.VIEWER,
    "evaluation": Access.VIEWER,
    "plan": Access.VIEWER,
    "initiative": Access.VIEWER,
    "scenarios": Access.VIEWER,
    "scenario_save": Access.EDITOR,
    "monitoring": Access.VIEWER,
    "measurement_add": Access.EDITOR,
    "measurement_upload": Access.EDITOR,
    "status_add": Access.EDITOR,
    "realignment": Access.VIEWER,
    "reports": Access.VIEWER,
    "report_file": Access.VIEWER,
    "bank_file": Access.VIEWER,
    "tokens": Access.OWNER,
    "token_revoke": Access.OWNER,
    "audit": Access.OWNER,
    "audit_export": Access.OWNER,
    "ideas": Access.VIEWER,
    "idea": Access.VIEWER,
    "idea_create": Access.CONTRIBUTOR,
    "idea_vote": Access.CONTRIBUTOR,
    "idea_comment": Access.CONTRIBUTOR,
    "idea_convert": Access.EDITOR,
    "ethics": Access.VIEWER,
    "ethics_resolve": Access.EDITOR,
    "approval": Access.VIEWER,
    "plan_approve": Access.OWNER,
    "surveys": Access.VIEWER,
    "survey_open": Access.EDITOR,
    "survey_link": Access.EDITOR,
    "survey_close": Access.EDITOR,
    "survey_use": Access.EDITOR,
    "logs": Access.VIEWER,
    "log": Access.VIEWER,
    "log_upload": Access.EDITOR,
    "log_merge": Access.EDITOR,
    "log_delete": Access.EDITOR,
    "survey_answer": Access.PUBLIC,  # the link's token is the key: staff need no account
    "start": Access.SIGNED_IN,
    "start_result": Access.VIEWER,
    "start_assumptions": Access.VIEWER,
    "assumption_confirm": Access.EDITOR,
    "weights": Access.CONTRIBUTOR,
    "weights_check": Access.CONTRIBUTOR,
    "editor_index": Access.EDITOR,
    "editor_item": Access.EDITOR,
    "editor_remove": Access.EDITOR,
    "catalogue": Access.EDITOR,
}

API: dict[str, Access] = {
    "list_workspaces": Access.SIGNED_IN,
    "get_workspace": Access.VIEWER,
    "list_members": Access.VIEWER,
    "list_versions": Access.VIEWER,
    "get_version": Access.VIEWER,
    "create_draft": Access.EDITOR,
    "update_draft": Access.EDITOR,
    "publish_draft": Access.EDITOR,
    "list_measurements": Access.VIEWER,
    "push_measurements": Access.EDITOR,
    "list_statuses": Access.VIEWER,
    "record_status": Access.EDITOR,
    "get_evaluation": Access.VIEWER,
    "get_plan": Access.VIEWER,
    "get_plan_limits": Access.VIEWER,
    "get_initiative_explanation": Access.VIEWER,
    "get_job": Access.VIEWER,
}
