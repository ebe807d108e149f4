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
  const screenBox = $("screen");
  const saidError = $("said-error");
  const reloadedNote = $("reloaded");
  const maxText = Number(input.dataset.max) || 500;
  // English names inside this page's text (none on an English page), longest first.
  const english = Array.isArray(words.english) ? words.english.filter((t) => typeof t === "string" && t) : [];
  // Where the page keeps, for this tab only, that a conversation was under way.
  const STARTED_KEY = "classroom.started";

  const synth = "speechSynthesis" in window ? window.speechSynthesis : null;
  const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition || null;

  const session = { attributes: null, fresh: true };
  let busy = false;
  let speaking = synth !== null;
  let speechRun = 0;

  // --- text: English names marked as English, hyphenated numbers never broken ----------

  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const NUMBER = "\\d+(?:-\\d+)+";
  const marks = new RegExp(
    english.map((t) => "(" + escapeRegExp(t) + ")").concat("(" + NUMBER + ")").join("|"),
    "g",
  );

  // ``text`` into ``node`` as text nodes (never markup), English names in lang="en" spans
  // and numbers such as 1-888-373-7888 in spans that do not break.
  function putText(node, text) {
    node.replaceChildren();
    let at = 0;
    for (const found of String(text).matchAll(marks)) {
      if (found.index > at) node.append(text.slice(at, found.index));
      const span = document.createElement("span");
      if (found[found.length - 1] !== undefined) span.className = "nowrap";
      else span.lang = "en";
      span.textContent = found[0];
      node.append(span);
      at = found.index + found[0].length;
    }
    if (at < text.length) node.append(text.slice(at));
  }

  // --- the transcript and the live region ------------------------------------------

  function addTurn(kind, who, text) {
    const item = document.createElement("li");
    item.className = "turn " + kind;
    const label = document.createElement("span");
    label.className = "who";
    label.textContent = who;
    const said = document.createElement("p");
    said.className = "said";
    putText(said, text);
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

  // --- what the answer shows: its screen, as an Echo Show shows it, else its card --

  const screenTitle = $("display-title");
  const screenPosition = $("display-position");
  const screenBody = $("display-body");
  const screenButtons = $("display-buttons");
  const screenHint = $("display-hint");
  const screenFoot = $("display-foot");

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function textOf(value) {
    return typeof value === "string" ? value : "";
  }

  function texts(value) {
    return Array.isArray(value) ? value.filter((v) => typeof v === "string" && v.trim()) : [];
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) putText(node, text);
    return node;
  }

  function button(className, label, onPress) {
    const node = element("button", className, label);
    node.type = "button";
    node.addEventListener("click", onPress);
    return node;
  }

  // The screen's properties: the datasource's object that has them (the skill sends
  // {"screen": {"type": "object", "properties": {...}}}).
  function screenOf(reply) {
    if (!isObject(reply.screen)) return null;
    for (const source of Object.values(reply.screen)) {
      if (isObject(source) && isObject(source.properties)) return source.properties;
    }
    return null;
  }

  // Title and position, the lead, the items numbered as spoken (a numbered item is a
  // button: touching it hears it again), the help screen's numbers, a quiz's question,
  // choices and score, the question asked, a phrase to try, and More, Back and Get help
  // where the screen has them. The hotline stays in the page's own footer.
  function showScreen(screen, token) {
    putText(screenTitle, textOf(screen.title));
    screenPosition.textContent = textOf(screen.position);
    screenBody.replaceChildren();
    screenButtons.replaceChildren();
    // A quiz screen has two sides, as on the device where there is room: what answers
    // the last turn (right or not, and why), the question and the score; then the
    // choices and the question asked.
    const quiz = screen.kind === "quiz";
    const main = quiz ? element("div", "quiz-main") : screenBody;
    const side = quiz ? element("div", "quiz-side") : screenBody;
    const lead = texts(screen.lead);
    if (lead.length) {
      const block = element("div", quiz ? "lead feedback" : "lead");
      for (const line of lead) block.append(element("p", "", line));
      main.append(block);
    }
    const items = Array.isArray(screen.items) ? screen.items.filter(isObject) : [];
    if (items.length) {
      const list = element("ol", "items");
      items.forEach((item, index) => {
        const entry = element("li", "item");
        entry.dataset.index = String(index);
        const number = textOf(item.number);
        const text = textOf(item.text);
        const parts = [element("span", "text", text)];
        if (number) parts.unshift(element("span", "number", number + "."), document.createTextNode(" "));
        let holder = element("div", "item-body");
        if (number && token) {
          holder = button("item-body item-button", undefined, () =>
            touch(["item", number], token, number + ". " + text),
          );
          holder.setAttribute("aria-describedby", "item-again");
        }
        holder.append(...parts);
        entry.append(holder);
        list.append(entry);
      });
      screenBody.append(list);
    }
    const resources = Array.isArray(screen.resources) ? screen.resources.filter(isObject) : [];
    if (resources.length) {
      const list = element("dl", "resources");
      for (const resource of resources) {
        list.append(element("dt", "", textOf(resource.label)), element("dd", "", textOf(resource.value)));
      }
      screenBody.append(list);
    }
    // A quiz screen: its question, its choices as large buttons worded as the datasource
    // words them ("A: ...", as spoken, or True and False), and at the end of a round the
    // score, large, then the encouraging line.
    if (textOf(screen.question)) {
      const question = element("p", "question", screen.question);
      question.id = "display-question";
      main.append(question);
    }
    const choices = Array.isArray(screen.choices) ? screen.choices.filter(isObject) : [];
    if (choices.length && token) {
      const group = element("div", "choices");
      group.setAttribute("role", "group");
      if (textOf(screen.question)) group.setAttribute("aria-labelledby", "display-question");
      for (const choice of choices) {
        const id = textOf(choice.id);
        const text = textOf(choice.text);
        if (!id || !text) continue;
        const press = button("choice", text, () => choose(press, id, token));
        press.setAttribute("aria-describedby", "choice-note");
        group.append(press);
      }
      group.classList.toggle("pair", group.childElementCount === 2);
      side.append(group);
    }
    texts(screen.score).forEach((line, index) => {
      main.append(element("p", index === 0 ? "score" : "encouragement", line));
    });
    if (textOf(screen.prompt)) side.append(element("p", "prompt", screen.prompt));
    if (quiz) screenBody.append(main, side);
    screenBody.classList.toggle("quiz", quiz);
    // Lettered choices beside the question where there is room; True and False below it.
    const choiceCount = side.querySelectorAll("button.choice").length;
    screenBody.classList.toggle("side-by-side", choiceCount > 2);
    screenHint.replaceChildren();
    if (textOf(screen.hint)) {
      screenHint.append(words.hint_label + " ", element("strong", "", screen.hint));
    }
    const labels = isObject(screen.buttons) ? screen.buttons : {};
    // While a quiz question is open: Skip, Repeat, Score and End quiz, as the
    // datasource names and labels them, before Get help.
    const moves = quiz && Array.isArray(screen.moves) ? screen.moves.filter(isObject) : [];
    const offered = [
      ["previous", labels.back, screen.hasBack === true, ""],
      ["next", labels.more, screen.hasMore === true, ""],
      ...moves.map((move) => [textOf(move.event), move.label, Boolean(textOf(move.event)), "quiz-move"]),
      ["help", labels.help, screen.kind !== "help", "help"],
    ];
    for (const [event, label, shown, kind] of offered) {
      if (!shown || !token || !textOf(label)) continue;
      const press = button("screen-button " + kind, label, () => touch([event], token, label));
      press.dataset.event = event;
      screenButtons.append(press);
    }
    screenFoot.hidden = !screenButtons.childElementCount && !screenHint.childNodes.length;
    screenBody.scrollTop = 0;
  }

  function showCard(card) {
    putText(screenTitle, textOf(card.title));
    screenPosition.textContent = "";
    screenBody.replaceChildren();
    screenBody.classList.remove("quiz", "side-by-side");
    screenButtons.replaceChildren();
    screenHint.replaceChildren();
    screenFoot.hidden = true;
    let bullets = null;
    for (const line of textOf(card.text).split("\n")) {
      if (!line.trim()) continue;
      if (line.startsWith("• ")) {
        if (!bullets) {
          bullets = element("ul", "card-list");
          screenBody.append(bullets);
        }
        bullets.append(element("li", "", line.slice(2)));
      } else {
        bullets = null;
        screenBody.append(element("p", "", line));
      }
    }
  }

  function showDisplay(reply) {
    const screen = screenOf(reply);
    if (screen) {
      showScreen(screen, textOf(reply.token));
    } else if (isObject(reply.card) && (reply.card.title || reply.card.text)) {
      showCard(reply.card);
    } else {
      display.hidden = true;
      return;
    }
    display.hidden = false;
    fit();
  }

  // The screen's type: as large as MAX_FIT where there is room, made smaller step by
  // step until all the screen shows fits in it, as a device's screen never scrolls its
  // question or its buttons away. On a narrow screen the page scrolls instead, and the
  // type stays as it is.
  const MAX_FIT = 1.4;
  const MIN_FIT = 0.5;
  const narrow = window.matchMedia("(max-width: 700px)");

  function overflowing() {
    return (
      screenBody.scrollHeight > screenBody.clientHeight + 1 ||
      screenBody.scrollWidth > screenBody.clientWidth + 1 ||
      screenBox.scrollHeight > screenBox.clientHeight + 1
    );
  }

  function fit() {
    let scale = narrow.matches ? 1 : MAX_FIT;
    screenBox.style.setProperty("--fit", String(scale));
    if (display.hidden || narrow.matches) return;
    while (overflowing() && scale > MIN_FIT) {
      scale = Math.round((scale - 0.05) * 100) / 100;
      screenBox.style.setProperty("--fit", String(scale));
    }
  }

  // A window resized (or a projector plugged in): the screen fitted again, and the
  // conversation kept at its latest turn.
  window.addEventListener("resize", () => {
    fit();
    transcript.scrollTop = transcript.scrollHeight;
  });

  // The item being read, highlighted and scrolled into view as on the device; null:
  // none, and once the items have been read, the question is brought into view.
  function highlight(index) {
    let read = false;
    for (const entry of screenBody.querySelectorAll("li.item")) {
      const on = index !== null && entry.dataset.index === String(index);
      read = read || entry.classList.contains("speaking");
      entry.classList.toggle("speaking", on);
      if (on) entry.scrollIntoView({ block: "nearest" });
    }
    const prompt = screenBody.querySelector(".prompt");
    if (index === null && read && prompt) prompt.scrollIntoView({ block: "nearest" });
  }

  // --- speech: the segments one after another, with their pauses -------------------

  function stopSpeaking() {
    speechRun += 1;
    if (synth) synth.cancel();
    highlight(null);
  }

  function speak(segments) {
    if (!synth || !speaking || !Array.isArray(segments)) return;
    const run = ++speechRun;
    const next = (index) => {
      if (run !== speechRun) return;
      if (index >= segments.length) {
        highlight(null);
        return;
      }
      const segment = isObject(segments[index]) ? segments[index] : {};
      highlight(Number.isInteger(segment.item) ? segment.item : null);
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

  // --- a turn: words typed or heard, or a touch on the screen -----------------------

  // ``asked``: {text} or {event, token}; ``shown``: what the transcript shows was done.
  async function turn(asked, who, shown) {
    if (busy) return false;
    busy = true;
    send.disabled = true;
    setStarted(true);
    stopSpeaking();
    addTurn("you", who, shown);
    const pending = addTurn("pending", words.skill, words.waiting);
    let reply = null;
    try {
      const response = await fetch(turnUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(
          Object.assign({}, asked, {
            attributes: session.attributes,
            locale: locale,
            new: session.fresh,
          }),
        ),
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
      releaseChoices();
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
    return reply !== null;
  }

  // The page once the conversation has started: the screen first, the rest compact.
  // A reload starts again from the beginning, and says so.
  function setStarted(on) {
    document.body.classList.toggle("started", on);
    document.body.classList.toggle("not-started", !on);
    if (on) reloadedNote.hidden = true;
    try {
      if (on) window.sessionStorage.setItem(STARTED_KEY, "1");
      else window.sessionStorage.removeItem(STARTED_KEY);
    } catch (error) {
      // Storage refused (a private window): a reload then starts again without a word.
    }
  }

  function wasStarted() {
    try {
      return window.sessionStorage.getItem(STARTED_KEY) === "1";
    } catch (error) {
      return false;
    }
  }

  function showSaidError(text) {
    saidError.textContent = text;
    saidError.hidden = !text;
    if (text) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  // Words typed are sent; should no answer come back, they are put back in the box,
  // unless something else has been typed there since.
  async function ask(text) {
    if (busy) return;
    showSaidError("");
    input.value = "";
    const answered = await turn({ text: text }, words.you, text);
    if (!answered && !input.value) {
      input.value = text;
      showSaidError(words.kept);
    }
    input.focus();
  }

  // A touch sends the event the screen's control sends on a device. Focus goes back to
  // the same control on the new screen (More, More, More...), after an answer to the
  // first choice of the next question, else to the text box.
  async function touch(event, token, label) {
    if (busy) return;
    await turn({ event: event, token: token }, words.you_touched, label);
    const same = event.length === 1 && !display.hidden ? event[0] : null;
    let again = Array.from(screenButtons.children).find((b) => b.dataset.event === same);
    if (!again && event[0] === "answer" && !display.hidden) {
      again = screenBody.querySelector("button.choice:enabled");
    }
    if (again) again.focus();
    else input.focus();
  }

  // A tapped choice answers as saying it does. As on the device, the tapped one is marked
  // and every choice stops answering until the next screen arrives, so a second tap
  // cannot answer the next question; should no answer come back, they answer again.
  function choose(chosen, id, token) {
    if (busy) return;
    for (const choice of screenBody.querySelectorAll("button.choice")) choice.disabled = true;
    chosen.classList.add("chosen");
    touch(["answer", id], token, chosen.textContent);
  }

  function releaseChoices() {
    for (const choice of screenBody.querySelectorAll("button.choice")) {
      choice.disabled = false;
      choice.classList.remove("chosen");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text.length > maxText) {
      // Refused as it is, and kept in the box to be shortened.
      showSaidError(words.too_long + " (" + text.length + " / " + maxText + ")");
      input.focus();
      return;
    }
    if (text) ask(text);
  });

  input.addEventListener("input", () => {
    if (!saidError.hidden && input.value.trim().length <= maxText) showSaidError("");
  });

  // Start opens the skill, as "open" does; the lesson and quiz buttons say what starts them.
  async function begin(asked, who, shown) {
    await turn(asked, who, shown);
    const choice = display.hidden ? null : screenBody.querySelector("button.choice:enabled");
    (choice || input).focus();
  }

  $("start").addEventListener("click", () => begin({ text: "" }, words.you_touched, words.start));
  for (const button of [$("start-lesson"), $("start-quiz")]) {
    button.addEventListener("click", () => {
      const says = button.dataset.says || "";
      begin({ text: says }, words.you, says);
    });
  }

  if (wasStarted()) reloadedNote.hidden = false;

  $("restart").addEventListener("click", () => {
    stopSpeaking();
    session.attributes = null;
    session.fresh = true;
    transcript.replaceChildren();
    display.hidden = true;
    announcer.textContent = "";
    input.value = "";
    showSaidError("");
    setStarted(false);
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

  input.focus({ preventScroll: true });
})();
