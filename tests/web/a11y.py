"""Accessibility checks for the browser tests, shared by every page test.

`check_page(page)` runs axe-core (vendored unmodified in tests/web/vendor/axe-core/, MPL-2.0, from
the npm registry; never a CDN) in the page and fails on any violation of impact "serious" or
"critical", listing each rule, its help text and the offending elements.

`check_keyboard(page, form)` walks the page with the Tab key alone, from the top, and fails
unless every visible, enabled control of the form (link, input, select, textarea, button)
receives the focus (a radio group counts as one stop, as browsers make it), and the focused
control shows a visible focus indicator (an outline or a box shadow).

Both return what they found so a test can assert more (e.g. the number of controls reached).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# WCAG 2.0/2.1 A and AA rules, plus axe's best practices (landmarks, headings, skip link).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

_CONTROLS = (
    "a[href], input:not([type=hidden]):not([disabled]), select:not([disabled]), "
    "textarea:not([disabled]), button:not([disabled])"
)

_MARK_CONTROLS = """([form, selector]) => {
  const root = form ? document.querySelector(form) : document;
  if (!root) { return -1; }
  document.querySelectorAll('[data-a11y-control]')
    .forEach(el => el.removeAttribute('data-a11y-control'));
  let n = 0;
  const groups = {};  // a radio group is one Tab stop: arrow keys move within it
  for (const el of root.querySelectorAll(selector)) {
    // Not rendered (display none, visibility hidden, inside a closed <details>): not a stop.
    if (!el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true})) { continue; }
    const group = el.type === 'radio' && el.name ? el.form?.id + '/' + el.name : null;
    if (group !== null && group in groups) {
      el.setAttribute('data-a11y-control', groups[group]);
      continue;
    }
    el.setAttribute('data-a11y-control', String(n));
    if (group !== null) { groups[group] = String(n); }
    n += 1;
  }
  return n;
}"""

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {
    mark: el.getAttribute('data-a11y-control'),
    label: (el.labels && el.labels[0] ? el.labels[0].textContent : el.textContent || el.name || '')
      .trim().slice(0, 60),
    visible: outline || shadow,
  };
}"""


@dataclass(frozen=True)
class Violation:
    """One axe-core rule broken on the page."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}): {self.help} — at {', '.join(self.targets)}"


def axe_violations(page: Any) -> list[Violation]:
    """Every axe-core violation on the page as it is now (all impacts)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        Violation(
            rule=v["id"],
            impact=v.get("impact") or "unknown",
            help=v["help"],
            targets=tuple(str(node["target"]) for node in v["nodes"]),
        )
        for v in result["violations"]
    ]


def check_page(page: Any) -> list[Violation]:
    """Fail on serious or critical axe-core violations; return the minor ones for the record."""
    found = axe_violations(page)
    blocking = [v for v in found if v.impact in BLOCKING]
    assert not blocking, f"accessibility violations on {page.url}:\n" + "\n".join(
        str(v) for v in blocking
    )
    return found


def check_keyboard(page: Any, form: str = "main form", limit: int = 200) -> list[str]:
    """Fail unless Tab alone reaches every control inside the elements matching `form` (CSS,
    the first match; "main" for the whole page body) with a visible focus indicator; return the
    labels of the controls reached, in Tab order."""
    total = page.evaluate(_MARK_CONTROLS, [form, _CONTROLS])
    assert total != -1, f"no element matches {form!r} on {page.url}"
    assert total > 0, f"{form!r} on {page.url} has no visible control to reach"
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.locator("body").focus()
    reached: dict[str, str] = {}
    unseen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or focused["mark"] is None:
            continue
        if not focused["visible"]:
            unseen.append(focused["label"])
        reached.setdefault(focused["mark"], focused["label"])
        if len(reached) == total:
            break
    missing = page.evaluate(
        "(marks) => [...new Set([...document.querySelectorAll('[data-a11y-control]')]"
        ".map(el => el.getAttribute('data-a11y-control')))]"
        ".map(mark => document.querySelector(`[data-a11y-control='${mark}']`))"
        ".filter(el => !marks.includes(el.getAttribute('data-a11y-control')))"
        ".map(el => el.outerHTML.slice(0, 120))",
        list(reached),
    )
    assert not missing, f"Tab never reaches these controls on {page.url}: {missing}"
    assert not unseen, f"no visible focus indicator on {page.url} for: {unseen}"
    return [reached[mark] for mark in sorted(reached, key=int)]
