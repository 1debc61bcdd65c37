// pathlab's dashboard: plain JavaScript over the daemon's own HTTP API (docs/api.md), no build step.
'use strict';

const view = document.getElementById('view');
let token = sessionStorage.getItem('pathlab-token');
let cleanups = [];
let tokenPrompt = null;

// ---------------------------------------------------------------------------------- the API

function askToken(message) {
  if (tokenPrompt) return tokenPrompt;
  const dialog = document.getElementById('token-dialog');
  document.getElementById('token-error').textContent = message || '';
  document.getElementById('token-input').value = '';
  tokenPrompt = new Promise(resolve => {
    document.getElementById('token-form').onsubmit = () => {
      token = document.getElementById('token-input').value.trim();
      sessionStorage.setItem('pathlab-token', token); // this tab only, gone when it closes
      tokenPrompt = null;
      resolve();
    };
  });
  if (!dialog.open) dialog.showModal();
  return tokenPrompt;
}

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (token) headers['Authorization'] = 'Bearer ' + token;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    const body = await response.json().catch(() => ({}));
    await askToken(token ? (body.error || 'wrong token') : '');
    return api(path, options);
  }
  return response;
}

async function getJson(path, options) {
  const response = await api(path, options);
  const text = await response.text();
  let body;
  try { body = JSON.parse(text); } catch (e) { body = { error: text }; }
  if (!response.ok) {
    const error = new Error(body.error || response.statusText);
    error.problems = body.problems || [];
    error.status = response.status;
    throw error;
  }
  return body;
}

async function getText(path) {
  const response = await api(path);
  return response.ok ? response.text() : null;
}

/** Follows the experiment's server-sent events (fetch, so the token travels in a header). */
async function watch(id, onDetail, signal) {
  const response = await api('/api/experiments/' + encodeURIComponent(id) + '/watch',
    { signal, headers: { Accept: 'text/event-stream' } });
  if (!response.ok) throw new Error('watch: ' + response.status);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) type = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trim());
      }
      if (type === 'detail') onDetail(JSON.parse(data.join('\n')));
      if (type === 'end') return;
    }
  }
}

// ---------------------------------------------------------------------------------- helpers

function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
const num = (x, d = 4) => (x === null || x === undefined ? '—' : Number(x).toFixed(d));
const signed = (x, d = 4) => (x === null || x === undefined ? '—' : (x >= 0 ? '+' : '') + Number(x).toFixed(d));
const pval = x => (x === null || x === undefined ? '—' : Number(x).toPrecision(3));
const ci = i => (i ? '[' + num(i.low) + ', ' + num(i.high) + ']' : '—');
// an interval with the method that made it, as report.json names it ("paired t", "Welch t")
const ciNamed = i => (i ? ci(i) + ' <span class="muted ci-method">(' + esc(i.method) + ')</span>' : '');
const pp = x => (x === null || x === undefined ? '—' : (x >= 0 ? '+' : '') + (100 * x).toFixed(2) + ' pp');
const when = ms => (ms ? new Date(ms).toLocaleString() : '—');
const badge = s => `<span class="status ${esc(s)}">${esc(s)}</span>`;
const bar = (done, total) =>
  `<span class="bar"><span style="width:${total ? (100 * done) / total : 0}%"></span></span> ${done}/${total}`;

function every(ms, f) {
  f();
  const timer = setInterval(f, ms);
  cleanups.push(() => clearInterval(timer));
}

function showError(e) {
  view.insertAdjacentHTML('beforeend', `<p class="error">${esc(e.message)}</p>`);
}

// ---------------------------------------------------------------------------------- pages

const tagLink = t => `<a class="tag" href="#/?tag=${encodeURIComponent(t)}">${esc(t)}</a>`;

