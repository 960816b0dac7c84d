// Opdenksessie: autosave that loses nothing, live updates from the server, and small UI helpers.
//
// Every [data-autosave] field keeps its text in localStorage ("a draft") from the first
// keystroke until the server has confirmed exactly that text. A dropped connection, a reload
// or a server restart therefore loses nothing: the draft is put back and sent again.
// A draft remembers the version of the field it was based on, so a save that would overwrite
// another tablet's newer text is answered with a conflict (409) and both versions are shown.
(() => {
  "use strict";

  const DEBOUNCE_MS = 500;
  const RETRY_MAX_MS = 15000;
  const body = document.body;
  const scope = body.dataset.scope || "";
  const device = body.dataset.device || "";
  const state = new Map(); // field key -> {timer, retryTimer, inflight, queued, attempt, refused}

  // ---- drafts -------------------------------------------------------------------------------
  const draftKey = (key) => `opdenksessie:${scope}:${key}`;
  const readDraft = (key) => {
    try {
      return JSON.parse(localStorage.getItem(draftKey(key)));
    } catch {
      return null;
    }
  };
  const writeDraft = (key, draft) => {
    try {
      localStorage.setItem(draftKey(key), JSON.stringify(draft));
    } catch {
      /* storage full or disabled: the field still autosaves, it just cannot survive a reload */
    }
  };
  const clearDraft = (key) => localStorage.removeItem(draftKey(key));

  const fieldFor = (key) => document.querySelector(`[data-autosave][data-key="${CSS.escape(key)}"]`);
  const suffix = (el) => el.id.replace(/^in-/, "");
  const statusOf = (el) => document.getElementById(`status-${suffix(el)}`);
  const fieldState = (key) => {
    if (!state.has(key)) state.set(key, { attempt: 0 });
    return state.get(key);
  };

  function showStatus(el, kind, text) {
    const holder = statusOf(el);
    if (!holder) return;
    holder.innerHTML = "";
    const span = document.createElement("span");
    span.className = `status-text ${kind}`;
    span.dataset.state = kind;
    span.textContent = text;
    holder.append(span);
  }

  function updateCounter(el) {
    const counter = document.getElementById(`count-${suffix(el)}`);
    if (!counter) return;
    const max = Number(el.dataset.max || 0);
    const length = el.value.length;
    counter.textContent = max && length > max * 0.8 ? `${length} / ${max}` : "";
    counter.classList.toggle("over", max > 0 && length > max);
  }

  // ---- saving -------------------------------------------------------------------------------
  function onInput(el) {
    const key = el.dataset.key;
    const draft = readDraft(key);
    writeDraft(key, { value: el.value, base: draft ? draft.base : Number(el.dataset.version || 0) });
    updateCounter(el);
    showStatus(el, "pending", "Nog niet opgeslagen…");
    const s = fieldState(key);
    s.refused = null; // typed again: send again, even after a refusal
    clearTimeout(s.timer);
    s.timer = setTimeout(() => save(key), DEBOUNCE_MS);
  }

  async function save(key) {
    const s = fieldState(key);
    clearTimeout(s.timer);
    clearTimeout(s.retryTimer);
    const draft = readDraft(key);
    const el = fieldFor(key);
    if (!draft || !el || isRefused(s, draft)) return;
    if (s.inflight) {
      s.queued = true;
      return;
    }
    s.inflight = true;
    showStatus(el, "pending", "Opslaan…");
    // URL-encoded rather than multipart: smaller, and much cheaper for the server to parse.
    const form = new URLSearchParams({ key, value: draft.value, version: String(draft.base) });
    let response = null;
    try {
      response = await fetch(el.dataset.url, {
        method: "POST",
        body: form,
        credentials: "same-origin",
        headers: { "HX-Request": "true" },
      });
    } catch {
      response = null; // offline, server down, or the connection dropped mid-request
    }
    const current = fieldFor(key) || el;
    try {
      if (response && response.status < 500) {
        // An answer: saved, or refused for good (any 4xx: too long, conflict, not linked…).
        // Only 5xx and network errors are worth sending the same text again.
        s.attempt = 0;
        await handleAnswer(current, key, draft, response);
      } else {
        s.attempt += 1;
        const wait = Math.min(1000 * 2 ** (s.attempt - 1), RETRY_MAX_MS);
        showStatus(current, "error", "Niet opgeslagen — wordt opnieuw geprobeerd");
        s.retryTimer = setTimeout(() => save(key), wait);
      }
    } finally {
      // Only now: a save started before the answer was handled would carry the old version.
      s.inflight = false;
    }
    if (s.queued) {
      s.queued = false;
      save(key);
    }
  }

  async function handleAnswer(el, key, sent, response) {
    const holder = statusOf(el);
    const html = await response.text();
    if (holder) holder.innerHTML = html;
    const answer = holder && holder.firstElementChild;
    if (response.status !== 200) {
      // Refused: the draft stays, the reason stays shown, and this text is not sent again.
      fieldState(key).refused = { draft: JSON.stringify(sent), html };
      return;
    }
    if (!answer) return;
    const version = Number(answer.dataset.version);
    el.dataset.version = String(version);
    const now = readDraft(key);
    if (now && now.value === sent.value) {
      clearDraft(key);
      answer.textContent = `Opgeslagen ${new Date().toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" })}`;
    } else if (now) {
      writeDraft(key, { value: now.value, base: version }); // typed on meanwhile: next save follows
    }
    const share = document.querySelector(`[data-share-for="${CSS.escape(key)}"]`);
    if (share) share.disabled = !sent.value.trim();
  }

  function resolveConflict(button) {
    const holder = button.closest(".save-status");
    const panel = button.closest(".conflict");
    const el = document.getElementById(`in-${holder.id.replace(/^status-/, "")}`);
    const key = el.dataset.key;
    const version = Number(panel.dataset.version);
    if (button.dataset.conflict === "mine") {
      writeDraft(key, { value: el.value, base: version });
      save(key);
    } else {
      el.value = panel.querySelector(".theirs").textContent;
      el.dataset.version = String(version);
      clearDraft(key);
      showStatus(el, "ok", "Versie van het andere apparaat overgenomen");
      updateCounter(el);
    }
  }

  const isRefused = (s, draft) => Boolean(s.refused) && s.refused.draft === JSON.stringify(draft);

  // Put drafts back into their fields (after a reload, or after a swap re-rendered a field).
  function restoreDrafts(root = document) {
    root.querySelectorAll("[data-autosave]").forEach((el) => {
      updateCounter(el);
      const draft = readDraft(el.dataset.key);
      if (!draft) return;
      if (draft.value === el.defaultValue) {
        clearDraft(el.dataset.key); // the server already holds exactly this text
        return;
      }
      if (el.value !== draft.value) el.value = draft.value;
      const s = fieldState(el.dataset.key);
      if (isRefused(s, draft)) {
        const holder = statusOf(el); // a swap may have re-rendered it: say why again
        if (holder && holder.innerHTML !== s.refused.html) holder.innerHTML = s.refused.html;
        return;
      }
      showStatus(el, "pending", "Nog niet opgeslagen — wordt verstuurd");
      save(el.dataset.key);
    });
  }

  function retryAll() {
    document.querySelectorAll("[data-autosave]").forEach((el) => {
      if (readDraft(el.dataset.key)) save(el.dataset.key);
    });
  }

  // ---- live updates from other tablets ------------------------------------------------------
  function applyRemote(key, value, version) {
    const el = fieldFor(key);
    if (!el || version <= Number(el.dataset.version || 0)) return;
    if (readDraft(key)) return; // someone is typing here: the next save reports the conflict
    el.value = value;
    el.dataset.version = String(version);
    updateCounter(el);
    showStatus(el, "remote", "Bijgewerkt vanaf een ander apparaat");
  }

  document.addEventListener("field", (event) => {
    const data = JSON.parse(event.detail.data);
    if (data.by !== device) applyRemote(data.key, data.value, data.version);
  });
  document.addEventListener("sync", (event) => {
    const all = JSON.parse(event.detail.data);
    Object.entries(all).forEach(([key, [value, version]]) => applyRemote(key, value, version));
    retryAll();
  });

  function connection(stateName, text) {
    const badge = document.getElementById("verbinding");
    if (!badge) return;
    badge.dataset.state = stateName;
    badge.textContent = text;
  }
  document.addEventListener("htmx:sse:after:connection", () => connection("open", "Live"));
  document.addEventListener("htmx:sse:error", () =>
    connection("lost", "Verbinding weg — opnieuw verbinden…"),
  );
  window.addEventListener("offline", () => connection("lost", "Geen netwerk — je tekst blijft bewaard"));
  window.addEventListener("online", () => {
    connection("connecting", "Verbinden…");
    retryAll();
  });

  // ---- tabs ---------------------------------------------------------------------------------
  // Only the tab buttons: the "Nu" banner also carries a data-tab (the werkvorm to follow).
  function showTab(name) {
    const tabs = document.querySelectorAll("[role=tab][data-tab]");
    if (!tabs.length) return;
    const known = [...tabs].some((t) => t.dataset.tab === name);
    const nav = document.querySelector("[data-default-tab]");
    const chosen = known ? name : nav.dataset.defaultTab;
    tabs.forEach((t) => {
      t.setAttribute("aria-selected", String(t.dataset.tab === chosen));
      t.tabIndex = t.dataset.tab === chosen ? 0 : -1;
    });
    document.querySelectorAll("[data-panel]").forEach((p) => {
      p.hidden = p.dataset.panel !== chosen;
    });
  }

  // ---- wiring -------------------------------------------------------------------------------
  document.addEventListener("input", (event) => {
    if (event.target.matches("[data-autosave]")) onInput(event.target);
  });
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) window.print();
    const target = event.target.closest("[data-conflict], [data-suggest], [role=tab][data-tab]");
    if (!target) return;
    if (target.dataset.conflict) resolveConflict(target);
    if (target.dataset.tab) {
      history.replaceState(null, "", `#${target.dataset.tab}`);
      showTab(target.dataset.tab);
    }
    if (target.dataset.suggest) {
      const el = document.getElementById(target.dataset.for);
      el.value = withSuggestion(el.value, target.dataset.suggest);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
  // A tapped example joins the text as a list item: "a, b"; after a sentence or a list mark it
  // only needs a space ("mandaat. solidariteit", "mandaat, solidariteit").
  function withSuggestion(text, suggestion) {
    const before = text.trimEnd();
    if (!before) return suggestion;
    return /[.,;:!?]$/.test(before) ? `${before} ${suggestion}` : `${before}, ${suggestion}`;
  }

  // Arrow keys move between the tabs, as in any tablist.
  document.addEventListener("keydown", (event) => {
    const tab = event.target.closest?.("[role=tab][data-tab]");
    if (!tab || !["ArrowLeft", "ArrowRight"].includes(event.key)) return;
    const tabs = [...document.querySelectorAll("[role=tab][data-tab]")];
    const step = event.key === "ArrowRight" ? 1 : -1;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    next.focus();
    next.click();
  });

  // Handlers that templates cannot hold inline (the Content-Security-Policy forbids it).
  // The ✕ of a group row on /nieuw.
  document.addEventListener("click", (event) => {
    const remove = event.target.closest("[data-remove-row]");
    if (remove) remove.closest(".group-row").remove();
  });
  // A form that asks first (e.g. closing the session).
  document.addEventListener("submit", (event) => {
    const question = event.target.dataset.confirm;
    if (question && !confirm(question)) event.preventDefault();
  });
  // "+ Groep toevoegen" asks for the next row's number; its name and casus follow from it.
  document.addEventListener("htmx:config:request", (event) => {
    if (!event.target.matches("[data-add-group]")) return;
    event.detail.ctx.request.body.set("index", String(document.querySelectorAll(".group-row").length));
  });

  // When the facilitator moves the room to another block, open the matching werkvorm.
  let currentBlock = null;
  function followProgramme() {
    const now = document.querySelector("#nu .now-inner");
    if (!now) return;
    if (currentBlock !== null && now.dataset.block !== currentBlock) showTab(now.dataset.tab);
    currentBlock = now.dataset.block;
  }

  // A closed session (its banner came with the page or live): nothing can be changed any more.
  // A closed werkvorm (its banner at the top of its tab): nothing on that tab, until reopened.
  function freezeWhenClosed() {
    const all = Boolean(document.querySelector("[data-closed]"));
    const panels = [...document.querySelectorAll("[data-closed-panel]")].map((el) => el.dataset.closedPanel);
    const frozen = (el) => all || panels.includes(el.closest("[data-panel]")?.dataset.panel);
    document.querySelectorAll("[data-autosave]").forEach((el) => { el.readOnly = frozen(el); });
    document.querySelectorAll("main [data-share-for]").forEach((el) => { if (all) el.disabled = true; });
    document.querySelectorAll("main .focuspunt, main .star, main [data-suggest]").forEach((el) => {
      el.disabled = frozen(el);
    });
  }

  // ---- the room's clock ---------------------------------------------------------------------
  // Each clock comes with the server's time at rendering (data-server-now) and, while running,
  // the moment it ends (data-ends-at), both in epoch ms. The difference with this device's clock
  // on arrival is kept, so every screen counts down the server's seconds, whatever its own clock
  // says. The rules are those of app/domain/clock.py: "bijna" from two minutes, "tijd" at zero.
  const NEAR_SECONDS = 120;
  function tickClocks() {
    document.querySelectorAll("[data-clock]").forEach((el) => {
      // A fresh render from the server carries no offset yet (morphing drops the old one).
      if (!el.dataset.offset) el.dataset.offset = String(Number(el.dataset.serverNow) - Date.now());
      if (!el.dataset.endsAt) return; // not started, or paused: nothing to count
      const now = Date.now() + Number(el.dataset.offset);
      const left = Math.max(0, Math.ceil((Number(el.dataset.endsAt) - now) / 1000));
      const signal = left === 0 ? "tijd" : left <= NEAR_SECONDS ? "bijna" : "normal";
      el.dataset.state = left === 0 ? "over" : "running";
      ["normal", "bijna", "tijd"].forEach((s) => el.classList.toggle(`signal-${s}`, s === signal));
      el.querySelector(".clock-text").textContent =
        left === 0 ? "tijd is om" : `nog ${Math.ceil(left / 60)} min`;
      el.querySelector(".clock-time").textContent =
        `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    });
  }
  // A quarter second: screens that tick out of phase still show the same second.
  setInterval(tickClocks, 250);

  // The facilitator's message: closed on this device until a new one arrives.
  const DISMISSED = "opdenksessie:bericht-gesloten";
  function hideDismissedMessages() {
    const dismissed = sessionStorage.getItem(DISMISSED);
    document.querySelectorAll("[data-message-id]").forEach((el) => {
      el.hidden = el.dataset.messageId === dismissed;
    });
  }
  document.addEventListener("click", (event) => {
    const close = event.target.closest("[data-dismiss-message]");
    if (!close) return;
    sessionStorage.setItem(DISMISSED, close.closest("[data-message-id]").dataset.messageId);
    hideDismissedMessages();
  });

  document.addEventListener("htmx:after:swap", () => {
    restoreDrafts();
    followProgramme();
    freezeWhenClosed();
    tickClocks();
    hideDismissedMessages();
  });
  // An erased sheet: drop whatever this browser still kept of it.
  function forgetDrafts() {
    const erased = body.dataset.forgetDrafts;
    if (!erased) return;
    Object.keys(localStorage)
      .filter((k) => k.startsWith(`opdenksessie:${erased}:`))
      .forEach((k) => localStorage.removeItem(k));
  }

  document.addEventListener("DOMContentLoaded", () => {
    forgetDrafts();
    showTab(location.hash.slice(1));
    restoreDrafts();
    followProgramme();
    freezeWhenClosed();
    tickClocks();
    hideDismissedMessages();
  });
})();
