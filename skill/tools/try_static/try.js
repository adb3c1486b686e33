// The try page: lines to the skill through the JSON API, answers shown (as text
// only: every string from the user or the skill goes in with textContent),
// spoken with the browser's voice, and the Echo Show screen drawn by Amazon's
// APL viewhost, whose buttons answer like touches on a device.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { session: null, config: null, renderer: null, screenGeneration: 0, turns: 0 };

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function addLine(kind, label, text) {
  const item = element("li", kind);
  item.append(element("span", "who", label), element("span", "text", text));
  $("transcript").append(item);
  item.scrollIntoView({ block: "nearest" });
  return item;
}

function describeHeard(heard) {
  if (!heard) return "";
  const slots = heard.slots.map((slot) => `${slot.name} "${slot.said}" \u2192 ${slot.value}`);
  return [heard.intent, ...slots].join("  \u00b7  ");
}

async function api(path, body) {
  document.body.dataset.busy = "1";
  try {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    let data;
    try {
      data = await response.json();
    } catch (_) {
      data = { error: `The page server answered ${response.status} without JSON.` };
    }
    if (!response.ok && !data.error) data.error = `The page server answered ${response.status}.`;
    return data;
  } catch (_) {
    return { error: "The page server is not answering: is back-spasm try still running?" };
  } finally {
    delete document.body.dataset.busy;
  }
}

// The skill's prosody rates, as the browser's speech rate (1 is its normal speed).
const RATES = { "x-slow": 0.6, slow: 0.8 };

function speak(text, voice = {}) {
  if (!("speechSynthesis" in window)) return;
  window.speechSynthesis.cancel();
  if ($("mute").checked || !text) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = $("locale").value;
  utterance.rate = RATES[voice.rate] || 1;
  window.speechSynthesis.speak(utterance);
}

function showCard(card) {
  const box = $("card");
  box.replaceChildren();
  if (!card) {
    box.append(element("p", "empty", "No card."));
    return;
  }
  box.append(element("h3", "card-title", card.title));
  for (const line of card.text.split("\n")) {
    if (line.trim()) box.append(element("p", "card-line", line));
  }
}

async function showScreen(screen) {
  const generation = ++state.screenGeneration;
  const host = $("screen");
  const note = $("screen-note");
  if (state.renderer) {
    try { state.renderer.destroy(); } catch (_) { /* already gone */ }
    state.renderer = null;
  }
  host.replaceChildren();
  host.dataset.state = "none";
  if ($("device").value !== "screen") {
    note.textContent = "Voice only: this device has no screen.";
    return;
  }
  if (!screen) {
    note.textContent = "This response shows nothing on the screen.";
    return;
  }
  if (!window.AplRenderer || !window.aplEngineReady) {
    note.textContent = "The screen cannot be drawn: Amazon's APL viewhost is not installed (npm ci --prefix renderer).";
    host.dataset.state = "unavailable";
    return;
  }
  note.textContent = "Touch the buttons to answer, as on an Echo Show.";
  host.dataset.state = "rendering";
  await window.aplEngineReady;
  if (generation !== state.screenGeneration) return;
  const size = state.config.screen;
  host.style.width = `${size.width}px`;
  host.style.height = `${size.height}px`;
  fitScreen();
  const content = window.AplRenderer.Content.create(JSON.stringify(screen.document));
  // As Alexa binds them: a parameter named "payload" gets every datasource,
  // any other parameter the datasource of its name.
  const datasources = screen.datasources || {};
  for (const name of (screen.document.mainTemplate || {}).parameters || []) {
    content.addData(name, JSON.stringify(name === "payload" ? datasources : datasources[name]));
  }
  useLocalFonts();
  const renderer = window.AplRenderer.default.create({
    content,
    view: host,
    viewport: { width: size.width, height: size.height, isRound: false, shape: size.shape, dpi: size.dpi },
    mode: "HUB",
    theme: "dark",
    utcTime: Date.now(),
    localTimeAdjustment: -new Date().getTimezoneOffset() * 60000,
    environment: { agentName: "back-spasm-try", agentVersion: "1.0", allowOpenUrl: false, disallowVideo: true },
    onSendEvent: (event) => touch(event, screen.token),
  });
  state.renderer = renderer;
  await renderer.init();
  if (generation !== state.screenGeneration) return;
  host.dataset.state = "rendered";
}

function fitScreen() {
  // At most the device's 3/4 size, smaller when the column is narrower: the page never scrolls sideways.
  const size = state.config.screen;
  const room = $("screen-frame").parentElement.clientWidth - 20;  // the frame's borders
  const scale = Math.max(0.2, Math.min(size.scale, room / size.width));
  $("screen-scale").style.transform = `scale(${scale})`;
  $("screen-frame").style.width = `${Math.floor(size.width * scale)}px`;
  $("screen-frame").style.height = `${Math.floor(size.height * scale)}px`;
}