async function experimentsPage(query) {
  const params = new URLSearchParams(query);
  const tag = params.get('tag');
  const archived = params.get('archived') === 'true';
  view.innerHTML = `<h1>Experiments</h1>
    <div class="row" id="filter"><label>tag <select id="tag-filter"><option value="">any</option></select></label>
      <label><input type="checkbox" id="archived-filter"${archived ? ' checked' : ''}> archived only</label></div>
    <table id="experiments-table"><thead><tr><th>id</th><th>scenario</th><th>tags</th><th>status</th><th>progress</th>
    <th>submitted</th><th>ended</th></tr></thead><tbody></tbody></table>`;
  const select = document.getElementById('tag-filter');
  const go = () => {
    const q = new URLSearchParams();
    if (select.value) q.set('tag', select.value);
    if (document.getElementById('archived-filter').checked) q.set('archived', 'true');
    location.hash = '#/' + (q.toString() ? '?' + q : '');
  };
  select.onchange = go;
  document.getElementById('archived-filter').onchange = go;
  const known = new Set(tag ? [tag] : []);
  every(2000, async () => {
    try {
      // every tag of the experiments shown (archived or not), to choose from; then the filtered list
      const all = await getJson('/api/experiments' + (archived ? '?archived=true' : ''));
      all.forEach(e => (e.tags || []).forEach(t => known.add(t)));
      const options = ['<option value="">any</option>'].concat([...known].sort().map(t =>
        `<option value="${esc(t)}"${t === tag ? ' selected' : ''}>${esc(t)}</option>`)).join('');
      if (select.innerHTML !== options) select.innerHTML = options;
      const list = tag ? all.filter(e => (e.tags || []).includes(tag)) : all;
      const rows = list.slice().reverse().map(e => `<tr data-id="${esc(e.id)}">
        <td><a href="#/experiments/${encodeURIComponent(e.id)}">${esc(e.id)}</a></td><td>${esc(e.scenario)}</td>
        <td>${(e.tags || []).map(tagLink).join(' ')}</td>
        <td>${badge(e.status)}</td><td>${bar(e.tasksCompleted, e.tasksTotal)}</td>
        <td>${when(e.submittedAtMillis)}</td><td>${when(e.finishedAtMillis)}</td></tr>`);
      const none = tag || archived ? 'No experiment matches.' : 'No experiments yet: submit a scenario.';
      document.querySelector('#experiments-table tbody').innerHTML =
        rows.join('') || `<tr><td colspan="7" class="muted">${none}</td></tr>`;
    } catch (e) { showError(e); }
  });
}

function runRows(detail) {
  return detail.runs.map(r => {
    const live = r.live
      ? `task ${r.live.task + 1} · epoch ${r.live.epoch} · train loss ${num(r.live.trainLoss)} · val loss ${num(r.live.validationLoss)}`
      : '';
    return `<tr data-run="${esc(r.id)}"><td>${esc(r.arm)}</td><td class="num">${esc(r.seed)}</td>
      <td>${bar(r.tasksCompleted, r.tasksTotal)}</td><td>${badge(r.status)}</td>
      <td class="live">${esc(live)}${r.reason ? '<span class="error">' + esc(r.reason) + '</span>' : ''}</td></tr>`;
  }).join('');
}

function planRows(detail, report) {
  const arms = new Map();
  for (const r of detail.runs) {
    if (!arms.has(r.arm)) arms.set(r.arm, { seeds: [], tasks: r.tasksTotal });
    arms.get(r.arm).seeds.push(r.seed);
  }
  const paths = new Map((report ? report.arms : []).map(a => [a.arm, a.path]));
  return [...arms.entries()].map(([arm, a]) => `<tr><td>${esc(arm)}</td><td>${esc(paths.get(arm) || '')}</td>
    <td>${esc(a.seeds.join(', '))}</td><td class="num">${a.tasks}</td><td class="num">${a.seeds.length * a.tasks}</td></tr>`).join('');
}

