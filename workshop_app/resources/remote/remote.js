// The speaker's remote: pair once, then next/previous/black, the clock, notes and the
// next slide. Every tap carries a command_id and waits in an outbox until the server
// acknowledges it, so a Wi-Fi drop never loses a tap and never repeats one.
"use strict";

// Every word and event name comes from Python (voting/phone_page.py puts them into
// index.html): the page types none of them.
const $ = (id) => document.getElementById(id);
// The server chose the language from the browser's: the words are that language's.
const { lang: LANG, words, limits: LIMIT, events: EV } = JSON.parse($("impuls").textContent);
const T = (key, values = {}) => words[key].replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
const store = window.localStorage;
const state = { token: store.getItem("impuls.remote") || "", talk: null, at: 0, preview: -1, current: -1,
  retry: 0, sending: false, again: false, pointing: false };

function randomId() {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "");
}

function say(text) { $("message").textContent = text; $("message").hidden = !text; }

async function api(path, options = {}) {
  const signal = window.AbortSignal && AbortSignal.timeout ? AbortSignal.timeout(8000) : undefined;
  const headers = { ...(options.headers || {}) };
  if (state.token) headers.Authorization = `Remote ${state.token}`;
  return fetch(path, { cache: "no-store", signal, ...options, headers });
}

// ------------------------------------------------------------------ pairing

async function pair(secret) {
  const response = await api("/api/remote/pair", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ secret }),
  });
  if (response.status !== 200) { unpaired(T("wrong")); return; }
  state.token = (await response.json()).token;
  store.setItem("impuls.remote", state.token);
  follow();
}

function unpaired(text) {
  state.token = "";
  store.removeItem("impuls.remote");
  if (state.events) state.events.close();
  $("talk").hidden = true; $("controls").hidden = true;
  say(text || T("pair"));
}

// ------------------------------------------------------------------ following the talk

function follow() {
  say("");
  $("talk").hidden = false; $("controls").hidden = false;
  const events = new EventSource(`/api/remote/events?token=${encodeURIComponent(state.token)}`);
  state.events = events;
  events.addEventListener(EV.state, (e) => { state.talk = JSON.parse(e.data); state.at = Date.now(); render(); });
  events.addEventListener("open", () => { if (!outbox().length) say(""); flush(); });
  events.addEventListener("error", async () => {
    // An EventSource hides the status: ask once whether the token still counts.
    const check = await api("/api/remote/preview.png").catch(() => null);
    if (check && check.status === 401) unpaired(T("wrong"));
    else say(T("offline"));
  });
}