async function showFlow() {
  // The picture where it can be drawn; where it cannot (no Graphviz), the server's reason in its place.
  const image = $("flow"), note = $("flow-note");
  let response = null;
  try {
    response = await fetch(`/flow.svg?locale=${encodeURIComponent($("locale").value)}`);
  } catch (error) {
    note.textContent = `The decision flow could not be loaded: ${error}`;
  }
  if (response && response.ok) {
    if (image.src.startsWith("blob:")) URL.revokeObjectURL(image.src);
    image.src = URL.createObjectURL(await response.blob());
    image.hidden = false;
    note.textContent = "";
    return;
  }
  image.hidden = true;
  image.removeAttribute("src");
  if (response) {
    const body = await response.json().catch(() => ({}));
    note.textContent = body.error || `The decision flow could not be drawn (HTTP ${response.status}).`;
  }
  note.dataset.state = "unavailable";
}

function shortened(line) {
  // A line too long to say is refused; the transcript shows its start, not a wall of text.
  const limit = state.config ? state.config.maxLine : 300;
  return line.length > limit ? `${line.slice(0, 80)}… (${line.length.toLocaleString("en-US")} characters)` : line;
}

function useLocalFonts() {
  // The viewhost declares Amazon's fonts at a CDN; offline they fail and bold text
  // falls back to a serif. Its declarations go; try.css's DejaVu Sans stands in.
  for (const sheet of document.querySelectorAll("style")) {
    if (sheet.textContent.includes("@font-face") && sheet.textContent.includes("cloudfront.net")) sheet.remove();
  }
}

function showTurn(turn, youSaid) {
  if (youSaid !== undefined) addLine("you", "You", shortened(youSaid));
  if (turn.error) {
    addLine("error", "Page", turn.error);
    return Promise.resolve();
  }
  if (turn.heard) {
    const heard = describeHeard(turn.heard);
    $("heard").textContent = heard;
    addLine("heard", "Understood", heard);
  }
  $("said").textContent = turn.speech || "(silence)";
  const voice = Object.entries(turn.voice || {}).map(([name, value]) => `${name} ${value}`).join(", ");
  addLine("alexa", voice ? `Alexa (${voice})` : "Alexa", turn.speech || "(silence)");
  if (turn.card) addLine("card", "Card", turn.card.title);
  if (turn.ended) addLine("note", "", "The skill has closed. Type a line to open it again, or press New session.");
  showCard(turn.card);
  speak(turn.speech, turn.voice);
  return showScreen(turn.screen);
}

async function finish(promise) {
  try {
    await promise;
  } catch (error) {
    addLine("error", "Page", `The screen could not be drawn: ${error}`);
    $("screen").dataset.state = "failed";
  }
  state.turns += 1;
  document.body.dataset.turns = String(state.turns);
}

async function newSession() {
  speak("");
  $("transcript").replaceChildren();
  $("heard").textContent = "The skill was opened (LaunchRequest).";
  showFlow();
  const turn = await api("/api/session", { locale: $("locale").value, device: $("device").value });
  state.session = turn.session || null;
  await finish(showTurn(turn, "Alexa, open back spasm helper"));
}

async function say(line) {
  const turn = await api("/api/say", { session: state.session, text: line });
  await finish(showTurn(turn, line));
}

async function touch(event, token) {
  const source = event.source || {};
  const args = Array.isArray(event.arguments) ? event.arguments : [];
  const turn = await api("/api/touch", {
    session: state.session,
    arguments: args,
    source: { type: source.type, handler: source.handler, id: source.id, value: source.value },
    token,
  });
  await finish(showTurn(turn, `(touches ${args.slice(1).join(" ") || args.join(" ")})`));
}

function setUpMicrophone() {
  const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  if (!Recognition) return;
  const button = $("mic");
  button.hidden = false;
  button.addEventListener("click", () => {
    const recognition = new Recognition();
    recognition.lang = $("locale").value;
    recognition.interimResults = false;
    button.textContent = "Listening\u2026";
    recognition.onresult = (event) => {
      const line = event.results[0][0].transcript;
      $("line").value = "";
      say(line);
    };
    recognition.onerror = (event) => addLine("error", "Page", `The microphone did not work here (${event.error}); type instead.`);
    recognition.onend = () => { button.textContent = "Speak"; };
    recognition.start();
  });
}

async function main() {
  const response = await fetch("/api/config");
  state.config = await response.json();
  for (const locale of state.config.locales) $("locale").append(new Option(locale, locale));
  for (const [value, label] of Object.entries(state.config.devices)) $("device").append(new Option(label, value));
  $("device").value = "screen";
  $("say-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const line = $("line").value;
    $("line").value = "";
    say(line);
  });
  $("new-session").addEventListener("click", newSession);
  $("device").addEventListener("change", newSession);
  $("locale").addEventListener("change", newSession);
  $("mute").addEventListener("change", () => { if ($("mute").checked) speak(""); });
  setUpMicrophone();
  window.addEventListener("resize", () => { if (state.config) fitScreen(); });
  await newSession();
}

main();
