import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssertionFailure } from './assert.ts';
import { overlayOf } from './overlay.ts';

/*
 * The overlay against the thing it stands in for: every script runs once through
 * `overlayOf(base)` and once on `structuredClone(base)`; what each read returns and the
 * final state must match (order included), and `base` must be exactly as before.
 * Reproduce a failure of the property with POLITY_TEST_SEED=<seed> (printed on failure).
 */
const seed = Number(process.env.POLITY_TEST_SEED ?? 20_260_101);

/** An order-sensitive, tagged picture of a value: Maps, Sets, holes, bigints and cycles kept apart. */
function plain(value: unknown, ancestors: readonly unknown[] = []): unknown {
  if (typeof value === 'bigint') return { $n: String(value) };
  if (value === undefined) return { $undefined: true };
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.includes(value)) return { $cycle: ancestors.length - ancestors.indexOf(value) };
  const inner = [...ancestors, value];
  if (value instanceof Map) return { $map: [...value].map(([key, item]) => [plain(key), plain(item, inner)]) };
  if (value instanceof Set) return { $set: [...value].map((item) => plain(item)) };
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let index = 0; index < value.length; index += 1) items.push(index in value ? plain(value[index], inner) : { $hole: true });
    return { $array: items };
  }
  const record = value as Record<string, unknown>;
  return { $object: Object.keys(record).map((key) => [key, plain(record[key], inner)]) };
}

/** An assignment as an expression, for one-line table rows. */
function put<T extends object>(target: T, key: PropertyKey, value: unknown): unknown {
  Reflect.set(target, key, value);
  return value;
}

/** Runs `script` through an overlay and on a deep copy; the answers and end states must match, the base must not move. */
function sameAsCopy<T>(makeBase: () => T, script: (state: T) => unknown): void {
  const base = makeBase();
  const before = plain(base);
  const copy = structuredClone(base);
  const view = overlayOf(base);
  expect(plain(script(view))).toEqual(plain(script(copy)));
  expect(plain(view)).toEqual(plain(copy));
  expect(plain(base)).toEqual(before);
}

interface Row {
  a: bigint;
  tags: string[];
  sub: Map<string, { units: bigint }>;
}
const row = (a: bigint): Row => ({ a, tags: ['x', 'y'], sub: new Map([['k', { units: a * 10n }]]) });
const baseMap = () =>
  new Map<string, Row>([
    ['a', row(1n)],
    ['b', row(2n)],
    ['c', row(3n)],
  ]);

describe('Map operations (base keys first in base order, then added keys in insertion order, as a Map)', () => {
  it.each<[string, (map: Map<string, Row>) => unknown]>([
    ['get of a base key', (map) => map.get('b')],
    ['get of a missing key', (map) => map.get('z')],
    ['has, before and after delete', (map) => [map.has('a'), map.delete('a'), map.has('a'), map.has('z')]],
    ['set of a base key keeps its place', (map) => [...map.set('b', row(20n)).keys()]],
    ['set of a new key appends it', (map) => [...map.set('z', row(9n)).keys()]],
    ['delete then set of a base key moves it to the end', (map) => [map.delete('a'), [...map.set('a', row(7n)).keys()]]],
    ['delete of an added key, then set again', (map) => [map.set('z', row(1n)).set('y', row(2n)).delete('z'), [...map.set('z', row(3n)).keys()]]],
    ['delete of a missing key is false, twice is false', (map) => [map.delete('z'), map.delete('b'), map.delete('b'), map.size]],
    ['clear, then set', (map) => [map.clear(), map.size, map.has('a'), [...map.set('b', row(5n)).set('q', row(6n))]]],
    ['size through every kind of write', (map) => [map.set('z', row(0n)).size, map.delete('a'), map.size, map.set('a', row(1n)).size]],
    ['keys, values, entries and spread agree', (map) => [[...map.keys()], [...map.values()], [...map.entries()], [...map]]],
    [
      'forEach passes value, key and the map itself',
      (map) => {
        const seen: unknown[] = [];
        map.forEach((value, key, self) => {
          seen.push([key, value.a, self === map]);
        });
        return seen;
      },
    ],
    [
      'an entry deleted during iteration is skipped, one added is visited',
      (map) => {
        const visited: string[] = [];
        for (const [key] of map) {
          visited.push(key);
          if (key === 'a') map.delete('b');
          if (key === 'a') map.set('z', row(0n));
        }
        return visited;
      },
    ],
    [
      'a base key deleted and set again during iteration is visited again at the end',
      (map) => {
        const visited: string[] = [];
        for (const key of map.keys()) {
          visited.push(key);
          if (key === 'b' && visited.length < 5) {
            map.delete('a');
            map.set('a', row(9n));
          }
        }
        return visited;
      },
    ],
    [
      'clear during iteration ends the base part; keys set after it are visited',
      (map) => {
        const visited: string[] = [];
        for (const key of map.keys()) {
          visited.push(key);
          if (key === 'a') {
            map.clear();
            map.set('n', row(1n));
          }
        }
        return visited;
      },
    ],
    [
      'nested writes through get stay in the view',
      (map) => {
        const value = map.get('a');
        if (!value) throw new Error('a is in the base');
        value.a += 100n;
        value.tags.push('z');
        value.sub.set('k2', { units: 1n });
        const inner = value.sub.get('k');
        if (inner) inner.units = -1n;
        return map;
      },
    ],
    [
      'nested writes through iteration stay in the view',
      (map) => {
        for (const value of map.values()) value.a *= 2n;
        map.forEach((value) => {
          value.tags.splice(0, 1);
        });
        return map;
      },
    ],
    ['new Map of the view', (map) => new Map(map)],
  ])('%s', (_name, script) => sameAsCopy(baseMap, script));

  it('returns the same object for a base entry each time, by get or by iteration', () => {
    const view = overlayOf(baseMap());
    const first = view.get('a');
    expect(view.get('a')).toBe(first);
    expect([...view.values()][0]).toBe(first);
    expect(view instanceof Map).toBe(true);
  });
});

