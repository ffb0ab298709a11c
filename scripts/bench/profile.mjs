// Self time of a V8 CPU profile (.cpuprofile from `node --cpu-prof`), charged
// to packages and to plan-gate's own modules.
import { readFileSync } from 'node:fs'

const PARSER = /^(micromark|mdast-util-|unist-|unified|remark-|vfile|decode-named-character-reference|character-entities|devlop|bail|trough|is-plain-obj|extend|ccount|markdown-table|longest-streak|zwitch)/

function owner(url, functionName) {
  if (!url) return functionName === '(garbage collector)' ? 'garbage collection' : functionName === '(program)' || functionName === '(idle)' ? 'V8 / idle' : 'native'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]
  if (pkg) return pkg
  const own = /\/(?:build|\.bench)\/tsc\/(src\/[^/]+(?:\/[^/]+)?)/.exec(url)?.[1]
  if (own) return own.replace(/\.js$/, '')
  if (url.startsWith('node:')) return 'Node.js internals'
  return url
}

/** Profiles of every thread (the main one and each worker) merged into one, node ids kept apart. */
function merge(files) {
  const nodes = []
  const samples = []
  const timeDeltas = []
  files.forEach((file, index) => {
    const profile = JSON.parse(readFileSync(file, 'utf8'))
    const offset = (index + 1) * 10_000_000
    for (const node of profile.nodes) nodes.push({ ...node, id: node.id + offset, children: (node.children ?? []).map((child) => child + offset) })
    profile.samples.forEach((id, at) => {
      samples.push(id + offset)
      timeDeltas.push(profile.timeDeltas[at] ?? 0)
    })
  })
  return { nodes, samples, timeDeltas }
}

export function summarizeProfile(files) {
  const profile = merge(Array.isArray(files) ? files : [files])
  const time = new Map()
  profile.samples.forEach((id, index) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)))
  // A thread waiting for work is not spending CPU.
  for (const node of profile.nodes) if (node.callFrame.functionName === '(idle)') time.delete(node.id)
  const owners = new Map()
  const functions = new Map()
  let total = 0
  for (const node of profile.nodes) {
    const ms = (time.get(node.id) ?? 0) / 1000
    if (ms === 0) continue
    total += ms
    const { url, functionName, lineNumber } = node.callFrame
    const who = owner(url, functionName)
    owners.set(who, (owners.get(who) ?? 0) + ms)
    const key = `${functionName || '(anonymous)'} (${who}${url ? `:${lineNumber + 1}` : ''})`
    functions.set(key, (functions.get(key) ?? 0) + ms)
  }
  // Who in plan-gate drives re2js: the nearest plan-gate frame above each re2js sample.
  const parent = new Map()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node)
  const re2Callers = new Map()
  for (const node of profile.nodes) {
    const ms = (time.get(node.id) ?? 0) / 1000
    if (ms === 0 || owner(node.callFrame.url, node.callFrame.functionName) !== 're2js') continue
    let up = parent.get(node.id)
    while (up && !/\/(?:build|\.bench)\/tsc\/src\//.test(up.callFrame.url)) up = parent.get(up.id)
    const key = up ? `${up.callFrame.functionName || '(anonymous)'} (${owner(up.callFrame.url, '')}:${up.callFrame.lineNumber + 1})` : '(outside plan-gate)'
    re2Callers.set(key, (re2Callers.get(key) ?? 0) + ms)
  }
  const groups = new Map()
  for (const [who, ms] of owners) {
    const group = PARSER.test(who) ? 'Markdown parser (micromark, mdast, unified)' : who === 're2js' ? 're2js (RE2 patterns)' : who.startsWith('src/') ? `plan-gate ${who.split('/')[1]}` : who === 'garbage collection' ? 'garbage collection' : 'other (Node.js, V8, module loading)'
    groups.set(group, (groups.get(group) ?? 0) + ms)
  }
  const sorted = (map) => [...map].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms)
  /** Self time of every frame at or below a function with this name (inclusive time). */
  const inclusive = (name) => {
    let sum = 0
    for (const node of profile.nodes) {
      const ms = (time.get(node.id) ?? 0) / 1000
      if (ms === 0) continue
      for (let up = node; up; up = parent.get(up.id)) {
        if (up.callFrame.functionName === name) {
          sum += ms
          break
        }
      }
    }
    return sum
  }
  // GFM autolink literals: the tokenizer's own frames plus the tree transform that rewrites text nodes.
  const autolinkMs = (owners.get('micromark-extension-gfm-autolink-literal') ?? 0) + inclusive('transformGfmAutolinkLiterals')
  return { totalMs: total, groups: sorted(groups), owners: sorted(owners), functions: sorted(functions), re2Callers: sorted(re2Callers), autolinkMs }
}