function reportRows(report) {
  return report.arms.map(a => {
    const loss = a.vsBaseline ? a.vsBaseline.loss : null;
    const acc = a.vsBaseline ? a.vsBaseline.accuracy : null;
    const effect = !loss ? '—' : loss.design === 'paired by seed'
      ? (loss.effectSize == null ? '—' : 'g_av ' + signed(loss.effectSize, 2))
      : (a.hedgesG ? 'g ' + signed(a.hedgesG.g, 2) + ' [' + num(a.hedgesG.interval.low, 2) + ', ' + num(a.hedgesG.interval.high, 2) + ']' : '—');
    return `<tr><td>${esc(a.arm)}${a.baseline ? ' <span class="muted">(baseline)</span>' : ''}</td>
    <td class="num">${a.finished}/${a.seeds.length}</td><td class="num">${num(a.meanLoss)} ± ${num(a.sdLoss)}</td>
    <td>${ciNamed(a.lossCi) || '—'}</td><td class="num">${num(a.meanAccuracy)}</td><td>${loss ? signed(loss.difference) + ' ' + ciNamed(loss.ci) : '—'}</td>
    <td>${loss ? esc(loss.design) : '—'}</td><td class="num">${pval(loss ? loss.p : null)}</td><td class="num">${pval(loss ? loss.holmP : null)}</td>
    <td class="num">${pval(a.welchP)}</td><td>${effect}</td>
    <td>${acc ? pp(acc.difference) + ' ' + ciNamed(acc.ci && { low: 100 * acc.ci.low, high: 100 * acc.ci.high, method: acc.ci.method }) + ', Holm ' + pval(acc.holmP) : '—'}</td>
    <td class="num">${num(a.detectableGap)}</td>
    <td class="num">${a.training ? num(a.training.meanEpochs, 1) + (a.training.capped ? ' (' + a.training.capped + ' capped)' : '') : '—'}</td>
    <td>${esc(a.verdict)}${a.controlVerdict ? '<br><span class="muted">against ' + esc(a.control) + ': ' + signed(a.vsControl.loss.difference) + ' ' + ciNamed(a.vsControl.loss.ci) + ', Holm p ' + pval(a.vsControl.loss.holmP) + '</span>' : ''}</td></tr>`;
  }).join('');
}

