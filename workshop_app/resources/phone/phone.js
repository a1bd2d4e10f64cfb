// The phone page: join, vote, see the receipt and the revealed results.
// No external requests, no cookies; user text is only ever set with textContent.
"use strict";

// Every word, limit and event name comes from Python (voting/phone_page.py puts them
// into index.html): the page types none of them, and computes no number it shows.
const $ = (id) => document.getElementById(id);
// A new element with its class and its text (textContent: a participant's text is never markup).
const make = (tag, className = "", text = "") => Object.assign(document.createElement(tag), { className, textContent: text });
// The server chose the language from the browser's: the words are that language's.
const { lang: LANG, words, limits: LIMIT, events: EV } = JSON.parse($("impuls").textContent);
const T = (key, values = {}) => words[key].replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
const LETTERS = LIMIT.letters;
const store = window.localStorage;
const heldCard = () => store.getItem("impuls.card");

// Votes already acknowledged survive a reload: the page shows the receipt, not the form.
// Keys are "code/talk/poll/run", so the next event (a new code) starts afresh, and so
// does an evening's next talk (its polls may have the same ids).
// The ticket is what the server gave this phone when it joined: one phone, one voice.
const state = {
  code: "", ticket: store.getItem("impuls.ticket") || "", poll: null, choice: null, events: null, retry: 0,
  voted: JSON.parse(store.getItem("impuls.voted") || "{}"),
  tab: "poll", asking: false, order: "top", room: [], newest: [], own: [], up: {}, view: null,
  asked: 0, answered: 0, slides: 0, sending: false, again: false,
  home: {},  // "code/talk/poll/run" → the slide the room saw when this phone first saw the poll
  down: false, stuck: false, lost: 0,  // the event stream away for a while; the outbox stuck
  results: {},  // poll id → its results as the last tally event said them
  coming: {},  // poll id → true: it changed, and its tally (if the room sees it) is on its way
};
function remember(key, choice) {
  if (choice === undefined) delete state.voted[key]; else state.voted[key] = { choice };
  store.setItem("impuls.voted", JSON.stringify(state.voted));
}

