// Verify on every push, by the git host's own CI: the workflow file for
// GitHub Actions or GitLab CI that a portfolio (or a programme team) keeps in
// its repository. Nothing here schedules or runs anything itself.

export type Host = 'github' | 'gitlab';

export const WORKFLOW_FILE: Record<Host, string> = {
  github: '.github/workflows/permanence-verify.yml',
  gitlab: '.gitlab-ci.yml',
};

/** The report the job keeps: JUnit, which both hosts show as test results. */
export const REPORT_FILE = 'permanence-verify.xml';

/**
 * The command the job runs. --redact: a CI log and its artefacts leave the
 * machine, so an identifying detail is named there by file, line and kind only.
 */
export const verifyCommand = (version: string) => `npx --yes permanence@${version} verify --redact --format junit --output ${REPORT_FILE}`;

export function workflow(host: Host, version: string): string {
  const command = verifyCommand(version);
  if (host === 'github') {
    // Keys as GitHub documents them (Workflow syntax for GitHub Actions).
    return `# Verify this Achieving Permanence portfolio on every push (permanence ${version}).
# The check is red until the portfolio is complete: that is what verify says.
# Its JUnit report is kept as an artefact; identifying details are named in it
# by file, line and kind only (--redact).
name: Verify portfolio
on:
  push:
  pull_request:
  workflow_dispatch:
permissions:
  contents: read
jobs:
  verify:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: permanence verify
        run: ${command}
      - name: Keep the report
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: permanence-verify
          path: ${REPORT_FILE}
`;
  }
  // Keys as GitLab documents them (CI/CD YAML syntax reference).
  return `# Verify this Achieving Permanence portfolio on every push (permanence ${version}).
# The job fails until the portfolio is complete: that is what verify says.
# Its JUnit report is kept and shown as test results; identifying details are
# named in it by file, line and kind only (--redact).
permanence-verify:
  image: node:20
  script:
    - ${command}
  artifacts:
    when: always
    paths:
      - ${REPORT_FILE}
    reports:
      junit: ${REPORT_FILE}
`;
}
