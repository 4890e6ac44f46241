import { type Bank, clauseMap, isChoice, type ResolvedSection } from "../bank/bank.js";

/** What the deck's script works from: the questions to present, and what an export names. */
export interface DeckData {
  format: "selfcheck-session/1";
  tool: { name: "policy-selfcheck"; version: string };
  bank: { id: string; version: string; sha256: string };
  /** The `--section` the deck was made for, or null for the whole bank. */
  section: string | null;
  title: string;
  organisation: string;
  policy: string;
  sections: { id: string; title: string }[];
  questions: DeckQuestion[];
}

export type DeckQuestion = {
  id: string;
  section: string;
  sectionTitle: string;
  prompt: string;
  explanation: string;
  policy: { ref: string; text: string }[];
} & (
  | { type: "choice"; multi: boolean; critical: boolean; options: { id: string; label: string; correct: boolean }[] }
  | { type: "public-test"; parts: string[]; guidance: string }
);

/** The deck's data from the bank. Pure. */
export function deckData(bank: Bank, sections: ResolvedSection[], section: string | null, toolVersion: string): DeckData {
  const clauses = clauseMap(bank);
  return {
    format: "selfcheck-session/1",
    tool: { name: "policy-selfcheck", version: toolVersion },
    bank: { id: bank.id, version: bank.version, sha256: bank.sha256 },
    section,
    title: bank.title,
    organisation: bank.policy.organisation,
    policy: bank.policy.title,
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    questions: sections.flatMap((s) =>
      s.questions.map((q): DeckQuestion => {
        const common = {
          id: q.id,
          section: s.id,
          sectionTitle: s.title,
          prompt: q.prompt,
          explanation: q.explanation,
          policy: q.clauses.flatMap((id) => {
            const c = clauses.get(id);
            // The policy's own reference (numbering, or heading and place), never an internal id.
            return c ? [{ ref: c.ref, text: c.lead ? `${c.lead} … ${c.text}` : c.text }] : [];
          }),
        };
        return isChoice(q)
          ? {
              ...common,
              type: "choice",
              multi: q.type === "multi",
              critical: q.critical === true,
              options: q.options.map((o) => ({ id: o.id, label: o.label, correct: o.correct === true })),
            }
          : {
              ...common,
              // In a room nobody thinks aloud about their own post: the bank's group wording.
              prompt: q.discussion ?? q.prompt,
              type: "public-test",
              parts: q.parts.map((p) => p.prompt),
              guidance: q.guidance,
            };
      }),
    ),
  };
}

/**
 * The group session as one self-contained HTML file for a projector: no network, no external
 * assets (a Content-Security-Policy forbids them), so it runs from a USB stick on any school PC.
 * One question per screen in large type that shrinks only as much as a long question needs;
 * discuss, then reveal (keyed options highlighted, critical flagged, the policy's words). Hand
 * counts are typed into a dialog that closes, so the numbers never stay on the projected view;
 * the room's distribution shows with the reveal. At the end: the sections the room found hardest
 * and a counts-only JSON download, the same data as `present --export`.
 */
export function renderPresentHtml(data: DeckData): string {
  // JSON inside <script>: escape "<" so no value can close the element, and the two line
  // separators JavaScript once treated as line ends.
  const json = JSON.stringify(data).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${data.title} — group session`)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<main id="stage" aria-live="polite"></main>
<nav id="controls" aria-label="Trainer controls">
  <button type="button" data-do="back" title="Back (←)">← Back</button>
  <button type="button" data-do="forward" title="Reveal / next (→ or Space)">Reveal / Next →</button>
  <button type="button" data-do="hands" title="Type a show of hands (H)">Hands (H)</button>
  <button type="button" data-do="end" title="End the session (E)">End (E)</button>
  <span class="keys">← → Space · R reveal · H hands · E end · Home start</span>
</nav>
<dialog id="hands" aria-labelledby="hands-title">
  <form method="dialog" id="hands-form" novalidate>
    <h2 id="hands-title">Show of hands</h2>
    <p class="hint">Type the number of hands for each option (empty = none). Enter saves and closes; Esc cancels. The numbers do not stay on screen.</p>
    <div id="hands-fields"></div>
    <p id="hands-error" role="alert"></p>
    <div class="buttons"><button type="button" id="hands-cancel">Cancel</button> <button type="submit" id="hands-save">Save</button></div>
  </form>
</dialog>
<script type="application/json" id="deck-data">${json}</script>
<script>
${SCRIPT}
</script>
</body>
</html>
`;
}

