/**
 * Reading typed values out of a YAML document while keeping every node's line and column,
 * so that each problem in a configuration file can be reported where it is. The readers
 * collect problems instead of throwing: one pass over a file lists everything wrong with it.
 *
 * A reader returns the value, or `undefined` after reporting why it could not. An object is
 * all or nothing: one bad field drops it (an unknown key is reported but spoils nothing).
 * Lists keep their good items and remember that they are incomplete, and the ids of all
 * their items, so that checks needing the whole list (sums, "is this id known") can stand
 * back instead of piling spurious problems on top of the real one. The top level and the
 * large sections are read leniently (`readSections`, `section`): a broken key there hides
 * nothing else.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLError, type YAMLMap, type Document as YamlDocument } from 'yaml';
import { parseDuration } from '../kernel/duration.ts';
import { multiplierToPpm, percentToPpm, yearSeconds } from '../kernel/rates.ts';

/** One thing wrong with a configuration file. Lines and columns count from 1. */
export interface ConfigProblem {
  line: number;
  column: number;
  /** Where in the document, as a dotted path with list indexes: `allocations[2].vesting.lockup`. */
  path: string;
  message: string;
}

/** The line and column of a node, plus its path: enough to report a problem there later. */
export interface Position {
  line: number;
  column: number;
  path: string;
}

/** Positions kept on every object a reader returns: the object itself, each key's value, and each key. */
export interface Located {
  readonly self: Position;
  /** Where each key's value starts: problems about a value point here. */
  readonly keys: Readonly<Record<string, Position>>;
  /** Where each key itself is written: problems about a whole list (a sum) point here. */
  readonly names: Readonly<Record<string, Position>>;
}

/** A parsed file: its YAML tree, line numbers and the problems found so far. */
export class ConfigSource {
  readonly problems: ConfigProblem[] = [];
  readonly document: YamlDocument.Parsed;
  private readonly lines = new LineCounter();

  constructor(
    readonly fileName: string,
    readonly text: string,
  ) {
    this.document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const error of [...this.document.errors, ...this.document.warnings]) this.reportSyntax(error);
  }

  /** True when the YAML itself is broken; the tree is then not worth reading. */
  get hasSyntaxErrors(): boolean {
    return this.document.errors.length > 0;
  }

  position(node: Node | null | undefined, path: string, fallbackOffset = 0): Position {
    const offset = node?.range?.[0] ?? fallbackOffset;
    const { line, col } = this.lines.linePos(offset);
    return { line: Math.max(line, 1), column: Math.max(col, 1), path };
  }

  report(at: Position, message: string): void {
    this.problems.push({ line: at.line, column: at.column, path: at.path, message });
  }

  /** The text of a node exactly as written in the file (an unquoted number keeps its digits). */
  sourceText(node: Node | null | undefined): string {
    if (isScalar(node) && typeof node.source === 'string' && node.source !== '') return node.source;
    const range = node?.range;
    return range ? this.text.slice(range[0], range[1]) : '';
  }

  private reportSyntax(error: YAMLError): void {
    const { line, col } = this.lines.linePos(error.pos[0]);
    const at = { line: Math.max(line, 1), column: Math.max(col, 1), path: '' };
    this.report(at, syntaxMessage(error, this.text.slice(error.pos[0], error.pos[0] + 200)));
  }
}

/** The key written at the start of `text`: `dao: {...}` -> `dao`. */
function keyAt(text: string): string {
  const quoted = /^(["'])(.*?)\1/.exec(text);
  if (quoted) return quoted[2] ?? '';
  return /^[^\s:,{}[\]]*/.exec(text)?.[0] ?? '';
}

/** YAML's own messages, reworded where a non-programmer would otherwise be lost. */
function syntaxMessage(error: YAMLError, text: string): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return `key '${keyAt(text)}' appears twice here; each key may be given once`;
    case 'MULTIPLE_DOCS':
      return "the file must hold one YAML document: remove the '---' separator";
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation; YAML indents with spaces';
    default:
      return `YAML syntax: ${error.message.replace(/\s+/g, ' ').trim()}`;
  }
}

/**
 * Where a reader is: the source, the machine path, and a human description. `items` are the
 * labels of the list items we are inside ("allocation bitwave-lab", "tranche audit"),
 * `section` the top-level key, `key` the path below the nearest item or section.
 */
