"""Every URL of the web app; each name has an entry in the permission table (permissions.py)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from headway.web import (
    accounts,
    views_analysis,
    views_edit,
    views_ethics,
    views_ideas,
    views_jobs,
    views_logs,
    views_monitoring,
    views_reports,
    views_scenarios,
    views_start,
    views_surveys,
    views_versions,
    views_weights,
    views_workspaces,
)
from headway.web.api import api

_W = "w/<int:workspace_id>/"

urlpatterns = [
    path("", views_workspaces.home, name="home"),
    path("signup/", accounts.signup, name="signup"),
    path("login/", accounts.ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="web/password_reset.html",
            email_template_name="web/password_reset_email.txt",
            subject_template_name="web/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="web/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="web/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="web/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("api/", api.urls),
    path("w/", views_workspaces.workspace_list, name="workspace_list"),
    path("w/new/", views_workspaces.workspace_create, name="workspace_create"),
    path("w/import/", views_workspaces.workspace_import, name="workspace_import"),
    path("invite/<str:token>/", views_workspaces.invitation_accept, name="invitation_accept"),
    path(_W, views_workspaces.workspace, name="workspace"),
    path(_W + "members/", views_workspaces.member_list, name="members"),
    path(_W + "members/<int:member_id>/role/", views_workspaces.member_role, name="member_role"),
    path(
        _W + "members/<int:member_id>/remove/",
        views_workspaces.member_remove,
        name="member_remove",
    ),
    path(_W + "invitations/", views_workspaces.invitation_create, name="invitation_create"),
    path(
        _W + "invitations/<int:invitation_id>/revoke/",
        views_workspaces.invitation_revoke,
        name="invitation_revoke",
    ),
    path(_W + "tokens/", views_workspaces.token_list, name="tokens"),
    path(_W + "tokens/<int:token_id>/revoke/", views_workspaces.token_revoke, name="token_revoke"),
    path(_W + "audit/", views_workspaces.audit, name="audit"),
    path(_W + "audit.csv", views_workspaces.audit_export, name="audit_export"),
    path(_W + "export.zip", views_workspaces.workspace_export, name="workspace_export"),
    path(_W + "versions/", views_versions.versions, name="versions"),
    path(_W + "versions/<int:number>/", views_versions.version, name="version"),
    path(_W + "versions/<int:number>/diff/", views_versions.version_diff, name="version_diff"),
    path(
        _W + "versions/<int:number>/export.<str:format>",
        views_versions.version_export,
        name="version_export",
    ),
    path(_W + "draft/", views_versions.draft, name="draft"),
    path(_W + "draft/start/", views_versions.draft_start, name="draft_start"),
    path(_W + "draft/publish/", views_versions.draft_publish, name="draft_publish"),
    path(_W + "draft/discard/", views_versions.draft_discard, name="draft_discard"),
    path(_W + "import/", views_versions.document_import, name="document_import"),
    path(_W + "ideas/", views_ideas.ideas, name="ideas"),
    path(_W + "ideas/new/", views_ideas.idea_create, name="idea_create"),
    path(_W + "ideas/<int:idea_id>/", views_ideas.idea, name="idea"),
    path(_W + "ideas/<int:idea_id>/vote/", views_ideas.idea_vote, name="idea_vote"),
    path(_W + "ideas/<int:idea_id>/comment/", views_ideas.idea_comment, name="idea_comment"),
    path(_W + "ideas/<int:idea_id>/convert/", views_ideas.idea_convert, name="idea_convert"),
    path(_W + "ethics/", views_ethics.ethics, name="ethics"),
    path(_W + "ethics/resolve/", views_ethics.ethics_resolve, name="ethics_resolve"),
    path(_W + "approval/", views_ethics.approval, name="approval"),
    path(_W + "approval/approve/", views_ethics.plan_approve, name="plan_approve"),
    path(_W + "surveys/", views_surveys.survey_list, name="surveys"),
    path(_W + "surveys/open/", views_surveys.survey_open, name="survey_open"),
    path(_W + "surveys/<int:number>/link/", views_surveys.survey_link, name="survey_link"),
    path(_W + "surveys/<int:number>/close/", views_surveys.survey_close, name="survey_close"),
    path(_W + "surveys/<int:number>/use/", views_surveys.survey_use, name="survey_use"),
    path("survey/<str:survey_token>/", views_surveys.survey_answer, name="survey_answer"),
    # The guided start and pairwise weights (views_start, views_weights).
    path("start/", views_start.start, name="start"),
    path(_W + "start/", views_start.start_result, name="start_result"),
    path(_W + "start/assumptions/", views_start.start_assumptions, name="start_assumptions"),
    path(_W + "assumptions/confirm/", views_start.assumption_confirm, name="assumption_confirm"),
    path(_W + "weights/<str:level>/", views_weights.weights, name="weights"),
    path(_W + "weights/<str:level>/check/", views_weights.weights_check, name="weights_check"),
    path(_W + "jobs/<int:job_id>/", views_jobs.job_progress, name="job_progress"),
    path(_W + "dashboard/", views_analysis.dashboard, name="dashboard"),
    path(_W + "evaluation/", views_analysis.evaluation, name="evaluation"),
    path(_W + "plan/", views_analysis.plan, name="plan"),
    path(_W + "initiatives/<str:initiative_id>/", views_analysis.initiative, name="initiative"),
    path(_W + "scenarios/", views_scenarios.scenarios, name="scenarios"),
    path(_W + "scenarios/save/", views_scenarios.scenario_save, name="scenario_save"),
    path(_W + "edit/", views_edit.editor_index, name="editor_index"),
    path(_W + "edit/<str:section>/<str:item_id>/", views_edit.editor_item, name="editor_item"),
    path(
        _W + "edit/<str:section>/<str:item_id>/remove/",
        views_edit.editor_remove,
        name="editor_remove",
    ),
    path(_W + "catalogue/", views_edit.catalogue, name="catalogue"),
    path(_W + "logs/", views_logs.logs, name="logs"),
    path(_W + "logs/upload/", views_logs.log_upload, name="log_upload"),
    path(_W + "logs/<int:log_id>/", views_logs.log, name="log"),
    path(_W + "logs/<int:log_id>/merge/", views_logs.log_merge, name="log_merge"),
    path(_W + "logs/<int:log_id>/delete/", views_logs.log_delete, name="log_delete"),
    path(_W + "monitoring/", views_monitoring.monitoring, name="monitoring"),
    path(_W + "monitoring/add/", views_monitoring.measurement_add, name="measurement_add"),
    path(_W + "monitoring/upload/", views_monitoring.measurement_upload, name="measurement_upload"),
    path(_W + "monitoring/status/", views_monitoring.status_add, name="status_add"),
    path(_W + "realignment/", views_monitoring.realignment, name="realignment"),
    path(_W + "reports/", views_reports.reports, name="reports"),
    path(
        _W + "versions/<int:number>/report.<str:report_format>",
        views_reports.report_file,
        name="report_file",
    ),
    path(
        _W + "versions/<int:number>/bank.<str:report_format>",
        views_reports.bank_file,
        name="bank_file",
    ),
]
