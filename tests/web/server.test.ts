// The workspace's security model, over plain HTTP: the token, the Host, the
// Origin, the paths that do not exist, and what a hostile answer becomes.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, tmp } from '../helpers.js';
import { raw, session, type Session } from './web.js';

let s: Session;
beforeAll(async () => {
  s = await session(fixtureCopy('fresh'));
});
afterAll(() => s.server.close());

const PAGES = ['/', '/week/1.2', '/item/learning-goals', '/item/selfassessment-baseline', '/selfassessment', '/coverage', '/problems', '/submission', '/supervisor'];

describe('the token', () => {
  it('is at least 128 bits, random, and in the printed address', () => {
    expect(s.server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(s.server.url).toContain(`token=${s.server.token}`);
  });

  it('is exchanged for an HttpOnly, SameSite=Strict cookie, and the address loses it', async () => {
    const r = await raw(s.server.port, `/week/1.2?token=${s.server.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/week/1.2');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it.each(PAGES)('without it, %s is 403', async (path) => {
    expect((await raw(s.server.port, path)).status).toBe(403);
    expect((await raw(s.server.port, path, { headers: { Cookie: `permanence-${s.server.port}=${'0'.repeat(64)}` } })).status).toBe(403);
  });

  it('a wrong token in the address is 403, and no cookie is set', async () => {
    const r = await raw(s.server.port, `/?token=${'a'.repeat(64)}`);
    expect(r.status).toBe(403);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it.each(PAGES)('with it, %s is served with a strict Content-Security-Policy', async (path) => {
    const r = await s.get(path);
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'; style-src 'self'/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    // No request leaves the machine: nothing on the page names another origin.
    expect(r.body).not.toMatch(/(?:src|href|action)="(?:https?:)?\/\//);
  });
});

describe('the tabs', () => {
  it.each([
    ['/week/1.2', 'Home'],
    ['/item/learning-goals', 'Home'],
    ['/item/selfassessment-baseline', 'Self-assessment'],
    ['/coverage', 'Coverage'],
  ])('%s marks %s as the current tab, and only that one', async (path, tab) => {
    const current = (await s.get(path)).body.match(/aria-current="page">[^<]+/g) ?? [];
    expect(current).toEqual([`aria-current="page">${tab}`]);
  });
});

describe('the Host header', () => {
  it.each(['evil.example:80', `evil.example:${0}`, 'localhost.evil.example', '127.0.0.1', `127.0.0.2:PORT`, `attacker.test:PORT`])('%s is 403, even with the cookie', async (host) => {
    const r = await s.get('/', { Host: host.replace('PORT', String(s.server.port)) });
    expect(r.status).toBe(403);
  });

  it('names the loopback address and this port', async () => {
    expect((await s.get('/', { Host: `localhost:${s.server.port}` })).status).toBe(200);
  });
});

describe('a change', () => {
  const save = { entry: '1.2', key: '3a', op: 'text', value: 'My own notes on the vignettes.', base: '' };

  it('from another origin is 403, and nothing is written', async () => {
    const before = readFileSync(join(s.root, 'module-1/week-2.md'), 'utf8');
    for (const origin of ['http://evil.example', 'null', `http://localhost:${s.server.port + 1}`]) {
      expect((await s.post('/api/save', save, { Origin: origin })).status).toBe(403);
    }
    expect((await s.post('/api/save', save, { Origin: '' })).status).toBe(403);
    expect(readFileSync(join(s.root, 'module-1/week-2.md'), 'utf8')).toBe(before);
  });

  it("without the page's token is 403, even from the same origin with the cookie", async () => {
    expect((await s.post('/api/save', save, { 'X-CSRF-Token': '' })).status).toBe(403);
    expect((await s.post('/api/save', save, { 'X-CSRF-Token': s.server.token })).status).toBe(403);
  });

  it('without the cookie is 403', async () => {
    expect((await s.post('/api/save', save, { Cookie: '' })).status).toBe(403);
  });

  it('as a form from another site is 403', async () => {
    const r = await s.post('/supervisor/signoff', `csrf=${s.csrf}&name=x&role=y&attendance=yes`, { Origin: 'http://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(403);
  });

  it('with all three is saved, into that answer only', async () => {
    const r = await s.post('/api/save', save);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).state).toBe('saved');
    expect(readFileSync(join(s.root, 'module-1/week-2.md'), 'utf8')).toContain('My own notes on the vignettes.');
  });

  it('to a method other than GET and POST is refused', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      expect((await raw(s.server.port, '/api/save', { method, headers: { Cookie: s.cookie, Origin: `http://127.0.0.1:${s.server.port}`, 'X-CSRF-Token': s.csrf } })).status).toBe(405);
    }
  });
});