function esc(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const STYLE = `
  :root { --ink: #14171c; --muted: #4a5361; --bg: #fbfbf8; --line: #c9ced6; --good: #0f6b35; --good-bg: #dff3e6; --bad: #a1160f; --accent: #1b4f9c; --scale: 1; }
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; overflow: hidden; background: var(--bg); color: var(--ink); }
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
  #stage { position: absolute; inset: 0 0 0 0; padding: calc(3.2vh * var(--scale)) 4vw; display: flex; flex-direction: column; overflow: hidden; font-size: calc(3.6vh * var(--scale)); line-height: 1.3; }
  .meta { color: var(--muted); font-size: .7em; margin: 0 0 .6em; display: flex; justify-content: space-between; gap: 1em; }
  h1 { font-size: 1.9em; margin: .2em 0 .4em; line-height: 1.15; }
  h2.prompt { font-size: 1.35em; margin: 0 0 .6em; line-height: 1.25; overflow-wrap: anywhere; }
  ol.options { list-style: none; margin: 0; padding: 0; display: grid; gap: .3em; }
  ol.options li { display: grid; grid-template-columns: 1.6em 1fr auto; gap: .5em; align-items: baseline; padding: .2em .45em; border: 2px solid transparent; border-radius: .3em; overflow-wrap: anywhere; }
  .letter { font-weight: 700; color: var(--accent); }
  .revealed li.keyed { border-color: var(--good); background: var(--good-bg); font-weight: 600; }
  .revealed li.keyed .letter { color: var(--good); }
  .revealed li:not(.keyed) { color: var(--muted); }
  .tick { color: var(--good); font-weight: 700; white-space: nowrap; }
  .count { font-size: .75em; white-space: nowrap; color: var(--ink); font-weight: 400; }
  .bar { display: inline-block; height: .6em; background: var(--accent); vertical-align: middle; margin-right: .3em; border-radius: .1em; }
  .phase { margin-top: .7em; font-size: .8em; color: var(--accent); font-weight: 600; }
  .critical { display: inline-block; margin: .5em 0 0; padding: .1em .5em; border: 2px solid var(--bad); color: var(--bad); border-radius: .3em; font-size: .75em; font-weight: 700; }
  .explanation { margin: .6em 0 .3em; font-size: .8em; }
  blockquote { margin: .3em 0 0; padding: .2em .8em; border-left: .25em solid var(--line); font-size: .72em; color: var(--ink); }
  blockquote cite { display: block; font-style: normal; color: var(--muted); font-size: .85em; }
  ul.parts { margin: 0; padding-left: 1.2em; }
  ul.parts li { margin: .2em 0; }
  .multi { color: var(--muted); font-size: .75em; margin-top: .4em; }
  table.hardest { border-collapse: collapse; font-size: .85em; margin: .3em 0 .8em; }
  table.hardest td, table.hardest th { padding: .2em .7em; border-bottom: 1px solid var(--line); text-align: left; }
  table.hardest td.num { text-align: right; }
  button { font: inherit; }
  #download { align-self: flex-start; font-size: .8em; padding: .3em .8em; border-radius: .3em; border: 2px solid var(--accent); background: white; color: var(--accent); cursor: pointer; }
  #controls { position: fixed; left: 0; right: 0; bottom: 0; display: flex; gap: .5em; align-items: center; padding: .4em 1em; background: rgba(20, 23, 28, .85); color: white; font-size: 14px; opacity: 0; transition: opacity .3s; }
  #controls.show, #controls:focus-within { opacity: 1; }
  #controls button { background: transparent; color: white; border: 1px solid rgba(255,255,255,.5); border-radius: 4px; padding: .2em .6em; cursor: pointer; }
  #controls .keys { margin-left: auto; opacity: .8; }
  dialog { font-size: 18px; border: 1px solid var(--line); border-radius: 8px; max-width: 36em; width: 90vw; }
  dialog label { display: grid; grid-template-columns: 1.5em 1fr 5em; gap: .5em; align-items: center; margin: .3em 0; }
  dialog input { font: inherit; width: 5em; padding: .1em .3em; }
  dialog .hint { color: var(--muted); font-size: .85em; }
  dialog .buttons { text-align: right; }
  #hands-error { color: var(--bad); min-height: 1em; margin: .2em 0; }
`;

/** The deck's behaviour. Plain ES2017 for old school browsers; all text goes in through textContent. */
const SCRIPT = `
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("deck-data").textContent);
  var LETTERS = "ABCDEFGHIJ";
  var stage = document.getElementById("stage");
  var dialog = document.getElementById("hands");
  var startedAt = new Date().toISOString();
  // Position: -1 the title, 0..n-1 a question, n the end. Phase of a question: discuss or reveal.
  var index = -1;
  var phase = "discuss";
  var tallies = Object.create(null); // ids index these: "constructor" must find nothing
  var revealed = Object.create(null);

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function meta(left, right) {
    return el("p", { className: "meta" }, [el("span", { text: left }), el("span", { text: right })]);
  }

  function policyWords(q) {
    return q.policy.map(function (p) {
      return el("blockquote", {}, [el("span", { text: "\\u201c" + p.text + "\\u201d" }), el("cite", { text: p.ref })]);
    });
  }

  function renderTitle() {
    var n = data.questions.length;
    return [
      meta(data.organisation, data.policy),
      el("h1", { text: data.title }),
      el("p", { text: n + (n === 1 ? " question" : " questions") + " to discuss together. Nobody\\u2019s name is recorded." }),
      el("p", { className: "phase", text: "Press \\u2192 or Space to start." })
    ];
  }

  function renderQuestion(q, i) {
    var out = [meta(q.sectionTitle + " \\u00b7 question " + (i + 1) + " of " + data.questions.length, data.policy)];
    out.push(el("h2", { className: "prompt", id: "prompt", text: q.prompt }));
    var isReveal = phase === "reveal";
    if (q.type === "public-test") {
      out.push(el("ul", { className: "parts" }, q.parts.map(function (p) { return el("li", { text: p }); })));
      if (isReveal) {
        out.push(el("p", { className: "explanation", id: "guidance", text: q.guidance }));
        out = out.concat(policyWords(q));
      } else {
        out.push(el("p", { className: "phase", text: "Discuss with the room: a made-up example or a news story; nobody shares their own." }));
      }
      return out;
    }
    var tally = tallies[q.id] || null;
    var total = 0;
    if (tally) Object.keys(tally).forEach(function (k) { total += tally[k]; });
    var list = el("ol", { className: "options" + (isReveal ? " revealed" : ""), id: "options" }, q.options.map(function (o, j) {
      var right = [];
      if (isReveal && tally) {
        var n = tally[o.id] || 0;
        var share = total === 0 ? 0 : Math.round((n * 100) / total);
        var bar = el("span", { className: "bar" });
        bar.style.width = (share * 0.06) + "em";
        right.push(el("span", { className: "count" }, [bar, document.createTextNode(n + " (" + share + "%)")]));
      }
      if (isReveal && o.correct) right.push(el("span", { className: "tick", text: " \\u2713 keyed" }));
      return el("li", { className: isReveal && o.correct ? "keyed" : "", "data-option": o.id }, [
        el("span", { className: "letter", text: LETTERS.charAt(j) }),
        el("span", { text: o.label }),
        right.length ? el("span", {}, right) : null
      ]);
    }));
    out.push(list);
    if (q.multi) out.push(el("p", { className: "multi", text: "More than one answer may be right." }));
    if (isReveal) {
      if (q.critical) out.push(el("p", { className: "critical", id: "critical", text: "Critical: one wrong answer here fails the section." }));
      out.push(el("p", { className: "explanation", text: q.explanation }));
      out = out.concat(policyWords(q));
    } else {
      out.push(el("p", { className: "phase", text: "Discuss with the room, then reveal (\\u2192). H: type a show of hands first." }));
    }
    return out;
  }

  /** Share of hands on the keyed answers, per section, hardest first: as present --export computes it. */
  function difficulty() {
    return data.sections.map(function (s) {
      var correctHands = 0;
      var totalHands = 0;
      discussed().forEach(function (t) {
        if (t.section !== s.id || t.tally === null) return;
        var q = find(t.id);
        Object.keys(t.tally).forEach(function (option) {
          var n = t.tally[option];
          totalHands += n;
          if (q.options.some(function (o) { return o.id === option && o.correct; })) correctHands += n;
        });
      });
      return { id: s.id, title: s.title, correctHands: correctHands, totalHands: totalHands, percentage: totalHands === 0 ? null : Math.round((correctHands * 100) / totalHands) };
    }).sort(function (a, b) { return (a.percentage === null ? 101 : a.percentage) - (b.percentage === null ? 101 : b.percentage); });
  }

  function find(id) {
    for (var i = 0; i < data.questions.length; i++) if (data.questions[i].id === id) return data.questions[i];
    return null;
  }

  /** Questions revealed so far, in deck order, with their counts (null when hands were not counted). */
  function discussed() {
    return data.questions.filter(function (q) { return revealed[q.id]; }).map(function (q) {
      return { id: q.id, section: q.section, tally: q.type === "choice" && tallies[q.id] ? tallies[q.id] : null };
    });
  }

  function exportData() {
    var all = data.questions.every(function (q) { return revealed[q.id]; });
    return {
      format: data.format,
      tool: data.tool,
      bank: data.bank,
      section: data.section,
      startedAt: startedAt,
      finishedAt: new Date().toISOString(),
      ended: all ? "finished" : "stopped",
      questions: discussed(),
      sections: difficulty()
    };
  }

  function renderEnd() {
    var done = discussed().length;
    var out = [meta(data.organisation, data.policy), el("h1", { text: "Session " + (done === data.questions.length ? "complete" : "ended") }),
      el("p", { text: done + " of " + data.questions.length + " questions discussed." })];
    var counted = difficulty().filter(function (d) { return d.percentage !== null; });
    if (counted.length) {
      out.push(el("h2", { className: "prompt", text: "Sections the room found hardest" }));
      out.push(el("table", { className: "hardest", id: "hardest" }, [el("tbody", {}, counted.map(function (d) {
        return el("tr", {}, [el("td", { className: "num", text: d.percentage + "%" }), el("td", { text: d.title }), el("td", { text: d.correctHands + " of " + d.totalHands + (d.totalHands === 1 ? " hand" : " hands") + " on the keyed answers" })]);
      }))]));
    } else {
      out.push(el("p", { className: "multi", text: "No show of hands was counted." }));
    }
    var button = el("button", { type: "button", id: "download", text: "Download the counts (JSON, no names)" });
    button.addEventListener("click", download);
    out.push(button);
    return out;
  }

  function download() {
    var blob = new Blob([JSON.stringify(exportData(), null, 2) + "\\n"], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "session-" + startedAt.slice(0, 10) + ".json";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  /** Largest type that fits: start at full size and step down only while the screen overflows. */
  function fit() {
    var scale = 1;
    stage.style.setProperty("--scale", "1");
    while (scale > 0.4 && (stage.scrollHeight > stage.clientHeight + 1 || stage.scrollWidth > stage.clientWidth + 1)) {
      scale -= 0.05;
      stage.style.setProperty("--scale", String(scale));
    }
  }

  function render() {
    while (stage.firstChild) stage.removeChild(stage.firstChild);
    var q = data.questions[index];
    var nodes = index < 0 ? renderTitle() : q ? renderQuestion(q, index) : renderEnd();
    nodes.forEach(function (n) { stage.appendChild(n); });
    stage.setAttribute("data-index", String(index));
    stage.setAttribute("data-phase", index >= 0 && q ? phase : index < 0 ? "title" : "end");
    fit();
  }

  function forward() {
    var q = data.questions[index];
    if (q && phase === "discuss") { phase = "reveal"; revealed[q.id] = true; }
    else if (index < data.questions.length) { index++; phase = "discuss"; }
    render();
  }

  function back() {
    if (index >= 0 && index < data.questions.length && phase === "reveal") phase = "discuss";
    else if (index > -1) { index--; phase = index >= 0 && index < data.questions.length && revealed[data.questions[index].id] ? "reveal" : "discuss"; }
    render();
  }

  function openHands() {
    var q = data.questions[index];
    if (!q || q.type !== "choice") return;
    var fields = document.getElementById("hands-fields");
    while (fields.firstChild) fields.removeChild(fields.firstChild);
    q.options.forEach(function (o, j) {
      var input = el("input", { type: "number", min: "0", max: "99999", step: "1", inputmode: "numeric", name: o.id, "data-option": o.id });
      var existing = tallies[q.id] && tallies[q.id][o.id];
      if (existing) input.value = String(existing);
      fields.appendChild(el("label", {}, [el("span", { className: "letter", text: LETTERS.charAt(j) }), el("span", { text: o.label }), input]));
    });
    document.getElementById("hands-error").textContent = "";
    dialog.showModal();
    var first = fields.querySelector("input");
    if (first) first.focus();
  }

  document.getElementById("hands-form").addEventListener("submit", function (event) {
    var q = data.questions[index];
    var tally = Object.create(null);
    var bad = null;
    Array.prototype.forEach.call(document.querySelectorAll("#hands-fields input"), function (input) {
      var text = input.value.trim();
      if (text !== "" && !/^\\d{1,5}$/.test(text)) bad = input;
      tally[input.getAttribute("data-option")] = text === "" ? 0 : Number(text);
    });
    if (bad) {
      event.preventDefault();
      document.getElementById("hands-error").textContent = "Type a whole number of hands, or leave it empty for none.";
      bad.focus();
      return;
    }
    tallies[q.id] = tally;
    // Counting hands comes before the reveal: show the answer with the room's distribution.
    phase = "reveal";
    revealed[q.id] = true;
    setTimeout(render, 0);
  });
  document.getElementById("hands-cancel").addEventListener("click", function () { dialog.close(); });

  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    if (key === "ArrowRight" || key === "PageDown" || key === " " || key === "Enter") forward();
    else if (key === "ArrowLeft" || key === "PageUp" || key === "Backspace") back();
    else if (key === "r" || key === "R") { var q = data.questions[index]; if (q && phase === "discuss") forward(); }
    else if (key === "h" || key === "H") openHands();
    else if (key === "e" || key === "E" || key === "End") { index = data.questions.length; render(); }
    else if (key === "Home") { index = -1; phase = "discuss"; render(); }
    else return;
    event.preventDefault();
  });

  var controls = document.getElementById("controls");
  var hideTimer = 0;
  document.addEventListener("mousemove", function () {
    controls.classList.add("show");
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () { controls.classList.remove("show"); }, 2000);
  });
  controls.addEventListener("click", function (event) {
    var action = event.target && event.target.getAttribute && event.target.getAttribute("data-do");
    if (action === "forward") forward();
    else if (action === "back") back();
    else if (action === "hands") openHands();
    else if (action === "end") { index = data.questions.length; render(); }
    if (event.target && event.target.blur) event.target.blur();
  });
  window.addEventListener("resize", fit);
  render();
})();
`;
