// The document page: a card with a statement's cue, source, speaker, addressee, via and
// confidence on hover or focus; an event's evidence lit in the text on hover or focus.
(function () {
  "use strict";
  const cards = JSON.parse(document.getElementById("cards").textContent);
  const card = document.getElementById("card");
  const text = document.getElementById("text");
  const rows = [
    ["speaker", "speaker"], ["cue", "cue"], ["source", "source"], ["addressee", "addressee"],
    ["via", "via"], ["via_actor", "via party"], ["kind", "kind"], ["confidence", "confidence"],
    ["topics", "topics"],
  ];

  function show(mark) {
    const found = cards[mark.dataset.st];
    if (!found) return;
    const list = document.createElement("dl");
    for (const [key, label] of rows) {
      let value = found[key];
      if (Array.isArray(value)) value = value.join(", ");
      if (value === null || value === undefined || value === "") continue;
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = String(value);  // text, never markup
      dd.className = "card-" + key;
      list.append(dt, dd);
    }
    card.replaceChildren(list);
    card.hidden = false;
    const box = mark.getBoundingClientRect();
    card.style.left = Math.min(box.left, window.innerWidth - 420) + "px";
    card.style.top = (box.bottom + 6 < window.innerHeight - 180 ? box.bottom + 6 : box.top - card.offsetHeight - 6) + "px";
    for (const other of text.querySelectorAll("mark.on")) other.classList.remove("on");
    for (const part of text.querySelectorAll('mark[data-st="' + CSS.escape(mark.dataset.st) + '"]')) {
      part.classList.add("on");
    }
  }

  function hide() {
    card.hidden = true;
    for (const other of text.querySelectorAll("mark.on")) other.classList.remove("on");
  }

  text.addEventListener("mouseover", (e) => { const m = e.target.closest("mark.st"); if (m) show(m); });
  text.addEventListener("mouseout", (e) => { if (e.target.closest("mark.st")) hide(); });
  text.addEventListener("focusin", (e) => { const m = e.target.closest("mark.st"); if (m) show(m); });
  text.addEventListener("focusout", hide);

  function light(event, on) {
    const start = Number(event.dataset.s), end = Number(event.dataset.e);
    for (const part of text.querySelectorAll("[data-s]")) {
      const s = Number(part.dataset.s), e = Number(part.dataset.e);
      part.classList.toggle("ev-on", on && s >= start && e <= end);
    }
  }
  for (const event of document.querySelectorAll("li.event")) {
    event.addEventListener("mouseenter", () => light(event, true));
    event.addEventListener("mouseleave", () => light(event, false));
    event.addEventListener("focus", () => light(event, true));
    event.addEventListener("blur", () => light(event, false));
  }
})();
