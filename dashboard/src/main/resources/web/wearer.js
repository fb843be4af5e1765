// One wearer: spine drawing, angle strip charts, state, today's totals, alerts, sensors, drill card.
"use strict";

(() => {
  const S = Spinewatch;
  const $ = (id) => document.getElementById(id);
  const id = decodeURIComponent(location.pathname.split("/").pop());
  const WINDOW_S = 180;          // strip-chart width
  const CHART_POINT_S = 0.2;     // one chart point per 0.2 s is plenty for minutes of history
  const ANGLES = [
    ["lumbar_flexion_deg", "Lumbar flexion"],
    ["thoracic_flexion_deg", "Thoracic flexion"],
    ["pelvic_tilt_deg", "Pelvic tilt"],
    ["trunk_lean_deg", "Trunk lean"],
  ];

  let latest = null;
  let frameRequested = false;
  let lastAlertKey = null;
  let pendingAction = false;

  // ---------- strip charts ----------
  const history = { t: [], angles: Object.fromEntries(ANGLES.map(([k]) => [k, []])) };
  const charts = [];
  let chartsDirty = false;

  function makeCharts() {
    const box = $("charts");
    for (const [key, label] of ANGLES) {
      const title = document.createElement("div");
      title.className = "chart-title";
      title.innerHTML = `<span>${label}</span><span id="chart-now-${key}"></span>`;
      const el = document.createElement("div");
      el.className = "chart";
      el.id = "chart-" + key;
      box.append(title, el);
      const opts = {
        width: Math.max(200, box.clientWidth), height: 110,
        legend: { show: false }, cursor: { show: false }, pxAlign: 0,
        scales: {
          x: { time: false, range: () => [-WINDOW_S, 0] },
          y: { range: (u, min, max) => yRange(key, min, max) },
        },
        axes: [
          { size: 26, font: "11px system-ui", stroke: "#59636e", grid: { stroke: "#eef1f4" }, incrs: [10, 15, 30, 60, 120],
            values: (u, vals) => vals.map(relative) },
          { size: 40, font: "11px system-ui", stroke: "#59636e", grid: { stroke: "#eef1f4" },
            values: (u, vals) => vals.map((v) => v + "°") },
        ],
        series: [
          {},
          { stroke: "#0b5cad", width: 2 },
          { stroke: "#d55e00", width: 1.5, dash: [6, 4] },
          { stroke: "#009e73", width: 1.5, dash: [2, 3] },
        ],
      };
      charts.push({ key, plot: new uPlot(opts, [[], [], [], []], el) });
    }
    new ResizeObserver(() => {
      const w = Math.max(200, box.clientWidth);
      for (const c of charts) c.plot.setSize({ width: w, height: 110 });
    }).observe(box);
  }

  function relative(x) {
    const s = Math.round(-x);
    if (s <= 0) return "now";
    if (s < 60) return "−" + s + " s";
    return "−" + Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function yRange(key, min, max) {
    const th = latest && latest.thresholds_deg[key];
    let lo = Math.min(isFinite(min) ? min : 0, -10, th ? th.leave : 0);
    let hi = Math.max(isFinite(max) ? max : 0, 30, th ? th.enter : 0);
    return [Math.floor(lo / 5) * 5 - 5, Math.ceil(hi / 5) * 5 + 5];
  }

  function record(s) {
    const t = history.t;
    if (t.length && s.t_s - t[t.length - 1] < CHART_POINT_S) return;
    if (t.length && s.t_s < t[t.length - 1]) {  // the pipeline restarted its clock: start over
      t.length = 0;
      for (const k in history.angles) history.angles[k].length = 0;
    }
    t.push(s.t_s);
    for (const [k] of ANGLES) history.angles[k].push(s.angles_deg[k]);
    let drop = 0;
    while (drop < t.length && t[drop] < s.t_s - WINDOW_S - 5) drop++;
    if (drop > 0) {
      t.splice(0, drop);
      for (const k in history.angles) history.angles[k].splice(0, drop);
    }
    chartsDirty = true;
  }

  function drawCharts() {
    if (!chartsDirty || !latest || typeof uPlot === "undefined") return;
    chartsDirty = false;
    const xs = history.t.map((t) => t - latest.t_s);
    for (const c of charts) {
      const th = latest.thresholds_deg[c.key];
      const n = history.t.length;
      const enter = new Array(n).fill(th ? th.enter : null);
      const leave = new Array(n).fill(th ? th.leave : null);
      c.plot.setData([xs, history.angles[c.key].slice(), enter, leave]);
    }
  }

  // ---------- spine ----------
  function spineAngles(a) {
    // Rotations in the SVG (clockwise = forward, the wearer faces right). Posterior pelvic tilt
    // rotates the top of the pelvis backwards; each flexion bends its segment forward on the one below.
    if (a.pelvic_tilt_deg == null && a.lumbar_flexion_deg == null && a.thoracic_flexion_deg == null) {
      // Upper sensor only: the whole trunk leans, the segments cannot be told apart.
      return { pelvis: 0, lumbar: 0, thoracic: a.trunk_lean_deg || 0 };
    }
    return {
      pelvis: -(a.pelvic_tilt_deg || 0),
      lumbar: a.lumbar_flexion_deg || 0,
      thoracic: a.thoracic_flexion_deg || 0,
    };
  }

  function drawSpine(s) {
    const r = spineAngles(s.angles_deg);
    $("seg-pelvis").setAttribute("transform", `rotate(${r.pelvis.toFixed(1)} 110 222)`);
    $("seg-lumbar").setAttribute("transform", `rotate(${r.lumbar.toFixed(1)} 110 190)`);
    $("seg-thoracic").setAttribute("transform", `rotate(${r.thoracic.toFixed(1)} 110 135)`);
    $("spine").dataset.state = s.state;
  }

  // ---------- panels ----------
  function paintHead(s) {
    $("name").textContent = s.name;
    document.title = "spinewatch · " + s.name;
    const badge = $("state");
    badge.dataset.state = s.state;
    badge.textContent = S.stateText(s.state);
    $("since").textContent = "for " + S.duration(s.state_duration_s);
  }

  function paintReadouts(s) {
    for (const [k] of ANGLES) {
      const box = $("angle-" + k);
      const v = s.angles_deg[k];
      const th = s.thresholds_deg[k];
      box.querySelector(".value").textContent = S.angle(v);
      box.querySelector(".limit").textContent = th ? `slouch at ${S.angle(th.enter)}, clear at ${S.angle(th.leave)}` : "no threshold";
      box.classList.toggle("over", !!th && v != null && v >= th.enter);
      const now = document.getElementById("chart-now-" + k);
      if (now) now.textContent = S.angle(v);
    }
  }

  function paintToday(s) {
    $("slouched-today").textContent = S.minutes(s.slouched_seconds_today);
    $("alerts-today").textContent = s.alerts_today;
    const entries = Object.entries(s.seconds_by_state_today).sort((a, b) => S.stateRank(a[0]) - S.stateRank(b[0]));
    const total = entries.reduce((sum, [, v]) => sum + v, 0) || 1;
    const bar = entries.map(([st, v]) => `<div data-state="${S.esc(st)}" style="width:${(100 * v / total).toFixed(2)}%" title="${S.esc(S.stateText(st))}"></div>`).join("");
    if ($("today-bar").innerHTML !== bar) $("today-bar").innerHTML = bar;
    const list = entries.map(([st, v]) => `<dt><span class="badge" data-state="${S.esc(st)}">${S.esc(S.stateText(st))}</span></dt><dd>${S.minutes(v)}</dd>`).join("");
    if ($("today-list").innerHTML !== list) $("today-list").innerHTML = list;
  }

  function paintAlerts(s) {
    const alerts = s.last_alerts.slice().reverse();
    const key = alerts.map((a) => a.t_s + a.kind).join("|");
    $("no-alerts").hidden = alerts.length > 0;
    const ul = $("alerts");
    if (key !== lastAlertKey) {
      const known = new Set((lastAlertKey || "").split("|"));
      ul.innerHTML = alerts.map((a) => {
        const fresh = lastAlertKey !== null && !known.has(a.t_s + a.kind);
        return `<li class="${fresh ? "fresh" : ""}" data-t="${a.t_s}"><span class="when"></span>` +
          `<span class="kind">${S.esc(a.kind.replace(/_/g, " "))}${a.delivered ? "" : ' <span class="held">(held back)</span>'}</span>` +
          `<span class="reason">${S.esc(a.reason)}</span></li>`;
      }).join("");
      lastAlertKey = key;
    }
    for (const li of ul.children) {
      li.firstChild.textContent = S.ago(s.t_s - Number(li.dataset.t));
    }
  }

  function paintSensors(s) {
    const rows = ["upper", "mid", "pelvis"].filter((slot) => s.sensors[slot]).map((slot) => {
      const h = s.sensors[slot];
      const status = h.silent ? '<span class="bad">silent</span>' : '<span class="ok">ok</span>';
      const battery = h.battery_pct == null ? "–" : Math.round(h.battery_pct) + " %";
      return `<tr><td>${slot}</td><td class="num">${h.rate_hz.toFixed(1)} Hz</td>` +
        `<td class="num">${(100 * h.loss_ratio).toFixed(1)} %</td><td class="num">${battery}</td><td>${status}</td></tr>`;
    }).join("") || '<tr><td colspan="5" class="notice">No sensor reported.</td></tr>';
    if ($("sensors").innerHTML !== rows) $("sensors").innerHTML = rows;
  }

  function paintDrill(s) {
    const card = $("drill");
    const d = s.drill;
    card.hidden = !d;
    if (!d) return;
    if (card.dataset.drill !== d.id) {
      card.dataset.drill = d.id;
      pendingAction = false;
    }
    $("drill-name").textContent = d.name;
    $("drill-meta").textContent = (d.prompted ? "Suggested now" : "Recognised") +
      (d.hold_s > 0 ? ` · hold ${d.hold_s} s` : "") + ` · ${d.reps_target} reps`;
    $("drill-steps").textContent = d.steps;
    $("reps-done").textContent = d.reps_done;
    $("reps-target").textContent = `of ${d.reps_target} reps`;
    $("reps-bar").style.width = Math.min(100, 100 * d.reps_done / d.reps_target) + "%";
    $("drill-done").disabled = pendingAction;
    $("drill-skip").disabled = pendingAction;
  }

  function paint() {
    frameRequested = false;
    const s = latest;
    if (!s) return;
    paintHead(s);
    drawSpine(s);
    paintReadouts(s);
    paintToday(s);
    paintAlerts(s);
    paintSensors(s);
    paintDrill(s);
  }

  function onSnapshot(s) {
    latest = s;
    record(s);
    if (!frameRequested) {
      frameRequested = true;
      requestAnimationFrame(paint);
    }
  }

  // ---------- toasts and actions ----------
  let toastTimer = 0;
  function toast(text) {
    const t = $("toast");
    t.textContent = text;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, 4000);
  }

  const CALIBRATION_TEXT = {
    started: "Calibration started",
    sit_tall: "Sit tall and still",
    hinge: "Now hinge forward at the hips, back straight",
    done: "Calibration done",
    failed: "Calibration failed",
  };

  $("calibrate").addEventListener("click", async () => {
    const ok = await S.post(`/api/wearers/${encodeURIComponent(id)}/calibrate`);
    toast(ok ? "Calibration requested: sit tall and still." : "Calibration could not be started.");
  });

  async function drillAction(action) {
    if (!latest || !latest.drill) return;
    pendingAction = true;
    $("drill-done").disabled = $("drill-skip").disabled = true;
    const ok = await S.post(`/api/wearers/${encodeURIComponent(id)}/drill/${encodeURIComponent(latest.drill.id)}/${action}`);
    if (!ok) {
      pendingAction = false;
      $("drill-done").disabled = $("drill-skip").disabled = false;
      toast("That drill is no longer active.");
    } else {
      toast(action === "done" ? "Drill marked done. Well done!" : "Drill skipped.");
    }
  }
  $("drill-done").addEventListener("click", () => drillAction("done"));
  $("drill-skip").addEventListener("click", () => drillAction("skip"));

  /** Starts the charts with the server's recent history (one point a second), older than any live point. */
  function seed(h) {
    if (!h) return;
    const limit = history.t.length ? history.t[0] : Infinity;
    let n = 0;
    while (n < h.t_s.length && h.t_s[n] < limit) n++;
    if (n === 0) return;
    history.t.unshift(...h.t_s.slice(0, n));
    for (const [k] of ANGLES) history.angles[k].unshift(...h.angles_deg[k].slice(0, n));
    chartsDirty = true;
  }

  // ---------- start ----------
  makeCharts();
  setInterval(drawCharts, 250);
  fetch(`/api/wearers/${encodeURIComponent(id)}/history`, { credentials: "same-origin" })
    .then((r) => r.ok ? r.json() : null).then(seed);
  fetch(`/api/wearers/${encodeURIComponent(id)}`, { credentials: "same-origin" })
    .then((r) => r.ok ? r.json() : null)
    .then((s) => { if (s && !latest) onSnapshot(s); else if (!s) $("name").textContent = id; });
  S.connect(`/events/${encodeURIComponent(id)}`, {
    snapshot: onSnapshot,
    alert: (e) => toast(`${e.alert.kind.replace(/_/g, " ")} alert${e.alert.delivered ? "" : " (held back)"}: ${e.alert.reason}`),
    // The server's message says what to do now; the phase's own text stands alone when there is none.
    calibration: (e) => toast((CALIBRATION_TEXT[e.phase] || e.phase) + (e.message ? ": " + e.message : ".")),
    drill: (e) => { if (e.status === "prompted") toast("Drill suggested: " + e.drill.name); },
  }, $("conn"));
})();
