// Keeps each pairwise slider's words (its <output> and aria-valuetext) in step with its position;
// the consistency panel itself comes from the server (htmx), so no judgment logic lives here.
document.addEventListener("input", (event) => {
  const slider = event.target;
  if (!(slider instanceof HTMLInputElement) || slider.type !== "range" || !slider.dataset.left) {
    return;
  }
  const position = Number(slider.value);
  const left = slider.dataset.left;
  const right = slider.dataset.right;
  let text = `${left} and ${right} matter equally`;
  if (position !== 0) {
    const [more, less] = position < 0 ? [left, right] : [right, left];
    text = `${more} matters ${Math.abs(position) + 1} times as much as ${less}`;
  }
  slider.setAttribute("aria-valuetext", text);
  const output = document.getElementById(`${slider.name}-text`);
  if (output) {
    output.textContent = text;
  }
});

// After the server's consistency panel arrives, highlight the slider it names (if any).
document.addEventListener("htmx:afterSwap", () => {
  const flag = document.querySelector("#consistency .flag");
  const pair = flag ? flag.dataset.pair : null;
  for (const row of document.querySelectorAll(".pair")) {
    row.classList.toggle("flagged", row.id === `${pair}-row`);
  }
});
