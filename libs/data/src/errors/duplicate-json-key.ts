/**
 * The first key that an object in a JSON text gives twice (`{"age": 3, "age": "x"}`), with the path of that
 * object, or undefined. `JSON.parse` keeps the later value silently; a record with a key twice is a mistake to
 * name, not to guess. Meant for text that parses; on text that does not, the answer means nothing.
 */
export function duplicateJsonKey(text: string): { key: string; path: string } | undefined {
  // One frame per open object or array: the keys seen so far (objects) and where it sits (for the message).
  const frames: { keys?: Set<string>; path: string; expectKey: boolean; lastKey?: string; index: number }[] = [];
  // Only quotes, brackets and commas matter: a native search jumps over numbers, literals and whitespace.
  const structural = /["{}[\],]/g;
  for (let match = structural.exec(text); match; match = structural.exec(text)) {
    const i = match.index;
    const ch = text[i];
    const top = frames[frames.length - 1];
    if (ch === '"') {
      const end = endOfString(text, i);
      if (top?.keys && top.expectKey) {
        const key = decodeString(text.slice(i, end + 1));
        if (top.keys.has(key)) return { key, path: top.path };
        top.keys.add(key);
        top.lastKey = key;
        top.expectKey = false;
      }
      structural.lastIndex = end + 1;
    } else if (ch === '{' || ch === '[') {
      const path = !top ? '$' : top.keys ? `${top.path}.${top.lastKey}` : `${top.path}[${top.index}]`;
      frames.push({ keys: ch === '{' ? new Set() : undefined, path, expectKey: ch === '{', index: 0 });
    } else if (ch === '}' || ch === ']') {
      frames.pop();
    } else if (ch === ',' && top) {
      if (top.keys) top.expectKey = true;
      else top.index++;
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opening at `start` (one not escaped by an odd run of backslashes). */
function endOfString(text: string, start: number): number {
  for (let quote = text.indexOf('"', start + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text[quote - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return text.length - 1;
}

function decodeString(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal;
  }
}
