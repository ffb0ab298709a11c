// Markdown cut short must not leave a code fence or a <details> open: it would
// swallow whatever note follows the cut. Shared by the job summary and the
// comment writer, which both cut to GitHub's limits.
export function closeOpenBlocks(text: string): string {
  let out = text
  let fence: string | null = null
  for (const line of text.split('\n')) {
    const match = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (!match?.[1]) continue
    if (fence === null) fence = match[1]
    else if (match[1][0] === fence[0] && match[1].length >= fence.length && line.trim() === match[1]) fence = null
  }
  if (fence !== null) out += `\n${fence}`
  const opened = (text.match(/<details\b/gi) ?? []).length - (text.match(/<\/details>/gi) ?? []).length
  for (let i = 0; i < opened; i++) out += '\n\n</details>'
  return out
}
