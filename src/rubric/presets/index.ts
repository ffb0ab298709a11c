import { provideTitleWords } from '../../engine/text.js'
import type { RubricFile } from '../schema.js'
import { generic } from './generic.js'
import { kiro, kiroRequirements, kiroTasks } from './kiro.js'
import { openspec, openspecProposal, openspecTasks } from './openspec.js'
import { specDev } from './spec-dev.js'
import { specKit } from './spec-kit.js'
import { specflow } from './specflow.js'
import { builtInTitleWords } from './title-words.js'

// Built-in rubrics, by the name users write in `rubric:` and `extends:`.
export const presets: ReadonlyMap<string, RubricFile> = new Map([
  ['spec-dev', specDev],
  ['specflow', specflow],
  ['spec-kit', specKit],
  ['openspec', openspec],
  ['openspec-proposal', openspecProposal],
  ['openspec-tasks', openspecTasks],
  ['kiro', kiro],
  ['kiro-requirements', kiroRequirements],
  ['kiro-tasks', kiroTasks],
  ['generic', generic]
])

// Their names' match keys come precomputed (title-words.ts).
provideTitleWords(builtInTitleWords)
