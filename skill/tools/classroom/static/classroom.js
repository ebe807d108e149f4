// The classroom player's page. Each turn posts the words to the server, with the
// session attributes of the last answer; the server keeps nothing between turns.
// Text only ever goes into the page as text (textContent), never as markup.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const words = JSON.parse($("words").textContent);
  const locale = document.documentElement.lang || "en-US";
  const player = $("player");
  const turnUrl = player.dataset.turnUrl;
  const form = $("ask");
  const input = $("said");
  const send = $("send");
  const transcript = $("transcript");
  const announcer = $("announce");
  const speakerButton = $("speaker");
  const speakerState = $("speaker-state");
  const micButton = $("mic");
  const micNote = $("mic-note");
  const display = $("display");

  const synth = "speechSynthesis" in window ? window.speechSynthesis : null;
  const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition || null;

  const session = { attributes: null, fresh: true };
  let busy = false;
  let speaking = synth !== null;
  let speechRun = 0;

  // --- the transcript and the live region ------------------------------------------

  function addTurn(kind, who, text) {
    const item = document.createElement("li");
    item.className = "turn " + kind;
    const label = document.createElement("span");
    label.className = "who";
    label.textContent = who;
    const said = document.createElement("p");
    said.className = "said";
    said.textContent = text;
    item.append(label, said);
    transcript.append(item);
    transcript.scrollTop = transcript.scrollHeight;
    return item;
  }

  function announce(text) {
    // Emptied first, so that the same answer twice is announced twice.
    announcer.textContent = "";
    window.setTimeout(() => {
      announcer.textContent = text;
    }, 50);
  }

  // --- what the answer shows: the screen content, else the card --------------------

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function textOf(value) {
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
    if (isObject(value)) {
      for (const key of ["text", "primaryText", "value", "title"]) {
        if (typeof value[key] === "string") return value[key];
      }
    }
    return "";
  }

  // The first object in the datasource with a title or items: {title, items, position}.
  function screenView(datasource) {
    const queue = [datasource];
    for (let seen = 0; queue.length && seen < 50; seen += 1) {
      const node = queue.shift();
      if (!isObject(node)) continue;
      const fields = isObject(node.properties) ? Object.assign({}, node, node.properties) : node;
      const items = Array.isArray(fields.items) ? fields.items : Array.isArray(fields.listItems) ? fields.listItems : null;
      const title = textOf(fields.title);
      if (title || items) {
        return {
          title: title,
          items: (items || []).map((item, index) => ({
            number: isObject(item) && Number.isInteger(item.number) ? item.number : null,
            text: textOf(item),
            index: index,
          })),
          position: textOf(fields.position),
        };
      }
      queue.push(...Object.values(node));
    }
    return null;
  }

  function showDisplay(reply) {
    const title = $("display-title");
    const body = $("display-body");
    const position = $("display-position");
    body.replaceChildren();
    position.textContent = "";
    const screen = isObject(reply.screen) ? screenView(reply.screen) : null;
    if (screen) {
      title.textContent = screen.title;
      if (screen.items.length) {
        const list = document.createElement("ol");
        for (const item of screen.items) {
          const entry = document.createElement("li");
          if (item.number !== null) entry.value = item.number;
          entry.textContent = item.text;
          list.append(entry);
        }
        body.append(list);
      }
      position.textContent = screen.position;
      display.hidden = false;
      return;
    }
    if (isObject(reply.card) && (reply.card.title || reply.card.text)) {
      title.textContent = reply.card.title || "";
      let bullets = null;
      for (const line of String(reply.card.text || "").split("\n")) {
        if (!line.trim()) continue;
        if (line.startsWith("• ")) {
          if (!bullets) {
            bullets = document.createElement("ul");
            body.append(bullets);
          }
          const entry = document.createElement("li");
          entry.textContent = line.slice(2);
          bullets.append(entry);
        } else {
          bullets = null;
          const paragraph = document.createElement("p");
          paragraph.textContent = line;
          body.append(paragraph);
        }
      }
      display.hidden = false;
      return;
    }
    display.hidden = true;
  }

  // --- speech: the segments one after another, with their pauses -------------------

  function stopSpeaking() {
    speechRun += 1;
    if (synth) synth.cancel();
  }

  function speak(segments) {
    if (!synth || !speaking || !Array.isArray(segments)) return;
    const run = ++speechRun;
    const next = (index) => {
      if (run !== speechRun || index >= segments.length) return;
      const segment = segments[index];
      const utterance = new SpeechSynthesisUtterance(String(segment.text || ""));
      utterance.lang = locale;
      let done = false;
      const after = () => {
        if (done) return;
        done = true;
        window.setTimeout(() => next(index + 1), Math.max(0, Number(segment.pause_ms) || 0));
      };
      utterance.onend = after;
      utterance.onerror = (event) => {
        if (event.error === "interrupted" || event.error === "canceled") return;
        after();
      };
      synth.speak(utterance);
    };
    next(0);
  }

  function setSpeaking(on) {
    speaking = on;
    speakerButton.setAttribute("aria-pressed", on ? "true" : "false");
    speakerState.textContent = on ? words.speaker_on : words.speaker_off;
    if (!on) stopSpeaking();
  }

  // --- a turn ------------------------------------------------------------------------

  async function ask(text) {
    if (busy) return;
    busy = true;
    send.disabled = true;
    input.value = "";
    stopSpeaking();
    addTurn("you", words.you, text);
    const pending = addTurn("pending", words.skill, words.waiting);
    let reply = null;
    try {
      const response = await fetch(turnUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          text: text,
          attributes: session.attributes,
          locale: locale,
          new: session.fresh,
        }),
        cache: "no-store",
        credentials: "same-origin",
      });
      const body = await response.json();
      if (response.ok && isObject(body)) reply = body;
    } catch (error) {
      reply = null;
    }
    pending.remove();
    if (reply === null) {
      addTurn("note", words.skill, words.failed);
      announce(words.failed);
    } else {
      if (reply.ended) {
        session.attributes = null;
        session.fresh = true;
      } else {
        session.attributes = isObject(reply.attributes) ? reply.attributes : {};
        session.fresh = false;
      }
      const said = typeof reply.text === "string" ? reply.text : "";
      if (said) addTurn("skill", words.skill, said);
      if (reply.ended) addTurn("note", words.skill, words.ended);
      const heard = [said, reply.ended ? words.ended : ""].filter(Boolean).join(" ");
      if (heard) announce(heard);
      showDisplay(reply);
      speak(reply.segments);
    }
    busy = false;
    send.disabled = false;
    input.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text) ask(text);
  });

  $("restart").addEventListener("click", () => {
    stopSpeaking();
    session.attributes = null;
    session.fresh = true;
    transcript.replaceChildren();
    display.hidden = true;
    announcer.textContent = "";
    input.value = "";
    input.focus();
  });

  if (synth) {
    speakerButton.hidden = false;
    speakerButton.addEventListener("click", () => setSpeaking(!speaking));
  }

  // --- the microphone, only where the browser can listen ---------------------------

  if (Recognition && window.isSecureContext) {
    let listening = null;
    const setListening = (recognition) => {
      listening = recognition;
      micButton.setAttribute("aria-pressed", recognition ? "true" : "false");
      micButton.textContent = recognition ? words.mic_stop : words.mic_start;
      if (recognition) input.placeholder = words.mic_listening;
      else input.placeholder = input.getAttribute("data-hint") || "";
    };
    input.setAttribute("data-hint", input.placeholder);
    micButton.hidden = false;
    micNote.hidden = false;
    micButton.addEventListener("click", () => {
      if (listening) {
        listening.stop();
        return;
      }
      stopSpeaking();
      const recognition = new Recognition();
      recognition.lang = locale;
      recognition.interimResults = false;
      recognition.maxAlternatives = 1;
      recognition.onresult = (event) => {
        const heard = event.results[0] && event.results[0][0] ? event.results[0][0].transcript : "";
        if (heard.trim()) ask(heard.trim());
      };
      recognition.onerror = (event) => {
        if (event.error === "no-speech" || event.error === "aborted") return;
        addTurn("note", words.skill, words.mic_failed);
        announce(words.mic_failed);
      };
      recognition.onend = () => setListening(null);
      try {
        recognition.start();
        setListening(recognition);
      } catch (error) {
        addTurn("note", words.skill, words.mic_failed);
        announce(words.mic_failed);
      }
    });
  }

  input.focus();
})();
