// The benchmark's inputs, built at run time from the shared corpus of real
// plans (never copied into the repository): the corpus replicated to N files
// at paths the built-in defaults map to each preset, and large plans made of
// real corpus sections.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export function readCorpus(dir) {
  const manifest = path.join(dir, 'MANIFEST.tsv')
  if (!existsSync(manifest)) throw new Error(`no corpus at ${dir} (MANIFEST.tsv missing); pass --corpus <dir>`)
  const [header, ...lines] = readFileSync(manifest, 'utf8').trim().split('\n')
  const columns = header.split('\t')
  return lines.map((line) => {
    const row = Object.fromEntries(line.split('\t').map((value, index) => [columns[index], value]))
    return { file: row.file, kind: row.kind, content: readFileSync(path.join(dir, row.file)) }
  })
}

/** The example plans, standing in for the corpus when it is absent (a quick smoke run only). */
export function examplesCorpus(examplesDir) {
  const kinds = { 'spec-dev': 'spec-dev', specflow: 'spec-kit', 'spec-kit': 'other' }
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(path.join(examplesDir, entry.name))
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => ({ file: `${entry.name}/${name}`, kind: kinds[entry.name] ?? 'other', content: readFileSync(path.join(examplesDir, entry.name, name)) }))
    )
}

function slug(file) {
  return path
    .basename(file, '.md')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 60)
}

/**
 * Where replica i of a corpus plan goes. Each kind lands where the built-in
 * defaults send it to a different preset, so all three rubrics are exercised:
 * spec-dev plans under .spec-dev/ (spec-dev), half of the spec-kit plans under
 * .specify/specs/ (specflow), everything else at specs/<name>/plan.md (generic).
 */
export function replicaPath(index, entry) {
  const name = slug(entry.file)
  if (entry.kind === 'spec-dev') return `r${index}/.spec-dev/${name}/plan.md`
  if (entry.kind === 'spec-kit' && index % 2 === 0) return `r${index}/.specify/specs/${name}/plan.md`
  return `r${index}/specs/${name}/plan.md`
}

export function replicas(corpus, count) {
  return Array.from({ length: count }, (_, index) => {
    const entry = corpus[index % corpus.length]
    return { path: replicaPath(index, entry), content: entry.content }
  })
}

/** Level-2 sections of a plan, split only outside fenced code so no fence is cut in half. */
function sections(text) {
  const out = []
  let current = null
  let fence = null
  for (const line of text.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (marker) {
      if (fence === null) fence = marker[1]
      else if (marker[1][0] === fence[0] && marker[1].length >= fence.length && line.trim() === marker[1]) fence = null
    }
    if (fence === null && /^## /.test(line)) {
      if (current) out.push(current.join('\n'))
      current = [line]
    } else if (current) {
      current.push(line)
    }
  }
  if (current && fence === null) out.push(current.join('\n'))
  return out.filter((section) => section.trim().length > 0)
}

/**
 * A realistic plan of at most `maxBytes`: a title, then real corpus sections
 * taken round-robin across the plans until the next one would not fit.
 */
export function largePlan(corpus, maxBytes, title) {
  const pools = corpus.map((entry) => sections(entry.content.toString('utf8'))).filter((pool) => pool.length > 0)
  const parts = [`# ${title}\n`]
  let bytes = Buffer.byteLength(parts[0]) + 1
  // Stop after a whole cycle over every section in which none fitted.
  const cycle = pools.length * Math.max(...pools.map((pool) => pool.length))
  let skipped = 0
  for (let round = 0; skipped < cycle; round++) {
    const pool = pools[round % pools.length]
    const section = pool[Math.floor(round / pools.length) % pool.length]
    const cost = Buffer.byteLength(section) + 2
    if (bytes + cost > maxBytes) {
      skipped++
      continue
    }
    parts.push(section)
    bytes += cost
    skipped = 0
  }
  return Buffer.from(`${parts.join('\n\n')}\n`)
}

export function writeFiles(root, files) {
  let bytes = 0
  for (const file of files) {
    const absolute = path.join(root, file.path)
    mkdirSync(path.dirname(absolute), { recursive: true })
    writeFileSync(absolute, file.content)
    bytes += file.content.length
  }
  return bytes
}

/** A config with the built-in mappings and raised limits, for plans past the default 1 MiB and 10 s budget. */
export function configWithLimit(maxPlanBytes, parseTimeoutMs) {
  return [
    'plans:',
    '  - files: ["**/.spec-dev/**/*plan.md"]',
    '    rubric: spec-dev',
    '  - files: ["**/.specify/specs/**/plan.md"]',
    '    rubric: specflow',
    '  - files: ["**/plan.md"]',
    '    rubric: generic',
    'limits:',
    `  maxPlanBytes: ${maxPlanBytes}`,
    ...(parseTimeoutMs ? [`  parseTimeoutMs: ${parseTimeoutMs}`] : []),
    ''
  ].join('\n')
}
