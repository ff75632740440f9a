// A workspace server on a copy of a portfolio, and plain HTTP requests to it
// with full control of the headers (Host, Origin, Cookie) a browser would send.
import { request } from 'node:http';
import { loadProgramme } from '../../src/programme/load.js';
import { startServer, type Running } from '../../src/web/server.js';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function raw(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: options.host ?? '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers }, setHost: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface Session {
  server: Running;
  root: string;
  cookie: string;
  csrf: string;
  get(path: string, headers?: Record<string, string>): Promise<Answer>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
}

export async function session(root: string, options: { supervisor?: boolean } = {}): Promise<Session> {
  const server = await startServer({ root, cat: loadProgramme(), today: () => '2026-05-11', supervisor: Boolean(options.supervisor) });
  const signIn = await raw(server.port, `/?token=${server.token}`);
  const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
  const home = await raw(server.port, '/', { headers: { Cookie: cookie } });
  const csrf = /<meta name="csrf-token" content="([0-9a-f]+)">/.exec(home.body)?.[1] ?? '';
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    server,
    root,
    cookie,
    csrf,
    get: (path, headers = {}) => raw(server.port, path, { headers: { Cookie: cookie, ...headers } }),
    post: (path, body, headers = {}) =>
      raw(server.port, path, {
        method: 'POST',
        headers: { Cookie: cookie, Origin: origin, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}
