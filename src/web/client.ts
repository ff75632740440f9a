// @ts-nocheck: this runs in the browser, and the project compiles for Node, without the DOM's types.
// The page's one script: saves each answer a moment after typing stops and
// when its box loses focus, shows "Saved", asks when the file changed under
// an answer, and marks identifying details as they are typed. Every text it
// puts on the page goes in as text (textContent), never as markup.
export function client(): void {
  'use strict';
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const root = document.querySelector('[data-entry]');
  if (!root) return;
  const entry = root.getAttribute('data-entry');
  const DELAY = 700;
  const norm = (s) => s.replace(/\r\n?/g, '\n').trim();
  const words = (s) => s.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t) && !/^[-*+>]$/.test(t)).length;
  const part = (el, what) => document.getElementById(`${el.closest('.field').id}-${what}`);
  const post = (url, data, keepalive = false) =>
    fetch(url, { method: 'POST', credentials: 'same-origin', keepalive, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(data) });
  const say = (el, text, cls) => {
    const s = part(el, 'status');
    if (!s) return;
    s.textContent = text;
    s.className = `status ${cls}`;
  };
  const fields = new Map();

  function countLine(f, n) {
    const c = part(f.el, 'count');
    if (!c) return;
    const limit = Number(f.el.getAttribute('data-limit') || 0);
    c.textContent = `${n} ${n === 1 ? 'word' : 'words'}${limit ? ` of at most ${limit}${n > limit ? ': over the limit' : ''}` : ''}`;
    c.classList.toggle('over', limit > 0 && n > limit);
  }

  /** What the file holds now, into every box that has nothing unsaved in it. */
  function apply(state, except) {
    for (const [key, now] of Object.entries(state)) {
      const f = fields.get(key);
      if (!f || f.key === except) continue;
      if (f.op === 'text') {
        if (f.conflict || f.inflight || document.activeElement === f.el || norm(f.el.value) !== norm(f.base)) continue;
        if (norm(f.el.value) !== norm(now.raw)) f.el.value = now.raw;
        f.base = now.raw;
        countLine(f, now.words);
      } else if (f.op === 'check' && !f.inflight) f.el.checked = /^[ \t]*[-*+][ \t]+\[[xX]\]/m.test(now.raw);
    }
  }

  async function save(f, keepalive = false) {
    if (f.conflict) return;
    if (f.inflight) {
      f.again = true;
      return;
    }
    clearTimeout(f.timer);
    const value = f.op === 'text' ? f.el.value : f.op === 'check' ? f.el.checked : f.op === 'areas' ? areasValue(f.el) : Number(f.value);
    if (f.op === 'text' && norm(value) === norm(f.base)) return;
    f.inflight = true;
    say(f.el, 'Saving…', 'saving');
    try {
      const res = await post('/api/save', { entry, key: f.key, op: f.op, value, ...(f.op === 'text' ? { base: f.base } : {}) }, keepalive);
      const body = await res.json().catch(() => ({}));
      if (res.status === 409 && body.state === 'conflict') {
        f.base = body.theirs;
        conflict(f, String(value), body.theirs);
      } else if (!res.ok) {
        say(f.el, `Not saved: ${body.error ?? res.statusText}. Your text is still here; copy it somewhere safe.`, 'error');
      } else {
        const now = body.fields?.[f.key];
        if (now && f.op === 'text') {
          f.base = now.raw;
          if (norm(f.el.value) === norm(value)) countLine(f, now.words);
        }
        say(f.el, body.state === 'saved' ? `✓ Saved at ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}` : '✓ Saved', 'saved');
        apply(body.fields ?? {}, f.key);
        if (f.op === 'text') scan(f);
      }
    } catch {
      say(f.el, 'Not saved: the server is not answering (is permanence open still running?). Your text is still here.', 'error');
    } finally {
      f.inflight = false;
      if (f.again || (f.op === 'text' && !f.conflict && norm(f.el.value) !== norm(f.base))) {
        f.again = false;
        schedule(f);
      }
    }
  }

  /** The ticked areas, each with its note. */
  function areasValue(set) {
    const value = {};
    const notes = [...set.querySelectorAll('[data-note]')];
    for (const box of set.querySelectorAll('[data-area]')) {
      const area = box.getAttribute('data-area');
      if (box.checked) value[area] = (notes.find((n) => n.getAttribute('data-note') === area)?.value ?? '').trim();
    }
    return value;
  }

  function schedule(f) {
    clearTimeout(f.timer);
    f.timer = setTimeout(() => save(f), DELAY);
  }

  function conflict(f, mine, theirs) {
    f.conflict = true;
    const box = part(f.el, 'conflict');
    box.replaceChildren();
    const head = document.createElement('p');
    head.innerHTML = '<strong>This answer was changed in the file while you were writing it.</strong> Nothing was overwritten. Which version do you want to keep?';
    const versions = document.createElement('div');
    versions.className = 'versions';
    for (const [title, text] of [['Yours, on this page', mine], ['In the file now', theirs]]) {
      const d = document.createElement('div');
      const h = document.createElement('h4');
      h.textContent = title;
      const pre = document.createElement('pre');
      pre.textContent = text || '(empty)';
      d.append(h, pre);
      versions.append(d);
    }
    const keepMine = document.createElement('button');
    keepMine.type = 'button';
    keepMine.textContent = 'Keep mine';
    const keepTheirs = document.createElement('button');
    keepTheirs.type = 'button';
    keepTheirs.className = 'secondary';
    keepTheirs.textContent = 'Keep the one in the file';
    const done = () => {
      f.conflict = false;
      box.hidden = true;
      box.replaceChildren();
      f.el.focus();
    };
    keepMine.addEventListener('click', () => {
      done();
      save(f);
    });
    keepTheirs.addEventListener('click', () => {
      f.el.value = theirs;
      f.base = theirs;
      countLine(f, words(theirs));
      done();
      say(f.el, '✓ Kept the version in the file', 'saved');
    });
    box.append(head, versions, keepMine, document.createTextNode(' '), keepTheirs);
    box.hidden = false;
    say(f.el, 'Not saved yet: choose a version below.', 'error');
    keepMine.focus();
  }

  async function scan(f) {
    const box = part(f.el, 'details');
    if (!box) return;
    const res = await post('/api/scan', { entry, value: f.el.value }).catch(() => undefined);
    if (!res?.ok) return;
    const { findings } = await res.json();
    box.replaceChildren();
    if (!findings.length) return;
    const p = document.createElement('p');
    p.className = 'warn-text';
    p.textContent = `⚠ ${findings.length === 1 ? 'This may identify someone' : `${findings.length} details may identify someone`}. Replace with a pseudonym, an initial or an age; or, if it identifies nobody, mark it reviewed.`;
    const ul = document.createElement('ul');
    for (const d of findings) {
      const li = document.createElement('li');
      const mark = document.createElement('mark');
      mark.textContent = d.text;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'small-button';
      b.textContent = 'Reviewed: it identifies nobody';
      b.addEventListener('click', () => {
        const lines = f.el.value.split(/\r\n|\r|\n/);
        const i = d.line - 1;
        if (lines[i] !== undefined && !/<!--\s*reviewed/i.test(lines[i])) lines[i] = `${lines[i].replace(/\s+$/, '')} <!-- reviewed -->`;
        f.el.value = lines.join('\n');
        save(f);
      });
      li.append(mark, document.createTextNode(` ${d.message} `), b);
      ul.append(li);
    }
    box.append(p, ul);
  }

  for (const el of root.querySelectorAll('[data-key]')) {
    const key = el.getAttribute('data-key');
    const op = el.getAttribute('data-op');
    if (op === 'rating') {
      const f = fields.get(key) ?? { el, key, op, value: 0 };
      fields.set(key, f);
      el.addEventListener('change', () => {
        f.el = el;
        f.value = el.value;
        save(f);
      });
      continue;
    }
    if (op === 'areas') {
      const f = { el, key, op, timer: 0, inflight: false, again: false, conflict: false };
      fields.set(key, f);
      const boxes = [...el.querySelectorAll('[data-area]')];
      for (const box of boxes) box.addEventListener('change', () => save(f));
      for (const note of el.querySelectorAll('[data-note]')) {
        note.addEventListener('input', () => {
          // A note says the area applies.
          const box = boxes.find((b) => b.getAttribute('data-area') === note.getAttribute('data-note'));
          if (box && note.value.trim() !== '') box.checked = true;
          say(el, 'Not saved yet…', 'pending');
          schedule(f);
        });
        note.addEventListener('blur', () => save(f));
      }
      continue;
    }
    const f = { el, key, op, base: op === 'text' ? el.defaultValue : '', timer: 0, inflight: false, again: false, conflict: false };
    fields.set(key, f);
    if (op === 'check') el.addEventListener('change', () => save(f));
    else {
      el.addEventListener('input', () => {
        countLine(f, words(el.value));
        say(el, 'Not saved yet…', 'pending');
        schedule(f);
        // Marked as typed, whether or not the save can go ahead.
        clearTimeout(f.scanTimer);
        f.scanTimer = setTimeout(() => scan(f), DELAY);
      });
      el.addEventListener('blur', () => save(f));
    }
  }

  // What is already in the answers is marked too, with "Reviewed" beside each detail.
  for (const f of fields.values()) if (f.op === 'text' && f.el.value.trim() !== '') scan(f);

  // Leaving the page: whatever was typed in the last moment goes too.
  window.addEventListener('pagehide', () => {
    for (const f of fields.values()) if (f.op === 'text' && !f.conflict && !f.inflight && norm(f.el.value) !== norm(f.base)) save(f, true);
  });
  // Back from an editor or a terminal: show what the file holds now.
  window.addEventListener('focus', async () => {
    const res = await fetch(`/api/entry?id=${encodeURIComponent(entry)}`, { credentials: 'same-origin' }).catch(() => undefined);
    if (res?.ok) apply((await res.json()).fields ?? {});
  });
}