export interface Cursor {
  readonly source: ConfigSource;
  readonly path: string;
  readonly section: string;
  readonly items: readonly string[];
  readonly key: string;
  /** The node that holds this one: problems about a missing value point at it. */
  readonly parent: Node | null;
}

export function rootCursor(source: ConfigSource): Cursor {
  return { source, path: '', section: '', items: [], key: '', parent: null };
}

/** "tier d30", "staking" or "" : what a message about this place starts with. */
export function placeOf(at: Cursor): string {
  return at.items.length > 0 ? at.items.join(', ') : at.section;
}

/** "tier d30: apyPercent", "staking: earlyExit.penaltyPercent" or "governanceToken". */
export function subjectOf(at: Cursor): string {
  const place = placeOf(at);
  if (place && at.key) return `${place}: ${at.key}`;
  return place || at.key;
}

/** Prefixes a message with the place it is about: "allocation team: " + message. */
export function aboutPlace(at: Cursor, message: string): string {
  const place = subjectOf(at);
  return place ? `${place}: ${message}` : message;
}

function childCursor(at: Cursor, key: string, parent: Node | null): Cursor {
  const path = at.path ? `${at.path}.${key}` : key;
  if (!at.section && !at.key && at.items.length === 0) return { ...at, path, section: key, key: '', parent };
  return { ...at, path, key: at.key ? `${at.key}.${key}` : key, parent };
}

function itemCursor(at: Cursor, index: number, label: string | undefined, parent: Node | null): Cursor {
  const path = `${at.path}[${index}]`;
  if (label === undefined) return { ...at, path, key: `${at.key || at.section} item ${index + 1}`, parent };
  return { ...at, path, items: [...at.items, label], key: '', parent };
}

export function positionOf(node: Node | null, at: Cursor): Position {
  const fallback = at.parent?.range?.[0] ?? 0;
  return at.source.position(node, at.path, fallback);
}

export function reportAt(node: Node | null, at: Cursor, message: string): undefined {
  at.source.report(node ? positionOf(node, at) : positionOf(at.parent, at), message);
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Readers
// ---------------------------------------------------------------------------------------

export type Reader<T> = (node: Node | null, at: Cursor) => T | undefined;

/** Follows `*alias` references to the node they name. */
function resolve(node: Node | null | undefined, at: Cursor): Node | null {
  if (node === undefined || node === null) return null;
  if (isAlias(node)) return (node.resolve(at.source.document) as Node | undefined) ?? null;
  return node;
}

/** How to describe what was found instead of what was expected: `"3%"`, `3`, `a list`. */
export function describeFound(node: Node | null, at: Cursor): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a set of keys';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'nothing';
    if (typeof node.value === 'string') return JSON.stringify(clip(node.value));
    return clip(at.source.sourceText(node));
  }
  return 'something else';
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A scalar's string value, or undefined after a problem when it is not a string. */
function stringValue(node: Node | null, at: Cursor, expected: string, example: string): string | undefined {
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  if (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'bigint')) {
    const written = at.source.sourceText(node);
    return reportAt(
      node,
      at,
      `${subjectOf(at)} must be ${expected} in quotes, such as "${written}": YAML reads an unquoted number as a floating-point number, which can lose digits`,
    );
  }
  return reportAt(node, at, `${subjectOf(at)} must be ${expected} such as "${example}" (found ${describeFound(node, at)})`);
}

export function text(options: { lengthMax: number }): Reader<string> {
  return (raw, at) => {
    const node = resolve(raw, at);
    if (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean')) return at.source.sourceText(node);
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
      return reportAt(node, at, `${subjectOf(at)} must be some text (found ${describeFound(node, at)})`);
    }
    if (node.value.length > options.lengthMax) {
      return reportAt(node, at, `${subjectOf(at)} is ${node.value.length} characters long; at most ${options.lengthMax} are allowed`);
    }
    return node.value;
  };
}

/**
 * The kinds of ids a configuration uses, each as strict as the engine command that receives
 * it, so that a bad id is reported here with its line instead of failing at genesis.
 */
