/** Edit distance between two short words: insertions, deletions, substitutions and swaps of neighbours ("trian"). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * ` Did you mean "epochs"?` for the known word nearest a typo (within a third of its length, at least 1 edit, or
 * a prefix of it), else ''. `format` shows the suggestion as the user would type it (e.g. `--epochs`).
 */
export function didYouMean(input: string, known: readonly string[], format = (word: string) => JSON.stringify(word)): string {
  const scored = known.map((word) => ({ word, score: word.startsWith(input) && input.length >= 2 ? 0.5 : distance(input.toLowerCase(), word.toLowerCase()) }));
  const best = scored.sort((a, b) => a.score - b.score)[0];
  return best && best.score <= Math.max(1, Math.floor(input.length / 3)) ? ` Did you mean ${format(best.word)}?` : '';
}