async function experimentPage(id) {
  const controller = new AbortController();
  cleanups.push(() => controller.abort());
  view.innerHTML = `<h1 id="title">Experiment ${esc(id)}</h1>
    <div class="row"><span id="summary"></span><button id="cancel-button" class="secondary" hidden>Cancel experiment</button>
      <button id="archive-button" class="secondary" hidden>Archive</button></div>
    <div id="annotations"><div id="tags"></div><ul id="notes"></ul></div>
    <h2>Plan: arms × seeds × tasks</h2>
    <table id="plan-table"><thead><tr><th>arm</th><th>path</th><th>seeds</th><th>tasks per run</th><th>tasks</th></tr></thead><tbody></tbody></table>
    <h2>Runs</h2>
    <table id="runs-table"><thead><tr><th>arm</th><th>seed</th><th>tasks</th><th>status</th><th>now</th></tr></thead><tbody></tbody></table>
    <h2>Gap to the baseline</h2>
    <p class="muted" id="report-note">Final target test loss per arm over its finished seeds; gap = arm mean − baseline mean (positive: worse).
      Each interval names its method: t for an arm's mean; for a gap, paired t where arm and baseline ran the same seeds from the same
      initial weights (the journal proves it), else Welch t. p is that design's test, Holm p adjusted over the arms; the verdict uses
      Holm p on the scenario's metric and says whether the other agrees; Welch p (unpaired) stands beside it. Accuracy: the same
      contrast in percentage points. Detectable gap: the smallest true gap found with 80 % power. "Capped": runs that max-epochs
      stopped while still improving: their verdicts are inconclusive. The full report (Markdown) says how each number is computed.</p>
    <table id="report-table"><thead><tr><th>arm</th><th>seeds</th><th>mean loss ± sd</th><th>95 % CI</th><th>accuracy</th>
      <th>loss gap [95 % CI]</th><th>design</th><th>p</th><th>Holm p</th><th>Welch p (unpaired)</th><th>effect size</th>
      <th>accuracy difference</th><th>detectable gap</th><th>epochs per run</th><th>verdict</th></tr></thead><tbody></tbody></table>
    <h2>Figures</h2><div id="figures"></div>`;
  let detail;
  try {
    detail = await getJson('/api/experiments/' + encodeURIComponent(id));
  } catch (e) {
    view.innerHTML = `<h1>Experiment ${esc(id)}</h1><p class="error" id="not-found">${esc(e.message)}</p>`;
    return;
  }
  let shownTasks = -1;
  let report = null;
  const cancel = document.getElementById('cancel-button');
  cancel.onclick = async () => {
    if (!confirm('Cancel experiment ' + id + '? Its runs stop within one epoch and are never resumed.')) return;
    try { await getJson('/api/experiments/' + encodeURIComponent(id) + '/cancel', { method: 'POST' }); } catch (e) { showError(e); }
  };
  const archive = document.getElementById('archive-button');
  archive.onclick = async () => {
    const action = detail.summary.archived ? 'restore' : 'archive';
    try {
      const a = await getJson('/api/experiments/' + encodeURIComponent(id) + '/' + action, { method: 'POST' });
      show(Object.assign({}, detail, { summary: Object.assign({}, detail.summary, a) }));
    } catch (e) { showError(e); }
  };
  const refreshReport = async () => {
    try {
      report = await getJson('/api/experiments/' + encodeURIComponent(id) + '/report?format=json');
      document.querySelector('#report-table tbody').innerHTML = reportRows(report);
      document.querySelector('#plan-table tbody').innerHTML = planRows(detail, report);
      const figures = [['figure', 'svg', 'Final test loss per arm'], ['curves', 'curves', 'Learning curves']];
      if (report.arms.some(a => a.shape)) figures.push(['grid', 'grid', '2-D paths (fig. 5)']);
      const parts = [];
      for (const [name, format, title] of figures) {
        const svg = await getText('/api/experiments/' + encodeURIComponent(id) + '/report?format=' + format);
        if (svg) parts.push(`<div class="figure" id="${name}"><div class="muted">${esc(title)}</div>${svg}</div>`);
      }
      document.getElementById('figures').innerHTML = parts.join('');
    } catch (e) { showError(e); }
  };
  const show = d => {
    detail = d;
    const s = d.summary;
    document.getElementById('title').textContent = s.scenario + ' · ' + s.id;
    document.getElementById('summary').innerHTML =
      `<span id="summary-status">${badge(s.status)}</span> ${bar(s.tasksCompleted, s.tasksTotal)} tasks · submitted ${when(s.submittedAtMillis)}`;
    cancel.hidden = s.status !== 'running';
    archive.hidden = s.status === 'running';
    archive.textContent = s.archived ? 'Restore (archived)' : 'Archive';
    document.getElementById('tags').innerHTML = (s.tags || []).length ? 'tags: ' + s.tags.map(tagLink).join(' ') : '';
    document.getElementById('notes').innerHTML = (s.notes || []).map(n =>
      `<li><span class="muted">${when(n.atMillis)}</span> ${esc(n.text)}</li>`).join('');
    document.querySelector('#runs-table tbody').innerHTML = runRows(d);
    if (s.tasksCompleted !== shownTasks) { // the report changes only when a task completes
      shownTasks = s.tasksCompleted;
      refreshReport();
    }
    document.querySelector('#plan-table tbody').innerHTML = planRows(d, report);
  };
  show(detail);
  if (detail.summary.status === 'running') {
    watch(id, show, controller.signal).catch(e => { if (e.name !== 'AbortError') showError(e); });
  }
}

async function devicesPage() {
  view.innerHTML = `<h1>Devices</h1><table id="devices-table"><thead><tr><th>device</th><th>kind</th>
    <th>tasks trained</th><th>now</th></tr></thead><tbody></tbody></table>`;
  every(2000, async () => {
    try {
      const devices = await getJson('/api/devices');
      document.querySelector('#devices-table tbody').innerHTML = devices.map(d => {
        const t = d.training;
        const now = t
          ? `<a href="#/experiments/${encodeURIComponent(t.experimentId)}">${esc(t.experimentId)}</a> run ${esc(t.runId)} task ${t.taskIndex + 1} since ${new Date(t.sinceMillis).toLocaleTimeString()}`
          : '<span class="muted">idle</span>';
        return `<tr><td>${esc(d.name)}</td><td>${esc(d.kind)}</td><td class="num">${d.tasksTrained}</td><td>${now}</td></tr>`;
      }).join('');
    } catch (e) { showError(e); }
  });
}

