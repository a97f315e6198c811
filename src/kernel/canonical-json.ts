/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, bigints written as
 * decimal strings, `undefined` members dropped. Two equal values always give the same
 * text, which is what the log hashes and what signatures cover.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return `"${value.toString()}"`;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`canonical JSON holds safe integers only, got ${value}`);
      return value.toString();
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map(canonicalItem).join(',')}]`;
      return canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

function canonicalItem(item: unknown): string {
  return item === undefined ? 'null' : canonicalJson(item);
}

/** Quoted keys, memoised: a log holds the same few dozen keys millions of times. */
const quotedKeys = new Map<string, string>();

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function canonicalObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  // Most objects already have sorted keys or few of them; sort only when needed.
  for (let index = 1; index < keys.length; index += 1) {
    if ((keys[index - 1] as string) > (keys[index] as string)) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${quoteKey(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}