describe('Set operations', () => {
  const baseSet = () => new Set(['a', 'b', 'c']);
  it.each<[string, (set: Set<string>) => unknown]>([
    ['has and size', (set) => [set.has('a'), set.has('z'), set.size]],
    ['add of a present member changes nothing', (set) => [...set.add('b')]],
    ['add of a new member appends it', (set) => [...set.add('z')]],
    ['delete then add of a base member moves it to the end', (set) => [set.delete('a'), [...set.add('a')]]],
    ['delete of a missing member is false', (set) => [set.delete('z'), set.delete('a'), set.delete('a'), set.size]],
    ['clear, then add', (set) => [set.clear(), set.size, [...set.add('b').add('q')]]],
    ['values, keys, entries agree', (set) => [[...set.values()], [...set.keys()], [...set.entries()]]],
    [
      'forEach passes value twice and the set',
      (set) => {
        const seen: unknown[] = [];
        set.forEach((value, key, self) => {
          seen.push([value, key, self === set]);
        });
        return seen;
      },
    ],
    [
      'delete and add during iteration',
      (set) => {
        const visited: string[] = [];
        for (const value of set) {
          visited.push(value);
          if (value === 'a') set.delete('c').valueOf();
          if (value === 'a') set.add('z');
        }
        return visited;
      },
    ],
  ])('%s', (_name, script) => sameAsCopy(baseSet, script));
});