function randomId(length) {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  // The URL-safe base64 alphabet, written where it is used: the minifier would copy a named one.
  return Array.from(bytes, (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[b & 63]).join("");
}

function show(...ids) {
  const joining = ids[0] === "join";
  if (!joining) state.shown = ids;
  const tab = state.tab === "questions" && !joining;
  for (const id of ["join", "wait", "poll", "receipt", "results"]) $(id).hidden = tab || !ids.includes(id);
  $("questions").hidden = !tab;
  // Not over a poll's form: at 360 px the row covered "Abstimmen" under a long question.
  $("react").hidden = joining || ids.includes("poll") || !$("react").firstChild;
}

// Venue Wi-Fi can hang a request for minutes: give up after 10 s and try again.
async function api(path, options = {}) {
  const signal = window.AbortSignal && AbortSignal.timeout ? AbortSignal.timeout(10000) : undefined;
  const headers = { ...(options.headers || {}) };
  if (state.ticket) headers.Authorization = `Ticket ${state.ticket}`;
  const response = await fetch(path, { cache: "no-store", signal, ...options, headers });
  const body = await response.json().catch(() => null);
  return { status: response.status, body };
}

const post = (path, body) => api(path, {
  method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
});
// A vote, question, upvote or tap names the talk this phone saw (an evening's; none
// alone): the server refuses one meant for a talk no longer on, never counts it there.
const mine = (more) => ({ code: state.code, talk: state.talk, ...more });

// ------------------------------------------------------------------ joining

// The code from the screen buys a ticket; a phone that has one keeps it (a reload
// or a new tab is the same phone, not a new voice).
// A voting card's code (in its QR code's address, or typed) joins as the room's code
// does; the phone keeps the card the server names, to hold its vote after a restart.
async function join(code) {
  const ask = { code, ticket: state.ticket, card: heldCard() || "" };
  const { status, body } = await post("/api/join", ask);
  if (status === 403 || status === 400) {
    store.removeItem("impuls.code");
    show("join");
    $("join-error").textContent = code ? T("badCode") : "";
    return;
  }
  if (status === 429) {
    show("join");
    $("join-error").textContent = body && body.error === "too_many_devices" ? T("tooManyPhones") : T("busy");
    return;
  }
  if (status !== 200) throw new Error("join");
  state.code = (body.code || code).trim().toUpperCase();
  state.ticket = body.ticket;
  store.setItem("impuls.card", body.card || "");
  $("card").textContent = body.label || "";
  // A card's code stays out of the address: a reload must not take the card back.
  history.replaceState(0, "", ".");
  store.setItem("impuls.code", state.code);
  store.setItem("impuls.ticket", state.ticket);
  listen();  // the title comes with the session's state
  await refresh();
  await loadQuestions();
}

// ------------------------------------------------------------------ following the speaker

function listen() {
  if (state.events || !window.EventSource) { poll(); return; }
  const events = new EventSource(`/api/events?ticket=${encodeURIComponent(state.ticket)}&lang=${LANG}`);
  state.events = events;
  events.addEventListener(EV.poll, (e) => {
    const id = JSON.parse(e.data).poll;
    delete state.results[id];
    state.coming[id] = true;
    refresh();
  });
  // A revealed poll's numbers, in this phone's language, as the room sees them: printed
  // from the event, never fetched after it.
  events.addEventListener(EV.tally, (e) => {
    const data = JSON.parse(e.data);
    state.results[data.poll] = data.results;
    delete state.coming[data.poll];
    const p = state.poll;
    if (p && data.poll === p.id && seesResults(p)) showResults(p);
  });
  // A closed poll's results give way to the room's slide once the speaker moves on.
  events.addEventListener(EV.slide, (e) => {
    state.slides++; state.view = JSON.parse(e.data);
    const p = state.poll;
    if (p && p.state !== "open") present(p); else if (!$("wait").hidden) waiting();
  });
  // An evening's next talk: its state is asked for, as after a reconnect.
  // An evening's next talk: its state in the event itself (the room's questions follow),
  // so a room of 2,000 does not ask for it at once.
  events.addEventListener(EV.talk, (e) => { state.poll = null; state.own = []; take(JSON.parse(e.data)); });
  events.addEventListener(EV.card, lostCard);
  events.addEventListener(EV.questions, (e) => {
    const data = JSON.parse(e.data);
    if (data.questions) { state.room = data.questions; state.newest = data.newest; renderQuestions(); }
  });
  // (Re)connected: what changed meanwhile is asked for, not awaited.
  events.addEventListener("open", () => {
    // Back after a while away: a card held meanwhile by another phone is said so.
    if (state.lost && heldCard()) rejoin();
    clearTimeout(state.lost); state.lost = 0; state.down = false;
    state.coming = {}; setOffline(false); refresh(); flush(); loadQuestions();
  });
  // Gone for more than a moment (the app stopped, the Wi-Fi dropped): say so, calmly.
  // The browser tries again by itself; a stream it gave up on is joined afresh.
  events.addEventListener("error", () => {
    if (!state.lost) state.lost = setTimeout(() => { state.down = true; banner(); }, 4000);
    if (events.readyState === 2) { state.events = null; setTimeout(rejoin, 5000); }
  });
}

// Another phone scanned this phone's voting card and holds its vote now: said kindly,
// and an open motion shows at once what it takes to vote.
function lostCard() {
  $("card").textContent = T("cardMoved");
  store.setItem("impuls.card", "");
  state.poll = null;
  refresh();
}

function rejoin() { join(state.code).catch(() => setTimeout(rejoin, 5000)); }

function poll() {  // fallback when Server-Sent Events are not available
  setInterval(refresh, 3000);
}

// Answers can overtake each other on slow Wi-Fi: an older one is dropped, and a
// slide from the event stream while one was on its way is newer than its room.
async function refresh() {
  const mine = ++state.asked, slides = state.slides;
  try {
    const { status, body } = await api("/api/session");
    if (status !== 200 || mine < state.answered) return;
    state.answered = mine;
    await take(body, slides - state.slides);  // a slide event meanwhile: its room is newer
  } catch (error) { setOffline(true); }
}

// The talk's state `s`, as the session's answer or an evening's `talk` event says it;
// `newer`: the room's slide came since, keep it.
function take(s, newer) {
  $("title").textContent = s.title;
  state.talk = s.talk;
  if (!newer) state.view = s.room;
  reactions(s.reactions);
  return present(s.current_poll);
}

async function present(current) {
  const previous = state.poll, now = Date.now();
  state.poll = current;
  // A countdown: `left` is the server's seconds left as it answered; this phone counts
  // down from the answer's arrival by its own clock, so the clocks' offset drops out.
  if (current?.state === "open") state.end = current.left != null && now + current.left * 1e3;
  else if (state.end > now) state.end = 0;  // closed before its end: no clock
  if (current && !(keyOf(current) in state.home)) state.home[keyOf(current)] = slideShown();
  if (!current) {
    const last = previous && seesResults(previous) ? previous : null;
    if (last) return showResults(last);
    return waiting();
  }
  const changed = !previous || previous.id !== current.id || previous.run !== current.run;
  // A poll that opens comes to the front, unless a question is being written.
  if (changed && current.state === "open" && state.tab !== "poll" && !$("ask-text").value) tab("poll");
  // While a poll is open, phones vote, even if the big screen already shows the results;
  // one that has voted sees them beside its receipt.
  if (current.state !== "open") return seesResults(current) ? showResults(current) : waiting();
  if (voted(current)) return showReceipt();
  if (changed || $("poll").hidden) renderPoll(current);
}

// Ten times a second, so the clock shown is at most 0.1 s late. At zero the phone stops
// offering the vote (the server still counts one that is on its way).
function tick() {
  const ms = state.end - Date.now(), s = Math.ceil(ms / 1e3);
  $("clock").hidden = !state.end;
  $("clock").textContent = ms > 0 ? `${~~(s / 60)}:${s % 60 > 9 ? "" : 0}${s % 60}` : T("timeUp");
  if (state.end && ms <= 0 && !$("poll").hidden) waiting();
}

// An evening's poll says its talk (polls of two talks may share an id and run).
const keyOf = (p) => `${state.code}/${p.talk}/${p.id}/${p.run}`;
const voted = (p) => !!state.voted[keyOf(p)] || outbox().some((item) => item.key === keyOf(p));
// An open poll's results beside the receipt; a closed one's while the room is on its slide.
const seesResults = (p) => p.revealed && (p.state === "open" ? voted(p) : !movedOn(p));
const slideShown = () => (state.view && state.view.follow && typeof state.view.index === "number" ? state.view.index : null);
function movedOn(p) {  // the room has shown another slide since this phone first saw the poll
  const home = state.home[keyOf(p)], now = slideShown();
  if (home === null || home === undefined) { state.home[keyOf(p)] = now; return false; }
  return now !== null && now !== home;
}

// Between polls: the slide the room sees, as text the server built and escaped
// (never the next one, nothing while the screen is black), else the waiting line.
function waiting() {
  const v = state.view;
  const html = v && v.follow && v.html;
  $("slide").innerHTML = html || "";
  // An <img> cannot send the ticket as a header; like the event stream, it asks with it.
  for (const img of $("slide").querySelectorAll("img")) img.src += `?ticket=${encodeURIComponent(state.ticket)}`;
  $("wait-text").textContent = html ? T("slideOf", { number: v.index + 1, count: v.count }) : T("wait");
  show("wait");
}

// ------------------------------------------------------------------ the question

function renderPoll(p, previous = null) {
  $("question").textContent = p.question;
  const hints = {
    single: T("single"), motion: T("single"), multiple: T("multiple", { most: p.max_choices || p.options.length }),
    scale: T("scale", { low: p.min, high: p.max }), ranking: T("ranking"), text: T("text", { most: p.max_length || LIMIT.text }),
  };
  // Only voting cards vote: a phone without one is told at once how to get it.
  const need = p.cards && !heldCard();
  $("hint").textContent = need ? T("needCard") : hints[p.type];
  $("hint").className = need ? "notice" : "quiet";
  $("choices").hidden = need;
  $("vote-error").textContent = "";
  $("vote-error").className = "error";
  const box = $("options");
  box.replaceChildren();
  if (p.type === "text") {
    const area = make("textarea");
    area.id = "answer"; area.rows = 4; area.maxLength = p.max_length || LIMIT.text;
    area.setAttribute("aria-labelledby", "question");
    area.value = typeof previous === "string" ? previous : "";
    const count = make("p", "count");
    const update = () => { count.textContent = `${area.value.length} / ${area.maxLength}`; };
    area.addEventListener("input", update); update();
    box.append(area, count);
  } else if (p.type === "ranking") {
    const order = Array.isArray(previous) ? previous : p.options.map((_, i) => i);
    renderRanking(p, order);
  } else if (p.type === "scale") {
    const row = make("div", "scale");
    row.setAttribute("role", "radiogroup"); row.setAttribute("aria-labelledby", "question");
    const steps = p.max - p.min + 1;
    const perStep = p.labels && p.labels.length === steps && steps > 2;
    if (perStep) row.classList.add("labelled");  // a word per step: one step per line
    // One row when six fit a 360 px screen, else rows split evenly (11 steps: 6 and 5),
    // never one step alone on a row.
    row.style.setProperty("--columns", String(Math.ceil(steps / Math.ceil(steps / 6))));
    for (let value = p.min; value <= p.max; value++) {
      const label = perStep ? p.labels[value - p.min] : "";
      row.append(choice("radio", value, String(value), previous === value, "", label));
    }
    box.append(row);
    if (p.labels && p.labels.length === 2) {  // the two ends, each on its own line
      for (const [value, text] of [[p.min, p.labels[0]], [p.max, p.labels[1]]]) {
        box.append(make("p", "quiet end", `${value} = ${text}`));
      }
    }
  } else {
    const kind = p.type === "multiple" ? "checkbox" : "radio";
    const group = make("div");
    group.setAttribute("role", kind === "radio" ? "radiogroup" : "group");
    group.setAttribute("aria-labelledby", "question");
    p.options.forEach((option, i) => {
      const chosen = Array.isArray(previous) ? previous.includes(i) : previous === i;
      group.append(choice(kind, i, option, chosen, LETTERS[i]));
    });
    box.append(group);
    if (kind === "checkbox") {
      const most = p.max_choices || p.options.length;
      const update = (event) => {  // blocked as you tap, not refused after "Abstimmen"
        if (event && p.exclusive !== null && p.exclusive !== undefined && event.target.checked) {
          // "Keines" and the others rule each other out
          const none = String(p.exclusive);
          for (const box of group.querySelectorAll("input")) {
            if (box !== event.target && (event.target.value === none || box.value === none)) {
              box.checked = false; box.closest("label").classList.remove("checked");
            }
          }
        }
        const ticked = group.querySelectorAll("input:checked");
        if (ticked.length > most && event) {
          event.target.checked = false;
          event.target.closest("label").classList.remove("checked");
          $("vote-error").textContent = T("full", { most });
        } else if (event) {
          $("vote-error").textContent = "";
        }
        const left = most - group.querySelectorAll("input:checked").length;
        $("hint").textContent = `${T("multiple", { most })} · ${T("left", { count: left })}`;
      };
      group.addEventListener("change", update);
      update(null);
    }
  }
  // A quiz question: a nickname for the leaderboard, if the voter wants one.
  $("nick-row").hidden = !p.quiz;
  $("nick").value = store.getItem("impuls.nick") || "";
  state.confirming = false;
  state.moved = false;
  $("send").textContent = p.type === "text" ? T("sendText") : T("send");
  show("poll");
}

function choice(kind, value, text, checked, letter = "", note = "") {
  const label = make("label", "choice" + (checked ? " checked" : ""));
  const input = make("input");
  input.type = kind; input.name = "choice"; input.value = String(value); input.checked = checked;
  input.addEventListener("change", () => {
    for (const other of document.querySelectorAll("label.choice")) other.classList.toggle("checked", other.querySelector("input").checked);
  });
  label.append(input);
  if (letter) label.append(make("span", "letter", letter));
  label.append(make("span", "", text));
  if (note) label.append(make("small", "", note));
  return label;
}

function renderRanking(p, order) {
  const box = $("options");
  box.replaceChildren();
  const list = make("ol");
  list.style.padding = "0"; list.style.listStyle = "none";
  order.forEach((index, position) => {
    const row = make("li", "rank");
    row.dataset.index = String(index);
    const name = make("span", "", `${position + 1}. ${p.options[index]}`);
    const option = p.options[index];
    const up = rankButton("↑", T("up", { option }), position === 0, () => move(p, order, position, -1));
    const down = rankButton("↓", T("down", { option }), position === order.length - 1, () => move(p, order, position, 1));
    row.append(name, up, down);
    list.append(row);
  });
  box.append(list);
}

function rankButton(symbol, label, disabled, action) {
  const button = make("button", "secondary", symbol);
  button.type = "button";
  button.setAttribute("aria-label", label); button.disabled = disabled;
  button.addEventListener("click", action);
  return button;
}

function move(p, order, position, step) {
  state.moved = true;
  const next = order.slice();
  [next[position], next[position + step]] = [next[position + step], next[position]];
  renderRanking(p, next);
  const target = $("options").querySelectorAll("li")[position + step].querySelector(step < 0 ? "button" : "button:last-child");
  if (target && !target.disabled) target.focus();
}

function currentChoice(p) {
  if (p.type === "text") { const v = $("answer").value.trim(); return v ? v : null; }
  if (p.type === "ranking") return Array.from($("options").querySelectorAll("li"), (li) => Number(li.dataset.index));
  const picked = Array.from(document.querySelectorAll("input[name=choice]:checked"), (i) => Number(i.value));
  if (p.type === "multiple") return picked.length ? picked : null;
  return picked.length ? picked[0] : null;
}

// ------------------------------------------------------------------ voting, with an outbox

const sent = (i) => i.body.vote_id || i.body.ask_id || i.body.upvote_id;  // what makes a retry one
function outbox() { return JSON.parse(store.getItem("impuls.outbox") || "[]"); }
function saveOutbox(items) { store.setItem("impuls.outbox", JSON.stringify(items)); banner(); }

async function vote(event) {
  event.preventDefault();
  const p = state.poll;
  if (!p) return;
  const picked = currentChoice(p);
  if (picked === null) { $("vote-error").textContent = T("pick"); return; }
  if (p.type === "multiple" && p.max_choices && picked.length > p.max_choices) {
    $("vote-error").textContent = T("multiple", { most: p.max_choices }); return;
  }
  if (p.type === "ranking" && !state.moved && !state.confirming) {  // the deck's order, untouched
    state.confirming = true;
    $("vote-error").textContent = T("confirmOrder");
    $("vote-error").className = "notice";  // a question to the voter, not a refusal
    return;
  }
  state.choice = picked;
  const item = {
    key: keyOf(p), poll: p.id,
    body: mine({ vote_id: randomId(20), choice: picked }),
  };
  const nick = $("nick").value.trim();
  if (p.quiz && nick) { item.body.name = nick; store.setItem("impuls.nick", nick); }
  saveOutbox(outbox().filter((i) => i.key !== item.key).concat([item]));
  showReceipt(true);
  await flush();
}

function retryLater() {
  setOffline(true);
  state.retry = Math.min(state.retry ? state.retry * 2 : 1000, 10000);
  setTimeout(flush, state.retry);
}

// One flush at a time: two would send each waiting item twice. A flush asked for while
// one runs is done after it, so an item saved meanwhile is not left waiting.
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
      response = await post(item.path || `/api/polls/${encodeURIComponent(item.poll)}/votes`,
        { ...item.body, device: state.ticket });
    } catch (error) {  // the Wi-Fi dropped or hung: keep it, try again with the same vote_id
      return retryLater();
    }
    // The server could not store it (a full disk, a restart): not the voter's mistake.
    // Keep the vote and send it again; the same vote_id is counted once.
    if (response.status >= 500) return retryLater();
    setOffline(false);
    state.retry = 0;
    if (response.status === 429) { setTimeout(flush, 3000); return; }
    if (response.status === 403 && response.body && response.body.error === "bad_ticket") {
      // The server restarted (its key is new) or this is an earlier event's: join with
      // the held ticket, which keeps this phone's one voice if the server knows it.
      await join(state.code);
      if (state.ticket) state.again = true;
      return state.ticket !== "";
    }
    saveOutbox(outbox().filter((i) => sent(i) !== sent(item)));
    // Meant for a talk no longer on, so not counted: a kind word (in the banner, till the
    // next send), a question back in its field; the `talk` event brings the talk now on.
    if (response.body?.error === "talk_changed") {
      $("offline").textContent = T("moved"); $("offline").hidden = false;
      if (item.body.text && !$("ask-text").value) { $("ask-text").value = item.body.text; count(); note(""); }
      continue;
    }
    if (item.path) { answeredQuestion(item, response); continue; }
    if (response.status === 200) {
      remember(item.key, item.body.choice);
      if (state.poll && keyOf(state.poll) === item.key) showReceipt();
    } else if (response.body?.error === "no_card") {
      lostCard();
    } else {
      const reasons = { 409: T("closed"), 410: T("timeUp"), 422: T("invalid"), 403: T("badCode") };
      if (state.poll && keyOf(state.poll) === item.key) {
        renderPoll(state.poll, state.choice);
        $("vote-error").textContent = reasons[response.status] || T("invalid");
      }
    }
  }
  return true;
}

