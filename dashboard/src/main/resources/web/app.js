// Shared helpers of the spinewatch pages: formatting, state names, the live connection.
"use strict";

const Spinewatch = (() => {
  // A token given once in the URL is now in a cookie; keep it out of the address bar and history.
  if (new URLSearchParams(location.search).has("token")) {
    history.replaceState(null, "", location.pathname);
  }

  const STATE_TEXT = {
    calibrating: "Calibrating", upright: "Upright", slouched: "Slouched", leaning: "Leaning",
    standing: "Standing", walking: "Walking", no_signal: "No signal",
  };
  // Order for "sort by state": the states that need attention first.
  const STATE_RANK = { slouched: 0, no_signal: 1, calibrating: 2, leaning: 3, upright: 4, standing: 5, walking: 6 };

  function stateText(s) {
    return STATE_TEXT[s] || String(s).replace(/_/g, " ");
  }

  function stateRank(s) {
    return s in STATE_RANK ? STATE_RANK[s] : 9;
  }

  /** "45 s", "3 min 05 s", "2 h 10 min". */
  function duration(seconds) {
    if (seconds == null || !isFinite(seconds)) return "–";
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + " s";
    if (s < 3600) return Math.floor(s / 60) + " min " + String(s % 60).padStart(2, "0") + " s";
    return Math.floor(s / 3600) + " h " + String(Math.floor((s % 3600) / 60)).padStart(2, "0") + " min";
  }

  /** Compact: "42s", "3m 05s", "2h 10m" (tiles). */
  function short(seconds) {
    if (seconds == null || !isFinite(seconds)) return "–";
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + "s";
    if (s < 3600) return Math.floor(s / 60) + "m " + String(s % 60).padStart(2, "0") + "s";
    return Math.floor(s / 3600) + "h " + String(Math.floor((s % 3600) / 60)).padStart(2, "0") + "m";
  }

  /** How long ago, coarse: "12 s", "4 min", "2 h 05 min". */
  function ago(seconds) {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + " s ago";
    if (s < 3600) return Math.floor(s / 60) + " min ago";
    return Math.floor(s / 3600) + " h " + String(Math.floor((s % 3600) / 60)).padStart(2, "0") + " min ago";
  }

  /** Whole minutes, for daily totals. */
  function minutes(seconds) {
    return seconds == null ? "–" : Math.round(seconds / 60) + " min";
  }

  function angle(deg) {
    return deg == null ? "–" : (deg > 0 ? "+" : deg < 0 ? "−" : "") + Math.abs(deg).toFixed(1) + "°";
  }

  /**
   * Opens a Server-Sent Events feed; the browser reconnects by itself. Handlers by event name;
   * the status element shows whether the feed is live.
   */
  function connect(path, handlers, statusEl) {
    const es = new EventSource(path);
    const status = (cls, text) => {
      if (!statusEl) return;
      statusEl.className = "conn " + cls;
      statusEl.textContent = text;
    };
    es.onopen = () => status("live", "Live");
    es.onerror = () => status("down", "Reconnecting…");
    for (const [name, fn] of Object.entries(handlers)) {
      es.addEventListener(name, (e) => fn(JSON.parse(e.data)));
    }
    return es;
  }

  const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

  /** Text made safe to put into HTML markup. */
  function esc(text) {
    return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
  }

  async function post(path) {
    const r = await fetch(path, { method: "POST", credentials: "same-origin" });
    return r.ok;
  }

  return { stateText, stateRank, duration, short, ago, minutes, angle, connect, post, esc };
})();
