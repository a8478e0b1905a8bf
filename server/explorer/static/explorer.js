// The explorer page: a search box, a neighbourhood drawn as a graph, the
// centre actor's relations as a table, and the evidence behind a relation.
//
// Text from the server only ever reaches the page as text nodes and
// attribute values (never as markup), and the state lives in the URL hash so
// that a view can be shared by its address.

import { SEARCH, EXPLORE } from './queries.js';
import { arrange, shortName, RADIUS, CENTRE_RADIUS } from './layout.js';

const ENDPOINT = '/graphql';
const SVGNS = 'http://www.w3.org/2000/svg';
// The neighbourhood's actor limit: the default keeps a drawing readable,
// and the maximum keeps the query under the server's complexity limit.
const DEFAULT_LIMIT = 120;
const MAX_LIMIT = 300;
const TABLE_ROWS = 100;
const SEARCH_DELAY_MS = 200;

const KINDS = ['Person', 'Ministry', 'Country', 'Company', 'Organization'];
const TYPES = [
  'REQUESTED', 'BANNED', 'RESTRICTED_EXPORTS', 'SANCTIONED', 'IMPOSED_TARIFF',
  'RELOCATED_TO', 'MET_WITH', 'AGREED_WITH', 'CRITICIZED', 'INVESTED_IN', 'ACQUIRED',
  'HOLDS_ROLE', 'PART_OF', 'FOUNDED', 'OWNS',
];
const SYMMETRIC = new Set(['MET_WITH', 'AGREED_WITH']);

const $ = (id) => document.getElementById(id);

// h builds an HTML element. Attribute values and children are set as
// values and text, so nothing passed in is ever parsed as markup.
function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  e.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return e;
}

// s builds an SVG element the same way.
function s(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVGNS, tag);
  setAttrs(e, attrs);
  e.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return e;
}

function setAttrs(e, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
}

// PASSIVE says a relation from the side of the actor it acts on.
const PASSIVE = {
  REQUESTED: 'requested by',
  BANNED: 'banned by',
  RESTRICTED_EXPORTS: 'export curbs from',
  SANCTIONED: 'sanctioned by',
  IMPOSED_TARIFF: 'tariffs from',
  RELOCATED_TO: 'destination of',
  CRITICIZED: 'criticized by',
  INVESTED_IN: 'investment from',
  ACQUIRED: 'acquired by',
  HOLDS_ROLE: 'role held by',
  PART_OF: 'includes',
  FOUNDED: 'founded by',
  OWNS: 'owned by',
};

// typeLabel turns RELOCATED_TO into "relocated to".
function typeLabel(t) {
  return t.toLowerCase().replaceAll('_', ' ');
}

// ---- talking to the server ----

// RequestError carries the GraphQL errors of a response, or a transport
// failure described as one.
class RequestError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
  }
}

async function gql(query, variables, signal) {
  let res;
  try {
    res = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new RequestError([{ message: `Cannot reach the server: ${err.message}`, extensions: { code: 'NETWORK' } }]);
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new RequestError([{ message: `The server answered ${res.status} ${res.statusText} without a GraphQL response.`, extensions: { code: `HTTP_${res.status}` } }]);
  }
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    throw new RequestError(body.errors);
  }
  if (!res.ok || !body.data) {
    throw new RequestError([{ message: `The server answered ${res.status} ${res.statusText}.`, extensions: { code: `HTTP_${res.status}` } }]);
  }
  return body.data;
}

