// The overview: one tile per wearer, updated in place; DOM writes batched per animation frame.
"use strict";

(() => {
  const S = Spinewatch;
  const tilesEl = document.getElementById("tiles");
  const emptyEl = document.getElementById("empty");
  const countEl = document.getElementById("count");
  const summaryEl = document.getElementById("summary");
  const sortEl = document.getElementById("sort");
  const filterEl = document.getElementById("filter");

  const wearers = new Map();   // id -> { data, el, parts }
  const dirty = new Set();     // ids whose tile needs a repaint
  let orderDirty = true;
  let frameRequested = false;
  let lastSortMs = 0;

  function makeTile(id) {
    const el = document.createElement("a");
    el.className = "tile";
    el.href = "/w/" + encodeURIComponent(id);
    el.dataset.id = id;
    el.innerHTML = '<div class="name"></div><div class="state"><b></b> <span class="for"></span></div>' +
      '<div class="facts"><span class="slouched"></span><span class="alerts"></span></div>' +
      '<span class="flags"><span class="flag flag-silent" hidden>sensor silent</span><span class="flag flag-drill" hidden>drill</span></span>';
    return {
      el,
      name: el.querySelector(".name"),
      state: el.querySelector(".state b"),
      since: el.querySelector(".state .for"),
      slouched: el.querySelector(".slouched"),
      alerts: el.querySelector(".alerts"),
      drill: el.querySelector(".flag-drill"),
      silent: el.querySelector(".flag-silent"),
    };
  }

  function paint(w) {
    const d = w.data, p = w.parts;
    if (p.el.dataset.state !== d.state) p.el.dataset.state = d.state;
    p.name.textContent = d.name;
    p.state.textContent = S.stateText(d.state);
    p.since.textContent = "· " + S.short(d.state_duration_s);
    p.slouched.textContent = S.minutes(d.slouched_seconds_today) + " slouched";
    p.alerts.textContent = d.alerts_today + (d.alerts_today === 1 ? " alert" : " alerts");
    p.drill.hidden = !d.drill;
    p.silent.hidden = !(d.sensors_silent > 0);
    p.el.title = d.name + ": " + S.stateText(d.state);
  }

  function sortKey() {
    const by = sortEl.value;
    if (by === "state") return (a, b) => S.stateRank(a.data.state) - S.stateRank(b.data.state) || byName(a, b);
    if (by === "slouched") return (a, b) => b.data.slouched_seconds_today - a.data.slouched_seconds_today || byName(a, b);
    return byName;
  }

  function byName(a, b) {
    return a.data.name.localeCompare(b.data.name, undefined, { numeric: true }) || a.data.id.localeCompare(b.data.id);
  }

  function flush() {
    frameRequested = false;
    for (const id of dirty) paint(wearers.get(id));
    dirty.clear();
    const now = performance.now();
    // Re-order at most once a second so tiles do not jump under the pointer at every update.
    if (orderDirty && (now - lastSortMs > 1000 || tilesEl.childElementCount !== wearers.size)) {
      const q = filterEl.value.trim().toLowerCase();
      const list = [...wearers.values()].sort(sortKey());
      const frag = document.createDocumentFragment();
      for (const w of list) {
        w.parts.el.hidden = q !== "" && !w.data.name.toLowerCase().includes(q);
        frag.appendChild(w.parts.el);
      }
      tilesEl.appendChild(frag);
      orderDirty = false;
      lastSortMs = now;
    } else if (orderDirty) {
      schedule();
    }
    summarise();
  }

  function summarise() {
    const counts = {};
    for (const w of wearers.values()) counts[w.data.state] = (counts[w.data.state] || 0) + 1;
    countEl.textContent = wearers.size;
    emptyEl.hidden = wearers.size > 0;
    const html = Object.keys(counts).sort((a, b) => S.stateRank(a) - S.stateRank(b))
      .map((s) => `<span class="badge" data-state="${S.esc(s)}">${S.esc(S.stateText(s))} ${counts[s]}</span>`).join("");
    if (summaryEl.innerHTML !== html) summaryEl.innerHTML = html;
  }

  function schedule() {
    if (!frameRequested) {
      frameRequested = true;
      requestAnimationFrame(flush);
    }
  }

  function update(tiles) {
    for (const t of tiles) {
      let w = wearers.get(t.id);
      if (!w) {
        w = { data: t, parts: makeTile(t.id) };
        wearers.set(t.id, w);
        orderDirty = true;
      } else {
        const by = sortEl.value;
        if ((by === "state" && w.data.state !== t.state) || (by === "slouched" && w.data.slouched_seconds_today !== t.slouched_seconds_today)) {
          orderDirty = true;
        }
        w.data = t;
      }
      dirty.add(t.id);
    }
    schedule();
  }

  sortEl.addEventListener("change", () => { orderDirty = true; lastSortMs = 0; schedule(); });
  filterEl.addEventListener("input", () => { orderDirty = true; lastSortMs = 0; schedule(); });

  fetch("/api/wearers", { credentials: "same-origin" }).then((r) => r.ok ? r.json() : []).then(update);
  S.connect("/events", { tiles: update }, document.getElementById("conn"));
})();