export const idKinds = {
  /** Ledger ids: assets, actors, tiers, committees. */
  id: { pattern: /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/, rule: "an id: 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit" },
  /** Client account ids: no '@', which opens the names of system accounts. */
  account: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/,
    rule: "an account id: 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
  },
  /** Funds and milestone burns: they name `@treasury.<id>` and `milestone:<id>`. */
  short: { pattern: /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, rule: "an id: 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit" },
  /** Vesting grants (allocation names) and milestones: no ':' that could make two ids meet. */
  name: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, rule: "a name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit" },
  /** Pools and revenue policies: not even '.', since `@pool.<id>.rewards` names another account. */
  plain: { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, rule: "a name: 1 to 64 letters, digits, '_' or '-', starting with a letter or digit" },
  /** Fee and income classes. */
  class: { pattern: /^[a-z][a-z0-9_.:-]{0,59}$/, rule: "a class name: 1 to 60 lower-case letters, digits, '_', '.', ':' or '-', starting with a letter" },
  /** Reward factors of an emission pool. */
  factor: { pattern: /^[a-z][a-z0-9_]{0,31}$/, rule: "a factor name: 1 to 32 lower-case letters, digits or '_', starting with a letter" },
} as const satisfies Record<string, { pattern: RegExp; rule: string }>;

export type IdKind = keyof typeof idKinds;

/** An id of the given kind (default: a ledger id). */
export function id(kind: IdKind = 'id'): Reader<string> {
  const { pattern, rule } = idKinds[kind];
  return (raw, at) => {
    const node = resolve(raw, at);
    const value =
      isScalar(node) && typeof node.value === 'string' ? node.value : isScalar(node) && typeof node.value === 'number' ? at.source.sourceText(node) : undefined;
    if (value === undefined || !pattern.test(value)) return reportAt(node, at, `${subjectOf(at)} must be ${rule} (found ${describeFound(node, at)})`);
    return value;
  };
}

/** A symbol such as BTT: letters and digits. */
export function symbol(options: { lengthMax: number }): Reader<string> {
  return (raw, at) => {
    const node = resolve(raw, at);
    const value = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
    if (value === undefined || !/^[A-Za-z0-9]+$/.test(value) || value.length > options.lengthMax) {
      return reportAt(node, at, `${subjectOf(at)} must be 1 to ${options.lengthMax} letters or digits, such as "BTT" (found ${describeFound(node, at)})`);
    }
    return value;
  };
}

const amountPattern = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** An amount in token units as a decimal string. Its decimals are checked later, against its token. */
export function amount(): Reader<string> {
  return (raw, at) => {
    const node = resolve(raw, at);
    const value = stringValue(node, at, 'an amount', '1000');
    if (value === undefined) return undefined;
    if (!amountPattern.test(value) || value.length > 80) {
      const hint = /,|_| /.test(value) ? ' without thousands separators' : '';
      return reportAt(node, at, `${subjectOf(at)} must be an amount such as "1000" or "12.5"${hint} (found ${describeFound(node, at)})`);
    }
    return value;
  };
}

/** A percentage as a decimal string ("2.5" is 2.5 %): at most 4 decimals, at most 100. */
export function percent(): Reader<string> {
  return (raw, at) => {
    const node = resolve(raw, at);
    const value = stringValue(node, at, 'a percentage', '2.5');
    if (value === undefined) return undefined;
    if (!amountPattern.test(value)) {
      const stripped = value.replace(/\s*%$/, '');
      const example = amountPattern.test(stripped) ? stripped : '2.5';
      return reportAt(node, at, `${subjectOf(at)} must be a percentage such as "${example}" (found ${describeFound(node, at)})`);
    }
    try {
      percentToPpm(value);
    } catch {
      const decimals = value.split('.')[1]?.length ?? 0;
      const why = decimals > 4 ? 'has more than 4 decimals' : 'is above 100';
      return reportAt(node, at, `${subjectOf(at)} must be a percentage from 0 to 100 with at most 4 decimals; "${value}" ${why}`);
    }
    return value;
  };
}

/** A multiplier such as "1.5": a decimal string with at most 6 decimals, at most `max`. */
export function multiplier(options: { max: string }): Reader<string> {
  const maxPpm = multiplierToPpm(options.max);
  return (raw, at) => {
    const node = resolve(raw, at);
    const value = stringValue(node, at, 'a multiplier', '1.5');
    if (value === undefined) return undefined;
    if (!amountPattern.test(value) || (value.split('.')[1]?.length ?? 0) > 6 || value.length > 20) {
      return reportAt(node, at, `${subjectOf(at)} must be a multiplier such as "1.5" (at most 6 decimals; found ${describeFound(node, at)})`);
    }
    if (multiplierToPpm(value) > maxPpm) return reportAt(node, at, `${subjectOf(at)} must be at most ${options.max} (found "${value}")`);
    return value;
  };
}

