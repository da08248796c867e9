// contrastkit explorer. Data is put on the page with textContent and attributes only, never innerHTML:
// file names and labels come from the collection and must not become markup.
'use strict';
(function () {
  const TOKEN = document.querySelector('meta[name="contrastkit-token"]').content;
  const state = { summary: null, points: null, colourBy: 'group', selected: null, selectedRow: null,
                  pair: null, features: {}, pending: 0 };
  window.contrastkit = state; // for tests and the curious

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k === 'on') for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
      else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c == null) continue;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  // Every message keeps the notice of saves still waiting for the store: a judgement that lands before a
  // label typed earlier must not read as if everything were saved while the label is still being retried.
  function status(text) {
    const pending = pendingText();
    const shown = pending && text !== pending ? (text ? text + ' · ' : '') + pending : text;
    document.getElementById('status').textContent = shown || '';
  }
  function fmt(v, digits) { return (v == null || !isFinite(v)) ? '–' : Number(v).toFixed(digits == null ? 3 : digits); }

  async function get(url) {
    const r = await fetch(url, { headers: { 'Accept': 'application/json' } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.message || ('HTTP ' + r.status));
    return body;
  }
  async function post(url, body) {
    const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json',
      'X-Contrastkit-Token': TOKEN }, body: JSON.stringify(body || {}) });
    const out = await r.json();
    if (!r.ok) { const e = new Error(out.message || ('HTTP ' + r.status)); e.status = r.status; throw e; }
    return out;
  }

  // A label or judgement a person made is never dropped: while the store is locked by another process
  // (503) or the server cannot be reached, it stays pending here and is sent again with growing pauses.
  // Only a refusal of the request itself (4xx) ends it, and that is shown where it was made.
  function pendingText() {
    return state.pending > 0 ? 'waiting for the store: ' + state.pending + ' unsaved (kept here, retrying)' : '';
  }
  window.addEventListener('beforeunload', e => { if (state.pending > 0) { e.preventDefault(); e.returnValue = ''; } });
  async function keep(url, body, onWait) {
    let pause = 500, waited = false;
    const t0 = performance.now();
    for (;;) {
      try {
        const out = await post(url, body);
        if (waited) {
          state.pending--;
          out.waitedSeconds = (performance.now() - t0) / 1000;
          status(pendingText() || 'saved after waiting ' + fmt(out.waitedSeconds, 1) + ' s for the store');
        }
        return out;
      } catch (e) {
        const retry = e.status === 503 || e.status == null; // 503: locked; no status: no answer at all
        if (!retry) { if (waited) { state.pending--; status(pendingText()); } throw e; }
        if (!waited) { waited = true; state.pending++; }
        status(pendingText());
        if (onWait) onWait(e);
        await new Promise(r => setTimeout(r, pause));
        pause = Math.min(8000, pause * 2);
      }
    }
  }

  // ---- tabs
  document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => show(b.dataset.view)));
  function show(view) {
    document.querySelectorAll('#tabs button').forEach(b => b.classList.toggle('active', b.dataset.view === view));
    document.querySelectorAll('.view').forEach(v => v.classList.toggle('active', v.id === 'view-' + view));
    status(pendingText());
    if (view === 'map' && map.view) sizeCanvas();
    if (view === 'groups') loadGroups();
    if (view === 'anomalies') loadAnomalies();
    if (view === 'compare') { if (!state.pair) nextPair(); loadAgreement(); }
  }

  // ---- map: binary columns drawn on a canvas, so a million points load in seconds (a JSON of 50 MB did not)
  const map = { canvas: null, overlay: null, ctx: null, octx: null, w: 0, h: 0, image: null, buf: null,
                colour: null, order: null, grid: null, view: null, drag: null, idleTimer: 0, frameTimes: [] };
  state.map = map;
  // While the view moves, at most this many points are drawn (a uniform sample); all of them once it rests.
  const INTERACTIVE_POINTS = 100000;
  const GRID = 256;

  async function loadPoints() {
    const r = await fetch('/api/points.bin');
    if (!r.ok) throw new Error('map data: HTTP ' + r.status);
    const b = await r.arrayBuffer();
    const head = new DataView(b, 0, 16);
    if (String.fromCharCode(head.getUint8(0), head.getUint8(1), head.getUint8(2), head.getUint8(3)) !== 'CKP1') {
      throw new Error('map data: not a contrastkit point file');
    }
    const n = head.getInt32(4, true);
    let o = 16;
    const take = (Type, bytes) => { const a = new Type(b, o, n); o += n * bytes; return a; };
    const P = { n: n, id: take(Float64Array, 8), x: take(Float32Array, 4), y: take(Float32Array, 4),
                score: take(Float32Array, 4), anomaly: take(Float32Array, 4), group: take(Uint16Array, 2),
                flagged: take(Uint8Array, 1) };
    return P;
  }

  function rgba(css) { // '#rrggbb' as a little-endian RGBA word for the pixel buffer
    const v = parseInt(css.slice(1), 16);
    return (0xff << 24 | (v & 0xff) << 16 | (v >> 8 & 0xff) << 8 | v >> 16) >>> 0;
  }

  // Marker masks (pixel offsets) by shape and radius: groups past twenty differ by shape, as in the report.
  function mask(shape, r) {
    const out = [];
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
      const ax = Math.abs(dx), ay = Math.abs(dy);
      let on;
      if (shape === 'square') on = true;
      else if (shape === 'diamond') on = ax + ay <= r;
      else if (shape === 'triangle') on = dy >= -r && ax <= (dy + r) / 2;
      else if (shape === 'cross') on = ax <= Math.max(0, r >> 1) || ay <= Math.max(0, r >> 1);
      else on = dx * dx + dy * dy <= r * r + r;
      if (on) out.push([dx, dy]);
    }
    return out;
  }

  function buildIndex(P) {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < P.n; i++) {
      const x = P.x[i], y = P.y[i];
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
    }
    if (!(x1 > x0)) { x0 -= 1; x1 += 1; }
    if (!(y1 > y0)) { y0 -= 1; y1 += 1; }
    const cell = new Uint32Array(P.n), start = new Uint32Array(GRID * GRID + 1);
    const fx = GRID / (x1 - x0) * 0.999999, fy = GRID / (y1 - y0) * 0.999999;
    for (let i = 0; i < P.n; i++) {
      const c = Math.floor((P.y[i] - y0) * fy) * GRID + Math.floor((P.x[i] - x0) * fx);
      cell[i] = c; start[c + 1]++;
    }
    for (let c = 0; c < GRID * GRID; c++) start[c + 1] += start[c];
    // A seeded shuffle, so that every cell lists its points in random order (see draw).
    const order = new Uint32Array(P.n);
    for (let i = 0; i < P.n; i++) order[i] = i;
    let seed = 12345;
    for (let i = P.n - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const j = Math.floor(seed / 4294967296 * (i + 1));
      const t = order[i]; order[i] = order[j]; order[j] = t;
    }
    const items = new Uint32Array(P.n), fill = start.slice(0, GRID * GRID);
    for (let k = 0; k < P.n; k++) { const i = order[k]; items[fill[cell[i]]++] = i; }
    map.grid = { x0: x0, x1: x1, y0: y0, y1: y1, start: start, items: items };
  }

  function resetView() {
    const g = map.grid, pad = 0.04;
    const sx = map.w / ((g.x1 - g.x0) * (1 + 2 * pad)), sy = map.h / ((g.y1 - g.y0) * (1 + 2 * pad));
    const s = Math.min(sx, sy);
    map.view = { s: s, cx: (g.x0 + g.x1) / 2, cy: (g.y0 + g.y1) / 2 };
  }
  function toPixel(x, y) { const v = map.view; return [map.w / 2 + (x - v.cx) * v.s, map.h / 2 - (y - v.cy) * v.s]; }
  function toData(px, py) { const v = map.view; return [v.cx + (px - map.w / 2) / v.s, v.cy - (py - map.h / 2) / v.s]; }

  function sizeCanvas() {
    const box = document.getElementById('map');
    const w = Math.max(200, box.clientWidth), h = Math.max(200, box.clientHeight);
    if (w === map.w && h === map.h) return;
    map.w = w; map.h = h;
    for (const c of [map.canvas, map.overlay]) { c.width = w; c.height = h; }
    map.image = map.ctx.createImageData(w, h);
    map.buf = new Uint32Array(map.image.data.buffer);
    if (map.view) draw(false);
  }

  function radius() { const n = state.points.n; return n > 200000 ? 1 : n > 20000 ? 2 : n > 2000 ? 3 : 5; }

  function draw(moving) {
    const t0 = performance.now();
    const P = state.points, buf = map.buf, w = map.w, h = map.h, v = map.view, g = map.grid;
    buf.fill(0xffffffff);
    const masks = map.masks, colour = map.colour, shapeOf = map.shapeOf;
    const plot = i => {
      const px = Math.round(w / 2 + (P.x[i] - v.cx) * v.s), py = Math.round(h / 2 - (P.y[i] - v.cy) * v.s);
      if (px < -6 || py < -6 || px >= w + 6 || py >= h + 6) return;
      const m = masks[shapeOf[i]], c = colour[i];
      for (let k = 0; k < m.length; k++) {
        const x = px + m[k][0], y = py + m[k][1];
        if (x >= 0 && y >= 0 && x < w && y < h) buf[y * w + x] = c;
      }
    };
    // Only the grid cells in view are visited. Each cell lists its points in a shuffled order, so the first
    // f of a cell are a uniform sample of it: zoomed out and moving, a fraction f of each cell is drawn.
    const [ax, ay] = toData(0, h), [bx, by] = toData(w, 0);
    const cx0 = Math.max(0, Math.floor((ax - g.x0) / (g.x1 - g.x0) * GRID)), cx1 = Math.min(GRID - 1, Math.floor((bx - g.x0) / (g.x1 - g.x0) * GRID));
    const cy0 = Math.max(0, Math.floor((ay - g.y0) / (g.y1 - g.y0) * GRID)), cy1 = Math.min(GRID - 1, Math.floor((by - g.y0) / (g.y1 - g.y0) * GRID));
    let inView = 0;
    for (let cy = cy0; cy <= cy1; cy++) inView += g.start[cy * GRID + cx1 + 1] - g.start[cy * GRID + cx0];
    const budget = moving ? INTERACTIVE_POINTS : P.n;
    const f = inView <= budget ? 1 : budget / inView;
    let drawn = 0;
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        const a = g.start[cy * GRID + cx], e = g.start[cy * GRID + cx + 1];
        const end = f === 1 ? e : a + Math.ceil((e - a) * f);
        for (let k = a; k < end; k++) plot(g.items[k]);
        drawn += end - a;
      }
    }
    map.ctx.putImageData(map.image, 0, 0);
    map.lastDrawn = drawn;
    drawSelection();
    const ms = performance.now() - t0;
    map.frameTimes.push(ms);
    if (map.frameTimes.length > 500) map.frameTimes.shift();
    return ms;
  }

  function drawSelection() {
    const c = map.octx;
    c.clearRect(0, 0, map.w, map.h);
    if (state.selectedRow == null) return;
    const P = state.points, [px, py] = toPixel(P.x[state.selectedRow], P.y[state.selectedRow]);
    c.lineWidth = 3; c.strokeStyle = '#111';
    c.beginPath(); c.arc(px, py, 10, 0, 2 * Math.PI); c.stroke();
    c.lineWidth = 1.5; c.strokeStyle = '#f0b400';
    c.beginPath(); c.arc(px, py, 10, 0, 2 * Math.PI); c.stroke();
  }

  // After the view rests, draw every point once.
  function moved() {
    draw(true);
    clearTimeout(map.idleTimer);
    map.idleTimer = setTimeout(() => draw(false), 180);
  }

  function nearest(px, py, maxPx) {
    const P = state.points, g = map.grid, v = map.view;
    const [x, y] = toData(px, py), r = maxPx / v.s;
    const cw = (g.x1 - g.x0) / GRID, ch = (g.y1 - g.y0) / GRID;
    const cx0 = Math.max(0, Math.floor((x - r - g.x0) / cw)), cx1 = Math.min(GRID - 1, Math.floor((x + r - g.x0) / cw));
    const cy0 = Math.max(0, Math.floor((y - r - g.y0) / ch)), cy1 = Math.min(GRID - 1, Math.floor((y + r - g.y0) / ch));
    let best = -1, bestD = r * r;
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let k = g.start[cy * GRID + cx0]; k < g.start[cy * GRID + cx1 + 1]; k++) {
        const i = g.items[k], dx = P.x[i] - x, dy = P.y[i] - y, d = dx * dx + dy * dy;
        if (d <= bestD) { bestD = d; best = i; }
      }
    }
    return best;
  }

  async function initMap() {
    map.canvas = document.getElementById('map-canvas');
    map.overlay = document.getElementById('map-overlay');
    map.ctx = map.canvas.getContext('2d');
    map.octx = map.overlay.getContext('2d');
    const shapes = ['circle', 'square', 'diamond', 'triangle', 'cross'];
    map.masks = shapes.map(s => mask(s, radius()));
    buildIndex(state.points);
    sizeCanvas();
    resetView();
    const c = map.overlay;
    c.addEventListener('mousedown', e => { map.drag = { x: e.offsetX, y: e.offsetY, moved: false }; });
    window.addEventListener('mouseup', e => {
      const d = map.drag; map.drag = null;
      if (d && !d.moved && e.target === c) {
        const i = nearest(e.offsetX, e.offsetY, Math.max(6, radius() + 4));
        if (i >= 0) select(state.points.id[i]);
      }
    });
    c.addEventListener('mousemove', e => {
      const d = map.drag;
      if (!d) return;
      const dx = e.offsetX - d.x, dy = e.offsetY - d.y;
      if (!d.moved && Math.hypot(dx, dy) < 3) return;
      d.moved = true; d.x = e.offsetX; d.y = e.offsetY;
      map.view.cx -= dx / map.view.s; map.view.cy += dy / map.view.s;
      moved();
    });
    c.addEventListener('wheel', e => { e.preventDefault(); zoomAt(e.offsetX, e.offsetY, Math.exp(-e.deltaY * 0.0015)); },
      { passive: false });
    c.addEventListener('dblclick', () => { resetView(); draw(false); });
    window.addEventListener('resize', () => sizeCanvas());
    const sel = document.getElementById('colour-by');
    sel.appendChild(el('option', { value: 'group' }, 'group'));
    sel.appendChild(el('option', { value: 'score' }, 'contrast score'));
    sel.appendChild(el('option', { value: 'anomaly' }, 'anomaly score'));
    for (const f of state.summary.features) sel.appendChild(el('option', { value: 'f:' + f }, f));
    sel.addEventListener('change', () => colourBy(sel.value));
    await colourBy('group');
  }

  function zoomAt(px, py, f) {
    const v = map.view, [x, y] = toData(px, py);
    v.s *= f;
    v.cx = x - (px - map.w / 2) / v.s; v.cy = y + (py - map.h / 2) / v.s;
    moved();
  }

  async function colourBy(what) {
    state.colourBy = what;
    const P = state.points, n = P.n, groups = state.summary.groups;
    const colour = new Uint32Array(n), shapeOf = new Uint8Array(n);
    const legend = document.getElementById('map-legend');
    clear(legend);
    if (what === 'group') {
      const shapes = { circle: 0, square: 1, diamond: 2, triangle: 3, cross: 4 };
      const word = groups.map(g => rgba(g.colour)), shape = groups.map(g => shapes[g.marker] || 0);
      const counts = new Array(groups.length).fill(0);
      for (let i = 0; i < n; i++) { const g = P.group[i]; colour[i] = word[g]; shapeOf[i] = shape[g]; counts[g]++; }
      for (const g of groups) {
        legend.appendChild(el('div', { class: 'legend-item', 'data-group': g.id },
          el('span', { class: 'swatch m-' + g.marker, style: 'background:' + g.colour }),
          el('span', { class: 'legend-name' }, g.id + ': ' + g.name + ' (' + counts[g.id] + ')')));
      }
    } else {
      let values;
      if (what === 'score') values = P.score;
      else if (what === 'anomaly') values = P.anomaly;
      else {
        const name = what.slice(2);
        if (!state.features[name]) state.features[name] = (await get('/api/feature/' + encodeURIComponent(name))).values;
        values = state.features[name];
      }
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < n; i++) { const v = values[i]; if (v < lo) lo = v; if (v > hi) hi = v; }
      const ramp = state.summary.ramp.map(rgba), span = hi > lo ? hi - lo : 1;
      for (let i = 0; i < n; i++) {
        colour[i] = ramp[Math.max(0, Math.min(ramp.length - 1, Math.floor((values[i] - lo) / span * ramp.length)))];
      }
      legend.appendChild(el('div', { class: 'legend-title' }, what.startsWith('f:') ? what.slice(2) : what === 'score' ? 'contrast score' : 'anomaly score'));
      legend.appendChild(el('div', { class: 'legend-ramp', style: 'background:linear-gradient(to right,' + state.summary.ramp.join(',') + ')' }));
      legend.appendChild(el('div', { class: 'legend-ends' }, el('span', {}, fmt(lo, 2)), el('span', {}, fmt(hi, 2))));
    }
    map.colour = colour; map.shapeOf = shapeOf;
    // A sample first, so the map answers at once; every point a moment later, as after a pan.
    moved();
  }

  // Pixel position of an image's point on the map canvas (tests click there).
  state.pixelOf = function (id) {
    const P = state.points;
    for (let i = 0; i < P.n; i++) if (P.id[i] === id) return toPixel(P.x[i], P.y[i]);
    return null;
  };
  // Pans and zooms for a number of animation frames; the time each redraw took, for the browser test.
  state.measurePanZoom = function (frames) {
    return new Promise(resolve => {
      const times = [], gaps = [];
      let k = 0, last = performance.now();
      function step() {
        const now = performance.now();
        gaps.push(now - last); last = now;
        map.view.cx += 3 / map.view.s; map.view.cy -= 2 / map.view.s;
        map.view.s *= k < frames / 2 ? 1.03 : 1 / 1.03;
        times.push(draw(true));
        if (++k < frames) requestAnimationFrame(step);
        else { const moving = map.lastDrawn; draw(false); resolve({ draw: times, gaps: gaps.slice(1), drawnWhileMoving: moving }); }
      }
      requestAnimationFrame(step);
    });
  };

  // ---- detail
  async function select(id) {
    state.selected = id;
    const P = state.points;
    state.selectedRow = null;
    for (let i = 0; i < P.n; i++) if (P.id[i] === id) { state.selectedRow = i; break; }
    if (map.view) drawSelection();
    const d = await get('/api/images/' + id);
    const box = document.getElementById('detail');
    clear(box);
    box.appendChild(el('h2', { id: 'detail-name' }, d.name));
    box.appendChild(el('img', { class: 'view-image', id: 'detail-image', src: '/image/' + d.id, alt: d.name }));
    box.appendChild(el('p', {}, el('strong', {}, 'Group ' + d.group + ': '), d.group_name));
    const scores = el('table', { id: 'detail-scores' },
      el('tr', {}, el('td', {}, 'contrast score'), el('td', { class: 'num' }, fmt(d.contrast_score, 1))),
      el('tr', {}, el('td', {}, 'anomaly score'), el('td', { class: 'num' }, fmt(d.anomaly_score) + (d.anomaly ? ' (flagged)' : ''))),
      el('tr', {}, el('td', {}, 'distance to group centre'), el('td', { class: 'num' }, fmt(d.distance))));
    box.appendChild(scores);
    if (d.label) box.appendChild(el('p', {}, 'Label: ', el('span', { class: 'label-chip', id: 'detail-label' }, d.label.label),
        ' (' + d.label.source + (d.label.source === 'propagated' ? ', confidence ' + fmt(d.label.confidence, 2) : '') + ')'));
    box.appendChild(el('h3', {}, 'Features'));
    const t = el('table', { id: 'detail-features' });
    for (const [k, v] of Object.entries(d.features)) t.appendChild(el('tr', {}, el('td', {}, k), el('td', { class: 'num' }, fmt(v, 4))));
    box.appendChild(t);
    box.appendChild(el('h3', {}, 'Similar images (by ' + d.neighbours_by + ')'));
    const g = el('div', { class: 'gallery', id: 'detail-neighbours' });
    for (const nb of d.neighbours) g.appendChild(tile(nb, 'd=' + fmt(nb.distance, 2)));
    box.appendChild(g);
    box.appendChild(el('p', { class: 'hint' }, d.path));
  }

  // Each figure on its own line: one line of name, score and extra was cut before the figure that mattered.
  function tile(b, extra, extraClass) {
    return el('div', { class: 'tile', 'data-id': b.id, on: { click: () => select(b.id) } },
      el('img', { src: '/thumb/' + b.id, alt: b.name, loading: 'lazy' }),
      el('div', { class: 'caption', title: b.name }, b.name),
      el('div', { class: 'caption' }, 'score ' + fmt(b.contrast_score, 1)),
      extra ? el('div', { class: 'caption extra' + (extraClass ? ' ' + extraClass : '') }, extra) : null);
  }

  // ---- groups and labels
  async function loadGroups() {
    const box = document.getElementById('groups');
    const [labels] = await Promise.all([get('/api/labels')]);
    const labelOf = new Map(labels.labels.map(l => [l.id, l]));
    clear(box);
    for (const g of state.summary.groups) {
      const detail = await get('/api/groups/' + g.id + '?limit=24');
      const sec = el('div', { class: 'group', id: 'group-' + g.id },
        el('h2', {}, 'Group ' + g.id + ': ' + g.name + ' (' + detail.size + ' images)'));
      sec.appendChild(el('div', { class: 'hint' }, 'Representatives, closest to the group centre first:'));
      const reps = el('div', {});
      for (const r of detail.representatives) reps.appendChild(repEditor(r, labelOf.get(r.id)));
      sec.appendChild(reps);
      const members = el('details', {}, el('summary', {}, 'More of this group'));
      const gal = el('div', { class: 'gallery' });
      for (const m of detail.members) gal.appendChild(tile(m));
      members.appendChild(gal);
      sec.appendChild(members);
      box.appendChild(sec);
    }
  }

  function repEditor(r, label) {
    const input = el('input', { type: 'text', maxlength: String(state.summary.label_max_length), placeholder: 'label…',
                                'data-id': r.id, class: 'label-input', 'aria-label': 'label for ' + r.name });
    const note = el('div', { class: 'saved' });
    if (label) {
      input.value = label.label;
      note.textContent = label.source === 'human' ? 'saved' : 'propagated (' + fmt(label.confidence, 2) + ')';
    }
    // Enter and the change on leaving the field both save: one value is sent once (and kept once if waiting).
    let sent = label ? label.label : null;
    async function save() {
      const v = input.value.trim();
      if (!v || v === sent) return;
      sent = v;
      try {
        const out = await keep('/api/labels', { id: r.id, label: v }, () => {
          note.className = 'waiting'; note.textContent = 'waiting for the store…';
        });
        input.value = out.label;
        note.className = 'saved';
        note.textContent = out.waitedSeconds ? 'saved after waiting ' + fmt(out.waitedSeconds, 1) + ' s' : 'saved';
      } catch (e) {
        sent = null;
        note.className = 'error'; note.textContent = e.message;
      }
    }
    input.addEventListener('keydown', e => { if (e.key === 'Enter') save(); });
    input.addEventListener('change', save);
    return el('div', { class: 'rep', 'data-id': r.id },
      el('img', { src: '/thumb/' + r.id, alt: r.name, on: { click: () => select(r.id) } }),
      el('div', { class: 'caption', title: r.name }, r.name), input, note);
  }

  document.getElementById('propagate').addEventListener('click', async () => {
    const out = document.getElementById('propagate-result');
    out.className = ''; out.textContent = 'propagating…';
    try {
      const r = await post('/api/propagate', {});
      const counts = Object.entries(r.counts).map(([k, v]) => k + ': ' + v).join(', ');
      out.textContent = 'Labelled ' + r.images + ' images with ' + r.classifier + ' (' + r.note + '). ' + counts;
      loadGroups();
    } catch (e) {
      out.className = 'error'; out.textContent = e.message;
    }
  });

  // ---- anomalies
  async function loadAnomalies() {
    const a = await get('/api/anomalies?limit=60');
    const box = document.getElementById('anomalies');
    clear(box);
    for (const b of a.images) {
      box.appendChild(tile(b, 'anomaly ' + fmt(b.anomaly_score, 3) + (b.anomaly ? ' flagged' : ''), b.anomaly ? 'flagged' : ''));
    }
  }

  // ---- pairwise judgements
  async function nextPair() {
    state.pair = await get('/api/pair');
    document.getElementById('pair-left').src = '/image/' + state.pair.left;
    document.getElementById('pair-right').src = '/image/' + state.pair.right;
  }
  async function pick(side) {
    const p = state.pair;
    if (!p || state.judging) return;
    state.judging = true;
    const buttons = [document.getElementById('pick-left'), document.getElementById('pick-right')];
    buttons.forEach(b => { b.disabled = true; });
    let r;
    try {
      r = await keep('/api/judgements', { left: p.left, right: p.right, winner: side === 'left' ? p.left : p.right });
    } catch (e) {
      status('judgement refused: ' + e.message);
      return;
    } finally {
      state.judging = false;
      buttons.forEach(b => { b.disabled = false; });
    }
    status(r.judgements + ' judgements stored' + (r.waitedSeconds ? ' (saved after waiting '
        + fmt(r.waitedSeconds, 1) + ' s for the store)' : ''));
    await nextPair();
    // The agreement refits a bootstrap: refresh it every fifth judgement, not on every click.
    if (r.judgements % 5 === 0) loadAgreement();
  }
  document.getElementById('pick-left').addEventListener('click', () => pick('left'));
  document.getElementById('pick-right').addEventListener('click', () => pick('right'));
  async function loadAgreement() { showAgreement(await get('/api/agreement')); }
  document.getElementById('agreement').addEventListener('click', e => { if (e.target.id === 'agreement-refresh') loadAgreement(); });
  function showAgreement(a) {
    const box = document.getElementById('agreement');
    clear(box);
    box.appendChild(el('h3', { id: 'agreement-basis' }, a.judgements + ' comparisons of ' + a.images + ' images'
        + (a.images ? ', ' + fmt(2 * a.judgements / a.images, 1) + ' per image' : '')
        + (a.images && !a.connected ? ' (not yet one connected set)' : '')));
    if (a.srcc != null) {
      box.appendChild(el('p', { id: 'agreement-srcc' }, 'SRCC of the model\u2019s contrast score with people: ' + fmt(a.srcc, 3)
        + (a.srcc_low != null ? ' [' + fmt(a.srcc_low, 3) + ', ' + fmt(a.srcc_high, 3) + ']' : '')));
    }
    box.appendChild(el('p', { class: 'hint' }, a.note));
    const g = el('div', { class: 'gallery' });
    for (const s of a.scores.slice(0, 24)) g.appendChild(tile(s, 'people ' + fmt(s.people_score, 2)));
    box.appendChild(g);
  }

  // ---- start
  (async function start() {
    try {
      status('loading…');
      state.summary = await get('/api/summary');
      state.points = await loadPoints();
      await initMap();
      status('');
      document.getElementById('overview').textContent = state.summary.images + ' images · '
          + state.summary.groups.length + ' groups';
      state.readyMs = performance.now();
      document.body.setAttribute('data-ready', 'true');
    } catch (e) {
      status('error: ' + e.message);
    }
  })();
})();