describe('array operations', () => {
  const baseArray = () => [1n, { n: 2n }, [3n], 'four', { n: 5n }];
  type Items = unknown[];
  it.each<[string, (items: Items) => unknown]>([
    ['length and index reads', (items) => [items.length, items[0], items[2], items[9]]],
    ['push', (items) => [items.push(6n, { n: 7n }), items]],
    ['pop', (items) => [items.pop(), items.pop(), items]],
    ['shift and unshift', (items) => [items.shift(), items.unshift('a', 'b'), items]],
    ['splice', (items) => [items.splice(1, 2, 'x', 'y', 'z'), items]],
    ['index write inside and beyond the end (holes)', (items) => [put(items, 1, 'one'), put(items, 8, 'eight'), items.length, 6 in items, items]],
    ['delete of an index leaves a hole', (items) => [delete items[1], 1 in items, items.length, items]],
    ['length cut then grown back reads holes', (items) => [put(items, 'length', 2), put(items, 'length', 5), items[3], 3 in items, items]],
    ['reverse and sort', (items) => [items.reverse(), items.sort((a, b) => String(typeof a).localeCompare(String(typeof b)))]],
    ['fill and copyWithin', (items) => [items.copyWithin(0, 3), items.fill(0n, 3)]],
    [
      'map, filter, find, includes, indexOf, join',
      (items) => [
        items.map((item) => typeof item),
        items.filter((item) => typeof item === 'bigint'),
        items.includes('four'),
        items.indexOf('four'),
        items.slice(3).join('|'),
      ],
    ],
    ['spread, Array.from, for-of, Object.keys, entries', (items) => [[...items], Array.from(items), Object.keys(items), [...items.entries()]]],
    ['JSON.stringify sees the view', (items) => JSON.stringify(items, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value))],
    [
      'nested writes through elements stay in the view',
      (items) => {
        const second = items[1] as { n: bigint };
        second.n = 20n;
        (items[2] as bigint[]).push(30n);
        for (const item of items) if (typeof item === 'object' && item !== null && 'n' in item) (item as { n: bigint }).n += 1n;
        return items;
      },
    ],
    ['an element moved by splice is still overlaid', (items) => [items.splice(0, 1), put(items[0] as { n: bigint }, 'n', 99n), items]],
  ])('%s', (_name, script) => sameAsCopy(baseArray, script));

  it('is an array to Array.isArray, instanceof and concat', () => {
    const view = overlayOf({ list: [1, 2] }).list;
    expect(Array.isArray(view)).toBe(true);
    expect(Object.getPrototypeOf(view)).toBe(Array.prototype);
    expect([0].concat(view)).toEqual([0, 1, 2]);
  });

  it('reads only the base elements it is asked for: a push on a long history copies nothing', () => {
    const history = Array.from({ length: 100_000 }, (_, index) => index);
    let reads = 0;
    const counted = new Proxy(history, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver);
      },
    });
    const view = overlayOf({ history: counted }).history;
    view.push(100_000);
    view[view.length - 2] = -1;
    expect([view.length, view[99_999], view[100_000], view[5]]).toEqual([100_001, -1, 100_000, 5]);
    expect(reads).toBe(1);
    expect(history.length).toBe(100_000);
  });
});

describe('plain objects', () => {
  const baseObject = () => ({ a: 1n, b: { c: [1, 2], d: new Map([['x', { y: 1 }]]) }, 7: 'seven', e: 'e' });
  type Shape = ReturnType<typeof baseObject> & Record<string, unknown>;
  it.each<[string, (state: Shape) => unknown]>([
    ['property reads', (state) => [state.a, state.b.c[1], state[7], state.missing]],
    ['property writes, new keys keep key order', (state) => [put(state, 'a', 2n), put(state, 'z', 'z'), put(state, 3, 'three'), Object.keys(state)]],
    ['delete and in', (state) => [Reflect.deleteProperty(state, 'e'), 'e' in state, 'a' in state, Object.keys(state)]],
    ['nested writes', (state) => [state.b.c.push(3), state.b.d.set('q', { y: 2 }), put(state.b.d.get('x') as { y: number }, 'y', 5), state]],
    [
      'spread, Object.entries, rest destructuring, JSON',
      (state) => [{ ...state.b }, Object.entries(state).length, (({ a: _a, ...rest }) => rest)(state), JSON.stringify(state.b.c)],
    ],
    ['a child replaced by a new object', (state) => [put(state, 'b', { c: [9], d: new Map() }), state.b.c.push(10), state]],
    ['a child moved to another key is the same overlay', (state) => [put(state, 'z', state.b), put(state.b.c, 0, 100), state.z === state.b, state]],
  ])('%s', (_name, script) => sameAsCopy(baseObject, script));

  it('keeps a null prototype', () => {
    const base = Object.assign(Object.create(null) as Record<string, unknown>, { a: { b: 1 } });
    const view = overlayOf(base);
    expect(Object.getPrototypeOf(view)).toBe(null);
    (view.a as { b: number }).b = 2;
    expect([(view.a as { b: number }).b, (base.a as { b: number }).b]).toEqual([2, 1]);
  });
});

