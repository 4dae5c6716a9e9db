"""Forms of the participation pages (ideas, surveys, ethics, approval); each form's `PATHS` maps
document paths to its fields for `headway.web.field_errors.attach_problems`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from headway.errors import Path
from headway.strategy.model import Process
from headway.strategy.survey import default_survey
from headway.web.models_people import IDEA_KINDS

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
ID_HELP = "Lower-case letters, digits, - and _ (e.g. online-orders)."


def _number(label: str, maximum: float, help_text: str = "") -> forms.FloatField:
    return forms.FloatField(label=label, min_value=0, max_value=maximum, help_text=help_text)


class IdeaForm(forms.Form):
    """A pain point or an automation idea, with what it costs."""

    kind = forms.ChoiceField(label="This is", choices=IDEA_KINDS)
    title = forms.CharField(label="Title", max_length=200)
    process = forms.ChoiceField(label="Process", required=False)
    description = forms.CharField(
        label="What happens, and what would help",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    times_per_month = _number("How often (times a month)", 100_000)
    hours_each = _number("Hours lost each time", 1_000)
    errors_per_month = _number("Errors it causes (a month)", 100_000)

    def __init__(self, *args: Any, processes: Sequence[Process] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "(none of these)"), *[(p.id, p.name) for p in processes]]
        self.fields["process"].choices = choices  # type: ignore[attr-defined]


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Your comment", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConvertForm(forms.Form):
    """The estimates an editor gives when turning an idea into an initiative."""

    PATHS: Mapping[Path, str] = {
        ("id",): "id",
        ("name",): "name",
        ("category",): "category",
        ("upfront_cost",): "upfront_low",
        ("upfront_cost", "low"): "upfront_low",
        ("upfront_cost", "likely"): "upfront_likely",
        ("upfront_cost", "high"): "upfront_high",
        ("recurring_cost_per_month",): "recurring_per_month",
        ("effort_days",): "effort_days",
        ("duration_periods",): "duration_periods",
        ("process_effects",): "time_saved",
        ("ethics", "hours_displaced_per_year"): "hours_displaced",
        ("ethics", "redeployment_plan"): "redeployment_plan",
    }

    id = forms.RegexField(label="Initiative id", regex=ID_PATTERN, max_length=60, help_text=ID_HELP)
    name = forms.CharField(label="Initiative name", max_length=200)
    category = forms.CharField(label="Category", max_length=60)
    upfront_low = _number("Upfront cost, best case", 1e9)
    upfront_likely = _number("Upfront cost, most likely", 1e9)
    upfront_high = _number("Upfront cost, worst case", 1e9)
    recurring_per_month = _number("Running cost a month", 1e8)
    effort_days = _number("Staff effort (person-days)", 100_000)
    duration_periods = forms.IntegerField(
        label="Periods until live", min_value=0, max_value=60, initial=1
    )
    time_saved = forms.FloatField(
        label="Share of the process's time saved (0 to 1)",
        min_value=0,
        max_value=1,
        initial=0.5,
    )
    hours_displaced = _number(
        "Staff hours a year it takes over",
        1e7,
        "The ethics review asks what happens to these hours.",
    )
    redeployment_plan = forms.CharField(
        label="What those people will do instead (redeployment plan)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResolveForm(forms.Form):
    """Who takes responsibility for an ethics finding, why, and on which day."""

    PATHS: Mapping[Path, str] = {
        ("resolution", "by"): "by",
        ("resolution", "why"): "why",
    }

    finding = forms.CharField(widget=forms.HiddenInput, max_length=200)
    by = forms.CharField(label="Resolved by (name and role)", max_length=100)
    why = forms.CharField(
        label="Why it is acceptable, or what was done",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    date = forms.DateField(label="On (YYYY-MM-DD)")


class LinkForm(forms.Form):
    """A staff member to send a survey link to."""

    name = forms.CharField(label="Staff member's name", max_length=100)
    role = forms.CharField(label="Their role", max_length=60, initial="staff")


class SurveyForm(forms.Form):
    """The readiness survey: one optional 1-5 answer per statement."""

    anonymous = forms.BooleanField(
        label="Answer anonymously (your name is not kept with your answers)", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        survey = default_survey()
        choices = [(str(k), v) for k, v in sorted(survey.scale.labels.items())]
        for question in survey.questions:
            self.fields[f"q_{question.id}"] = forms.TypedChoiceField(
                label=question.text,
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[str, int]:
        """Question id -> answer, for the statements answered."""
        return {
            name.removeprefix("q_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("q_") and value not in (None, "")
        }
