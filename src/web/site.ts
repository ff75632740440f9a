// What every page is given, and what it gives back.
import type { Catalogue } from '../programme/load.js';

export interface Site {
  root: string;
  cat: Catalogue;
  today: () => string;
  /** The token every change must carry (in a header or a form field). */
  csrf: string;
  supervisor: boolean;
  env: NodeJS.ProcessEnv;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  html?: string;
  json?: unknown;
  text?: string;
  bytes?: Buffer;
  type?: string;
}

export const redirect = (to: string): Reply => ({ status: 303, headers: { Location: to }, text: 'See other.' });
export const notFound = (): Reply => ({ status: 404, text: 'Not found.' });
