// The text a supervisor signed, recovered from git: for each file a sign-off
// record lists, the version in the history whose SHA-256 is the one recorded.
// Only what the record proves is trusted: a version whose digest differs is
// never taken for the signed one.
import { sha256, textDigest, type FileDigest } from '../verify/digest.js';
import { git, gitAvailable, isRepo } from '../util/git.js';

export interface SignedTexts {
  /** The commit that held the signed content, when one did. */
  commit?: string;
  /** Signed text of each file found in git whose digest matches the record's. */
  texts: Map<string, string>;
  /** Files the record lists whose signed text is not in git (never committed as signed). */
  notInGit: string[];
  /** Why nothing could be looked up in git, when nothing could. */
  noGit?: string;
}

/** How far back from the sign-off's commit to look for a file's signed version. */
const DEPTH = 50;

/**
 * The signed text of each of `paths` (among the record's files). `hint`: a commit
 * the record names as signed; else the commit that added the record, and the
 * commits before it.
 */
export function signedTexts(root: string, record: { files: FileDigest[]; git_commit?: string }, recordFile: string, paths: string[]): SignedTexts {
  const want = new Map(record.files.filter((f) => paths.includes(f.path)).map((f) => [f.path, f.sha256]));
  if (!gitAvailable()) return { texts: new Map(), notInGit: [...want.keys()], noGit: 'git is not installed' };
  if (!isRepo(root)) return { texts: new Map(), notInGit: [...want.keys()], noGit: 'this portfolio is not a git repository' };
  const start = record.git_commit ?? git(root, ['log', '--diff-filter=A', '--format=%H', '-1', '--', recordFile]).stdout.trim();
  const commits = start ? git(root, ['rev-list', `--max-count=${DEPTH}`, start]).stdout.split('\n').filter(Boolean) : [];
  const texts = new Map<string, string>();
  let commit: string | undefined;
  for (const [path, digest] of want) {
    for (const c of commits) {
      const shown = git(root, ['show', `${c}:${path}`]);
      if (!shown.ok) continue;
      // A record made before line endings stopped counting holds the digest of the bytes.
      if (textDigest(shown.stdout) === digest || sha256(shown.stdout) === digest) {
        texts.set(path, shown.stdout);
        commit ??= c;
        break;
      }
    }
  }
  return { ...(commit ? { commit } : {}), texts, notInGit: [...want.keys()].filter((p) => !texts.has(p)) };
}
