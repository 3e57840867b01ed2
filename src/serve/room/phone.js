// The workshop room on a phone: join with a name, then follow what the
// host puts on offer (vote, hot seat, pause and discuss, the end). Asks
// the server every second. The participant's token is kept in
// localStorage, so a phone that drops and comes back keeps its place.
// Everything people typed is set as text, never as HTML.
"use strict";
(function () {
  const app = document.getElementById("app");
  const problem = document.getElementById("problem");
  const POLL_MS = 1000;
  const parts = location.pathname.split("/").filter(Boolean);
  let code = (parts[1] || "").trim().toUpperCase();
  const tokenKey = (c) => "second-story-room-" + c;
  let token = code ? localStorage.getItem(tokenKey(code)) : null;
  let view = null;
  let summary = null;
  let shown = "";
  let offline = false;
  const drafts = {};
  const signed = {};

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (v === true) e.setAttribute(k, "");
      else if (v !== false && v !== null && v !== undefined) e.setAttribute(k, String(v));
    }
    for (const kid of kids) if (kid) e.append(kid);
    return e;
  }

  function say(message) {
    problem.textContent = message || "";
    problem.hidden = !message;
  }

  async function call(method, path, body) {
    const headers = {};
    if (token) headers["X-Participant"] = token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const r = await fetch("/api/rooms/" + encodeURIComponent(code) + path, {
      method, headers, cache: "no-store",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await r.json(); } catch (e) { data = null; }
    if (!r.ok) {
      const err = new Error((data && data.error) || "the server answered " + r.status);
      err.code = data && data.code;
      throw err;
    }
    return data;
  }

  // Replaces the page's content, keeping the focus and the caret in the
  // field being typed in.
  function show(nodes) {
    const active = document.activeElement;
    const key = active && active.dataset ? active.dataset.key : null;
    const caret = key && "selectionStart" in active ? [active.selectionStart, active.selectionEnd] : null;
    app.replaceChildren(...nodes);
    if (key) {
      const again = app.querySelector('[data-key="' + key + '"]');
      if (again) {
        again.focus();
        if (caret && again.setSelectionRange) {
          try { again.setSelectionRange(caret[0], caret[1]); } catch (e) { /* not a text field */ }
        }
      }
    }
  }

  function field(tag, key, attrs) {
    const f = el(tag, Object.assign({ "data-key": key, id: key }, attrs));
    f.value = drafts[key] || "";
    f.addEventListener("input", () => { drafts[key] = f.value; });
    return f;
  }

  // ---- joining ----

  function joinForm(message) {
    const nodes = [el("h1", { text: "Join the workshop" })];
    if (message) nodes.push(el("p", { class: "note", text: message }));
    const codeBox = field("input", "code", { type: "text", autocomplete: "off", autocapitalize: "characters", maxlength: "8", inputmode: "text" });
    if (code && !drafts.code) codeBox.value = code;
    const nameBox = field("input", "name", { type: "text", autocomplete: "name", maxlength: "60" });
    const form = el("form", { onsubmit: (ev) => { ev.preventDefault(); join(codeBox.value, nameBox.value); } },
      el("label", { for: "code", text: "Room code (on the projector)" }), codeBox,
      el("label", { for: "name", text: "Your name" }), nameBox,
      el("button", { type: "submit", class: "main", id: "join", text: "Join" }));
    nodes.push(form);
    show(nodes);
    shown = "join";
  }

  async function join(codeText, name) {
    code = codeText.trim().toUpperCase();
    try {
      const joined = await call("POST", "/join", { name, token: localStorage.getItem(tokenKey(code)) });
      token = joined.token;
      localStorage.setItem(tokenKey(code), token);
      if (location.pathname !== "/join/" + code) history.replaceState(null, "", "/join/" + code);
      say("");
      await poll(true);
    } catch (e) {
      say("Could not join: " + e.message);
    }
  }

  // ---- acting ----

  async function act(path, body) {
    try {
      view = await call("POST", path, body);
      say("");
      render(true);
    } catch (e) {
      say(e.message);
    }
  }

  function choiceText(id) {
    const c = view.choices.find((c) => c.id === id);
    return c ? c.text : id;
  }

  function pickText(pick) {
    if (!pick) return "";
    return pick.words !== undefined && pick.words !== null ? "in their own words: \u201c" + pick.words + "\u201d" : "\u201c" + choiceText(pick.choice) + "\u201d";
  }

  function choiceButtons(selected, mark, onPick, disabled) {
    return view.choices.map((c, i) => el("button", {
      type: "button", class: "choice", "data-choice": c.id, "aria-pressed": selected === c.id ? "true" : "false",
      disabled, onclick: () => onPick(c.id),
      text: (selected === c.id ? "\u2713 " + mark + ": " : (i + 1) + ". ") + c.text,
    }));
  }

  // ---- what the phone shows ----

  function status() {
    const v = view;
    const line = "Room " + v.code + " \u00b7 you are " + v.you.name + " \u00b7 " + v.people + " in the room" + (offline ? " \u00b7 connection lost, trying again\u2026" : "");
    return el("p", { class: "status", id: "status", text: line });
  }

  function voteStage() {
    const v = view;
    const nodes = [el("h1", { text: "Vote" })];
    if (v.addressed) nodes.push(el("p", { class: "note", text: "Choices for " + v.addressed + "." }));
    if (v.closed) {
      nodes.push(el("p", { class: "box", id: "result", text: "Voting is closed. " + (v.played ? "The room chose: \u201c" + choiceText(v.played) + "\u201d." : "It is a tie or nobody voted: the host decides.") }));
    }
    nodes.push(...choiceButtons(v.you.vote, "Your vote", (id) => act("/vote", { choice: id }), v.closed));
    if (!v.closed) nodes.push(el("p", { class: "note", text: v.you.vote ? "You have voted. Tap another choice to change your vote until the host closes it." : "Tap a choice to vote." }));
    return nodes;
  }

  function seatStage() {
    const v = view;
    const r = v.round;
    const nodes = [];
    if (v.you.in_seat) {
      nodes.push(el("h1", { text: "You have the seat" }));
      if (v.addressed) nodes.push(el("p", { class: "note", text: "Choices for " + v.addressed + ". Pick one, or say it in your own words." }));
      const mine = v.seat_pick && v.seat_pick.choice;
      nodes.push(...choiceButtons(mine, "Your pick", (id) => act("/seat", { choice: id }), v.closed));
      const key = "words-" + r;
      nodes.push(el("label", { for: key, text: "Or in your own words" }), field("textarea", key, { maxlength: "300", disabled: v.closed }),
        el("button", { type: "button", class: "main", id: "say", disabled: v.closed, onclick: () => act("/seat", { words: drafts[key] || "" }), text: "Say it" }));
      if (v.seat_pick) nodes.push(el("p", { class: "box", id: "picked", text: "You chose " + pickText(v.seat_pick) + "." }));
    } else {
      nodes.push(el("h1", { text: (v.seat || "Someone") + " has the seat" }));
      nodes.push(el("p", { class: "note", text: "You see what they see" + (v.addressed ? " (choices for " + v.addressed + ")" : "") + ". Suggest a choice or your own words." }));
      const mine = v.you.suggestion && v.you.suggestion.choice;
      nodes.push(...choiceButtons(mine, "Your suggestion", (id) => act("/suggest", { choice: id }), v.closed));
      const key = "suggest-" + r;
      nodes.push(el("label", { for: key, text: "Suggest in your own words" }), field("textarea", key, { maxlength: "300", disabled: v.closed }),
        el("button", { type: "button", class: "main", id: "suggest", disabled: v.closed, onclick: () => act("/suggest", { words: drafts[key] || "" }), text: "Suggest" }));
      if (v.seat_pick) nodes.push(el("p", { class: "box", id: "picked", text: (v.seat || "The seat") + " chose " + pickText(v.seat_pick) + "." }));
    }
    if (v.suggestions.length) {
      nodes.push(el("h2", { text: "Suggestions" }));
      nodes.push(el("ul", { id: "suggestions" }, ...v.suggestions.map((s) => el("li", { text: s.name + ": " + pickText(s.pick) }))));
    }
    return nodes;
  }

  function discussStage() {
    const v = view;
    const key = "line-" + v.round;
    const nodes = [el("h1", { text: v.title || "Pause and discuss" })];
    if (v.principle) nodes.push(el("p", { class: "note", id: "principle", text: "Principle: " + v.principle }));
    if (v.question) nodes.push(el("p", { class: "box", id: "question", text: v.question }));
    if (signed[key] === undefined) signed[key] = v.you.signed;
    const box = el("input", { type: "checkbox", id: "signed", "data-key": "signed-" + v.round });
    box.checked = signed[key];
    box.addEventListener("change", () => { signed[key] = box.checked; });
    nodes.push(el("label", { for: key, text: "Your line for the room (one per pause)" }),
      field("textarea", key, { maxlength: "280", disabled: v.closed }),
      el("label", { class: "check" }, box, el("span", { text: "Show my name with it (otherwise the projector shows it without a name)" })),
      el("button", { type: "button", class: "main", id: "send", disabled: v.closed, onclick: () => act("/line", { text: drafts[key] || "", signed: !!signed[key] }), text: v.you.line ? "Replace my line" : "Send my line" }));
    if (v.you.line) nodes.push(el("p", { class: "box", id: "my-line", text: "Your line" + (v.you.signed ? " (with your name)" : " (without your name)") + ": " + v.you.line }));
    return nodes;
  }

  function endedStage() {
    const nodes = [el("h1", { text: "The meeting is over" }), el("p", { class: "note", text: "Thank you for taking part." })];
    nodes.push(el("button", { type: "button", class: "main", id: "summary-button", onclick: openSummary, text: summary ? "Update my summary" : "See my summary" }));
    if (summary) nodes.push(summaryNodes());
    return nodes;
  }

  async function openSummary() {
    try {
      summary = await call("GET", "/me");
      render(true);
    } catch (e) {
      say(e.message);
    }
  }

  function yesNo(b, yes, no) { return b === null || b === undefined ? "" : b ? yes : no; }

  function summaryNodes() {
    const s = summary;
    const part = el("section", { id: "summary" }, el("h2", { text: "Your summary, " + s.name }));
    part.append(el("p", { text: "You voted " + s.votes.length + " time(s). With the room's choice: " + s.with_room + " of " + s.decided + ". For a choice the coach rates best: " + s.with_best + " of " + s.rated + "." }));
    if (s.votes.length) {
      part.append(el("ul", {}, ...s.votes.map((v) => el("li", {
        text: "You chose \u201c" + v.chose + "\u201d" + (v.played ? "; the room played \u201c" + v.played + "\u201d" : "") +
          yesNo(v.with_room, " (the same)", " (a different one)") + yesNo(v.best, "; the coach rates yours best.", "; the coach rates another better."),
      }))));
    }
    if (s.lines.length) {
      part.append(el("h2", { text: "Your lines" }), el("ul", {}, ...s.lines.map((l) => el("li", { text: l }))));
    }
    return part;
  }

  function render(force) {
    const key = view.version + "/" + offline + "/" + (summary ? "s" : "");
    if (!force && key === shown) return;
    shown = key;
    const stage = {
      vote: voteStage, seat: seatStage, discuss: discussStage, ended: endedStage,
    }[view.stage] || (() => [el("h1", { text: "Waiting for the host" }), el("p", { class: "note", text: "The next question will appear here. Keep this page open." })]);
    show([status(), ...stage()]);
    document.body.dataset.stage = view.stage;
  }

  async function poll(force) {
    if (!token) return;
    try {
      view = await call("GET", "/view");
      offline = false;
      render(force);
    } catch (e) {
      if (e.code === "unknown-participant" || e.code === "unknown-room") {
        token = null;
        view = null;
        if (e.code === "unknown-participant") localStorage.removeItem(tokenKey(code));
        joinForm(e.message);
      } else if (view) {
        offline = true;
        render(false);
      } else {
        say("Connection lost, trying again\u2026");
      }
    }
  }

  function loop() {
    poll(false).finally(() => setTimeout(loop, POLL_MS));
  }

  if (token) poll(true); else joinForm(code ? "Room " + code + ": give your name to join." : "");
  setTimeout(loop, POLL_MS);
})();
