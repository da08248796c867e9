// contrastkit explorer. Data is put on the page with textContent and attributes only, never innerHTML:
// file names and labels come from the collection and must not become markup.
'use strict';
(function () {
  const TOKEN = document.querySelector('meta[name="contrastkit-token"]').content;
  const state = { summary: null, points: null, chart: null, colourBy: 'group', seriesRows: [], selected: null,
                  pair: null, features: {} };
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
  function status(text) { document.getElementById('status').textContent = text || ''; }
  function fmt(v, digits) { return (v == null || !isFinite(v)) ? '–' : Number(v).toFixed(digits == null ? 3 : digits); }

  async function get(url) {
    const r = await fetch(url, { headers: { 'Accept': 'application/json' } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
    return body;
  }
  async function post(url, body) {
    const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json',
      'X-Contrastkit-Token': TOKEN }, body: JSON.stringify(body || {}) });
    const out = await r.json();
    if (!r.ok) throw new Error(out.error || ('HTTP ' + r.status));
    return out;
  }

  // ---- tabs
  document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => show(b.dataset.view)));
  function show(view) {
    document.querySelectorAll('#tabs button').forEach(b => b.classList.toggle('active', b.dataset.view === view));
    document.querySelectorAll('.view').forEach(v => v.classList.toggle('active', v.id === 'view-' + view));
    if (view === 'map' && state.chart) state.chart.resize();
    if (view === 'groups') loadGroups();
    if (view === 'anomalies') loadAnomalies();
    if (view === 'compare') { if (!state.pair) nextPair(); loadAgreement(); }
  }

  // ---- map
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
                   '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173'];

  async function initMap() {
    state.chart = echarts.init(document.getElementById('map'), null, { renderer: 'canvas' });
    state.chart.on('click', p => {
      const rows = state.seriesRows[p.seriesIndex];
      if (rows && p.dataIndex != null) select(state.points.id[rows[p.dataIndex]]);
    });
    window.addEventListener('resize', () => state.chart.resize());
    const sel = document.getElementById('colour-by');
    sel.appendChild(el('option', { value: 'group' }, 'group'));
    sel.appendChild(el('option', { value: 'score' }, 'contrast score'));
    sel.appendChild(el('option', { value: 'anomaly' }, 'anomaly score'));
    for (const f of state.summary.features) sel.appendChild(el('option', { value: 'f:' + f }, f));
    sel.addEventListener('change', () => colourBy(sel.value));
    await colourBy('group');
  }

  async function colourBy(what) {
    state.colourBy = what;
    const P = state.points;
    const n = P.id.length;
    const big = n > 2000;
    const base = { type: 'scatter', symbolSize: big ? 3 : 8, large: big, largeThreshold: 2000,
                   progressive: big ? 20000 : 0, emphasis: { focus: 'none' } };
    let series, visualMap;
    if (what === 'group') {
      const k = state.summary.groups.length;
      const rows = Array.from({ length: k }, () => []);
      for (let i = 0; i < n; i++) rows[P.group[i]].push(i);
      state.seriesRows = rows;
      series = rows.map((r, g) => Object.assign({}, base, {
        name: g + ': ' + state.summary.groups[g].name,
        itemStyle: { color: PALETTE[g % PALETTE.length], opacity: 0.8 },
        data: r.map(i => [P.x[i], P.y[i]]) }));
      visualMap = undefined;
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
      for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
      const all = Array.from({ length: n }, (_, i) => i);
      state.seriesRows = [all];
      series = [Object.assign({}, base, { name: what, data: all.map(i => [P.x[i], P.y[i], values[i]]) })];
      visualMap = { type: 'continuous', min: lo, max: hi === lo ? lo + 1 : hi, dimension: 2, calculable: true,
                    right: 10, top: 40, text: [fmt(hi, 2), fmt(lo, 2)],
                    inRange: { color: ['#313695', '#4575b4', '#abd9e9', '#fee090', '#f46d43', '#a50026'] } };
    }
    state.chart.setOption({
      animation: false,
      grid: { left: 40, right: visualMap ? 90 : 20, top: 40, bottom: 30 },
      legend: what === 'group' ? { type: 'scroll', top: 5 } : { show: false },
      tooltip: { show: false },
      xAxis: { type: 'value', scale: true, splitLine: { show: false } },
      yAxis: { type: 'value', scale: true, splitLine: { show: false } },
      dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'inside', yAxisIndex: 0, filterMode: 'none' }],
      visualMap: visualMap ? [visualMap] : [],
      series: series
    }, { notMerge: true });
  }

  // Pixel position of an image's point on the map canvas (tests click there).
  state.pixelOf = function (id) {
    const P = state.points;
    const i = P.id.indexOf(id);
    for (let s = 0; s < state.seriesRows.length; s++) {
      if (state.seriesRows[s].indexOf(i) >= 0) return state.chart.convertToPixel({ seriesIndex: s }, [P.x[i], P.y[i]]);
    }
    return null;
  };

  // ---- detail
  async function select(id) {
    state.selected = id;
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

  function tile(b, extra) {
    return el('div', { class: 'tile', 'data-id': b.id, on: { click: () => select(b.id) } },
      el('img', { src: '/thumb/' + b.id, alt: b.name, loading: 'lazy' }),
      el('div', { class: 'caption', title: b.name }, b.name),
      el('div', { class: 'caption' }, 'score ' + fmt(b.contrast_score, 1) + (extra ? ' · ' + extra : '')));
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
    async function save() {
      const v = input.value.trim();
      if (!v) return;
      try {
        const out = await post('/api/labels', { id: r.id, label: v });
        input.value = out.label;
        note.className = 'saved'; note.textContent = 'saved';
      } catch (e) {
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
    for (const b of a.images) box.appendChild(tile(b, 'anomaly ' + fmt(b.anomaly_score, 2)));
  }

  // ---- pairwise judgements
  async function nextPair() {
    state.pair = await get('/api/pair');
    document.getElementById('pair-left').src = '/image/' + state.pair.left;
    document.getElementById('pair-right').src = '/image/' + state.pair.right;
  }
  async function pick(side) {
    const p = state.pair;
    const r = await post('/api/judgements', { left: p.left, right: p.right, winner: side === 'left' ? p.left : p.right });
    status(r.judgements + ' judgements stored');
    nextPair();
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
    box.appendChild(el('h3', {}, a.judgements + ' judgements of ' + a.images + ' images'));
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
      state.points = await get('/api/points');
      await initMap();
      status(state.summary.images + ' images · ' + state.summary.groups.length + ' groups');
      document.body.setAttribute('data-ready', 'true');
    } catch (e) {
      status('error: ' + e.message);
    }
  })();
})();
