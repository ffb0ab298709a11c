// Real git object ids for the fake's snapshots, so blob and tree shas behave
// like GitHub's: equal content gives equal ids, and any change shows.

import { createHash } from 'node:crypto'

export const BLOB_MODE = '100644'
// The API prints tree modes zero-padded, unlike the tree object itself.
export const TREE_MODE = '040000'

function hashObject(type: 'blob' | 'tree' | 'commit', payload: Buffer): string {
  const header = Buffer.from(`${type} ${payload.length}\0`, 'utf8')
  return createHash('sha1').update(header).update(payload).digest('hex')
}

export function blobSha(content: string): string {
  return hashObject('blob', Buffer.from(content, 'utf8'))
}

export interface TreeEntry {
  path: string
  mode: typeof BLOB_MODE | typeof TREE_MODE
  type: 'blob' | 'tree'
  sha: string
  // Bytes, for blobs only.
  size?: number
}

interface DirNode {
  dirs: Map<string, DirNode>
  files: Map<string, string>
  sha?: string
}

// git orders entries bytewise with a directory's name compared as "name/".
function gitOrder(a: { name: string; dir: boolean }, b: { name: string; dir: boolean }): number {
  const left = Buffer.from(a.dir ? `${a.name}/` : a.name, 'utf8')
  const right = Buffer.from(b.dir ? `${b.name}/` : b.name, 'utf8')
  return Buffer.compare(left, right)
}

function children(node: DirNode): Array<{ name: string; dir: boolean }> {
  return [
    ...[...node.dirs.keys()].map((name) => ({ name, dir: true })),
    ...[...node.files.keys()].map((name) => ({ name, dir: false }))
  ].sort(gitOrder)
}

// A snapshot's directory structure with every tree id computed, so any
// directory can be listed or looked up by its sha afterwards.
export class TreeIndex {
  readonly rootSha: string
  private readonly root: DirNode
  private readonly byTreeSha = new Map<string, string>()

  constructor(files: ReadonlyMap<string, string>) {
    this.root = { dirs: new Map(), files: new Map() }
    for (const [path, content] of files) {
      const parts = path.split('/')
      const name = parts.pop() ?? path
      let node = this.root
      for (const part of parts) {
        let next = node.dirs.get(part)
        if (next === undefined) {
          next = { dirs: new Map(), files: new Map() }
          node.dirs.set(part, next)
        }
        node = next
      }
      node.files.set(name, content)
    }
    this.rootSha = this.hashDir(this.root, '')
  }

  private hashDir(node: DirNode, prefix: string): string {
    const parts: Buffer[] = []
    for (const child of children(node)) {
      const childPath = prefix === '' ? child.name : `${prefix}/${child.name}`
      const sha = child.dir
        ? this.hashDir(node.dirs.get(child.name) as DirNode, childPath)
        : blobSha(node.files.get(child.name) ?? '')
      parts.push(Buffer.from(`${child.dir ? '40000' : BLOB_MODE} ${child.name}\0`, 'utf8'), Buffer.from(sha, 'hex'))
    }
    const sha = hashObject('tree', Buffer.concat(parts))
    node.sha = sha
    if (!this.byTreeSha.has(sha)) this.byTreeSha.set(sha, prefix)
    return sha
  }

  // Directory path ('' for the root) of a tree id, if it is part of this snapshot.
  dirOfTree(sha: string): string | undefined {
    return this.byTreeSha.get(sha)
  }

  isDir(dir: string): boolean {
    return this.find(dir) !== undefined
  }

  private find(dir: string): DirNode | undefined {
    if (dir === '') return this.root
    let node: DirNode | undefined = this.root
    for (const part of dir.split('/')) {
      node = node?.dirs.get(part)
      if (node === undefined) return undefined
    }
    return node
  }

  treeShaOf(dir: string): string | undefined {
    return this.find(dir)?.sha
  }

  // Entries below `dir`, paths relative to it, in the order git lists them
  // (`git ls-tree -r -t`): each directory just before its contents.
  list(dir: string, recursive: boolean): TreeEntry[] {
    const start = this.find(dir)
    if (start === undefined) return []
    const out: TreeEntry[] = []
    const walk = (node: DirNode, prefix: string): void => {
      for (const child of children(node)) {
        const path = prefix === '' ? child.name : `${prefix}/${child.name}`
        if (child.dir) {
          const sub = node.dirs.get(child.name) as DirNode
          out.push({ path, mode: TREE_MODE, type: 'tree', sha: sub.sha ?? '' })
          if (recursive) walk(sub, path)
        } else {
          const content = node.files.get(child.name) ?? ''
          out.push({ path, mode: BLOB_MODE, type: 'blob', sha: blobSha(content), size: Buffer.byteLength(content, 'utf8') })
        }
      }
    }
    walk(start, '')
    return out
  }
}

export function commitSha(tree: string, parents: readonly string[], message: string, timestamp: number): string {
  const signature = `Plan Gate Fixture <fixture@example.invalid> ${timestamp} +0000`
  const text = [
    `tree ${tree}`,
    ...parents.map((parent) => `parent ${parent}`),
    `author ${signature}`,
    `committer ${signature}`,
    '',
    message,
    ''
  ].join('\n')
  return hashObject('commit', Buffer.from(text, 'utf8'))
}