function showReceipt(pending = false) {
  const p = state.poll;
  // This vote on its way, not a question or an upvote the outbox also holds.
  const waiting = pending || (p && outbox().some((item) => item.key === keyOf(p)));
  const text = p && p.type === "text";
  $("receipt-text").textContent = waiting ? "…" : T(text ? "countedText" : "counted");
  const key = p ? keyOf(p) : "";
  const chosen = state.voted[key] ? state.voted[key].choice : state.choice;
  const none = !p || chosen === null || chosen === undefined;  // a text answer is said as it is
  $("receipt-choice").textContent = none ? "" : text ? T("yourAnswer", { choice: chosen }) : T("yourChoice", { choice: describe(p, chosen) });
  $("change").textContent = T(text ? "changeText" : "change");
  $("change").hidden = !(p && p.state === "open");
  if (p && seesResults(p)) showResults(p); else show("receipt");
}

function describe(p, chosen) {  // what the phone sent, as the voter would say it
  if (p.type === "text" || p.type === "scale") return String(chosen);
  const name = (i) => `${LETTERS[i]} ${p.options[i]}`;
  if (p.type === "ranking") return chosen.map((i, k) => `${k + 1}. ${p.options[i]}`).join(", ");
  return (Array.isArray(chosen) ? chosen : [chosen]).map(name).join(", ");
}

