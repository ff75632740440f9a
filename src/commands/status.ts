import { assess } from '../assess/assess.js';
import { EXIT } from '../errors.js';
import { loadProgramme } from '../programme/load.js';
import { findPortfolio, readPortfolio } from '../portfolio/portfolio.js';
import { renderStatus } from '../report/status.js';
import { styleFor, type IO } from '../ui/io.js';

export async function status(io: IO, opts: { dir?: string; json?: boolean }): Promise<number> {
  const cat = loadProgramme();
  const root = findPortfolio(io.cwd, opts.dir);
  const portfolio = readPortfolio(root, cat);
  const a = assess(cat, portfolio, { today: io.today() });
  if (opts.json) {
    io.stdout.write(`${JSON.stringify(a, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(renderStatus(a, styleFor(io.stdout, io.env)));
  return EXIT.ok;
}