describe('identity and aliasing', () => {
  it('an object reached by two paths is one overlay, as in structuredClone', () =>
    sameAsCopy(
      () => {
        const shared = { units: 1n, list: [1] };
        return { left: shared, right: new Map([['s', shared]]), list: [shared] };
      },
      (state) => {
        state.left.units = 5n;
        state.right.get('s')?.list.push(2);
        (state.list[0] as { units: bigint }).units += 1n;
        return [state.left === state.right.get('s'), state.list[0] === state.left, state];
      },
    ));

  it('an overlay moved to a new place in the view is stored as is', () => {
    const base = { a: { n: 1 }, m: new Map<string, { n: number }>() };
    const view = overlayOf(base);
    view.m.set('moved', view.a);
    view.a.n = 2;
    expect(view.m.get('moved')).toBe(view.a);
    expect(view.m.get('moved')?.n).toBe(2);
    expect(base.a.n).toBe(1);
  });

  it('overlays nest: a view of a view leaves both below untouched', () =>
    sameAsCopy(baseMap, (map) => {
      const outer = overlayOf(map);
      outer.get('a')?.tags.push('outer');
      outer.set('z', row(0n));
      outer.delete('b');
      return [outer, map];
    }));
});

describe('what the overlay refuses (asserted, never shared with the base)', () => {
  class Thing {
    value = 1;
  }
  it.each<[string, () => unknown]>([
    ['a primitive root', () => overlayOf(1n)],
    ['a function property', () => overlayOf({ f: () => 1 }).f],
    ['an object of closures (like EngineState.ledgerWriter)', () => overlayOf({ writer: { add: () => undefined } }).writer.add],
    ['a function in a Map', () => overlayOf(new Map([['f', () => 1]])).get('f')],
    ['a Date', () => overlayOf({ at: new Date(0) }).at],
    ['a class instance', () => overlayOf({ thing: new Thing() }).thing],
    ['a typed array', () => overlayOf({ bytes: new Uint8Array(2) }).bytes],
    ['a Map subclass', () => overlayOf({ m: new (class extends Map {})() }).m],
    ['object keys of a base Map, when iterated', () => [...overlayOf(new Map([[{}, 1]])).keys()]],
    ['object members of a base Set, when iterated', () => [...overlayOf(new Set([{}]))]],
    ['an accessor defined on an array view', () => Object.defineProperty(overlayOf([1]), 0, { get: () => 1 })],
  ])('%s', (_name, reach) => expect(reach).toThrow(AssertionFailure));

  it('a function the view itself stores is the view’s own and is returned', () => {
    const view = overlayOf<{ writer: { add: () => string } }>({ writer: { add: () => 'base' } });
    view.writer = { add: () => 'view' };
    expect(view.writer.add()).toBe('view');
  });
});

describe('known limits (documented in overlay.ts)', () => {
  it('structuredClone reads internal slots: it throws on an object view and gives an EMPTY Map view', () => {
    const view = overlayOf({ m: new Map([['a', 1]]), o: { x: 1 } });
    expect(() => structuredClone(view.o)).toThrow();
    expect(structuredClone(view.m).size).toBe(0);
    expect(new Map(view.m).size).toBe(1);
  });
});

/*
 * The property: random nested states (Maps of records holding arrays, Maps, Sets and
 * bigints) and random scripts of mutations and reads. A step walks a path of child indices
 * from the root or from a held reference, then does one operation on the container it
 * reached. New values are cloned per side, so the two sides never share an object.
 */
type Tree = bigint | number | string | Tree[] | { [key: string]: Tree } | Map<string, Tree> | Set<string>;
const keyArb = fc.constantFrom('a', 'b', 'c', 'd', '7');
const { tree } = fc.letrec<{ tree: Tree; array: Tree[]; record: Record<string, Tree>; map: Map<string, Tree>; set: Set<string> }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.bigInt({ min: -1000n, max: 1000n }),
    fc.integer({ min: -5, max: 5 }),
    keyArb,
    tie('array'),
    tie('record'),
    tie('map'),
    tie('set'),
  ),
  array: fc.array(tie('tree'), { maxLength: 4 }),
  record: fc.dictionary(keyArb, tie('tree'), { maxKeys: 4 }),
  map: fc.array(fc.tuple(keyArb, tie('tree')), { maxLength: 4 }).map((entries) => new Map(entries)),
  set: fc.array(keyArb, { maxLength: 4 }).map((members) => new Set(members)),
}));
const rootArb = fc.record({
  accounts: fc
    .array(fc.tuple(keyArb, fc.record({ units: fc.bigInt({ min: 0n, max: 100n }), history: fc.array(tree, { maxLength: 4 }), sub: tree })), { maxLength: 5 })
    .map((entries) => new Map(entries)),
  tree,
  list: fc.array(tree, { maxLength: 4 }),
});
type Root = { accounts: Map<string, Record<string, Tree>>; tree: Tree; list: Tree[] };