// "Wird gesendet" only while something waits in the outbox; else, while the stream is
// away, that the page will reconnect by itself.
function setOffline(offline) { state.stuck = offline; banner(); }
function banner() {
  const waits = outbox().length > 0;
  $("offline").textContent = T(waits ? "offline" : "lost");
  $("offline").hidden = !(waits ? state.stuck || state.down : state.down);
}

// ------------------------------------------------------------------ results

// The server says every number and sentence, in this phone's language, as the
// projector and the handout print them (how a share is rounded is decided there).
// Its tally events carry them; only a phone that has not heard one for this run
// (it just joined) asks, never one whose tally event is on its way.
async function showResults(p) {
  let body = state.results[p.id];
  if (!body || body.run !== p.run) {
    if (state.coming[p.id]) return;
    const answer = await api(`/api/polls/${encodeURIComponent(p.id)}/results?lang=${LANG}`);
    if (answer.status !== 200 || (state.poll && state.poll.id !== p.id)) return;
    body = answer.body;
  }
  $("results-title").textContent = T("results", { question: p.question });
  const bars = $("bars");
  bars.replaceChildren();
  if (p.type === "text") {
    for (const answer of body.answers) {
      bars.append(make("p", "answer", answer.text));
    }
  } else if (p.type === "scale") {
    // Each value by the server's name for it: "1 gar nicht", "3", "5 sehr".
    for (let v = p.min; v <= p.max; v++) bars.append(bar(body.names[v - p.min], body.shown[v - p.min], body.percent[v - p.min]));
    if (body.mean_note) bars.append(make("p", "", body.mean_note));
  } else {
    // A quiz question: this phone's verdict first, the right answer ticked as on the projector.
    // Both lists ascend: the ticked boxes in the page's order, the right ones in the deck's.
    const right = body.correct || [];
    if (right.length) {
      const own = state.voted[keyOf(p)], hit = own && `${[].concat(own.choice)}` === `${right}`;
      // the right answer, said calmly to the others
      bars.append(make("p", hit ? "ok" : "notice", hit ? T("right") : T("wrong", { answer: describe(p, right) })));
    }
    const o = body.outcome;  // a motion: the verdict with its rule, as the projector says it
    if (o) bars.append(make("p", o.adopted ? "ok" : "notice", o.sentence));
    // The server's numbers, in the projector's order (a ranking by points), with its base.
    for (const i of body.order) bars.append(bar((right.includes(i) ? "✓ " : "") + body.names[i], body.shown[i], body.percent[i]));
  }
  // The counts as the projector prints them under its chart, a show of hands included.
  const count = make("p", "quiet", body.summary.join(" · "));
  count.id = "summary"; bars.append(count);
  show(...(p.state === "open" ? ["receipt", "results"] : ["results"]));
}

