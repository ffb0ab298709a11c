// Tokens the fake accepts. An Actions GITHUB_TOKEN is an installation token:
// it cannot call GET /user, and with `permissions: read-all` (or on a pull
// request from a fork) every write is refused with 403.

import { ACTIONS_BOT, fakeUser, type FakeUser } from './state.js'

export type TokenAccess = 'read' | 'write'
export type TokenKind = 'installation' | 'personal'

export interface TokenConfig {
  access?: TokenAccess
  kind?: TokenKind
  // Author of what the token creates; github-actions[bot] for installation
  // tokens unless set.
  user?: FakeUser
}

export type TokenSpec = TokenAccess | TokenConfig

export interface Identity {
  token: string
  access: TokenAccess
  kind: TokenKind
  user: FakeUser
}

// Registered when no `tokens` option is given.
export const FAKE_TOKENS = {
  write: 'ghs_fakeInstallationWriteToken000000000',
  read: 'ghs_fakeInstallationReadOnlyToken000000',
  personal: 'ghp_fakePersonalAccessToken0000000000000'
} as const

export const PERSONAL_USER: FakeUser = fakeUser('octocat')

export function defaultTokens(): Record<string, TokenSpec> {
  return {
    [FAKE_TOKENS.write]: 'write',
    [FAKE_TOKENS.read]: 'read',
    [FAKE_TOKENS.personal]: { access: 'write', kind: 'personal' }
  }
}

export function identities(tokens: Record<string, TokenSpec>): Map<string, Identity> {
  const out = new Map<string, Identity>()
  for (const [token, spec] of Object.entries(tokens)) {
    const config: TokenConfig = typeof spec === 'string' ? { access: spec } : spec
    const kind = config.kind ?? 'installation'
    out.set(token, {
      token,
      access: config.access ?? 'write',
      kind,
      user: config.user ?? (kind === 'installation' ? ACTIONS_BOT : PERSONAL_USER)
    })
  }
  return out
}

export type AuthResult = { ok: true; identity: Identity } | { ok: false; reason: 'missing' | 'bad' }

// Accepts both schemes GitHub does: "token X" (what Octokit sends) and "Bearer X".
export function authenticate(header: string | undefined, known: Map<string, Identity>): AuthResult {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' }
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header.trim())
  const identity = match?.[1] === undefined ? undefined : known.get(match[1])
  return identity === undefined ? { ok: false, reason: 'bad' } : { ok: true, identity }
}