type Operation =
  | { kind: 'write' | 'push' | 'unshift'; key: string; index: number; value: Tree }
  | { kind: 'delete' | 'read' | 'iterate'; key: string; index: number }
  | { kind: 'clear' | 'pop' | 'shift' | 'reverse' | 'sort' | 'bump' }
  | { kind: 'splice'; index: number; count: number; value: Tree }
  | { kind: 'truncate'; index: number }
  | { kind: 'move'; key: string; index: number; from: number[] }
  | { kind: 'hold'; register: number };
interface Step {
  start: number;
  path: number[];
  operation: Operation;
}
const indexArb = fc.nat({ max: 8 });
const operationArb: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('write' as const, 'push' as const, 'unshift' as const), key: keyArb, index: indexArb, value: tree }),
  fc.record({ kind: fc.constantFrom('delete' as const, 'read' as const, 'iterate' as const), key: keyArb, index: indexArb }),
  fc.record({ kind: fc.constantFrom('clear' as const, 'pop' as const, 'shift' as const, 'reverse' as const, 'sort' as const, 'bump' as const) }),
  fc.record({ kind: fc.constant('splice' as const), index: indexArb, count: fc.nat({ max: 3 }), value: tree }),
  fc.record({ kind: fc.constant('truncate' as const), index: fc.nat({ max: 4 }) }),
  fc.record({ kind: fc.constant('move' as const), key: keyArb, index: indexArb, from: fc.array(indexArb, { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('hold' as const), register: fc.nat({ max: 2 }) }),
);
const stepArb: fc.Arbitrary<Step> = fc.record({ start: fc.nat({ max: 3 }), path: fc.array(indexArb, { maxLength: 4 }), operation: operationArb });

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function children(node: object): unknown[] {
  if (node instanceof Set) return [];
  if (node instanceof Map) return [...node.values()];
  if (Array.isArray(node)) return [...node];
  return Object.values(node);
}

/** Follows child indices (modulo the container children) as far as containers go. */
function walk(from: object, path: readonly number[]): object {
  let node = from;
  for (const step of path) {
    const containers = children(node).filter(isContainer);
    const next = containers[step % Math.max(containers.length, 1)];
    if (next === undefined) break;
    node = next;
  }
  return node;
}

/** A sort key both sides compute alike: primitives by value, containers by kind. */
function sortKey(value: unknown): string {
  if (isContainer(value)) return value instanceof Map ? '~map' : value instanceof Set ? '~set' : Array.isArray(value) ? '~array' : '~object';
  return `${typeof value}:${String(value)}`;
}

function operateOnMap(map: Map<string, unknown>, operation: Operation, fresh: () => unknown): unknown {
  switch (operation.kind) {
    case 'write':
    case 'push':
    case 'unshift':
      return map.set(operation.key, fresh()).size;
    case 'delete':
      return map.delete(operation.key);
    case 'read':
      return [map.get(operation.key), map.has(operation.key), map.size];
    case 'clear':
      return map.clear();
    case 'iterate': {
      const visited: string[] = [];
      let added = false;
      for (const [key] of map) {
        visited.push(key);
        if (key === operation.key || visited.length % 2 === 0) map.delete(key);
        if (!added) map.set(operation.key, 'added');
        added = true;
      }
      return visited;
    }
    case 'bump':
      for (const [key, value] of map) if (typeof value === 'bigint') map.set(key, value + 1n);
      return map.size;
    default:
      return [...map.keys()];
  }
}

function operateOnSet(set: Set<string>, operation: Operation): unknown {
  switch (operation.kind) {
    case 'write':
    case 'push':
    case 'unshift':
      return set.add(operation.key).size;
    case 'delete':
      return set.delete(operation.key);
    case 'clear':
      return set.clear();
    case 'iterate': {
      const visited: string[] = [];
      for (const member of set) {
        visited.push(member);
        if (member === operation.key) set.delete(member);
        if (visited.length === 1) set.add('zz');
      }
      return visited;
    }
    default:
      return [...set];
  }
}

function operateOnArray(items: unknown[], operation: Operation, fresh: () => unknown): unknown {
  switch (operation.kind) {
    case 'write':
      return put(items, operation.index % (items.length + 3), fresh());
    case 'push':
      return items.push(fresh());
    case 'unshift':
      return items.unshift(fresh());
    case 'delete':
      return delete items[operation.index % (items.length + 1)];
    case 'read':
      return [items[operation.index], operation.index in items, items.length];
    case 'clear':
      return put(items, 'length', 0);
    case 'pop':
      return items.pop();
    case 'shift':
      return items.shift();
    case 'reverse':
      return items.reverse().length;
    case 'sort':
      return items.sort((a, b) => sortKey(a).localeCompare(sortKey(b))).length;
    case 'splice':
      return items.splice(operation.index, operation.count, fresh());
    case 'truncate':
      return put(items, 'length', Math.min(items.length, operation.index));
    case 'iterate':
      return items.map((item) => sortKey(item));
    case 'bump':
      items.forEach((item, index) => {
        if (typeof item === 'bigint') items[index] = item + 1n;
      });
      return items.length;
    default:
      return items.length;
  }
}

function operateOnRecord(record: Record<string, unknown>, operation: Operation, fresh: () => unknown): unknown {
  switch (operation.kind) {
    case 'write':
    case 'push':
    case 'unshift':
    case 'splice':
      return put(record, 'key' in operation ? operation.key : 'a', fresh());
    case 'delete':
      return delete record[operation.key];
    case 'read':
      return [record[operation.key], operation.key in record, Object.keys(record)];
    case 'clear':
      for (const key of Object.keys(record)) delete record[key];
      return Object.keys(record).length;
    case 'bump':
      for (const [key, value] of Object.entries(record)) if (typeof value === 'bigint') record[key] = value + 1n;
      return Object.keys(record);
    default:
      return Object.entries(record).map(([key, value]) => [key, sortKey(value)]);
  }
}

/** One step on one side; `registers` hold references taken by earlier `hold` steps. */
function runStep(root: Root, registers: object[], step: Step): unknown {
  const node = walk(registers[step.start % registers.length] ?? root, step.path);
  const { operation } = step;
  if (operation.kind === 'hold') {
    registers[operation.register] = node;
    return sortKey(node);
  }
  const fresh = () => ('value' in operation ? structuredClone(operation.value) : undefined);
  if (operation.kind === 'move') {
    const moved = walk(root, operation.from);
    const movedFresh = () => moved;
    if (node instanceof Set) return sortKey(moved);
    if (node instanceof Map) return operateOnMap(node as Map<string, unknown>, { ...operation, kind: 'write', value: 0 }, movedFresh);
    if (Array.isArray(node)) return operateOnArray(node, { ...operation, kind: 'write', value: 0 }, movedFresh);
    return operateOnRecord(node as Record<string, unknown>, { ...operation, kind: 'write', value: 0 }, movedFresh);
  }
  if (node instanceof Map) return operateOnMap(node as Map<string, unknown>, operation, fresh);
  if (node instanceof Set) return operateOnSet(node as Set<string>, operation);
  if (Array.isArray(node)) return operateOnArray(node, operation, fresh);
  return operateOnRecord(node as Record<string, unknown>, operation, fresh);
}

describe('property: an overlay behaves like a deep copy and never changes its base', () => {
  it(`random states and scripts (seed ${seed})`, () => {
    fc.assert(
      fc.property(rootArb, fc.array(stepArb, { maxLength: 25 }), fc.boolean(), fc.boolean(), (generated, steps, nested, compareEveryStep) => {
        const base = generated as Root;
        const before = plain(base);
        const copy = structuredClone(base);
        const lower = overlayOf(base);
        const view = nested ? overlayOf(lower) : lower;
        const viewRegisters: object[] = [view];
        const copyRegisters: object[] = [copy];
        for (const step of steps) {
          expect(plain(runStep(view, viewRegisters, step))).toEqual(plain(runStep(copy, copyRegisters, step)));
          if (compareEveryStep) expect(plain(view)).toEqual(plain(copy));
        }
        expect(plain(view)).toEqual(plain(copy));
        expect(plain(base)).toEqual(before);
        if (nested) expect(plain(lower)).toEqual(before);
      }),
      { seed, numRuns: 400 },
    );
  });
});