function submitPage() {
  view.innerHTML = `<h1>Submit a scenario</h1>
    <p class="muted">A HOCON scenario (docs/scenarios.md). It is validated completely before anything runs.</p>
    <div class="row"><input type="file" id="scenario-file" accept=".conf,.hocon,text/plain">
      <label>name <input id="scenario-name" value="scenario.conf"></label></div>
    <textarea id="scenario-text" spellcheck="false" placeholder="name = my-experiment&#10;dataset { name = fashion-mnist }&#10;..."></textarea>
    <div class="row"><button id="submit-button">Submit</button></div>
    <pre id="submit-errors" class="error"></pre>`;
  document.getElementById('scenario-file').onchange = async event => {
    const file = event.target.files[0];
    if (!file) return;
    document.getElementById('scenario-text').value = await file.text();
    document.getElementById('scenario-name').value = file.name;
  };
  document.getElementById('submit-button').onclick = async () => {
    const errors = document.getElementById('submit-errors');
    errors.textContent = '';
    const name = document.getElementById('scenario-name').value || 'scenario.conf';
    try {
      const submitted = await getJson('/api/experiments?name=' + encodeURIComponent(name), {
        method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: document.getElementById('scenario-text').value });
      location.hash = (submitted.id.startsWith('search-') ? '#/searches/' : '#/experiments/') + encodeURIComponent(submitted.id);
    } catch (e) {
      errors.textContent = e.message + (e.problems.length ? '\n' + e.problems.join('\n') : '');
    }
  };
}

/** Rows of a comparison (GET /api/compare or /api/experiments/ID/compare): each arm against its reference. */
function comparisonRows(c) {
  return c.rows.map(r => `<tr><td>${esc(r.arm)}</td><td>${esc(r.against)}</td><td class="num">${r.n} vs ${r.againstN}</td>
    <td class="num">${num(r.mean)}</td><td class="num">${num(r.againstMean)}</td><td>${signed(r.gap)} ${ciNamed(r.gapCi)}</td>
    <td>${esc(r.design)}</td><td class="num">${pval(r.holmP)}</td><td class="num">${pval(r.welchP)}</td>
    <td class="num">${r.hedgesG == null ? '—' : signed(r.hedgesG, 2)}</td><td>${esc(r.verdict)}</td></tr>`).join('')
    + c.unmatched.map(u => `<tr><td colspan="11" class="muted">not compared: ${esc(u)}</td></tr>`).join('');
}