function showError(context, err) {
  const box = $('error');
  let errors = err instanceof RequestError ? err.errors : [{ message: String(err && err.message ? err.message : err) }];
  // Two fields failing for one cause (an unknown id) say the same thing.
  const seen = new Set();
  errors = errors.filter((e) => {
    const key = JSON.stringify([e.message, e.extensions && e.extensions.code]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  box.replaceChildren(
    h('strong', {}, context),
    h('ul', {}, errors.map((e) => {
      const code = e.extensions && e.extensions.code;
      return h('li', {}, String(e.message), code ? h('code', { class: 'code' }, String(code)) : null);
    })),
  );
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').replaceChildren();
}

// ---- state in the URL hash ----

function readHash() {
  const p = new URLSearchParams(location.hash.replace(/^#/, ''));
  const depth = Math.min(3, Math.max(1, parseInt(p.get('depth') || '1', 10) || 1));
  let types = null; // null: every type
  if (p.has('types')) {
    types = new Set(p.get('types').split(',').filter((t) => TYPES.includes(t)));
    if (types.size === TYPES.length) types = null;
  }
  const limit = Math.min(MAX_LIMIT, Math.max(1, parseInt(p.get('limit') || '', 10) || DEFAULT_LIMIT));
  return { actor: p.get('actor') || '', depth, types, limit };
}

function writeHash(state) {
  const p = new URLSearchParams();
  if (state.actor) p.set('actor', state.actor);
  p.set('depth', String(state.depth));
  if (state.types) p.set('types', TYPES.filter((t) => state.types.has(t)).join(','));
  if (state.limit !== DEFAULT_LIMIT) p.set('limit', String(state.limit));
  // URLSearchParams escapes ':' and ','; the hash reads better without.
  const hash = '#' + p.toString().replaceAll('%3A', ':').replaceAll('%2C', ',');
  if (location.hash !== hash) location.hash = hash;
  else load();
}

function currentControls() {
  const checked = TYPES.filter((t) => $(`type-${t}`).checked);
  return {
    ...readHash(),
    depth: parseInt($('depth').value, 10),
    types: checked.length === TYPES.length ? null : new Set(checked),
  };
}

function syncControls(state) {
  $('depth').value = String(state.depth);
  for (const t of TYPES) $(`type-${t}`).checked = !state.types || state.types.has(t);
  const n = state.types ? state.types.size : TYPES.length;
  $('types-count').textContent = n === TYPES.length ? '(all)' : `(${n} of ${TYPES.length})`;
}

// ---- loading a neighbourhood ----

let loadSeq = 0;
let loadAbort = null;

async function load() {
  const state = readHash();
  syncControls(state);
  if (!state.actor) {
    $('status').textContent = '';
    return;
  }
  if (state.types && state.types.size === 0) {
    clearError();
    clearView();
    $('status').textContent = 'Choose at least one relation type.';
    return;
  }
  const seq = ++loadSeq;
  if (loadAbort) loadAbort.abort();
  loadAbort = new AbortController();
  $('status').textContent = `Loading ${state.actor}…`;
  document.body.classList.add('busy');
  try {
    const data = await gql(EXPLORE, {
      id: state.actor,
      depth: state.depth,
      types: state.types ? TYPES.filter((t) => state.types.has(t)) : null,
      limit: state.limit,
      first: TABLE_ROWS,
    }, loadAbort.signal);
    if (seq !== loadSeq) return;
    clearError();
    render(state, data.actor, data.neighborhood);
  } catch (err) {
    if (err.name === 'AbortError' || seq !== loadSeq) return;
    clearView();
    $('status').textContent = '';
    showError(`Could not load ${state.actor}:`, err);
  } finally {
    if (seq === loadSeq) document.body.classList.remove('busy');
  }
}

function clearView() {
  $('graph').replaceChildren();
  $('centre').hidden = true;
  $('relations').hidden = true;
  $('evidence').hidden = true;
  $('truncated').hidden = true;
  $('empty-hint').hidden = false;
}

function render(state, actor, sub) {
  const actors = new Map(sub.actors.map((a) => [a.id, a]));
  if (!actors.has(actor.id)) actors.set(actor.id, actor);

  $('empty-hint').hidden = true;
  $('truncated').hidden = !sub.truncated;
  renderCentre(actor);
  renderTable(actor);
  drawGraph(actor.id, actors, sub.relations);
  // Say what is drawn, for tests and for anyone inspecting the page.
  $('graph').dataset.actor = actor.id;
  $('graph').dataset.depth = String(state.depth);
  $('graph').dataset.limit = String(state.limit);
  $('graph').dataset.types = String(state.types ? state.types.size : TYPES.length);
  $('evidence').hidden = true;
  const nA = actors.size;
  const nR = sub.relations.length;
  $('status').textContent = `${actor.name}: ${nA} ${nA === 1 ? 'actor' : 'actors'} and ${nR} ${nR === 1 ? 'relation' : 'relations'} within ${state.depth} ${state.depth === 1 ? 'hop' : 'hops'}.`;
  document.title = `${actor.name} · tradegraph explorer`;
}

function renderCentre(actor) {
  $('centre').hidden = false;
  $('centre-name').textContent = actor.name;
  $('centre-kind').textContent = actor.kind;
  $('centre-kind').className = `kind-chip kind-${actor.kind}`;
  $('centre-id').textContent = actor.id;
  $('centre-aliases').textContent = actor.aliases.length ? `Also: ${actor.aliases.join(', ')}` : '';
}

function renderTable(actor) {
  const rows = actor.relations.nodes.map((r) => {
    const out = r.from.id === actor.id;
    const other = out ? r.to : r.from;
    const verb = SYMMETRIC.has(r.type) || out ? typeLabel(r.type) : PASSIVE[r.type] || typeLabel(r.type);
    const arrow = SYMMETRIC.has(r.type) ? '↔' : out ? '→' : '←';
    const row = h('tr', { 'data-relation': r.id },
      h('td', {},
        h('span', { class: 'arrow', 'aria-hidden': 'true' }, arrow), ' ',
        h('button', { type: 'button', class: 'row-button', 'aria-label': `${verb} ${other.name}: show evidence` }, verb),
        r.hedged ? h('span', { class: 'hedged-tag', title: 'The text only reports this claim' }, 'hedged') : null),
      h('td', {}, h('span', { class: `dot kind-${other.kind}`, 'aria-hidden': 'true' }), other.name),
      h('td', { class: 'date' }, r.date || '—'));
    row.addEventListener('click', () => showEvidence([r], row));
    return row;
  });
  $('relations-body').replaceChildren(...rows);
  const shown = actor.relations.nodes.length;
  const total = actor.relations.totalCount;
  $('relations-count').textContent = total > shown
    ? `Showing ${shown} of ${total} relations.`
    : `${total} ${total === 1 ? 'relation' : 'relations'}.`;
  $('relations').hidden = false;
}

// ---- the drawing ----

function shape(kind, r, attrs) {
  switch (kind) {
    case 'Ministry':
      return s('rect', { x: -r * 0.9, y: -r * 0.9, width: r * 1.8, height: r * 1.8, rx: 2, ...attrs });
    case 'Country': {
      const pts = [];
      for (let i = 0; i < 6; i++) {
        const a = Math.PI / 6 + (i * Math.PI) / 3;
        pts.push(`${(r * 1.05 * Math.cos(a)).toFixed(2)},${(r * 1.05 * Math.sin(a)).toFixed(2)}`);
      }
      return s('polygon', { points: pts.join(' '), ...attrs });
    }
    case 'Company':
      return s('polygon', { points: `0,${-r * 1.2} ${r * 1.2},0 0,${r * 1.2} ${-r * 1.2},0`, ...attrs });
    case 'Organization':
      return s('polygon', { points: `0,${-r * 1.15} ${r * 1.1},${r * 0.85} ${-r * 1.1},${r * 0.85}`, ...attrs });
    default:
      return s('circle', { r, ...attrs });
  }
}

function graphSize() {
  const svg = $('graph');
  const box = svg.getBoundingClientRect();
  return { width: Math.max(box.width, 320), height: Math.max(box.height, 240) };
}

function drawGraph(centre, actors, relations) {
  const svg = $('graph');
  const ids = [...actors.keys()];
  const { width, height } = graphSize();

  // Relations between the same two actors, of the same type and direction,
  // are one claim reported by several articles: draw them as one arrow.
  const bundles = new Map();
  for (const r of relations) {
    if (!actors.has(r.from.id) || !actors.has(r.to.id)) continue;
    const key = `${r.type} ${r.from.id} ${r.to.id}`;
    if (!bundles.has(key)) bundles.set(key, { key, type: r.type, from: r.from.id, to: r.to.id, relations: [] });
    bundles.get(key).relations.push(r);
  }
  const pairs = new Map();
  for (const b of bundles.values()) {
    const pair = b.from < b.to ? `${b.from} ${b.to}` : `${b.to} ${b.from}`;
    if (!pairs.has(pair)) pairs.set(pair, []);
    pairs.get(pair).push(b);
  }

  const { pos, box, scale } = arrange(actors, [...bundles.values()].map((b) => [b.from, b.to]), centre, width, height);
  svg.setAttribute('viewBox', `${box.x.toFixed(1)} ${box.y.toFixed(1)} ${box.w.toFixed(1)} ${box.h.toFixed(1)}`);
  // Keep labels about 12px on screen whatever the zoom.
  svg.style.fontSize = `${(12 / scale).toFixed(2)}px`;
  const lw = 1 / scale;

  const defs = s('defs', {},
    marker('arrow', 'arrow-head', lw),
    marker('arrow-selected', 'arrow-head-selected', lw));
  const edgeLayer = s('g', { class: 'edges' });
  const labelLayer = s('g', { class: 'edge-labels' });
  const nodeLayer = s('g', { class: 'nodes' });

  // In a crowded drawing only the arrows at the centre keep their labels
  // in view; the others show theirs on hover and focus.
  const dense = bundles.size > 20;
  for (const group of pairs.values()) {
    group.sort((a, b) => (a.key < b.key ? -1 : 1));
    group.forEach((b, i) => {
      const offset = (i - (group.length - 1) / 2) * 46;
      drawBundle(edgeLayer, labelLayer, b, actors, pos, offset, centre, lw, dense);
    });
  }

  for (const id of ids) {
    const a = actors.get(id);
    const p = pos.get(id);
    const isCentre = id === centre;
    const r = (isCentre ? CENTRE_RADIUS : RADIUS) * Math.max(lw, 0.6);
    const g = s('g', {
      class: `node kind-${a.kind}${isCentre ? ' centre' : ''}`,
      transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`,
      tabindex: 0,
      role: 'button',
      'data-actor': id,
      'aria-label': isCentre ? `${a.name}, ${a.kind}, the centre` : `${a.name}, ${a.kind}: centre on it`,
    },
    s('title', {}, `${a.name} (${a.kind}) ${id}`),
    shape(a.kind, r, { class: 'shape' }),
    s('text', { class: 'node-label', y: r + 3 * lw, 'text-anchor': 'middle', 'dominant-baseline': 'hanging' }, shortName(a.name)));
    const activate = () => {
      if (!isCentre) writeHash({ ...readHash(), actor: id });
    };
    g.addEventListener('click', activate);
    g.addEventListener('keydown', (e) => onActivateKey(e, activate));
    nodeLayer.append(g);
  }

  // Names matter more than relation labels, so nodes go on top.
  svg.replaceChildren(defs, edgeLayer, labelLayer, nodeLayer);
}

// marker is an arrow head of a fixed size on screen, whatever the width of
// the line it ends.
function marker(id, cls, lw) {
  const size = (10 * lw).toFixed(2);
  return s('marker', {
    id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: size, markerHeight: size,
    markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse',
  }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: cls }));
}

function drawBundle(edgeLayer, labelLayer, b, actors, pos, offset, centre, lw, dense) {
  const p0 = pos.get(b.from);
  const p2 = pos.get(b.to);
  // The normal is taken from the pair in id order, so that bundles going
  // opposite ways between the same actors bend to opposite sides.
  const [a, z] = b.from < b.to ? [p0, p2] : [p2, p0];
  let nx = -(z.y - a.y);
  let ny = z.x - a.x;
  const len = Math.hypot(nx, ny) || 1;
  nx /= len; ny /= len;
  const mx = (p0.x + p2.x) / 2, my = (p0.y + p2.y) / 2;
  const cx = mx + nx * offset * 2 * lw, cy = my + ny * offset * 2 * lw;
  const r0 = ((b.from === centre ? CENTRE_RADIUS : RADIUS) + 3) * Math.max(lw, 0.6);
  const r2 = ((b.to === centre ? CENTRE_RADIUS : RADIUS) + 4) * Math.max(lw, 0.6);
  const start = towards(p0, { x: cx, y: cy }, r0);
  const end = towards(p2, { x: cx, y: cy }, r2);
  const d = `M${start.x.toFixed(1)},${start.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${end.x.toFixed(1)},${end.y.toFixed(1)}`;

  const hedged = b.relations.every((r) => r.hedged);
  const symmetric = SYMMETRIC.has(b.type);
  const from = actors.get(b.from).name;
  const to = actors.get(b.to).name;
  const n = b.relations.length;
  const label = `${typeLabel(b.type)}${n > 1 ? ` ×${n}` : ''}`;
  const g = s('g', {
    class: `edge${hedged ? ' hedged' : ''}`,
    tabindex: 0,
    role: 'button',
    'data-bundle': b.key,
    'data-type': b.type,
    'data-from': b.from,
    'data-to': b.to,
    'aria-label': `${from} ${typeLabel(b.type)} ${to}${hedged ? ' (hedged)' : ''}${n > 1 ? `, ${n} reports` : ''}: show evidence`,
  },
  s('title', {}, `${from} ${typeLabel(b.type)} ${to}`),
  s('path', { class: 'hit', d }),
  s('path', {
    class: 'line', d, 'marker-end': 'url(#arrow)', 'marker-start': symmetric ? 'url(#arrow)' : null,
    'stroke-width': (1.6 * lw).toFixed(2),
  }));
  // The label sits on the curve, halfway, or further from the centre when
  // one end is the centre, where arrows crowd together.
  const t = b.from === centre ? 0.6 : b.to === centre ? 0.4 : 0.5;
  const lx = (1 - t) * (1 - t) * p0.x + 2 * (1 - t) * t * cx + t * t * p2.x;
  const ly = (1 - t) * (1 - t) * p0.y + 2 * (1 - t) * t * cy + t * t * p2.y;
  const minor = dense && b.from !== centre && b.to !== centre;
  const text = s('text', { class: `edge-label${minor ? ' minor' : ''}`, x: lx.toFixed(1), y: ly.toFixed(1), 'text-anchor': 'middle', 'dominant-baseline': 'middle', 'data-bundle': b.key, 'data-type': b.type, 'data-from': b.from, 'data-to': b.to }, label);
  const activate = () => showEvidence(b.relations, g);
  g.addEventListener('click', activate);
  g.addEventListener('keydown', (e) => onActivateKey(e, activate));
  text.addEventListener('click', activate);
  if (minor) {
    const show = () => text.classList.add('shown');
    const hide = () => text.classList.remove('shown');
    g.addEventListener('mouseenter', show);
    g.addEventListener('mouseleave', hide);
    g.addEventListener('focus', show);
    g.addEventListener('blur', hide);
  }
  edgeLayer.append(g);
  labelLayer.append(text);
}

function towards(p, q, dist) {
  const dx = q.x - p.x, dy = q.y - p.y;
  const d = Math.hypot(dx, dy) || 1;
  return { x: p.x + (dx / d) * dist, y: p.y + (dy / d) * dist };
}

function onActivateKey(e, activate) {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    activate();
  }
}

// ---- evidence ----

function showEvidence(relations, source) {
  for (const e of document.querySelectorAll('.selected')) e.classList.remove('selected');
  for (const e of document.querySelectorAll('.edge .line[marker-end="url(#arrow-selected)"]')) e.setAttribute('marker-end', 'url(#arrow)');
  if (source) source.classList.add('selected');
  // Mark the drawn arrow and the table rows of the same relations.
  const ids = new Set(relations.map((r) => r.id));
  for (const row of $('relations-body').rows) {
    if (ids.has(row.dataset.relation)) row.classList.add('selected');
  }
  const keys = new Set(relations.map((r) => `${r.type} ${r.from.id} ${r.to.id}`));
  for (const e of $('graph').querySelectorAll('.edge, .edge-label')) {
    if (!keys.has(e.dataset.bundle)) continue;
    e.classList.add('selected');
    const line = e.querySelector('.line');
    if (line) line.setAttribute('marker-end', 'url(#arrow-selected)');
  }

  const body = $('evidence-body');
  body.replaceChildren(...relations.map(evidenceCard));
  $('evidence').hidden = false;
  $('evidence').focus({ preventScroll: false });
}

function evidenceCard(r) {
  const a = r.article;
  // An article without a title is named by its first line, which can be a
  // whole paragraph: show the start, and the rest on hover.
  const full = a.title || a.id;
  const title = full.length > 140 ? `${full.slice(0, 140).trimEnd()}…` : full;
  let titleNode = h('span', { title: full }, title);
  if (a.url && safeURL(a.url)) {
    titleNode = h('a', { href: a.url, title: full, rel: 'noopener noreferrer', target: '_blank' }, title);
  }
  const rows = [
    ['Article', titleNode],
    ['Outlet', a.outlet || '—'],
    ['Date', r.date || a.published || '—'],
    ['About', r.about || '—'],
    ['Hedged', r.hedged ? 'yes — the text only reports it' : 'no'],
    ['Confidence', Number(r.confidence).toFixed(2)],
    ['Reported by', r.reportedBy ? r.reportedBy.name : '—'],
    ['Concerning', r.concerning.length ? r.concerning.map((c) => c.name).join(', ') : '—'],
    ['CAMEO', r.cameo || '—'],
    ['Rule', h('code', {}, r.rule)],
  ];
  return h('article', { class: `evidence-card${r.hedged ? ' hedged' : ''}` },
    h('p', { class: 'claim' },
      h('span', { class: `dot kind-${r.from.kind}`, 'aria-hidden': 'true' }), r.from.name, ' ',
      h('strong', {}, typeLabel(r.type)), ' ',
      h('span', { class: `dot kind-${r.to.kind}`, 'aria-hidden': 'true' }), r.to.name),
    h('blockquote', { class: 'sentence' }, r.evidence.sentence),
    h('dl', {}, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
}

function safeURL(u) {
  try {
    const p = new URL(u).protocol;
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}

// ---- search ----

let searchTimer = 0;
let searchAbort = null;
let searchSeq = 0;
let suggestions = [];
let active = -1;

function onSearchInput() {
  clearTimeout(searchTimer);
  const text = $('search').value.trim();
  if (text.length < 2) {
    closeSuggestions();
    return;
  }
  searchTimer = setTimeout(() => runSearch(text), SEARCH_DELAY_MS);
}

async function runSearch(text) {
  const seq = ++searchSeq;
  if (searchAbort) searchAbort.abort();
  searchAbort = new AbortController();
  try {
    const data = await gql(SEARCH, { text, first: 8 }, searchAbort.signal);
    if (seq !== searchSeq) return;
    showSuggestions(data.search, text);
  } catch (err) {
    if (err.name === 'AbortError' || seq !== searchSeq) return;
    closeSuggestions();
    showError(`Search for “${text}” failed:`, err);
  }
}

function showSuggestions(actors, text) {
  suggestions = actors;
  active = actors.length ? 0 : -1;
  const list = $('suggestions');
  if (actors.length === 0) {
    list.replaceChildren(h('li', { class: 'none', role: 'option', 'aria-disabled': 'true' }, `No actor matches “${text}”.`));
  } else {
    list.replaceChildren(...actors.map((a, i) => {
      const li = h('li', { id: `suggestion-${i}`, role: 'option', 'data-actor': a.id },
        h('span', { class: `dot kind-${a.kind}`, 'aria-hidden': 'true' }),
        h('span', { class: 'name' }, a.name),
        h('span', { class: 'meta' }, `${a.kind} · ${a.id}`));
      // mousedown rather than click: it fires before the input loses focus.
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        pick(i);
      });
      return li;
    }));
  }
  list.hidden = false;
  $('search').setAttribute('aria-expanded', 'true');
  highlight();
}

function highlight() {
  const items = $('suggestions').querySelectorAll('li[data-actor]');
  items.forEach((li, i) => li.setAttribute('aria-selected', i === active ? 'true' : 'false'));
  if (active >= 0) $('search').setAttribute('aria-activedescendant', `suggestion-${active}`);
  else $('search').removeAttribute('aria-activedescendant');
}

function closeSuggestions() {
  $('suggestions').hidden = true;
  $('suggestions').replaceChildren();
  $('search').setAttribute('aria-expanded', 'false');
  $('search').removeAttribute('aria-activedescendant');
  suggestions = [];
  active = -1;
}

function pick(i) {
  const a = suggestions[i];
  if (!a) return;
  closeSuggestions();
  $('search').value = a.name;
  writeHash({ ...readHash(), actor: a.id });
}

function onSearchKey(e) {
  const open = !$('suggestions').hidden && suggestions.length > 0;
  switch (e.key) {
    case 'ArrowDown':
      if (open) { active = (active + 1) % suggestions.length; highlight(); e.preventDefault(); }
      break;
    case 'ArrowUp':
      if (open) { active = (active - 1 + suggestions.length) % suggestions.length; highlight(); e.preventDefault(); }
      break;
    case 'Enter':
      e.preventDefault();
      if (open) pick(Math.max(active, 0));
      break;
    case 'Escape':
      closeSuggestions();
      break;
  }
}

// ---- set-up ----

function buildControls() {
  $('type-boxes').replaceChildren(...TYPES.map((t) => h('label', { class: 'type-box' },
    h('input', { type: 'checkbox', id: `type-${t}`, value: t, checked: true }),
    ' ', typeLabel(t))));
  $('types').addEventListener('change', () => writeHash(currentControls()));
  $('types-all').addEventListener('click', () => {
    for (const t of TYPES) $(`type-${t}`).checked = true;
    writeHash(currentControls());
  });
  $('types-none').addEventListener('click', () => {
    for (const t of TYPES) $(`type-${t}`).checked = false;
    writeHash(currentControls());
  });
  $('depth').addEventListener('change', () => writeHash(currentControls()));

  $('legend').replaceChildren(
    ...KINDS.map((k) => h('li', {},
      s('svg', { viewBox: '-14 -14 28 28', width: 16, height: 16, 'aria-hidden': 'true', class: `swatch kind-${k}` }, shape(k, 10, { class: 'shape' })),
      k)),
    h('li', {}, s('svg', { viewBox: '0 0 28 10', width: 28, height: 10, 'aria-hidden': 'true', class: 'swatch' },
      s('line', { x1: 1, y1: 5, x2: 27, y2: 5, class: 'legend-line' })), 'reported'),
    h('li', {}, s('svg', { viewBox: '0 0 28 10', width: 28, height: 10, 'aria-hidden': 'true', class: 'swatch' },
      s('line', { x1: 1, y1: 5, x2: 27, y2: 5, class: 'legend-line hedged' })), 'hedged (reportedly, allegedly)'));

  $('search').addEventListener('input', onSearchInput);
  $('search').addEventListener('keydown', onSearchKey);
  $('search').addEventListener('blur', () => setTimeout(closeSuggestions, 100));
  $('search-form').addEventListener('submit', (e) => e.preventDefault());
  $('evidence-close').addEventListener('click', () => {
    $('evidence').hidden = true;
    for (const e of document.querySelectorAll('.selected')) e.classList.remove('selected');
    for (const e of document.querySelectorAll('.edge .line')) e.setAttribute('marker-end', 'url(#arrow)');
  });
}

buildControls();
window.addEventListener('hashchange', load);
load();