function bar(label, amount, percent) {
  const row = make("div", "bar"), track = make("div", "track"), fill = make("div", "fill");
  fill.style.width = `${percent}%`;
  track.append(fill); row.append(make("div", "", `${label}: ${amount}`), track);
  return row;
}

// ------------------------------------------------------------------ questions from the room
// Sent through the same outbox as votes: an ask_id or upvote_id makes a retry count once.

async function loadQuestions() {
  const { status, body } = await api(`/api/questions?order=${state.order}`).catch(() => ({}));
  if (status !== 200) return;  // 404: this talk takes no questions
  $("tabs").hidden = false;
  const all = body.questions;
  state.own = all.filter((q) => q.mine && q.state === "pending");
  state.room = all.filter((q) => q.state !== "pending");
  state.newest = all.slice().sort((a, b) => b.asked_at - a.asked_at).map((q) => q.id);
  state.up = {};
  for (const q of all) if (q.upvoted) state.up[q.id] = true;
  renderQuestions();
}

function ask(event) {
  event.preventDefault();
  const text = $("ask-text").value.trim();
  if (text.length < LIMIT.least) { note(T("tooShort")); return; }
  const body = mine({ ask_id: randomId(20), text });
  const name = $("ask-name").value.trim();
  if (name) body.name = name;
  saveOutbox(outbox().concat([{ key: body.ask_id, path: "/api/questions", body }]));
  $("ask-text").value = ""; count();
  note("…", true);
  flush();
}

