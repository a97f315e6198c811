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

function canonicalObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object).sort();
  let out = '{';
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}