/** The longest duration anywhere in a configuration: a century, so end times stay safe integers in ms. */
export const durationSecondsMax = 100 * yearSeconds;

/** A duration such as "30d" or "6mo", as integer seconds. Zero is allowed only where it means "none". */
export function duration(options: { allowZero: boolean; secondsMax?: number }): Reader<number> {
  const secondsMax = options.secondsMax ?? durationSecondsMax;
  return (raw, at) => {
    const node = resolve(raw, at);
    const units = 'units: s, min, h, d, w, mo, y';
    if (isScalar(node) && typeof node.value === 'number') {
      return reportAt(node, at, `${subjectOf(at)} must be a duration with a unit, such as "${at.source.sourceText(node)}d" or "6mo" (${units})`);
    }
    const value = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
    let seconds: number | undefined;
    try {
      seconds = value === undefined || value !== value.trim() ? undefined : parseDuration(value);
    } catch {
      seconds = undefined;
    }
    if (seconds === undefined) {
      return reportAt(node, at, `${subjectOf(at)} must be a duration such as "30d", "6mo" or "2y" (${units}; found ${describeFound(node, at)})`);
    }
    if (seconds === 0 && !options.allowZero) return reportAt(node, at, `${subjectOf(at)} must be longer than zero`);
    if (seconds > secondsMax) return reportAt(node, at, `${subjectOf(at)} is longer than the ${Math.round(secondsMax / yearSeconds)} years allowed`);
    return seconds;
  };
}

const isoTimePattern = /^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$/;

/** An ISO 8601 date or time with a zone ("2025-01-01T00:00:00Z"), as epoch milliseconds. */
export function isoTime(): Reader<number> {
  return (raw, at) => {
    const node = resolve(raw, at);
    const value = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
    const ms = value !== undefined && isoTimePattern.test(value) ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value) : Number.NaN;
    if (!Number.isSafeInteger(ms) || value === undefined || !sameCalendarDay(value, ms)) {
      return reportAt(node, at, `${subjectOf(at)} must be an ISO 8601 time such as "2025-01-01T00:00:00Z" (found ${describeFound(node, at)})`);
    }
    return ms;
  };
}

/** Date.parse rolls "2025-02-30" over to March; a date that does not exist is a typo. */
function sameCalendarDay(text: string, ms: number): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}($|T[0-9:.]+Z$)/.test(text)) return true;
  return new Date(ms).toISOString().slice(0, 10) === text.slice(0, 10);
}

export function boolean(): Reader<boolean> {
  return (raw, at) => {
    const node = resolve(raw, at);
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    return reportAt(node, at, `${subjectOf(at)} must be true or false (found ${describeFound(node, at)})`);
  };
}

export function integer(options: { min: number; max: number }): Reader<number> {
  return (raw, at) => {
    const node = resolve(raw, at);
    if (isScalar(node) && typeof node.value === 'number' && Number.isSafeInteger(node.value) && /^[0-9]+$/.test(at.source.sourceText(node))) {
      if (node.value >= options.min && node.value <= options.max) return node.value;
    }
    return reportAt(node, at, `${subjectOf(at)} must be a whole number from ${options.min} to ${options.max} (found ${describeFound(node, at)})`);
  };
}

export function oneOf<const T extends string>(choices: readonly T[]): Reader<T> {
  return (raw, at) => {
    const node = resolve(raw, at);
    const value = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
    const choice = choices.find((candidate) => candidate === value);
    if (choice !== undefined) return choice;
    const suggestion = value === undefined ? undefined : closest(value, choices);
    const hint = suggestion ? ` (did you mean '${suggestion}'?)` : '';
    return reportAt(node, at, `${subjectOf(at)} must be one of: ${choices.join(', ')}; found ${describeFound(node, at)}${hint}`);
  };
}

// ---------------------------------------------------------------------------------------
// Objects, variants, lists, maps
// ---------------------------------------------------------------------------------------