function upvote(q) {
  const up = !state.up[q.id];
  state.up[q.id] = up;
  q.upvotes += up ? 1 : -1;
  const key = `up/${q.id}`;  // a second tap before the first went out replaces it
  const body = mine({ upvote_id: randomId(20), up });
  saveOutbox(outbox().filter((i) => i.key !== key).concat([{ key, path: `/api/questions/${q.id}/upvotes`, body }]));
  renderQuestions();
  flush();
}

function answeredQuestion(item, response) {
  if (item.body.ask_id) {
    const ok = response.status === 200;
    note(ok ? T("asked") : response.status === 429 ? T("askBusy") : T("invalid"), ok);
    if (response.status === 200 && response.body.state === "pending") {
      state.own.push({ id: response.body.question, text: item.body.text, name: item.body.name || null, state: "pending", upvotes: 0 });
    }
    loadQuestions();
  } else if (response.status === 200) {
    const q = state.room.find((x) => x.id === response.body.question);
    if (q) q.upvotes = response.body.upvotes;
    renderQuestions();
  }
}

function note(text, ok = false) {  // under the question: how asking went
  $("ask-note").textContent = text;
  $("ask-note").className = ok ? "done" : "error";
}

function renderQuestions() {
  const list = $("question-list");
  const byId = new Map(state.room.map((q) => [q.id, q]));
  let shown = state.order === "new" ? state.newest.map((id) => byId.get(id)).filter(Boolean) : state.room;
  shown = state.own.filter((q) => !byId.has(q.id)).concat(shown);
  $("tab-questions").textContent = `${T("tabQuestions")} (${shown.length})`;
  list.replaceChildren();
  if (!shown.length) list.append(make("li", "quiet", T("noQuestions")));
  for (const q of shown) {
    const row = make("li", "q"), text = make("p", "", q.text);
    text.append(make("small", "", [q.name || T("anonymous"), q.state === "pending" ? T("waits") : "", q.state === "answered" ? `✓ ${T("answered")}` : ""].filter(Boolean).join(" · ")));
    row.append(text);
    if (q.state !== "pending") {
      const button = make("button", "secondary", `▲ ${q.upvotes}`);
      button.type = "button";
      button.setAttribute("aria-pressed", String(!!state.up[q.id]));
      button.setAttribute("aria-label", T("upvote", { count: q.upvotes }));
      button.addEventListener("click", () => upvote(q));
      row.append(button);
    }
    list.append(row);
  }
}

