// A set of lines for the questions asked of every line of a portfolio: "is
// this one of the template's lines?".

/** What a set of lines is asked: a Set<string> answers it too. */
export interface Lines {
  has(line: string): boolean;
  readonly size: number;
}

/**
 * Lines kept by length and compared whole with those of the same length. A
 * Set hashes each string it is asked about, and every line asked about is
 * newly cut from a file: over the demo's lines this is several times quicker.
 */
export class LineSet implements Lines {
  private readonly byLength = new Map<number, string[]>();
  size = 0;

  constructor(lines: Iterable<string> = []) {
    for (const l of lines) this.add(l);
  }

  add(line: string): void {
    const same = this.byLength.get(line.length);
    if (same?.includes(line)) return;
    if (same) same.push(line);
    else this.byLength.set(line.length, [line]);
    this.size++;
  }

  has(line: string): boolean {
    const same = this.byLength.get(line.length);
    if (same) for (const l of same) if (l === line) return true;
    return false;
  }
}
