// The local web workspace: one portfolio, served to this computer only.
// A portfolio's contents and a browser's other tabs are both untrusted, so
// every request passes the same gate: the loopback Host (no DNS rebinding),
// the session cookie (from the token in the printed address), and for any
// change a same-origin Origin and the page's token.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Catalogue } from '../programme/load.js';
import { route } from './routes.js';
import type { Reply, Site } from './site.js';

export interface WebOptions {
  root: string;
  cat: Catalogue;
  today: () => string;
  port?: number;
  supervisor?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface Running {
  /** The address to open, with the token in it. */
  url: string;
  port: number;
  token: string;
  /** Addresses it listens on (127.0.0.1, and ::1 where the machine has it). */
  hosts: string[];
  close(): Promise<void>;
}

const MAX_BODY = 4 * 1024 * 1024;

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-src 'none'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export async function startServer(o: WebOptions): Promise<Running> {
  // 256 bits: far past guessing, and never derived from anything on disk.
  const token = randomBytes(32).toString('hex');
  const csrf = createHmac('sha256', token).update('csrf').digest('hex');
  const site: Site = { root: o.root, cat: o.cat, today: o.today, csrf, supervisor: Boolean(o.supervisor), env: o.env ?? process.env };
  let port = 0;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, { site, token, csrf, port: () => port }).catch((err: unknown) => fail(res, err));
  };
  const v4 = createServer(handler);
  port = await listen(v4, '127.0.0.1', o.port ?? 0);
  const servers: Server[] = [v4];
  const hosts = ['127.0.0.1'];
  const v6 = createServer(handler);
  try {
    await listen(v6, '::1', port);
    servers.push(v6);
    hosts.push('::1');
  } catch {
    // No IPv6 loopback on this machine: 127.0.0.1 is enough.
  }
  return {
    url: `http://127.0.0.1:${port}/${o.supervisor ? 'supervisor' : ''}?token=${token}`,
    port,
    token,
    hosts,
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }))).then(() => undefined),
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

interface Gate {
  site: Site;
  token: string;
  csrf: string;
  port: () => number;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

async function handle(req: IncomingMessage, res: ServerResponse, g: Gate): Promise<void> {
  const port = g.port();
  const host = req.headers.host ?? '';
  // A page another site's DNS points at 127.0.0.1 still sends that site's name here.
  const allowed = [`127.0.0.1:${port}`, `[::1]:${port}`, `localhost:${port}`];
  if (!allowed.includes(host.toLowerCase())) return send(res, { status: 403, text: 'Forbidden: this server answers only to its own loopback address.' });
  const target = req.url ?? '/';
  if (!target.startsWith('/') || target.startsWith('//')) return send(res, { status: 404, text: 'Not found.' });
  const url = new URL(target, `http://${host}`);
  // Cookies are shared between ports: the name carries the port, so two portfolios open at once keep theirs.
  const name = `permanence-${port}`;
  const given = url.searchParams.get('token');
  if (given !== null && req.method === 'GET') {
    if (!same(given, g.token)) return send(res, { status: 403, text: 'Forbidden: that address has an old or wrong token. Use the one permanence open printed.' });
    url.searchParams.delete('token');
    return send(res, {
      status: 303,
      headers: {
        Location: url.pathname + url.search,
        'Set-Cookie': `${name}=${g.token}; HttpOnly; SameSite=Strict; Path=/`,
      },
      text: 'Signed in.',
    });
  }
  const cookie = cookieOf(req, name);
  if (cookie === undefined || !same(cookie, g.token)) {
    return send(res, { status: 403, text: 'Forbidden: open the address that permanence open printed (it carries the key to this portfolio).' });
  }
  const method = req.method ?? 'GET';
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    if (method !== 'POST') return send(res, { status: 405, headers: { Allow: 'GET, POST' }, text: 'Method not allowed.' });
    if (req.headers.origin !== `http://${host}`) return send(res, { status: 403, text: 'Forbidden: a change must come from a page of this server.' });
    body = await readBody(req);
    if (body === undefined) return send(res, { status: 413, text: 'Too large.' });
    const fromForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(body.toString('utf8')).get('csrf') : null;
    const csrf = (req.headers['x-csrf-token'] as string | undefined) ?? fromForm ?? '';
    if (!same(csrf, g.csrf)) return send(res, { status: 403, text: "Forbidden: a change must carry this page's token." });
  }
  const reply = await route(g.site, method === 'HEAD' ? 'GET' : method, url, body);
  send(res, reply, method === 'HEAD');
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, r: Reply, headOnly = false): void {
  const type = r.html !== undefined ? 'text/html; charset=utf-8' : r.json !== undefined ? 'application/json; charset=utf-8' : r.type ?? 'text/plain; charset=utf-8';
  const data = r.html ?? (r.json !== undefined ? JSON.stringify(r.json) : undefined) ?? r.bytes ?? r.text ?? '';
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  res.writeHead(r.status ?? 200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(buf.length), ...r.headers });
  res.end(headOnly ? undefined : buf);
}

function fail(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  send(res, { status: 500, text: `Something went wrong, and nothing was changed by it: ${message}` });
}