function count() { $("ask-count").textContent = `${$("ask-text").value.length} / ${LIMIT.question}`; }

function tab(name) {
  state.tab = name;
  $("tab-poll").setAttribute("aria-pressed", String(name === "poll"));
  $("tab-questions").setAttribute("aria-pressed", String(name === "questions"));
  show(...(state.shown || ["wait"]));
}

function order(name) {
  state.order = name;
  $("order-top").setAttribute("aria-pressed", String(name === "top"));
  $("order-new").setAttribute("aria-pressed", String(name === "new"));
  renderQuestions();
}

// ------------------------------------------------------------------ reactions
// A tap counts for the slide the room sees. Nothing waits for it and nothing is sent
// again: a lost tap is a lost clap (the server refuses a flood).

function reactions(set) {
  const row = $("react");
  if (row.firstChild || !set) return;
  for (const emoji of set) {
    row.append(rankButton(emoji, emoji, false, () => {
      post("/api/reactions", mine({ device: state.ticket, emoji }));
    }));
  }
  row.hidden = !row.firstChild;
}

// ------------------------------------------------------------------ start

function start() {
  document.documentElement.lang = LANG;
  document.title = T("title");
  $("code").maxLength = LIMIT.code;
  $("ask-text").maxLength = LIMIT.question;
  $("ask-name").maxLength = $("nick").maxLength = LIMIT.name;
  note("");
  $("code-label").textContent = T("code");
  $("join-button").textContent = T("join");
  $("privacy-title").textContent = T("privacy");
  $("react").setAttribute("aria-label", T("react"));
  for (const [id, key] of [["tab-poll", "tabPoll"], ["tab-questions", "tabQuestions"], ["ask-label", "ask"],
    ["ask-name-label", "askName"], ["nick-label", "askName"], ["ask-send", "askSend"], ["order-top", "top"], ["order-new", "newest"]]) $(id).textContent = T(key);
  $("ask-form").addEventListener("submit", ask);
  $("ask-text").addEventListener("input", count); count();
  $("tab-poll").addEventListener("click", () => tab("poll"));
  $("tab-questions").addEventListener("click", () => tab("questions"));
  $("order-top").addEventListener("click", () => order("top"));
  $("order-new").addEventListener("click", () => order("new"));
  $("privacy-text").textContent = T("privacyText");
  $("join-form").addEventListener("submit", (e) => { e.preventDefault(); join($("code").value.trim()); });
  $("choices").addEventListener("submit", vote);
  $("change").addEventListener("click", () => {
    const p = state.poll;
    if (p) {
      const key = keyOf(p);
      const earlier = state.voted[key] ? state.voted[key].choice : state.choice;
      remember(key, undefined);
      renderPoll(p, earlier);
    }
  });
  window.addEventListener("online", flush);
  setInterval(tick, 100);
  const code = new URLSearchParams(location.search).get("code") || store.getItem("impuls.code") || "";
  if (code) join(code).catch(() => { setOffline(true); show("join"); });
  else show("join");
  if (outbox().length) flush();
}

start();