export interface Field<T, O extends boolean> {
  readonly read: Reader<T>;
  readonly optional: O;
}

export function required<T>(read: Reader<T>): Field<T, false> {
  return { read, optional: false };
}

export function optional<T>(read: Reader<T>): Field<T, true> {
  return { read, optional: true };
}

export type Shape = Readonly<Record<string, Field<unknown, boolean>>>;
export type FieldValue<F> = F extends Field<infer T, boolean> ? T : never;
type RequiredKeys<S extends Shape> = { [K in keyof S]: S[K]['optional'] extends true ? never : K }[keyof S];
type OptionalKeys<S extends Shape> = Exclude<keyof S, RequiredKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** What an object reader returns: the fields (optional ones may be absent) and their positions. */
export type ObjectOf<S extends Shape> = Simplify<
  { -readonly [K in RequiredKeys<S>]: FieldValue<S[K]> } & { -readonly [K in OptionalKeys<S>]?: FieldValue<S[K]> } & { readonly at: Located }
>;

/** A mapping with exactly the keys of `shape`; unknown keys are reported with a "did you mean". */
export function object<S extends Shape>(shape: S): Reader<ObjectOf<S>> {
  return (raw, at) => {
    const node = resolve(raw, at);
    if (!isMap(node)) return reportAt(node, at, `${subjectOf(at)} must be a set of "key: value" entries (found ${describeFound(node, at)})`);
    return readFields(node, at, shape, []) as ObjectOf<S> | undefined;
  };
}

/** Reads the keys of `shape` from `node`; `extraKeys` are keys the caller has read already. */
function readFields(node: YAMLMap, at: Cursor, shape: Shape, extraKeys: readonly string[]): Record<string, unknown> | undefined {
  // An unknown key is reported but does not spoil the rest: the object is read without it,
  // so the checks that depend on it still run and one pass finds more.
  const allowed = [...extraKeys, ...Object.keys(shape)];
  reportUnknownKeys(node, at, allowed);
  let valid = true;
  const values: Record<string, unknown> = {};
  const keys: Record<string, Position> = {};
  const names: Record<string, Position> = {};
  for (const [key, field] of Object.entries(shape)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (pair === undefined) {
      if (!field.optional) {
        reportAt(node, at, aboutPlace(at, `missing required key '${key}'`));
        valid = false;
      }
      continue;
    }
    const child = childCursor(at, key, node);
    const valueNode = (pair.value as Node | null) ?? null;
    const value = field.read(valueNode, child);
    keys[key] = positionOf(valueNode ?? (pair.key as Node), child);
    names[key] = positionOf(pair.key as Node, child);
    if (value === undefined) valid = false;
    else values[key] = value;
  }
  if (!valid) return undefined;
  return { ...values, at: { self: positionOf(node, at), keys, names } };
}

function reportUnknownKeys(node: YAMLMap, at: Cursor, allowed: readonly string[]): void {
  for (const pair of node.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    if (key !== undefined && allowed.includes(key)) continue;
    const suggestion = key === undefined ? undefined : closest(key, allowed);
    const hint = suggestion ? ` (did you mean '${suggestion}'?)` : ` (expected ${allowed.length > 1 ? 'one of: ' : ''}${allowed.join(', ')})`;
    const name = key === undefined ? 'a key that is not text' : `unknown key '${clip(key)}'`;
    reportAt(keyNode, at, aboutPlace(at, `${name}${hint}`));
  }
}

/** What a lenient read returns: every field that read cleanly, and the names of those that did not. */
export interface Sections<S extends Shape> {
  values: { -readonly [K in keyof S]?: FieldValue<S[K]> };
  /** Keys present but unreadable, or required and missing: checks that need them stand back. */
  failed: Set<keyof S & string>;
  at: Located;
}

/**
 * Reads a document's top level leniently: unlike `object`, one broken field does not hide
 * the others, so the checks between sections still run on everything that could be read.
 */
export function readSections<S extends Shape>(raw: Node | null, at: Cursor, shape: S): Sections<S> | undefined {
  const node = resolve(raw, at);
  if (!isMap(node)) {
    reportAt(node, at, `the file must be a set of "key: value" entries starting with dao:, tokens: and so on (found ${describeFound(node, at)})`);
    return undefined;
  }
  return readLeniently(node, at, shape);
}