describe('paths', () => {
  const paths = [
    '/../portfolio.yaml',
    '/week/../../portfolio.yaml',
    '/%2e%2e/portfolio.yaml',
    '/week/%2e%2e%2f%2e%2e%2fportfolio.yaml',
    '/week/1.2%2f..%2f..%2fportfolio.yaml',
    '/item/..%2f..%2fportfolio.yaml',
    '/portfolio.yaml',
    '/module-1/week-2.md',
    '/private/names.txt',
    '/submission/',
    '/submission/manifest.json',
    '/assets/',
    '/assets/../portfolio.yaml',
    '//etc/passwd',
    '/etc/passwd',
    '/C:/Windows/win.ini',
    '/week/9.9',
    '/item/no-such-item',
  ];
  it.each(paths)('%s is 404', async (path) => {
    const r = await s.get(path);
    expect(r.status).toBe(404);
    expect(r.body).not.toMatch(/participant|Achieving Permanence/);
  });

  it('the PDF is served only from the portfolio\'s own submission folder, never through a link out of it', async () => {
    const outside = tmp();
    writeFileSync(join(outside, 'portfolio.pdf'), '%PDF-1.7 not the portfolio\'s');
    rmSync(join(s.root, 'submission'), { recursive: true, force: true });
    symlinkSync(outside, join(s.root, 'submission'));
    expect((await s.get('/submission/portfolio.pdf')).status).toBe(404);
    rmSync(join(s.root, 'submission'));
    mkdirSync(join(s.root, 'submission'));
    symlinkSync(join(outside, 'portfolio.pdf'), join(s.root, 'submission', 'portfolio.pdf'));
    expect((await s.get('/submission/portfolio.pdf')).status).toBe(404);
    rmSync(join(s.root, 'submission'), { recursive: true });
  });

  it('an absolute-form request target is 404', async () => {
    expect((await s.get('http://127.0.0.1/portfolio.yaml')).status).toBe(404);
  });

  it('a save names an entry by its identity, never by a file', async () => {
    for (const entry of ['module-1/week-2.md', '../portfolio.yaml', 'item:../../x', '/etc/passwd']) {
      const r = await s.post('/api/save', { entry, key: 'a', op: 'text', value: 'x', base: '' });
      expect(r.status).toBe(400);
    }
  });
});

describe('hostile answers', () => {
  const hostile = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '[click me](javascript:alert(3))', '"><svg onload=alert(4)>', "'; alert(5); '"];

  it('come back as text on every page that shows them', async () => {
    const file = join(s.root, 'module-1/week-2.md');
    const text = readFileSync(file, 'utf8');
    // In an answer, in the participant's name, and outside any answer.
    writeFileSync(file, text.replace('### a) Notes', `${hostile.join('\n\n')}\n\n### a) Notes`).replace('### a) My response to vignette 1 (Jamal)', `### a) My response to vignette 1 (Jamal)\n\n${hostile.join('\n\n')}`));
    const yaml = join(s.root, 'portfolio.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^participant: .*$/m, 'participant: "<script>alert(6)</script>"'));
    for (const path of ['/', '/week/1.2', '/problems', '/supervisor', '/coverage']) {
      const r = await s.get(path);
      expect(r.status).toBe(200);
      expect(r.body).not.toMatch(/<script>alert|<img src=x|<svg onload|href="javascript:/i);
      const scripts = r.body.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts).toEqual(['<script src="/assets/app.js" defer>']);
    }
    const week = (await s.get('/week/1.2')).body;
    expect(week).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(week).toContain('&#60;img src=x onerror=alert(2)&#62;');
    expect(week).toContain('[click me](javascript:alert(3))');
  });

  it('saved through the page are written as the participant typed them', async () => {
    const r = await s.post('/api/save', { entry: '1.2', key: '7a', op: 'text', value: hostile[1], base: '' });
    expect(r.status).toBe(200);
    expect(readFileSync(join(s.root, 'module-1/week-2.md'), 'utf8')).toContain(hostile[1]);
  });
});

describe('the network', () => {
  it('listens on the loopback addresses only', () => {
    expect(s.server.hosts.every((h) => h === '127.0.0.1' || h === '::1')).toBe(true);
  });

  it('answers on ::1 as on 127.0.0.1, where the machine has it', async () => {
    if (!s.server.hosts.includes('::1')) {
      console.log('skipped: the IPv6 loopback, because this machine has no ::1');
      return;
    }
    const r = await raw(s.server.port, '/', { host: '::1', headers: { Host: `[::1]:${s.server.port}`, Cookie: s.cookie } });
    expect(r.status).toBe(200);
  });

  it('is not reachable on any other address of this machine', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    if (others.length === 0) console.log('skipped: reaching the server on a non-loopback address, because this machine has none');
    for (const address of others) {
      const reached = await new Promise<boolean>((resolve) => {
        const c = connect({ host: address, port: s.server.port, timeout: 2000 });
        c.on('connect', () => (c.destroy(), resolve(true)));
        c.on('error', () => resolve(false));
        c.on('timeout', () => (c.destroy(), resolve(false)));
      });
      expect(reached, address).toBe(false);
    }
  });
});