function clock(seconds) {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${r}` : `${m}:${r}`;
}

function tick() {
  const now = new Date();
  $("clock").textContent = `${String(now.getHours()).padStart(2, "0")}:${String(now.getMinutes()).padStart(2, "0")}`;
  const t = state.talk;
  if (!t) return;
  const passed = t.paused ? 0 : (Date.now() - state.at) / 1000;
  $("elapsed").textContent = T("elapsed", { time: clock(t.elapsed + passed) });
  const left = t.remaining === null ? null : t.remaining - passed;
  const remaining = $("remaining");
  remaining.textContent = left === null ? "" : left >= 0 ? T("remaining", { time: clock(left) }) : T("over", { time: clock(-left) });
  remaining.className = left === null ? "" : left < 0 ? "over" : left < 300 ? "warning" : "";
  $("apart").hidden = left === null;  // a talk without a `duration` has no time left
  // The poll's countdown: the seconds left as the app said them, counted on by this clock.
  const poll = t.poll, counting = poll && poll.state === "open" && typeof poll.left === "number";
  const pollLeft = counting ? poll.left - (Date.now() - state.at) / 1000 : null;
  $("poll-left").textContent = pollLeft === null ? "" : pollLeft > 0 ? T("remaining", { time: clock(Math.ceil(pollLeft)) }) : T("timeUp");
  $("poll-halt").disabled = !counting;
}

function render() {
  const t = state.talk;
  $("position").textContent = `${t.slide} / ${t.count}`;
  const modes = [t.blank === "black" ? T("blackOn") : "", t.blank === "white" ? T("whiteOn") : "", t.frozen ? T("frozen") : ""].filter(Boolean);
  $("mode").textContent = modes.join(" · "); $("mode").hidden = !modes.length;
  $("black").setAttribute("aria-pressed", String(t.blank === "black"));
  $("notes").textContent = t.notes || T("noNotes");
  $("next-title").textContent = state.pointing ? T("pointing")
    : t.next_title === null ? T("last") : T("nextSlide", { title: t.next_title || "…" });
  $("next").disabled = t.slide >= t.count;
  $("previous").disabled = t.slide <= 1;
  $("poll").hidden = !t.poll;
  if (t.poll) {
    const names = { draft: T("draft"), open: T("openState"), closed: T("closedState") };
    $("poll-question").textContent = T("poll", { question: t.poll.question, state: names[t.poll.state] || t.poll.state });
    $("poll-open").disabled = t.poll.state === "open";
    $("poll-close").disabled = t.poll.state !== "open";
    $("poll-reveal").disabled = t.poll.revealed;
    $("poll-extend").disabled = t.poll.state !== "open";
    // The rows as the projector prints them, in words and numbers the app made.
    const results = t.poll.results;
    $("poll-results").hidden = $("poll-base").hidden = !results;
    $("poll-results").replaceChildren(...(results ? results.rows : []).map((row) => {
      const item = document.createElement("li");
      item.textContent = `${row.name}: ${row.shown}`;
      return item;
    }));
    $("poll-base").textContent = results ? results.base_note : "";
    // A motion's verdict with its rule, once revealed: the sentence the app made.
    $("poll-motion").textContent = (results && results.motion) || "";
    $("poll-motion").hidden = !$("poll-motion").textContent;
  }
  if (state.pointing ? t.current !== state.current : t.preview !== state.preview) showPreview();
  tick();
}

// The figure shows the next slide, or while pointing the current one (the room's).
// The event may come from a worker that heard of a new picture before the one asked
// for it: a refused picture is asked for again, a little later each time.
let asking = 0;
async function showPreview(attempt = 0) {
  const t = state.talk || {};
  const slide = state.pointing ? "current" : "next";
  if (state.pointing) { state.current = t.current; state.preview = -1; } else { state.preview = t.preview; state.current = -1; }
  const asked = ++asking;
  const response = await api(`/api/remote/preview.png?slide=${slide}`).catch(() => null);
  if (asked !== asking) return;  // a newer picture was asked for meanwhile
  if (!response || response.status !== 200) {
    $("preview").removeAttribute("src");
    state.preview = state.current = -1;  // not seen: the next state asks again too
    if (attempt < 5) setTimeout(() => { if (asked === asking) showPreview(attempt + 1); }, 250 * 2 ** attempt);
    return;
  }
  const blob = await response.blob();
  if (asked !== asking) return;
  const old = $("preview").src;
  $("preview").src = URL.createObjectURL(blob);
  $("preview").alt = state.pointing ? T("pointing") : t.next_title ? T("nextSlide", { title: t.next_title }) : "";
  if (old.startsWith("blob:")) URL.revokeObjectURL(old);
}

// ------------------------------------------------------------------ the remote as laser pointer
//
// A move is a state, not a tap: no outbox, no id. The latest place goes out at most
// every LIMIT.pointerMs (the server's pace); a lost one is overtaken by the next.

const pointer = { latest: undefined, timer: 0, sent: 0 };

function togglePointing() {
  state.pointing = !state.pointing;
  $("point").setAttribute("aria-pressed", String(state.pointing));
  document.querySelector("figure").classList.toggle("pointing", state.pointing);
  if (!state.pointing) aim(null);
  if (state.talk) render();
}

function aim(at) {
  pointer.latest = at;
  const wait = pointer.sent + LIMIT.pointerMs - Date.now();
  if (wait <= 0) sendPointer();
  else if (!pointer.timer) pointer.timer = setTimeout(sendPointer, wait);
}

async function sendPointer() {
  pointer.timer = 0;
  if (pointer.latest === undefined || !state.token) return;
  const at = pointer.latest;
  pointer.latest = undefined;
  pointer.sent = Date.now();
  const body = at ? { x: at[0], y: at[1] } : { x: null, y: null };
  await api("/api/remote/pointer", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  }).catch(() => null);
}

function onPicture(event) {
  // Where the finger is on the slide's picture (object-fit: contain letterboxes it).
  const image = $("preview");
  const box = image.getBoundingClientRect();
  const ratio = image.naturalWidth && image.naturalHeight ? image.naturalWidth / image.naturalHeight : 16 / 9;
  const width = Math.min(box.width, box.height * ratio), height = width / ratio;
  const x = (event.clientX - box.left - (box.width - width) / 2) / width;
  const y = (event.clientY - box.top - (box.height - height) / 2) / height;
  return x >= 0 && x <= 1 && y >= 0 && y <= 1 ? [x, y] : null;
}

function followFinger() {
  const image = $("preview");
  let down = false;
  image.addEventListener("pointerdown", (e) => {
    if (!state.pointing) return;
    e.preventDefault();  // no image drag, no text selection: the finger is the pointer
    down = true;
    image.setPointerCapture(e.pointerId);
    aim(onPicture(e));
  });
  image.addEventListener("pointermove", (e) => { if (state.pointing && down) aim(onPicture(e)); });
  for (const name of ["pointerup", "pointercancel"]) {
    image.addEventListener(name, () => { if (down) { down = false; aim(null); } });
  }
}

// ------------------------------------------------------------------ commands, with an outbox

function outbox() { return JSON.parse(store.getItem("impuls.remote.outbox") || "[]"); }
function saveOutbox(items) { store.setItem("impuls.remote.outbox", JSON.stringify(items)); }

function send(action, poll) {
  if (!state.token) return;
  const item = { command_id: randomId(), action };
  if (poll) item.poll = poll;
  saveOutbox(outbox().concat([item]));
  if (navigator.vibrate) navigator.vibrate(15);
  flush();
}

// One flush at a time, so no tap goes twice; a tap while one is on its way goes
// right after it (not when the next tap or reconnection comes).
async function flush() {
  if (state.sending) { state.again = true; return; }
  state.sending = true;
  try {
    do { state.again = false; } while (await flushOnce() && state.again);
  } finally {
    state.sending = false;
  }
}

async function flushOnce() {  // true when it went through the outbox
  for (const item of outbox()) {
    let response;
    try {
      response = await api("/api/remote/commands", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(item),
      });
    } catch (error) {  // no answer: the same command_id again later, carried out once
      say(T("offline"));
      state.retry = Math.min(state.retry ? state.retry * 2 : 500, 5000);
      setTimeout(flush, state.retry);
      return;
    }
    if (response.status >= 500) { setTimeout(flush, 1000); return; }
    state.retry = 0;
    saveOutbox(outbox().filter((i) => i.command_id !== item.command_id));
    if (response.status === 401) { unpaired(T("wrong")); return false; }
    const said = response.status >= 400 ? await response.json().catch(() => ({})) : {};
    if (said.error === "pair_again") { unpaired(T("pairAgain")); return false; }
    if (response.status === 429) { say(T("tooFast")); return false; }  // that tap is dropped
  }
  if (state.talk) say("");
  return true;
}

// ------------------------------------------------------------------ start

function start() {
  document.documentElement.lang = LANG;
  document.title = T("title");
  for (const id of ["smaller", "bigger"]) $(id).setAttribute("aria-label", T(id));
  for (const id of ["previous", "next", "black", "open", "close", "reveal", "extend", "halt"]) {
    const button = $(id) || $(`poll-${id}`);
    button.textContent = T(id);
  }
  $("notes-title").textContent = T("notes");
  $("point").textContent = T("point");
  $("point").addEventListener("click", togglePointing);
  followFinger();
  $("next").addEventListener("click", () => send("next"));
  $("previous").addEventListener("click", () => send("previous"));
  $("black").addEventListener("click", () => send("black"));
  for (const action of ["open", "close", "reveal", "extend", "halt"]) {
    $(`poll-${action}`).addEventListener("click", () => state.talk && state.talk.poll && send(action, state.talk.poll.id));
  }
  let size = Number(store.getItem("impuls.remote.notes") || 22);
  const resize = (step) => {
    size = Math.min(40, Math.max(14, size + step));
    $("notes").style.fontSize = `${size}px`;
    store.setItem("impuls.remote.notes", String(size));
  };
  $("smaller").addEventListener("click", () => resize(-2));
  $("bigger").addEventListener("click", () => resize(2));
  resize(0);
  let touched = null;  // a swipe: left for the next slide, right for the previous one
  document.addEventListener("touchstart", (e) => {
    touched = state.pointing && e.target === $("preview") ? null : e.changedTouches[0];  // pointing, not swiping
  }, { passive: true });
  document.addEventListener("touchend", (e) => {
    const end = e.changedTouches[0];
    if (touched && Math.abs(end.clientX - touched.clientX) > 70 && Math.abs(end.clientY - touched.clientY) < 50) {
      send(end.clientX < touched.clientX ? "next" : "previous");
    }
    touched = null;
  }, { passive: true });
  document.addEventListener("keydown", (e) => {  // a Bluetooth clicker paired with the phone
    if (["ArrowRight", "PageDown", " "].includes(e.key)) { e.preventDefault(); send("next"); }
    if (["ArrowLeft", "PageUp"].includes(e.key)) { e.preventDefault(); send("previous"); }
    if (e.key === "b" || e.key === ".") send("black");
  });
  window.addEventListener("online", flush);
  setInterval(tick, 200);  // the poll's countdown within 0.2 s of the projector's
  const secret = new URLSearchParams(location.hash.slice(1)).get("pair");
  if (secret) {
    history.replaceState(null, "", location.pathname);  // the secret is used up: not in history
    pair(secret).catch(() => say(T("offline")));
  } else if (state.token) {
    follow();
  } else {
    unpaired();
  }
  tick();
}

start();