/** A large section (treasury, staking, burns) read leniently, like the top level. */
export function section<S extends Shape>(shape: S): Reader<Sections<S>> {
  return (raw, at) => {
    const node = resolve(raw, at);
    if (!isMap(node)) return reportAt(node, at, `${subjectOf(at)} must be a set of "key: value" entries (found ${describeFound(node, at)})`);
    return readLeniently(node, at, shape);
  };
}

function readLeniently<S extends Shape>(node: YAMLMap, at: Cursor, shape: S): Sections<S> {
  reportUnknownKeys(node, at, Object.keys(shape));
  const values: Record<string, unknown> = {};
  const failed = new Set<string>();
  const keys: Record<string, Position> = {};
  const names: Record<string, Position> = {};
  for (const [key, field] of Object.entries(shape)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (pair === undefined) {
      if (!field.optional) {
        reportAt(node, at, aboutPlace(at, `missing required key '${key}'`));
        failed.add(key);
      }
      continue;
    }
    const child = childCursor(at, key, node);
    const valueNode = (pair.value as Node | null) ?? null;
    keys[key] = positionOf(valueNode ?? (pair.key as Node), child);
    names[key] = positionOf(pair.key as Node, child);
    const value = field.read(valueNode, child);
    if (value === undefined) failed.add(key);
    else values[key] = value;
  }
  return { values, failed, at: { self: positionOf(node, at), keys, names } } as Sections<S>;
}

export type Cases = Readonly<Record<string, Shape>>;

/** The objects a variant reader returns: one per case, tagged with the discriminating key. */
export type VariantOf<D extends string, C extends Cases> = { [K in keyof C & string]: Simplify<ObjectOf<C[K]> & Record<D, K>> }[keyof C & string];

/**
 * A mapping whose `discriminant` key ("kind", "mode") picks which other keys it takes:
 * `{ kind: linear, lockup: 6mo, duration: 36mo }`.
 */
export function variant<const D extends string, C extends Cases>(discriminant: D, cases: C): Reader<VariantOf<D, C>> {
  return (raw, at) => {
    const node = resolve(raw, at);
    if (!isMap(node)) return reportAt(node, at, `${subjectOf(at)} must be a set of "key: value" entries (found ${describeFound(node, at)})`);
    const names = Object.keys(cases);
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === discriminant);
    if (pair === undefined) return reportAt(node, at, aboutPlace(at, `missing required key '${discriminant}' (one of: ${names.join(', ')})`));
    const tag = oneOf(names)((pair.value as Node | null) ?? null, childCursor(at, discriminant, node));
    const shape = tag === undefined ? undefined : cases[tag];
    if (tag === undefined || shape === undefined) return undefined;
    const fields = readFields(node, at, shape, [discriminant]);
    return fields === undefined ? undefined : ({ ...fields, [discriminant]: tag } as VariantOf<D, C>);
  };
}

/** Lists that lost an item to a problem: checks over the whole list skip these. */
const incompleteLists = new WeakSet<readonly unknown[]>();

export function isComplete(list: readonly unknown[] | undefined): boolean {
  return list !== undefined && !incompleteLists.has(list);
}

/** An item's id as written, with where it is: kept even for items that failed to read. */
export interface ListedId {
  id: string;
  at: Position;
}

/** The ids of every item of a named list, or undefined when some item has no readable id. */
const listedIds = new WeakMap<readonly unknown[], ListedId[] | undefined>();

/**
 * The ids a list declares, its broken items included: a reference to a fund whose label has
 * a typo is not also "unknown". Undefined when some item's id could not be read at all.
 */
export function idsOf(list: readonly unknown[]): ListedId[] | undefined {
  return listedIds.get(list);
}

export interface ListOptions {
  /** What one item is called in messages: "allocation" makes "allocation team: ...". */
  noun?: string;
  /** The key that names an item in messages (default "id"). */
  idKey?: string;
  itemsMax: number;
  /** Zero items allowed? Default true. */
  allowEmpty?: boolean;
}