/** Two experiments arm by arm, or one experiment's arms against one of them (#/compare?a=ID&b=ID, #/compare?id=ID&against=ARM). */
async function comparePage(query) {
  const params = new URLSearchParams(query);
  view.innerHTML = `<h1>Compare</h1>
    <p class="muted">Each arm against its reference, with the report's statistics: gap in mean final test loss (arm − reference) with
      the 95 % interval of its design (paired t where both ran the same seeds from the same initial weights, else Welch t), that test's
      p Holm-adjusted over the rows, Welch's p beside it, Hedges' g. Two experiments are compared arm by arm (same name and tasks;
      learning rates may differ); one experiment's arms against one chosen arm.</p>
    <div class="row"><label>first <select id="compare-a"></select></label> <label>second <select id="compare-b"></select></label>
      <button id="compare-button">Compare experiments</button></div>
    <div class="row"><label>or within <select id="compare-id"></select></label> <label>against arm <select id="compare-arm"></select></label>
      <button id="compare-arm-button">Compare arms</button></div>
    <h2 id="compare-title"></h2>
    <table id="compare-table"><thead><tr><th>arm</th><th>against</th><th>seeds</th><th>mean loss</th><th>reference mean</th>
      <th>gap [95 % CI]</th><th>design</th><th>Holm p</th><th>Welch p (unpaired)</th><th>Hedges' g</th><th>verdict</th></tr></thead><tbody></tbody></table>`;
  let list = [];
  try { list = (await getJson('/api/experiments')).slice().reverse(); } catch (e) { showError(e); return; }
  const options = list.map(e => `<option value="${esc(e.id)}">${esc(e.id)} · ${esc(e.scenario)}</option>`).join('');
  for (const id of ['compare-a', 'compare-b', 'compare-id']) document.getElementById(id).innerHTML = options;
  const show = async path => {
    try {
      const c = await getJson(path);
      document.getElementById('compare-title').textContent = c.title;
      document.querySelector('#compare-table tbody').innerHTML = comparisonRows(c);
    } catch (e) { showError(e); }
  };
  const arms = async id => {
    try {
      const report = await getJson('/api/experiments/' + encodeURIComponent(id) + '/report?format=json');
      document.getElementById('compare-arm').innerHTML = report.arms.map(a => `<option>${esc(a.arm)}</option>`).join('');
    } catch (e) { showError(e); }
  };
  document.getElementById('compare-id').onchange = e => arms(e.target.value);
  document.getElementById('compare-button').onclick = () => {
    location.hash = '#/compare?a=' + encodeURIComponent(document.getElementById('compare-a').value)
      + '&b=' + encodeURIComponent(document.getElementById('compare-b').value);
  };
  document.getElementById('compare-arm-button').onclick = () => {
    location.hash = '#/compare?id=' + encodeURIComponent(document.getElementById('compare-id').value)
      + '&against=' + encodeURIComponent(document.getElementById('compare-arm').value);
  };
  if (params.get('a') && params.get('b')) {
    document.getElementById('compare-a').value = params.get('a');
    document.getElementById('compare-b').value = params.get('b');
    show('/api/compare?a=' + encodeURIComponent(params.get('a')) + '&b=' + encodeURIComponent(params.get('b')));
  } else if (params.get('id') && params.get('against')) {
    document.getElementById('compare-id').value = params.get('id');
    show('/api/experiments/' + encodeURIComponent(params.get('id')) + '/compare?against=' + encodeURIComponent(params.get('against')));
  }
  if (list.length) arms(params.get('id') || list[0].id);
}

// ---------------------------------------------------------------------------------- searches

async function searchesPage() {
  view.innerHTML = `<h1>Searches</h1><table id="searches-table"><thead><tr><th>id</th><th>scenario</th><th>status</th>
    <th>evaluations</th><th>budget</th><th>summary</th></tr></thead><tbody></tbody></table>`;
  every(2000, async () => {
    try {
      const list = await getJson('/api/searches');
      document.querySelector('#searches-table tbody').innerHTML = list.map(s => `<tr data-id="${esc(s.id)}">
        <td><a href="#/searches/${encodeURIComponent(s.id)}">${esc(s.id)}</a></td><td>${esc(s.scenario)}</td><td>${badge(s.status)}</td>
        <td class="num">${s.evaluations}</td><td>${bar(s.spent, s.budget)}</td><td>${esc(s.summary)}</td></tr>`).join('')
        || '<tr><td colspan="6" class="muted">No searches yet: submit a scenario with a search block.</td></tr>';
    } catch (e) { showError(e); }
  });
}

/** One rung's leaderboard (search-phase scores: selection biases them; they are not results). */
function rungTable(rung) {
  const rows = rung.entries.slice(0, 10).map(e => `<tr><td class="num">${e.rank}</td><td>${esc(e.path)}</td>
    <td class="num">${e.score >= 1e9 ? 'failed' : signed(e.score)}</td></tr>`).join('');
  return `<h3>Rung ${rung.rung} · ${rung.seeds} seeds · ${rung.entries.length} paths</h3>
    <table class="leaderboard" data-rung="${rung.rung}"><thead><tr><th>rank</th><th>path</th><th>mean paired difference</th></tr></thead>
    <tbody>${rows || '<tr><td colspan="3" class="muted">no path has completed this rung yet</td></tr>'}</tbody></table>`;
}

