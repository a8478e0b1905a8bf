// A small force-directed layout (after Fruchterman and Reingold, 1991):
// nodes push each other away, links pull their ends together, and a cooling
// temperature bounds how far a node may move per step. Randomness comes from
// a generator seeded by the centre's id, and the number of steps is fixed,
// so the same neighbourhood is always drawn the same way: screenshots are
// stable and a shared link shows what its sender saw.

// hashString is FNV-1a over the UTF-16 code units of s.
export function hashString(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// mulberry32 returns a generator of numbers in [0, 1) that depends only on
// seed.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// layout places ids in the plane and returns a Map from id to {x, y}, with
// centre fixed at the origin. links is a list of [fromId, toId] pairs;
// duplicates and links to unknown ids are ignored. width and height are the
// size of the area the drawing should roughly fill; the ideal link length
// follows from it and from the number of nodes.
export function layout(ids, links, centre, { width = 800, height = 600, iterations = 300 } = {}) {
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const pairs = new Set();
  const edges = [];
  const adjacent = ids.map(() => []);
  for (const [a, b] of links) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    const key = i < j ? `${i} ${j}` : `${j} ${i}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    edges.push([i, j]);
    adjacent[i].push(j);
    adjacent[j].push(i);
  }

  const c = index.has(centre) ? index.get(centre) : 0;
  const k = Math.max(80, Math.min(220, 0.85 * Math.sqrt((width * height) / Math.max(n, 1))));

  // Start from rings by hop distance, so that the cooling has little to
  // untangle and a few hundred steps suffice.
  const hops = breadthFirst(adjacent, c);
  const rings = new Map();
  for (let i = 0; i < n; i++) {
    const h = hops[i] < 0 ? 4 : hops[i];
    if (!rings.has(h)) rings.set(h, []);
    rings.get(h).push(i);
  }
  const rand = mulberry32(hashString(centre || ''));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (const [h, members] of rings) {
    if (h === 0) continue;
    const offset = rand() * 2 * Math.PI;
    members.forEach((i, m) => {
      const angle = offset + (2 * Math.PI * m) / members.length;
      const r = h * k * (0.9 + 0.2 * rand());
      x[i] = r * Math.cos(angle);
      y[i] = r * Math.sin(angle);
    });
  }

  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let temperature = k;
  for (let step = 0; step < iterations; step++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ux = x[i] - x[j];
        let uy = y[i] - y[j];
        let d = Math.hypot(ux, uy);
        if (d < 0.01) {
          // Two nodes on the same spot: part them in a seeded direction.
          ux = rand() - 0.5;
          uy = rand() - 0.5;
          d = Math.hypot(ux, uy);
        }
        // Labels are wider than tall, so sideways neighbours push harder.
        const f = (k * k) / d;
        dx[i] += (ux / d) * f * 1.2;
        dy[i] += (uy / d) * f;
        dx[j] -= (ux / d) * f * 1.2;
        dy[j] -= (uy / d) * f;
      }
    }
    for (const [i, j] of edges) {
      const ux = x[i] - x[j];
      const uy = y[i] - y[j];
      const d = Math.max(Math.hypot(ux, uy), 0.01);
      const f = (d * d) / k;
      dx[i] -= (ux / d) * f;
      dy[i] -= (uy / d) * f;
      dx[j] += (ux / d) * f;
      dy[j] += (uy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      // A weak pull to the centre keeps loose parts from drifting off.
      dx[i] -= x[i] * 0.02 * (k / 10);
      dy[i] -= y[i] * 0.02 * (k / 10);
      if (i === c) continue;
      const d = Math.hypot(dx[i], dy[i]);
      if (d > 0) {
        const move = Math.min(d, temperature);
        x[i] += (dx[i] / d) * move;
        y[i] += (dy[i] / d) * move;
      }
    }
    temperature = Math.max(k * 0.01, k * (1 - (step + 1) / iterations));
  }
  x[c] = 0;
  y[c] = 0;

  const out = new Map();
  ids.forEach((id, i) => out.set(id, { x: x[i], y: y[i] }));
  return out;
}

function breadthFirst(adjacent, start) {
  const hops = adjacent.map(() => -1);
  if (adjacent.length === 0) return hops;
  hops[start] = 0;
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q];
    for (const j of adjacent[i]) {
      if (hops[j] < 0) {
        hops[j] = hops[i] + 1;
        queue.push(j);
      }
    }
  }
  return hops;
}

// separate moves nodes apart until their boxes (the shape with its label
// under it) no longer overlap, or passes run out. boxes maps an id to
// {left, right, top, bottom}: distances from the node's position, all
// positive. fixed stays where it is. An overlapping pair is pushed apart
// along the line between them until the boxes just touch, so the drawing
// keeps its shape instead of piling labels into a column. frame, when
// given as {left, right, top, bottom}, is the area every box must stay in:
// labels keep their size on screen, so room for them has to be found on
// the screen, not by growing the drawing (and zooming out, which shrinks
// the room in the same measure).
export function separate(pos, boxes, fixed, { passes = 150, gap = 6, frame = null } = {}) {
  const ids = [...pos.keys()];
  for (let pass = 0; pass < passes; pass++) {
    let moved = false;
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) {
        const p = pos.get(ids[a]), q = pos.get(ids[b]);
        const bp = boxes.get(ids[a]), bq = boxes.get(ids[b]);
        let dx = q.x - p.x;
        let dy = q.y - p.y;
        // How far apart the two positions must be on each axis for the
        // boxes to clear, given which side q is on.
        const w = (dx >= 0 ? bp.right + bq.left : bp.left + bq.right) + gap;
        const h = (dy >= 0 ? bp.bottom + bq.top : bp.top + bq.bottom) + gap;
        const m = Math.max(Math.abs(dx) / w, Math.abs(dy) / h);
        if (m >= 1) continue;
        moved = true;
        if (m < 1e-6) {
          // On the same spot: part them sideways, in a fixed direction.
          dx = w * 0.01;
          dy = 0;
        }
        // Scale the offset so that the larger ratio reaches 1.
        const k = 1 / Math.max(m, 0.01) - 1;
        const sx = dx * k, sy = dy * k;
        const wp = ids[a] === fixed ? 0 : ids[b] === fixed ? 1 : 0.5;
        const wq = 1 - wp;
        p.x -= sx * wp; p.y -= sy * wp;
        q.x += sx * wq; q.y += sy * wq;
        if (frame) {
          clamp(p, bp, frame);
          clamp(q, bq, frame);
        }
      }
    }
    if (!moved) break;
  }
}

function clamp(p, b, frame) {
  p.x = Math.min(Math.max(p.x, frame.left + b.left), Math.max(frame.right - b.right, frame.left + b.left));
  p.y = Math.min(Math.max(p.y, frame.top + b.top), Math.max(frame.bottom - b.bottom, frame.top + b.top));
}

// shortName cuts a long name for its label; the full name is in the
// node's tooltip and accessible name.
export function shortName(name) {
  return name.length > 28 ? `${name.slice(0, 26).trimEnd()}…` : name;
}

// Node sizes in drawing units at 1:1.
export const RADIUS = 11;
export const CENTRE_RADIUS = 16;

// arrange lays out actors (a Map from id to {name}) linked by links
// ([fromId, toId] pairs) for a view of width by height pixels. It returns
// the positions, the view box that fits them with their labels, and the
// scale of that box on screen (at most 1: a small graph is not drawn huge).
// The force layout gives the shape; stretching it to the screen and
// separating the labels inside the screen's frame make it readable at 1:1.
export function arrange(actors, links, centre, width, height) {
  const pos = layout([...actors.keys()], links, centre, { width, height });
  stretch(pos, width - 240, height - 80);
  const boxes = labelBoxes(actors, centre, 1);
  const pad = 16;
  // The centre sits at the origin; the frame is the screen around it.
  const frame = { left: -width / 2 + pad, right: width / 2 - pad, top: -height / 2 + pad, bottom: height / 2 - pad };
  for (const [id, p] of pos) {
    if (id !== centre) clamp(p, boxes.get(id), frame);
  }
  separate(pos, boxes, centre, { frame });
  // A drawing too crowded for its frame still fits: zoom out until it does.
  let box;
  let scale = 1;
  for (let round = 0; round < 4; round++) {
    box = fit(pos, labelBoxes(actors, centre, 1 / scale), width, height);
    scale = Math.min(width / box.w, height / box.h);
  }
  return { pos, box, scale };
}

// stretch scales the positions to fill a frame of width by height around
// the origin. A force layout settles into a round blob whatever the shape
// of the screen; stretching it to the screen's shape gives the labels,
// which keep their size, the room they need. The two axes may differ, but
// not by more than half, and a small graph is not blown up.
export function stretch(pos, width, height) {
  let spanX = 0, spanY = 0;
  for (const p of pos.values()) {
    spanX = Math.max(spanX, Math.abs(p.x));
    spanY = Math.max(spanY, Math.abs(p.y));
  }
  let sx = spanX > 0 ? Math.min(width / 2 / spanX, 1.5) : 1;
  let sy = spanY > 0 ? Math.min(height / 2 / spanY, 1.5) : 1;
  sx = Math.min(sx, 2 * sy);
  sy = Math.min(sy, 2 * sx);
  for (const p of pos.values()) {
    p.x *= sx;
    p.y *= sy;
  }
}

// labelBoxes gives each node the room its shape and its label take, at
// lw drawing units a screen pixel.
export function labelBoxes(actors, centre, lw) {
  const boxes = new Map();
  for (const [id, a] of actors) {
    const r = id === centre ? CENTRE_RADIUS : RADIUS;
    // About 7px a character at 12px, bold a little wider.
    const half = Math.max(r, shortName(a.name).length * (id === centre ? 4 : 3.6)) * lw;
    boxes.set(id, { left: half, right: half, top: r * lw, bottom: (r + 18) * lw });
  }
  return boxes;
}

export function fit(pos, boxes, width, height) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [id, p] of pos) {
    const b = boxes.get(id);
    minX = Math.min(minX, p.x - b.left); maxX = Math.max(maxX, p.x + b.right);
    minY = Math.min(minY, p.y - b.top); maxY = Math.max(maxY, p.y + b.bottom);
  }
  const pad = 16;
  let w = maxX - minX + 2 * pad, h = maxY - minY + 2 * pad;
  let x = minX - pad, y = minY - pad;
  if (w < width) { x -= (width - w) / 2; w = width; }
  if (h < height) { y -= (height - h) / 2; h = height; }
  return { x, y, w, h };
}