/** A YAML sequence; a single item given without the dash is accepted as a list of one. */
export function list<T>(item: Reader<T>, options: ListOptions): Reader<T[]> {
  return (raw, at) => {
    const node = resolve(raw, at);
    if (!isSeq(node)) return reportAt(node, at, `${subjectOf(at)} must be a list: lines starting with "- ", or [a, b] (found ${describeFound(node, at)})`);
    if (node.items.length > options.itemsMax) {
      return reportAt(node, at, `${subjectOf(at)} has ${node.items.length} items; at most ${options.itemsMax} are allowed`);
    }
    if (node.items.length === 0 && options.allowEmpty === false) return reportAt(node, at, `${subjectOf(at)} must have at least one item`);
    const values: T[] = [];
    const ids: ListedId[] = [];
    let complete = true;
    let named = true;
    node.items.forEach((child, index) => {
      const itemNode = resolve(child as Node | null, at);
      const listed = itemId(itemNode, options.idKey ?? 'id', at, `${at.path}[${index}]`);
      if (listed) ids.push(listed);
      else named = false;
      const label = options.noun === undefined ? undefined : `${options.noun} ${listed ? clip(listed.id) : index + 1}`;
      const value = item(itemNode, itemCursor(at, index, label, node));
      if (value === undefined) complete = false;
      else values.push(value);
    });
    if (!complete) incompleteLists.add(values);
    listedIds.set(values, named ? ids : undefined);
    return values;
  };
}

function itemId(node: Node | null, idKey: string, at: Cursor, itemPath: string): ListedId | undefined {
  if (!isMap(node)) return undefined;
  const value = node.items.find((pair) => isScalar(pair.key) && pair.key.value === idKey)?.value as Node | null | undefined;
  if (!isScalar(value) || (typeof value.value !== 'string' && typeof value.value !== 'number')) return undefined;
  const id = typeof value.value === 'string' ? value.value : at.source.sourceText(value);
  return { id, at: at.source.position(value, `${itemPath}.${idKey}`) };
}

/** What a dictionary reader returns: the entries in file order, and where each one is. */
export interface Dictionary<T> {
  entries: Map<string, T>;
  at: Located;
}

/** A mapping from free-form names (income classes, reward factors) to values of one kind. */
export function dictionary<T>(value: Reader<T>, options: { itemsMax: number; noun: string; keyKind: IdKind; allowEmpty?: boolean }): Reader<Dictionary<T>> {
  const { pattern, rule } = idKinds[options.keyKind];
  return (raw, at) => {
    const node = resolve(raw, at);
    if (!isMap(node)) return reportAt(node, at, `${subjectOf(at)} must be a set of "name: value" entries (found ${describeFound(node, at)})`);
    if (node.items.length > options.itemsMax)
      return reportAt(node, at, `${subjectOf(at)} has ${node.items.length} entries; at most ${options.itemsMax} are allowed`);
    const entries = new Map<string, T>();
    const keys: Record<string, Position> = {};
    const names: Record<string, Position> = {};
    let valid = true;
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const name = isScalar(keyNode) ? String(keyNode.value) : '';
      const child = childCursor(at, name, node);
      if (!pattern.test(name)) {
        reportAt(keyNode, at, aboutPlace(at, `${options.noun} '${clip(name)}' must be ${rule}`));
        valid = false;
        continue;
      }
      const valueNode = (pair.value as Node | null) ?? null;
      keys[name] = positionOf(valueNode ?? keyNode, child);
      names[name] = positionOf(keyNode, child);
      const read = value(valueNode, child);
      if (read === undefined) valid = false;
      else entries.set(name, read);
    }
    return valid ? { entries, at: { self: positionOf(node, at), keys, names } } : undefined;
  };
}

/** A reader that accepts what either of two readers accepts, picked by the node's shape. */
export function either<A, B>(options: { whenScalar: Reader<A>; whenMap: Reader<B>; expected: string }): Reader<A | B> {
  return (raw, at) => {
    const node = resolve(raw, at);
    if (isScalar(node) && node.value !== null) return options.whenScalar(node, at);
    if (isMap(node)) return options.whenMap(node, at);
    return reportAt(node, at, `${subjectOf(at)} must be ${options.expected} (found ${describeFound(node, at)})`);
  };
}

// ---------------------------------------------------------------------------------------
// Suggestions
// ---------------------------------------------------------------------------------------

/** The candidate closest to `word` by edit distance, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return bestDistance <= tolerance ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row) row[j] = value;
    }
  }
  return at(a.length, b.length);
}