async function searchPage(id) {
  const path = '/api/searches/' + encodeURIComponent(id);
  view.innerHTML = `<h1>Search ${esc(id)}</h1><p id="search-summary"></p><p id="search-budget" class="muted"></p>
    <div class="row"><button id="search-cancel">Cancel the search</button></div>
    <h2>Confirmation on fresh seeds</h2><div id="search-confirmation"></div>
    <h2>Leaderboard <span class="muted">(search phase: not results)</span></h2><div id="search-rungs"></div><div id="search-figure"></div>`;
  document.getElementById('search-cancel').onclick = async () => {
    try { await getJson(path + '/cancel', { method: 'POST' }); } catch (e) { showError(e); }
  };
  let shown = '';
  every(2000, async () => {
    try {
      const r = await getJson(path);
      const key = JSON.stringify([r.status, r.evaluations, r.confirmation]);
      if (key === shown) return;
      shown = key;
      document.getElementById('search-summary').innerHTML = `${badge(r.status)} ${esc(r.summary)}`;
      document.getElementById('search-budget').innerHTML = `${esc(r.method)} over ${r.candidates} paths · rungs of ${r.rungSeeds.join(', ')}
        seeds · ${bar(r.spent, r.budget)} task-epochs (the same evaluations without shared prefixes: ${r.withoutSharing})`;
      document.getElementById('search-cancel').style.display = r.status === 'finished' || r.status === 'cancelled' ? 'none' : '';
      document.getElementById('search-rungs').innerHTML = r.rungs.slice().reverse().map(rungTable).join('');
      document.getElementById('search-confirmation').innerHTML = r.confirmation.length
        ? `<table id="confirmation-table"><thead><tr><th>arm</th><th>role</th><th>seeds</th><th>gap to baseline</th><th>Holm p</th>
          <th>verdict</th></tr></thead><tbody>${r.confirmation.map(c => `<tr><td>${esc(c.arm)}</td><td>${esc(c.role)}</td>
          <td class="num">${c.finished}</td><td class="num">${signed(c.gap)}</td><td class="num">${pval(c.holmP)}</td>
          <td>${esc(c.verdict)}${c.control ? '<br><span class="muted">against ' + esc(c.control) + ': ' + esc(c.controlVerdict) + '</span>' : ''}</td></tr>`).join('')}</tbody></table>`
        : `<p class="muted">${r.confirmationExperiment ? 'running as experiment ' + esc(r.confirmationExperiment) : 'after the search phase'}</p>`;
      document.getElementById('search-figure').innerHTML = await getText(path + '/report?format=svg');
    } catch (e) { showError(e); }
  });
}

// ---------------------------------------------------------------------------------- routing

function route() {
  cleanups.forEach(f => f());
  cleanups = [];
  const hash = location.hash || '#/';
  const page = hash.startsWith('#/experiments/') ? 'experiment' : hash.startsWith('#/compare') ? 'compare'
    : hash.startsWith('#/searches/') ? 'search' : hash === '#/searches' ? 'searches'
    : hash === '#/devices' ? 'devices' : hash === '#/submit' ? 'submit' : 'experiments';
  const nav = page === 'experiment' ? 'experiments' : page === 'search' ? 'searches' : page;
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.nav === nav);
  if (page === 'experiment') experimentPage(decodeURIComponent(hash.slice('#/experiments/'.length)));
  else if (page === 'search') searchPage(decodeURIComponent(hash.slice('#/searches/'.length)));
  else if (page === 'searches') searchesPage();
  else if (page === 'devices') devicesPage();
  else if (page === 'compare') comparePage(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  else if (page === 'submit') submitPage();
  else experimentsPage(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
}

window.addEventListener('hashchange', route);
getJson('/api/health').then(h => { document.getElementById('connection').textContent = 'daemon ' + h.status; }).catch(() => {
  document.getElementById('connection').textContent = 'daemon unreachable';
});
route();
