// The practice page: pick topics, get a question, answer each part, see feedback and the worked solution.
// Answers are checked on the server; the page never holds a key before the student submits.
"use strict";

// The score is the server's (the progress file's): it survives a reload.
const state = { token: null, question: null, scored: false, pendingSelf: 0, allRight: false, marksRight: true };
const $ = (id) => document.getElementById(id);

function typeset(root) {
  // Server HTML keeps math as escaped TeX in .math elements; KaTeX builds DOM nodes (CSP-safe).
  for (const el of root.querySelectorAll(".math")) {
    katex.render(el.textContent, el, { displayMode: el.classList.contains("display"), throwOnError: false });
  }
}

function setHtml(el, html) {
  el.innerHTML = html;  // HTML made by the server from escaped text; never the student's input
  typeset(el);
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const response = await fetch(path, options);
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || `request failed (${response.status})`);
  return data;
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

function updateScore(progress) {
  $("score").textContent = `Score ${progress.correct}/${progress.answered} · streak ${progress.streak}`;
}

async function loadProgress() {
  updateScore((await api("/api/progress")).progress);
}

async function loadTopics() {
  const data = await api("/api/topics");
  for (const topic of data.topics) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = topic.name;
    label.append(box, ` ${topic.name} (${topic.templates})`);
    $("topics").append(label);
  }
}

async function newQuestion() {
  showError("");
  const topics = [...$("topics").querySelectorAll("input:checked")].map((box) => box.value);
  const question = await api("/api/question", { topics });
  Object.assign(state, { token: question.token, question, scored: false, pendingSelf: 0, marksRight: true });
  $("meta").textContent = `${question.title} · ${question.topic} · ${question.points} pt`;
  setHtml($("stem"), question.question);
  const form = $("answers");
  form.replaceChildren();
  question.parts.forEach((part, index) => form.append(partBlock(part, index, question.parts.length)));
  $("verdict").hidden = true;
  $("solution").hidden = true;
  $("check").disabled = $("reveal").disabled = false;
  $("question").hidden = false;
  const first = form.querySelector("input, textarea");
  if (first) first.focus();
}

function partBlock(part, index, count) {
  const block = document.createElement("div");
  block.className = "part";
  block.dataset.name = part.name;
  const label = document.createElement("label");
  label.htmlFor = `answer-${part.name}`;
  const letter = String.fromCharCode(97 + index);
  label.textContent = count > 1 ? `(${letter}) ${part.label} · ${part.points} pt` : "Your answer";
  const prompt = document.createElement("div");
  setHtml(prompt, part.prompt);
  const multiline = part.kind === "matrix" || part.kind === "text";
  const input = document.createElement(multiline ? "textarea" : "input");
  if (multiline) input.rows = part.kind === "text" ? 3 : 4;
  input.id = `answer-${part.name}`;
  input.name = part.name;
  input.autocomplete = "off";
  input.spellcheck = false;
  const hint = document.createElement("div");
  hint.className = "hint";
  hint.textContent = `Answer with ${part.hint}.`;
  const status = document.createElement("div");
  status.className = "status";
  status.setAttribute("aria-live", "polite");
  const key = document.createElement("div");
  key.className = "key";
  block.append(label, prompt, input, hint, status, key);
  return block;
}

async function submit(reveal) {
  showError("");
  const answers = {};
  for (const input of $("answers").querySelectorAll("input, textarea")) answers[input.name] = input.value;
  const result = await api("/api/answer", { token: state.token, answers, reveal });
  if (result.status === "invalid") {
    for (const block of $("answers").querySelectorAll(".part")) {
      const message = result.errors[block.dataset.name];
      const status = block.querySelector(".status");
      status.className = message ? "status invalid" : "status";
      status.textContent = message ? `${message[0].toUpperCase()}${message.slice(1)}.` : "";
    }
    return;
  }
  showResult(result);
}

function showResult(result) {
  const words = { right: "✓ Right", partial: "◐ Partly right", wrong: "✗ Not right", unreadable: "✗ Could not read",
                  blank: "✗ No answer", pending: "Compare with the model answer:" };
  for (const part of result.parts) {
    const block = $("answers").querySelector(`.part[data-name="${CSS.escape(part.name)}"]`);
    const status = block.querySelector(".status");
    block.querySelector("input, textarea").readOnly = true;
    const look = { right: "correct", partial: "partial", pending: "" }[part.state] ?? "wrong";
    block.className = `part ${look}`;
    status.className = `status ${look}`;
    const points = part.state === "pending" ? "" : ` (${+part.points.toFixed(2)} of ${part.max} pt)`;
    status.textContent = words[part.state] + (part.message && part.state !== "pending" ? `: ${part.message}` : "")
      + points;
    const key = block.querySelector(".key");
    setHtml(key, (part.state === "pending" ? "" : "Key: ") + part.key);
    if (part.state === "pending") key.append(selfButtons(block));
  }
  state.pendingSelf = result.parts.filter((p) => p.state === "pending").length;
  state.allRight = result.all_right;
  $("check").disabled = $("reveal").disabled = true;
  setHtml($("solution-body"), result.solution);
  $("solution").hidden = false;
  if (state.pendingSelf === 0) finish(result.progress);
}

function selfButtons(block) {
  const row = document.createElement("div");
  for (const [text, good] of [["I got it", true], ["I missed it", false]]) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = text;
    button.addEventListener("click", () => {
      row.replaceChildren(good ? "✓ You marked this right" : "✗ You marked this wrong");
      block.className = `part ${good ? "correct" : "wrong"}`;
      state.marksRight = state.marksRight && good;
      state.pendingSelf -= 1;
      if (state.pendingSelf === 0) guarded(sendMarks)();
    });
    row.append(button);
  }
  return row;
}

async function sendMarks() {
  const data = await api("/api/marks", { token: state.token, right: state.marksRight });
  finish(data.progress);
}

function finish(progress) {
  if (state.scored) return;
  state.scored = true;
  const allRight = state.allRight && state.marksRight;
  $("verdict").textContent = allRight ? "All right!" : "Not all right: see the marked parts and the solution.";
  $("verdict").hidden = false;
  updateScore(progress);
}

function guarded(action) {
  return (event) => {
    if (event) event.preventDefault();
    action().catch((error) => showError(error.message));
  };
}

document.addEventListener("DOMContentLoaded", () => {
  $("new-question").addEventListener("click", guarded(newQuestion));
  $("answers").addEventListener("submit", guarded(() => submit(false)));
  $("reveal").addEventListener("click", guarded(() => submit(true)));
  guarded(loadTopics)();
  guarded(loadProgress)();
});
