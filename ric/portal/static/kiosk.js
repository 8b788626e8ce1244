/*
 * RIC assistant – kiosk chat page (plain ES2017, no libraries, no network outside the portal).
 *
 * Reads its settings from data attributes on <body> and the translated UI texts from
 * <script type="application/json" id="ui-texts">. Talks only to the portal (same origin):
 *   POST /api/message  {"text"} | {"payload","title"} | {"language"}
 *   GET  /api/panel
 *   GET  /api/alive    (activity: restarts the portal's idle clock)
 *   POST /api/tts      {"text","lang"}  ->  {"url": "/audio/….wav"}
 *   GET  /api/glossary?lang=xx  ->  {"terms": [{"id","words","easy"}]}
 *   POST /logout       (form-encoded csrf)
 *
 * Safety rules kept throughout:
 *   - server text is only ever put in the page with textContent / createTextNode (no innerHTML);
 *   - links are made only for hosts on the allowlist;
 *   - nothing of the conversation is written to localStorage, sessionStorage or cookies.
 */
(function () {
  "use strict";

  // ---------------------------------------------------------------------------
  // Settings and elements
  // ---------------------------------------------------------------------------

  var body = document.body;
  var CSRF = body.dataset.csrf || "";
  var lastSeenByServer = Date.now(); // the page itself was a request
  var IDLE_SECONDS = positiveInt(body.dataset.idleSeconds, 300);
  var WARN_SECONDS = Math.min(positiveInt(body.dataset.warnSeconds, 30), IDLE_SECONDS);
  var ALLOWLIST = (body.dataset.allowlist || "")
    .split(",")
    .map(function (domain) { return domain.trim().toLowerCase().replace(/^\.+|\.+$/g, ""); })
    .filter(Boolean);

  var $messages = document.getElementById("messages");
  var $typing = document.getElementById("typing");
  var $composer = document.getElementById("composer");
  var $text = document.getElementById("text");
  var $panel = document.getElementById("panel");
  var $conditions = document.getElementById("conditions");
  var $tasks = document.getElementById("tasks");
  var $appointments = document.getElementById("appointments");
  var $idleDialog = document.getElementById("idle-dialog");
  var $idleText = document.getElementById("idle-text");
  var $idleCountdown = document.getElementById("idle-countdown");
  var $stay = document.getElementById("stay");
  var $logoutForm = document.getElementById("logout-form");
  var $speechNote = document.getElementById("speech-note");
  /** The portal says whether read-aloud works here (espeak-ng installed). */
  var speechAvailable = body.dataset.speech !== "no";

  if (!$messages || !$composer || !$text) {
    return; // not the kiosk page
  }

  /** Translated UI texts; replaced key by key when the language changes. */
  var UI = readUiTexts();

  var REDUCED_MOTION = window.matchMedia
    ? window.matchMedia("(prefers-reduced-motion: reduce)").matches
    : false;

  /** Error raised after a 401: the page is already on its way to the sign-in page. */
  function SignedOut() {}

  /** Error with a text that is safe to show to the user (and the HTTP status, if any). */
  function ShownError(text, status) { this.message = text; this.status = status || 0; }

  function positiveInt(value, fallback) {
    var number = parseInt(value, 10);
    return isFinite(number) && number > 0 ? number : fallback;
  }

  function readUiTexts() {
    var node = document.getElementById("ui-texts");
    try {
      var parsed = JSON.parse(node ? node.textContent : "{}");
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch (e) {
      return {};
    }
  }

  /** A UI text, or the given fallback when the server did not send that key. */
  function t(key, fallback) {
    var value = UI[key];
    return typeof value === "string" && value ? value : (fallback || "");
  }

  /** Small DOM helper: element with optional class and text (text via textContent). */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clearChildren(node) {
    if (!node) return;
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function isLangCode(value) {
    return typeof value === "string" && /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(value);
  }

  function isDir(value) {
    return value === "ltr" || value === "rtl";
  }

  // ---------------------------------------------------------------------------
  // Language and UI texts
  // ---------------------------------------------------------------------------

  /** Merges new UI texts and writes them into every element marked with data-i18n*. */
  function applyUi(texts) {
    if (texts && typeof texts === "object") {
      Object.keys(texts).forEach(function (key) {
        if (typeof texts[key] === "string") UI[key] = texts[key];
      });
    }
    forEach(document.querySelectorAll("[data-i18n]"), function (node) {
      var text = t(node.getAttribute("data-i18n"));
      if (text) node.textContent = text;
    });
    forEach(document.querySelectorAll("[data-i18n-label]"), function (node) {
      var text = t(node.getAttribute("data-i18n-label"));
      if (text) node.setAttribute("aria-label", text);
    });
    forEach(document.querySelectorAll("[data-i18n-placeholder]"), function (node) {
      var text = t(node.getAttribute("data-i18n-placeholder"));
      if (text) node.setAttribute("placeholder", text);
    });
  }

  /** Sets the page language and direction and marks the current language button. */
  function setLanguage(code, dir) {
    if (isLangCode(code)) {
      document.documentElement.lang = code;
      body.dataset.lang = code;
      forEach(document.querySelectorAll("[data-language]"), function (button) {
        if (button.getAttribute("data-language") === code) {
          button.setAttribute("aria-current", "true");
        } else {
          button.removeAttribute("aria-current");
        }
      });
    }
    if (isDir(dir)) document.documentElement.dir = dir;
  }

  function forEach(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  // ---------------------------------------------------------------------------
  // Talking to the portal
  // ---------------------------------------------------------------------------

  /**
   * Fetches JSON from the portal. Resolves with the parsed body; rejects with
   * ShownError (a text to show) or SignedOut (after a 401 the page leaves).
   */
  function requestJson(method, url, payload) {
    var options = {
      method: method,
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Accept": "application/json", "X-CSRF-Token": CSRF },
    };
    if (payload !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(payload);
    }
    lastSeenByServer = Date.now(); // every request restarts the server's idle clock
    return fetch(url, options).then(
      function (response) {
        if (response.status === 401) {
          wipeAndLeave("/");
          throw new SignedOut();
        }
        return response.json().then(
          function (data) { return { response: response, data: data }; },
          function () { return { response: response, data: null }; }
        );
      },
      function () {
        throw new ShownError(t("error", "Er ging iets mis. Probeer het opnieuw."));
      }
    ).then(function (result) {
      if (!result.response.ok || !result.data || typeof result.data !== "object") {
        throw new ShownError(errorText(result.data), result.response.status);
      }
      return result.data;
    });
  }

  /** The error text of an error response: only a short, single string; never a trace. */
  function errorText(data) {
    var fallback = t("error", "Er ging iets mis. Probeer het opnieuw.");
    if (!data || typeof data.error !== "string") return fallback;
    var text = data.error.trim();
    if (!text || text.length > 300 || /Traceback|\n\s+at |File "/.test(text)) return fallback;
    return text;
  }

  // Requests to /api/message run one after another, so the bot sees them in order.
  var queue = Promise.resolve();
  var pendingCount = 0;

  /**
   * Sends one message body to the bot and shows the answer.
   * `choices` (optional): the button group that sent it, re-enabled when sending fails.
   */
  function sendToBot(payload, choices) {
    setPending(+1);
    queue = queue.then(function () {
      return requestJson("POST", "/api/message", payload).then(
        function (data) { if (!leaving) handleResponse(data, Boolean(choices)); },
        function (error) {
          if (error instanceof SignedOut || leaving) return;
          addSystemMessage(error instanceof ShownError ? error.message : t("error"));
          if (choices) setChoicesEnabled(choices, true);
        }
      );
    }).then(
      function () { setPending(-1); },
      function () { setPending(-1); }
    );
    return queue;
  }

  function setPending(delta) {
    pendingCount = Math.max(0, pendingCount + delta);
    var busy = pendingCount > 0;
    $messages.setAttribute("aria-busy", busy ? "true" : "false");
    if ($typing) {
      $typing.hidden = !busy;
      $typing.setAttribute("aria-hidden", busy ? "false" : "true");
    }
  }

  /**
   * Applies one /api/message response: language, UI texts, messages, panel.
   * `fromChoice`: the request came from an answer button (which is now disabled).
   */
  function handleResponse(data, fromChoice) {
    if (data.ui && typeof data.ui === "object") applyUi(data.ui);
    setLanguage(data.language, data.dir);

    var first = null;
    var messages = Array.isArray(data.messages) ? data.messages : [];
    messages.forEach(function (message) {
      if (!message || typeof message !== "object") return;
      var node = addBotMessage(message);
      if (!first) first = node;
    });
    if (data.panel && typeof data.panel === "object") renderPanel(data.panel);

    // Long answers are read from the top: show the first new message at the top.
    if (first) scrollIntoView(first, "start");
    if (fromChoice) restoreFocus();
  }

  /**
   * After a button was pressed it is disabled and focus is lost; give keyboard users a
   * sensible place: the first button of the newest message, else the conversation.
   */
  function restoreFocus() {
    var active = document.activeElement;
    if (active && active !== body && !active.disabled) return;
    var latest = $messages.querySelector(".msg.bot.latest .choice:not([disabled])");
    focusWithoutScroll(latest || $messages);
  }

  function focusWithoutScroll(node) {
    try {
      node.focus({ preventScroll: true });
    } catch (e) {
      node.focus();
    }
  }

  function scrollIntoView(node, block) {
    try {
      node.scrollIntoView({ block: block, behavior: REDUCED_MOTION ? "auto" : "smooth" });
    } catch (e) {
      node.scrollIntoView(block !== "end");
    }
  }

  // ---------------------------------------------------------------------------
  // Messages
  // ---------------------------------------------------------------------------

  /** The user's own message: plain text, right (inline-end) bubble. */
  function addUserMessage(text, lang) {
    if (leaving) return null;
    var item = el("div", "msg user");
    var bubble = el("div", "bubble", text);
    bubble.setAttribute("dir", "auto");
    if (isLangCode(lang)) bubble.setAttribute("lang", lang);
    item.appendChild(bubble);
    $messages.appendChild(item);
    scrollIntoView(item, "end");
    return item;
  }

  /** A short notice from the page itself (errors). */
  function addSystemMessage(text) {
    if (leaving) return null;
    var item = el("div", "msg system");
    var bubble = el("p", "bubble", text);
    item.appendChild(bubble);
    $messages.appendChild(item);
    scrollIntoView(item, "end");
    return item;
  }

  /** A bot message: formatted text, a speaker button and its answer buttons. */
  function addBotMessage(message) {
    var text = typeof message.text === "string" ? message.text : "";
    var buttons = Array.isArray(message.buttons) ? message.buttons : [];
    var lang = isLangCode(message.lang) ? message.lang : document.documentElement.lang;

    var item = el("div", "msg bot");
    var row = el("div", "bot-row");
    var bubble = el("div", "bubble");
    bubble.setAttribute("lang", lang);
    bubble.setAttribute("dir", isDir(message.dir) ? message.dir : "auto");
    if (message.article) {
      bubble.classList.add("knowledge");
      item.classList.add("has-knowledge");
    }

    if (text) {
      renderText(text, bubble);
      if (message.article) markKnowledgeParts(bubble);
      if (message.safety) item.classList.add("safety");
      withGlossary(lang, function (terms) { markGlossary(bubble, item, terms, lang); });
      row.appendChild(bubble);
      if (speechAvailable) row.appendChild(speakerButton(text, lang));
      item.appendChild(row);
    }

    if (buttons.length) item.appendChild(choiceGroup(buttons, lang, message.dir));

    if (!item.firstChild) return null;

    // Only the newest bot message shows the "choose a button" hint.
    forEach($messages.querySelectorAll(".msg.bot.latest"), function (old) {
      old.classList.remove("latest");
    });
    item.classList.add("latest");
    $messages.appendChild(item);
    return item;
  }

  /** Knowledge answers: the first line is the title, the last paragraph the source. */
  function markKnowledgeParts(bubble) {
    var blocks = bubble.children;
    if (blocks.length > 1) {
      blocks[0].classList.add("title");
      blocks[blocks.length - 1].classList.add("source");
    }
  }

  var hintCounter = 0;

  /**
   * Whether pressing one of these buttons answers something for good: a flow question or
   * a yes/no confirmation. Only such a group stays locked; a menu stays usable.
   */
  function answersForGood(buttons) {
    return buttons.some(function (spec) {
      return spec && typeof spec.payload === "string" &&
        /"choice":"(flow|bookok|bookno|cancelok|cancelno):?/.test(spec.payload);
    });
  }

  /** The answer buttons under a bot message. */
  function choiceGroup(buttons, lang, dir) {
    var group = el("div", "choices");
    var locks = answersForGood(buttons);
    if (buttons.length >= 5) group.classList.add("many");
    group.setAttribute("role", "group");
    hintCounter += 1;
    var hintId = "choices-hint-" + hintCounter;
    var hint = el("p", "choices-hint", t("choose_button"));
    hint.id = hintId;
    hint.setAttribute("data-i18n", "choose_button");
    group.setAttribute("aria-labelledby", hintId);
    group.appendChild(hint);

    buttons.forEach(function (spec) {
      if (!spec || typeof spec.title !== "string" || typeof spec.payload !== "string") return;
      var button = el("button", "button choice", spec.title);
      button.type = "button";
      button.setAttribute("lang", isLangCode(lang) ? lang : document.documentElement.lang);
      button.setAttribute("dir", isDir(dir) ? dir : "auto");
      button.addEventListener("click", function () {
        if (button.disabled) return;
        setChoicesEnabled(group, false);
        button.classList.add("chosen");
        button.setAttribute("aria-pressed", "true");
        addUserMessage(spec.title, button.getAttribute("lang"));
        sendToBot({ payload: spec.payload, title: spec.title }, group).then(function () {
          if (!locks) setChoicesEnabled(group, true);
        });
      });
      group.appendChild(button);
    });
    return group;
  }

  function setChoicesEnabled(group, enabled) {
    forEach(group.querySelectorAll("button.choice"), function (button) {
      button.disabled = !enabled;
      if (enabled) {
        button.classList.remove("chosen");
        button.removeAttribute("aria-pressed");
      }
    });
  }

  // ---------------------------------------------------------------------------
  // Safe text formatting: lines, lists, **bold**, allowlisted links
  // ---------------------------------------------------------------------------

  var BULLET = /^\s*(?:•|-)\s+(.*)$/;
  var NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;

  /** Renders text into `container` as paragraphs and lists, built from DOM nodes only. */
  function renderText(text, container) {
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    var list = null;      // the open <ul>/<ol>, if any
    var listKind = "";
    var gap = false;      // an empty line came before this one

    lines.forEach(function (line) {
      if (!line.trim()) {
        list = null;
        gap = container.childNodes.length > 0;
        return;
      }
      var bullet = BULLET.exec(line);
      var numbered = bullet ? null : NUMBERED.exec(line);
      if (bullet || numbered) {
        var kind = bullet ? "ul" : "ol";
        if (!list || listKind !== kind) {
          list = el(kind, gap ? "gap" : "");
          listKind = kind;
          if (numbered && numbered[1] !== "1") list.setAttribute("start", numbered[1]);
          container.appendChild(list);
        }
        var item = el("li");
        appendInline(bullet ? bullet[1] : numbered[2], item);
        list.appendChild(item);
      } else {
        list = null;
        var paragraph = el("p", gap ? "gap" : "");
        appendInline(line.trim(), paragraph);
        container.appendChild(paragraph);
      }
      gap = false;
    });
  }

  /** Appends one line with **bold** parts and links. */
  function appendInline(text, parent) {
    var parts = text.split(/\*\*(?=\S)(.+?)\*\*/);
    // split with a capture group: even indexes are plain text, odd ones bold.
    parts.forEach(function (part, index) {
      if (!part) return;
      if (index % 2 === 1) {
        var strong = el("strong");
        appendLinks(part, strong);
        parent.appendChild(strong);
      } else {
        appendLinks(part.replace(/\*\*/g, ""), parent);
      }
    });
  }

  // http(s) URLs, www. addresses and bare domains (rijksoverheid.nl/toeslagen).
  var URL_PATTERN = /(?:https?:\/\/[^\s<>"']+|(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}(?:\/[^\s<>"']*)?)/gi;

  /** Appends text; URLs on the allowlist become links, everything else stays text. */
  function appendLinks(text, parent) {
    var last = 0;
    var match;
    URL_PATTERN.lastIndex = 0;
    while ((match = URL_PATTERN.exec(text)) !== null) {
      var start = match.index;
      var raw = trimUrl(match[0]);
      var before = start > 0 ? text.charAt(start - 1) : "";
      // Skip e-mail addresses and the middle of words (info@dji.nl, abc.dji.nl.x).
      if (/[@\w.\-\/]/.test(before) || !raw) continue;
      var href = allowedHref(raw);
      if (!href) continue;
      if (start > last) parent.appendChild(document.createTextNode(text.slice(last, start)));
      var link = el("a", "", raw);
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.setAttribute("dir", "ltr");
      parent.appendChild(link);
      last = start + raw.length;
      URL_PATTERN.lastIndex = last;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /** Drops punctuation that ends a sentence, not the URL: "zie dji.nl." -> "dji.nl". */
  function trimUrl(raw) {
    var url = raw;
    for (;;) {
      var end = url.charAt(url.length - 1);
      if (/[.,;:!?'"»”’]/.test(end)) {
        url = url.slice(0, -1);
      } else if (end === ")" && url.split("(").length <= url.split(")").length - 1) {
        url = url.slice(0, -1);
      } else if (end === "]" && url.indexOf("[") === -1) {
        url = url.slice(0, -1);
      } else {
        return url;
      }
    }
  }

  /** The link target when the host is (a subdomain of) an allowlisted domain, else null. */
  function allowedHref(raw) {
    var url;
    try {
      url = new URL(/^https?:\/\//i.test(raw) ? raw : "https://" + raw);
    } catch (e) {
      return null;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    if (url.username || url.password) return null;
    var host = url.hostname.toLowerCase().replace(/\.$/, "");
    var allowed = ALLOWLIST.some(function (domain) {
      return host === domain || host.slice(-(domain.length + 1)) === "." + domain;
    });
    return allowed ? url.href : null;
  }

  // ---------------------------------------------------------------------------
  // Glossary: words of knowledge/glossary.yml in a bot message can be tapped
  //   GET /api/glossary?lang=xx -> {"terms": [{"id","words":[...],"easy"}]}
  // ---------------------------------------------------------------------------

  var glossaryByLang = {};

  /** Calls back with the glossary of a language (loaded once per language; [] on error). */
  function withGlossary(lang, callback) {
    if (!isLangCode(lang)) return;
    if (!glossaryByLang[lang]) {
      glossaryByLang[lang] = requestJson("GET", "/api/glossary?lang=" + encodeURIComponent(lang))
        .then(
          function (data) { return Array.isArray(data.terms) ? data.terms : []; },
          function () { return []; }
        );
    }
    glossaryByLang[lang].then(callback);
  }

  function isWordChar(c) {
    return Boolean(c) && (c.toLowerCase() !== c.toUpperCase() || /[0-9_\u0600-\u06FF]/.test(c));
  }

  /** The first whole-word glossary match in a text (capitals-only words match exactly). */
  function findTerm(text, terms) {
    var lower = text.toLowerCase();
    var best = null;
    terms.forEach(function (term) {
      if (!term || typeof term.easy !== "string" || !Array.isArray(term.words)) return;
      term.words.forEach(function (word) {
        if (typeof word !== "string" || !word) return;
        var exact = word === word.toUpperCase() && word !== word.toLowerCase();
        var haystack = exact ? text : lower;
        var needle = exact ? word : word.toLowerCase();
        var from = 0;
        for (;;) {
          var at = haystack.indexOf(needle, from);
          if (at < 0) return;
          var end = at + needle.length;
          if (!isWordChar(text.charAt(at - 1)) && !isWordChar(text.charAt(end))) {
            if (!best || at < best.start || (at === best.start && end > best.end)) {
              best = { start: at, end: end, term: term };
            }
            return;
          }
          from = at + 1;
        }
      });
    });
    return best;
  }

  /** Turns glossary words in the bubble into buttons; each term once per message. */
  function markGlossary(bubble, item, terms, lang) {
    if (!terms.length) return;
    var done = {};
    var walker = document.createTreeWalker(bubble, NodeFilter.SHOW_TEXT, null);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      if (node.parentNode.closest && node.parentNode.closest("a, button")) return;
      var rest = node;
      for (;;) {
        var left = terms.filter(function (term) { return !done[term.id]; });
        var found = findTerm(rest.nodeValue, left);
        if (!found) return;
        done[found.term.id] = true;
        var word = rest.splitText(found.start);
        rest = word.splitText(found.end - found.start);
        word.parentNode.replaceChild(termButton(word.nodeValue, found.term, item, lang), word);
      }
    });
  }

  var noteCounter = 0;

  /** A tappable word; pressing it shows (or hides) its easy explanation under the message. */
  function termButton(text, term, item, lang) {
    var button = el("button", "term", text);
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      var open = item.querySelector('.term-note[data-term="' + term.id + '"]');
      if (open) {
        open.parentNode.removeChild(open);
        button.setAttribute("aria-expanded", "false");
        return;
      }
      noteCounter += 1;
      var note = el("div", "term-note");
      note.id = "term-note-" + noteCounter;
      note.setAttribute("data-term", term.id);
      note.setAttribute("role", "note");
      note.setAttribute("lang", lang);
      note.setAttribute("dir", "auto");
      var explanation = el("p", "", text + ": " + term.easy);
      explanation.setAttribute("dir", "auto");
      note.appendChild(explanation);
      if (speechAvailable) note.appendChild(speakerButton(term.easy, lang));
      var choices = item.querySelector(".choices");
      item.insertBefore(note, choices);
      button.setAttribute("aria-expanded", "true");
      button.setAttribute("aria-controls", note.id);
    });
    return button;
  }

  // ---------------------------------------------------------------------------
  // Read aloud
  // ---------------------------------------------------------------------------

  var currentAudio = null;
  var currentSpeaker = null;

  function speakerButton(text, lang) {
    var button = el("button", "button speaker");
    button.type = "button";
    button.setAttribute("aria-label", t("listen", "Lees voor"));
    button.setAttribute("data-i18n-label", "listen");
    button.appendChild(speakerIcon());
    var label = el("span", "speaker-text", t("listen", "Lees voor"));
    label.setAttribute("data-i18n", "listen");
    label.setAttribute("aria-hidden", "true");
    button.appendChild(label);
    button.addEventListener("click", function () { speak(button, text, lang); });
    return button;
  }

  /** Status of a basic condition as SVG (emoji fonts may be missing on the terminal). */
  var STATUS_SHAPES = {
    done: [["M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20z", "#1a7f37", "none"],
           ["M7 12.5l3.2 3.2L17 9", "none", "#fff"]],
    in_progress: [["M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z", "none", "#9a6700"],
                  ["M12 3a9 9 0 0 1 0 18z", "#9a6700", "none"]],
    not_applicable: [["M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z", "none", "#57606a"],
                     ["M7 12h10", "none", "#57606a"]],
    not_started: [["M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z", "none", "#57606a"]],
  };

  function statusIcon(status) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "icon status-icon");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    (STATUS_SHAPES[status] || STATUS_SHAPES.not_started).forEach(function (shape) {
      var path = document.createElementNS(ns, "path");
      path.setAttribute("d", shape[0]);
      path.setAttribute("fill", shape[1]);
      path.setAttribute("stroke", shape[2]);
      path.setAttribute("stroke-width", "2.2");
      path.setAttribute("stroke-linecap", "round");
      svg.appendChild(path);
    });
    return svg;
  }

  /** Loudspeaker drawn as SVG (emoji fonts may be missing on the terminal). */
  function speakerIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "icon speaker-icon");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var shapes = [
      ["M3 9v6h4l5 4V5L7 9H3z", "currentColor", "none"],
      ["M16 8.5a4.5 4.5 0 0 1 0 7M18.5 5.5a8.5 8.5 0 0 1 0 13", "none", "currentColor"],
    ];
    shapes.forEach(function (shape) {
      var path = document.createElementNS(ns, "path");
      path.setAttribute("d", shape[0]);
      path.setAttribute("fill", shape[1]);
      path.setAttribute("stroke", shape[2]);
      path.setAttribute("stroke-width", "2.2");
      path.setAttribute("stroke-linecap", "round");
      path.setAttribute("stroke-linejoin", "round");
      svg.appendChild(path);
    });
    return svg;
  }

  function stopAudio() {
    if (currentAudio) {
      currentAudio.pause();
      currentAudio = null;
    }
    if (currentSpeaker) {
      currentSpeaker.classList.remove("playing", "loading");
      currentSpeaker.removeAttribute("aria-busy");
      currentSpeaker = null;
    }
  }

  /** Plays a message; pressing the button of the message that plays stops it. */
  function speak(button, text, lang) {
    var wasPlaying = currentSpeaker === button;
    stopAudio();
    if (wasPlaying) return;

    currentSpeaker = button;
    button.classList.add("loading");
    button.setAttribute("aria-busy", "true");
    requestJson("POST", "/api/tts", { text: text, lang: lang }).then(function (data) {
      if (currentSpeaker !== button) return; // another button was pressed meanwhile
      var url = sameOriginUrl(data.url);
      if (!url) throw new ShownError(t("error"));
      var audio = new Audio(url);
      currentAudio = audio;
      button.classList.remove("loading");
      button.classList.add("playing");
      button.removeAttribute("aria-busy");
      audio.addEventListener("ended", function () {
        if (currentAudio === audio) stopAudio();
      });
      audio.addEventListener("error", function () {
        if (currentAudio === audio) stopAudio();
      });
      return audio.play();
    }).catch(function (error) {
      if (error instanceof SignedOut) return;
      if (currentSpeaker === button) stopAudio();
      if (error instanceof ShownError && error.status === 503) {
        disableSpeech(); // read-aloud broke on the server: say so once, not per click
        return;
      }
      addSystemMessage(error instanceof ShownError && error.message ? error.message : t("error"));
    });
  }

  /** Hides every "Lees voor" button and shows the one clear note instead. */
  function disableSpeech() {
    speechAvailable = false;
    body.dataset.speech = "no";
    forEach(document.querySelectorAll("#messages .speaker"), function (node) {
      if (node.parentNode) node.parentNode.removeChild(node);
    });
    if ($speechNote) $speechNote.hidden = false;
  }

  /** Only audio from our own portal. */
  function sameOriginUrl(value) {
    if (typeof value !== "string" || !value) return null;
    try {
      var url = new URL(value, location.href);
      return url.origin === location.origin ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------
  // Side panel
  // ---------------------------------------------------------------------------

  function renderPanel(panel) {
    if (Array.isArray(panel.conditions) && $conditions) {
      clearChildren($conditions);
      panel.conditions.forEach(function (condition) {
        if (!condition || typeof condition !== "object") return;
        var status = typeof condition.status === "string" && /^[a-z0-9_-]+$/i.test(condition.status)
          ? condition.status : "unknown";
        var item = el("li", "condition status-" + status);
        if (condition.condition) item.setAttribute("data-condition", String(condition.condition));
        item.appendChild(statusIcon(status));
        var textBox = el("span", "condition-text");
        textBox.appendChild(el("span", "condition-name", condition.name || ""));
        textBox.appendChild(el("span", "condition-status", condition.status_name || ""));
        item.appendChild(textBox);
        $conditions.appendChild(item);
      });
    }

    if (Array.isArray(panel.tasks) && $tasks) {
      clearChildren($tasks);
      panel.tasks.forEach(function (task) {
        if (!task || typeof task !== "object") return;
        var item = el("li", "task");
        item.appendChild(el("span", "task-title", task.title || ""));
        if (task.due) item.appendChild(el("span", "task-due", task.due));
        $tasks.appendChild(item);
      });
      if (!$tasks.firstChild) $tasks.appendChild(emptyItem("no_tasks"));
    }

    if (Array.isArray(panel.appointments) && $appointments) {
      clearChildren($appointments);
      panel.appointments.forEach(function (appointment) {
        if (!appointment || typeof appointment !== "object") return;
        $appointments.appendChild(el("li", "appointment", appointment.text || ""));
      });
      if (!$appointments.firstChild) $appointments.appendChild(emptyItem("no_appointments"));
    }
  }

  function emptyItem(key) {
    var item = el("li", "empty", t(key));
    item.setAttribute("data-i18n", key);
    return item;
  }

  function loadPanel() {
    requestJson("GET", "/api/panel").then(renderPanel, function (error) {
      if (error instanceof SignedOut) return;
      // The panel is extra information; the chat still works without it.
    });
  }

  // ---------------------------------------------------------------------------
  // Signing out: wipe everything, then leave without a way back
  // ---------------------------------------------------------------------------

  var leaving = false;

  /** Removes all conversation content from the page and from browser storage. */
  function wipe() {
    stopAudio();
    clearChildren($messages);
    clearChildren($conditions);
    clearChildren($tasks);
    clearChildren($appointments);
    clearChildren($panel);
    $text.value = "";
    try { window.sessionStorage.clear(); } catch (e) { /* storage may be disabled */ }
    try { window.localStorage.clear(); } catch (e) { /* storage may be disabled */ }
    try { history.replaceState(null, "", "/"); } catch (e) { /* ignore */ }
  }

  function wipeAndLeave(target) {
    if (leaving) return;
    leaving = true;
    wipe();
    location.replace(target);
  }

  /** Idle sign-out: wipe, tell the portal, go to the sign-in page (replace, no back). */
  function signOutIdle() {
    if (leaving) return;
    leaving = true;
    wipe();
    if ($idleText) $idleText.textContent = t("signed_out", $idleText.textContent);
    if ($idleCountdown) $idleCountdown.textContent = "";
    if ($stay) $stay.hidden = true;

    var done = false;
    function go() {
      if (done) return;
      done = true;
      location.replace("/?signed_out=idle");
    }
    // Leave after the logout answered, or after 3 s whatever happens.
    setTimeout(go, 3000);
    fetch("/logout", {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      redirect: "manual",
      keepalive: true,
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRF-Token": CSRF,
      },
      body: "csrf=" + encodeURIComponent(CSRF),
    }).then(go, go);
  }

  if ($logoutForm) {
    // The header button: wipe the page first, then let the form post normally.
    $logoutForm.addEventListener("submit", function () {
      leaving = true;
      wipe();
    });
  }

  // Back/forward cache: never show a restored chat page; the portal decides again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) location.reload();
  });

  // ---------------------------------------------------------------------------
  // Idle timer
  // ---------------------------------------------------------------------------

  var lastActivity = Date.now();
  var warningShown = false;
  var PING_MS = 10000;

  /**
   * The portal ends an idle session itself (RIC_IDLE_SECONDS since its last request),
   * whatever this script does. So activity on the page is told to the portal (at most
   * every 10 s), and the countdown runs from the last request the portal saw.
   */
  function ping() {
    lastSeenByServer = Date.now();
    fetch("/api/alive", {
      method: "GET",
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Accept": "application/json" },
    }).then(function (response) {
      if (response.status === 401 && !leaving) wipeAndLeave("/");
    }, function () {});
  }
  var focusBeforeWarning = null;
  var mainParts = [document.querySelector(".site-header"), document.getElementById("main")];

  function noteActivity() {
    // While the warning shows, only "Ik ben er nog" counts as being there.
    if (warningShown) return;
    lastActivity = Date.now();
    if (lastActivity - lastSeenByServer >= PING_MS) ping();
  }

  ["pointerdown", "pointermove", "keydown", "touchstart", "wheel", "input"].forEach(function (type) {
    document.addEventListener(type, noteActivity, { capture: true, passive: true });
  });
  // scroll does not bubble; capture it from every scrolling element.
  document.addEventListener("scroll", noteActivity, { capture: true, passive: true });

  function showWarning() {
    if (!$idleDialog || warningShown) return;
    warningShown = true;
    focusBeforeWarning = document.activeElement;
    if ($idleText) $idleText.textContent = t("idle_warning", $idleText.textContent);
    setInert(true);
    $idleDialog.hidden = false;
    if ($stay) focusWithoutScroll($stay);
  }

  function hideWarning() {
    if (!$idleDialog) return;
    warningShown = false;
    lastActivity = Date.now();
    ping();
    $idleDialog.hidden = true;
    setInert(false);
    var target = focusBeforeWarning && document.contains(focusBeforeWarning) ? focusBeforeWarning : $text;
    focusBeforeWarning = null;
    focusWithoutScroll(target);
  }

  /** Keeps focus inside the dialog while it is open. */
  function setInert(on) {
    mainParts.forEach(function (part) {
      if (!part) return;
      if (on) {
        part.setAttribute("inert", "");
        part.setAttribute("aria-hidden", "true");
      } else {
        part.removeAttribute("inert");
        part.removeAttribute("aria-hidden");
      }
    });
  }

  function formatSeconds(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick() {
    if (leaving) return;
    var idleMs = Date.now() - Math.min(lastActivity, lastSeenByServer);
    var limitMs = IDLE_SECONDS * 1000;
    if (idleMs >= limitMs) {
      signOutIdle();
      return;
    }
    if (idleMs >= limitMs - WARN_SECONDS * 1000) showWarning();
    if (warningShown && $idleCountdown) {
      $idleCountdown.textContent = formatSeconds(Math.ceil((limitMs - idleMs) / 1000));
    }
  }

  if ($stay) $stay.addEventListener("click", hideWarning);
  if ($idleDialog) {
    $idleDialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !leaving) {
        event.preventDefault();
        hideWarning();
      } else if (event.key === "Tab" && $stay) {
        event.preventDefault(); // the dialog has one button: keep focus on it
        focusWithoutScroll($stay);
      }
    });
  }
  setInterval(tick, 1000);

  // ---------------------------------------------------------------------------
  // Input: typed text, language buttons
  // ---------------------------------------------------------------------------

  $composer.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = $text.value.trim();
    if (!text) {
      $text.focus();
      return;
    }
    $text.value = "";
    addUserMessage(text, document.documentElement.lang);
    sendToBot({ text: text });
  });

  // The fixed bar: Menu, Stop / terug, Praat met een medewerker — on every screen.
  forEach(document.querySelectorAll("#quickbar button[data-payload]"), function (button) {
    button.addEventListener("click", function () {
      var payload = button.getAttribute("data-payload");
      if (!payload || button.disabled) return;
      addUserMessage(button.textContent.trim(), document.documentElement.lang);
      sendToBot({ payload: payload, title: button.textContent.trim() });
    });
  });

  forEach(document.querySelectorAll("button[data-language]"), function (button) {
    button.addEventListener("click", function () {
      var code = button.getAttribute("data-language");
      if (!isLangCode(code)) return;
      addUserMessage(button.textContent.trim(), code);
      sendToBot({ language: code });
    });
  });

  // ---------------------------------------------------------------------------
  // Start
  // ---------------------------------------------------------------------------

  // No chat state in the history: this entry is just the kiosk page.
  try { history.replaceState(null, "", location.pathname); } catch (e) { /* ignore */ }

  applyUi(null); // the same words as the server's UI texts from the start
  loadPanel();
  sendToBot({ payload: "/greet", title: "" }); // starts the conversation; no user bubble
})();
