// Shared by the benchmark's parent and its helpers: process measurement and
// small formatting helpers. Nothing here asserts a timing.
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const KiB = 1024
export const MiB = 1024 * 1024

const TIME = '/usr/bin/time'
const TIMEOUT = '/usr/bin/timeout'
export const hasGnuTime = existsSync(TIME) && spawnSync(TIME, ['-f', '%U', 'true'], { encoding: 'utf8' }).status === 0
const hasTimeout = existsSync(TIMEOUT)

export function median(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Median of each numeric field over several result objects. */
export function medianOf(results, fields) {
  return Object.fromEntries(fields.map((field) => [field, median(results.map((result) => result[field]))]))
}

export const ms = (value) => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value.toFixed(1)) : 'n/a')
export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a')
export const mib = (kib) => (Number.isFinite(kib) ? (kib / 1024).toFixed(0) : 'n/a')
export function size(bytes) {
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(2)} MiB`
  if (bytes >= KiB) return `${(bytes / KiB).toFixed(1)} KiB`
  return `${bytes} B`
}

export function table(header, rows, align) {
  const cells = (row) => `| ${row.map((cell) => String(cell).replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`
  const rule = `|${header.map((_, index) => ((align?.[index] ?? 'l') === 'r' ? '---:' : '---')).join('|')}|`
  return [cells(header), rule, ...rows.map(cells)].join('\n')
}

/** Children's CPU seconds so far (Linux), for when GNU time is not installed. */
function childCpuTicks() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // cutime and cstime are fields 16 and 17 of the whole line, in clock ticks (100 Hz on Linux).
    return { user: Number(fields[13]) * 10, sys: Number(fields[14]) * 10 }
  } catch {
    return { user: NaN, sys: NaN }
  }
}

/**
 * Runs a command to completion and measures it from the outside: wall time
 * from spawn to exit, CPU time (user + sys, all threads, children included)
 * and peak RSS. GNU time reports CPU and RSS when installed; `timeout` sits
 * between it and the command so a capped run kills the command itself, not
 * just the wrapper.
 */
export function measure(command, args, { cwd = ROOT, env = process.env, timeoutMs, capture = false, stdoutFile } = {}) {
  // A file sink costs what /dev/null does for a few MB, and lets the run be checked afterwards.
  const sink = stdoutFile === undefined ? undefined : openSync(stdoutFile, 'w')
  try {
    return measureWith(command, args, { cwd, env, timeoutMs, stdio: ['ignore', sink ?? (capture ? 'pipe' : 'ignore'), capture ? 'pipe' : 'ignore'] })
  } finally {
    if (sink !== undefined) closeSync(sink)
  }
}

function measureWith(command, args, { cwd, env, timeoutMs, stdio }) {
  const options = { cwd, env, stdio, maxBuffer: 256 * MiB, encoding: 'utf8' }
  if (hasGnuTime && (timeoutMs === undefined || hasTimeout)) {
    const scratch = mkdtempSync(path.join(tmpdir(), 'plan-gate-bench-time-'))
    const report = path.join(scratch, 'time.txt')
    const capped = timeoutMs === undefined ? [] : [TIMEOUT, '-s', 'KILL', String(timeoutMs / 1000)]
    const started = process.hrtime.bigint()
    const run = spawnSync(TIME, ['-f', '%U %S %M', '-o', report, ...capped, command, ...args], options)
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6
    let userMs = NaN
    let sysMs = NaN
    let maxRssKiB = NaN
    try {
      const last = readFileSync(report, 'utf8').trim().split('\n').pop() ?? ''
      const [user, sys, rss] = last.split(' ').map(Number)
      userMs = user * 1000
      sysMs = sys * 1000
      maxRssKiB = rss
    } catch {}
    rmSync(scratch, { recursive: true, force: true })
    const timedOut = timeoutMs !== undefined && run.status === 137
    return { wallMs, userMs, sysMs, cpuMs: userMs + sysMs, maxRssKiB, status: run.status, timedOut, stdout: run.stdout ?? '', stderr: run.stderr ?? '', error: run.error }
  }
  const before = childCpuTicks()
  const started = process.hrtime.bigint()
  const run = spawnSync(command, args, { ...options, timeout: timeoutMs, killSignal: 'SIGKILL' })
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6
  const after = childCpuTicks()
  const userMs = after.user - before.user
  const sysMs = after.sys - before.sys
  return {
    wallMs,
    userMs,
    sysMs,
    cpuMs: userMs + sysMs,
    maxRssKiB: NaN,
    status: run.status,
    timedOut: run.error?.code === 'ETIMEDOUT',
    stdout: run.stdout ?? '',
    stderr: run.stderr ?? '',
    error: run.error?.code === 'ETIMEDOUT' ? undefined : run.error
  }
}

/** Runs a helper script that prints one JSON object as its last stdout line. */
export function runJson(script, args, { cwd = ROOT, env = process.env, timeoutMs } = {}) {
  const run = spawnSync(process.execPath, [script, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * MiB, timeout: timeoutMs, killSignal: 'SIGKILL' })
  const last = (run.stdout ?? '').trim().split('\n').pop() ?? ''
  try {
    return JSON.parse(last)
  } catch {
    const why = run.error?.code === 'ETIMEDOUT' ? `timed out after ${timeoutMs} ms` : `exit ${run.status}`
    throw new Error(`${path.relative(ROOT, script)} ${args.join(' ')} failed (${why}): ${(run.stderr ?? '').trim().split('\n').slice(-5).join(' / ')}`)
  }
}

/** An asynchronous child, for when the parent must keep serving (fake GitHub, first-request timer). */
export function spawnAsync(command, args, { cwd = ROOT, env = process.env, timeoutMs = 60_000 } = {}) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk))
  const done = new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ status: null, signal: null, stdout, stderr: `${stderr}${error.message}` })
    })
    child.on('close', (status, signal) => {
      clearTimeout(timer)
      resolve({ status, signal, stdout, stderr })
    })
  })
  return { child, done }
}

export function tail(text, lines = 4) {
  return text.trim().split('\n').slice(-lines).join(' / ').slice(0, 600)
}
