// The best one-to-one assignment of a plan's parts to a rubric's requirements.
// Taking the best match of each requirement in turn lets a weak match use up a
// part another requirement needs ("Architecture Decisions" taken as the
// architecture when "Component Architecture" exists); maximising the total
// quality over all requirements at once does not.

export interface Pairing {
  row: number
  column: number
  score: number
}

/**
 * Pairs rows with columns one-to-one so that the sum of the scores is largest.
 * `pairs` lists the possible pairs with a positive score; a row may stay
 * unpaired. Among equal totals, earlier columns win. Hungarian method over
 * the columns that appear in some pair: O(rows² × columns).
 */
export function assign(rowCount: number, pairs: readonly Pairing[]): Pairing[] {
  if (rowCount === 0 || pairs.length === 0) return []
  const columns = [...new Set(pairs.map((pair) => pair.column))].sort((a, b) => a - b)
  const columnAt = new Map(columns.map((column, position) => [column, position]))
  // Each row may also take a dummy column of its own, scoring 0: staying unpaired.
  const width = columns.length + rowCount
  const best = new Map<number, number>()
  for (const pair of pairs) {
    if (!(pair.score > 0)) continue
    const key = pair.row * width + columnAt.get(pair.column)!
    if ((best.get(key) ?? 0) < pair.score) best.set(key, pair.score)
  }
  // Earlier columns win ties: a penalty far below any difference between real scores.
  const tie = 1e-9 / Math.max(1, columns.length)
  const cost = (row: number, position: number): number => {
    if (position >= columns.length) return 0
    const score = best.get(row * width + position)
    return score === undefined ? 0 : -score + tie * position
  }
  // Shortest augmenting paths with potentials (rows 1..n, columns 1..m; index 0 is the sentinel).
  const u = new Float64Array(rowCount + 1)
  const v = new Float64Array(width + 1)
  const owner = new Int32Array(width + 1)
  const way = new Int32Array(width + 1)
  for (let row = 1; row <= rowCount; row++) {
    owner[0] = row
    let column0 = 0
    const minimum = new Float64Array(width + 1).fill(Infinity)
    const used = new Uint8Array(width + 1)
    do {
      used[column0] = 1
      const row0 = owner[column0]!
      let delta = Infinity
      let column1 = 0
      for (let column = 1; column <= width; column++) {
        if (used[column]) continue
        const reduced = cost(row0 - 1, column - 1) - u[row0]! - v[column]!
        if (reduced < minimum[column]!) {
          minimum[column] = reduced
          way[column] = column0
        }
        if (minimum[column]! < delta) {
          delta = minimum[column]!
          column1 = column
        }
      }
      for (let column = 0; column <= width; column++) {
        if (used[column]) {
          const holder = owner[column]!
          u[holder] = u[holder]! + delta
          v[column] = v[column]! - delta
        } else {
          minimum[column] = minimum[column]! - delta
        }
      }
      column0 = column1
    } while (owner[column0] !== 0)
    do {
      const column1 = way[column0]!
      owner[column0] = owner[column1]!
      column0 = column1
    } while (column0 !== 0)
  }
  const result: Pairing[] = []
  for (let position = 1; position <= columns.length; position++) {
    const row = owner[position]!
    if (row === 0) continue
    const score = best.get((row - 1) * width + position - 1)
    if (score !== undefined) result.push({ row: row - 1, column: columns[position - 1]!, score })
  }
  return result.sort((a, b) => a.row - b.row)
}
