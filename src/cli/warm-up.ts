import { checkPlan } from '../engine/check.js'
import { RubricLoader } from '../rubric/load.js'
import { presets } from '../rubric/presets/index.js'

// V8's code cache (code-cache.ts) holds the functions the run that wrote it
// had compiled, and later runs compile the rest again. A whole-repository scan
// checks its plans in workers, so its main thread never compiles the engine:
// written after a scan, the cache left every later one-plan check (the hooks,
// `check --changed`) compiling the engine anew, 141 ms above `node -e 0`
// instead of 109 ms (interleaved medians of 31 on the 1,000-plan replica). So before the
// cache is written, this thread checks one small plan against every built-in
// preset, once, and the cache holds the engine whatever the first run was.

// Something of each kind of part rules read: headings, prose, a placeholder, a table, tasks, code, a gate line.
const SAMPLE_PLAN = [
  '# Implementation Plan: Sample',
  '',
  '## Summary',
  '',
  'Adds a cache of computed reports, so that a rerun reads what did not change. **Owner**: TBD',
  '',
  '## Technical Context',
  '',
  '- **Language**: TypeScript',
  '- **Storage**: [NEEDS CLARIFICATION: which store]',
  '',
  '## Architecture',
  '',
  '```mermaid',
  'flowchart LR',
  '  A --> B',
  '```',
  '',
  '## Risks',
  '',
  '| Risk | Likelihood | Impact | Mitigation |',
  '| --- | --- | --- | --- |',
  '| Stale entries | Low | High | Key by content hash |',
  '',
  '## Tasks',
  '',
  '- [x] T001 Write the cache',
  '- [ ] T002 Test a changed rubric invalidates it',
  '',
  'Gate: FAIL — T002 is open',
  ''
].join('\n')

/** Checks the sample plan against every built-in preset, for the compiled code alone; never throws. */
export async function warmUpEngine(): Promise<void> {
  try {
    const loader = new RubricLoader(async () => null)
    for (const name of presets.keys()) {
      const rubric = await loader.load(name, null)
      checkPlan({ file: 'plan.md', content: SAMPLE_PLAN }, { rubric, rubricSource: name })
    }
  } catch {
    // Only what is compiled matters here; the run's result was given before.
  }
}
