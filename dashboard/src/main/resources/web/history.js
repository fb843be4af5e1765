// The wearer page's history panel: today and the last 7 days from the history database, refreshed every minute.
"use strict";

(() => {
  const S = Spinewatch;
  const $ = (id) => document.getElementById(id);
  const id = decodeURIComponent(location.pathname.split("/").pop());
  const REFRESH_MS = 60_000;       // the server caches each wearer's answer for 30 s
  const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  let shown = false;               // figures on screen: a later failure keeps them and says so
  let chartData = null;            // [days, today] last drawn, redrawn when the width changes

  /** "47 min", "3 h 10 min". */
  function mins(m) {
    const r = Math.round(m);
    return r < 60 ? r + " min" : Math.floor(r / 60) + " h " + String(r % 60).padStart(2, "0") + " min";
  }

  function pct(share) {
    return Math.round(100 * share) + " %";
  }

  /** "Thu 26" for an ISO local day, independent of the browser's own zone. */
  function dayLabel(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] + " " + d;
  }

  function note(text) {
    $("history-note").textContent = text;
    $("history-note").hidden = !text;
  }

  function paintToday(t) {
    $("hist-monitored").textContent = mins(t.monitored_minutes);
    $("hist-slouched").textContent = mins(t.slouched_minutes);
    $("hist-share").textContent = t.seated_minutes > 0 ? pct(t.slouched_share) : "–";
    $("hist-longest").textContent = t.longest_slouch ? mins(t.longest_slouch.minutes) : "none";
    $("hist-longest").title = t.longest_slouch ? "from " + t.longest_slouch.start.slice(11, 16) : "";
    $("hist-alerts").textContent = `${t.alerts}, ${t.alerts_held_back}`;
    $("hist-drills").textContent = `${t.drills}, ${t.drill_reps}`;
  }

  /**
   * Two bars a day, upright and slouched minutes, on a shared scale; today's label in bold. Drawn in the
   * element's own pixels, so labels keep their size from a phone to a wide screen.
   */
  function paintChart(days, today) {
    chartData = [days, today];
    const svg0 = $("hist-chart");
    const W = Math.max(280, Math.round(svg0.clientWidth || 700)), H = 170, left = 44, bottom = 24, top = 12;
    svg0.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const max = Math.max(30, ...days.map((d) => Math.max(d.upright_minutes, d.slouched_minutes)));
    const step = [15, 30, 60, 120, 240].find((s) => max / s <= 5) || 480;
    const yMax = Math.ceil(max / step) * step;
    const y = (v) => top + (H - top - bottom) * (1 - v / yMax);
    const slot = (W - left) / days.length;
    const bar = Math.min(34, slot * 0.32);
    let svg = "";
    for (let v = 0; v <= yMax; v += step) {
      svg += `<line class="grid" x1="${left}" x2="${W}" y1="${y(v)}" y2="${y(v)}"/>` +
        `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v === 0 ? "0" : v < 60 || v % 60 ? v + " min" : v / 60 + " h"}</text>`;
    }
    days.forEach((d, i) => {
      const cx = left + slot * (i + 0.5);
      const tip = `${dayLabel(d.day)}: ${mins(d.upright_minutes)} upright, ${mins(d.slouched_minutes)} slouched`;
      for (const [k, cls, x] of [["upright_minutes", "bar-upright", cx - bar - 1], ["slouched_minutes", "bar-slouched", cx + 1]]) {
        const v = d[k];
        svg += `<rect class="${cls}" data-day="${d.day}" x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${bar.toFixed(1)}" ` +
          `height="${(y(0) - y(v)).toFixed(1)}" rx="2"><title>${S.esc(tip)}</title></rect>`;
      }
      const label = d.day === today ? "Today" : slot < 52 ? dayLabel(d.day).split(" ")[1] : dayLabel(d.day);
      svg += `<text x="${cx}" y="${H - 6}" text-anchor="middle"${d.day === today ? ' class="today"' : ""}>${label}</text>`;
    });
    svg0.innerHTML = svg;
    svg0.dataset.width = W;
  }

  function paintDays(days, today) {
    $("hist-days").innerHTML = days.slice().reverse().map((d) =>
      `<tr data-day="${d.day}"${d.day === today ? ' class="today"' : ""}><td>${d.day === today ? "Today" : dayLabel(d.day)}</td>` +
      `<td>${mins(d.monitored_minutes)}</td><td>${mins(d.slouched_minutes)}</td>` +
      `<td>${d.seated_minutes > 0 ? pct(d.slouched_share) : "–"}</td>` +
      `<td>${d.alerts}${d.alerts_held_back ? ` (${d.alerts_held_back} held)` : ""}</td>` +
      `<td>${d.drills}${d.drills ? ` · ${d.drill_reps} reps` : ""}</td></tr>`).join("");
  }

  function paintWeeks(w) {
    const part = (p) => p.seated_minutes > 0
      ? `${mins(p.slouched_minutes)} slouched, ${pct(p.slouched_share)} of seated time, ${p.alerts} alerts, ${p.drills} drills`
      : "no seated time";
    $("hist-weeks").textContent = `This week so far: ${part(w.this_week)}. Last week: ${part(w.last_week)}.`;
  }

  function paint(h) {
    const today = h.today.day;
    $("history-zone").textContent = `(days in ${h.zone})`;
    paintToday(h.today);
    paintChart(h.days, today);
    paintDays(h.days, today);
    paintWeeks(h.weeks);
    $("history-body").hidden = false;
    shown = true;
    note("");
  }

  async function load() {
    if (document.hidden && shown) return;
    let r;
    try {
      r = await fetch(`/api/history/${encodeURIComponent(id)}`, { credentials: "same-origin" });
    } catch (e) {
      note(shown ? "The dashboard does not answer; these figures may be old." : "The dashboard does not answer.");
      return;
    }
    const body = await r.json().catch(() => ({}));
    if (r.ok && body.enabled === false) {
      $("history-body").hidden = true;
      shown = false;
      note("History is off: " + (body.reason || "this monitor keeps none") + ".");
    } else if (r.ok) {
      paint(body);
    } else if (r.status === 404) {
      $("history-body").hidden = true;
      shown = false;
      note("Nothing stored for this wearer yet.");
    } else {
      note((shown ? "Showing the last figures: " : "History unavailable: ") + (body.error || "HTTP " + r.status) + ".");
    }
  }

  new ResizeObserver(() => {
    const svg = $("hist-chart");
    if (chartData && Math.round(svg.clientWidth) !== Number(svg.dataset.width)) paintChart(...chartData);
  }).observe($("hist-chart"));
  load();
  setInterval(load, REFRESH_MS);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) load(); });
})();
