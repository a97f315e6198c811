import { AssertionFailure, assert } from './assert.ts';

/**
 * A copy-on-write view of a state tree: `overlayOf(base)` reads through to `base` and
 * copies only what is touched, so a scratch state costs O(touched), not O(state).
 *
 * What the view is made of, created lazily the first time a value of `base` is reached
 * (through a property, an array index, `Map.get`, or iteration):
 * - a Map becomes an `OverlayMap` (a Map subclass: `instanceof Map` holds) that keeps the
 *   view's writes and deletions beside the base map;
 * - a Set becomes an `OverlaySet`, the same for Sets;
 * - a plain object (prototype `Object.prototype` or `null`) becomes a Proxy over a shallow
 *   copy of its own properties; its object children are overlaid when first read;
 * - an array becomes a Proxy that keeps written indices and the length beside the base
 *   array, so a 1,000,000-entry history that gets one push costs one entry, not a copy;
 * - primitives (bigint, number, string, boolean, symbol, null, undefined) are returned as is.
 *
 * Each base object gets exactly one overlay per view: reading it twice, or through two
 * paths that share it, gives the same object, so aliasing inside `base` is kept and
 * mutations through either path are seen through both.
 *
 * Values the view itself stores (new objects, or overlays moved from elsewhere in the view)
 * are the view's own and are returned as stored, never wrapped again.
 *
 * Map and Set iteration order is what a real Map or Set holding the same history of writes
 * would give: base keys first, in base order, for those still present (replacing a value
 * keeps its place), then keys the view added, in insertion order; a base key deleted and set
 * again moves to the end, as it would in a Map. Iterators are live like a Map's: entries
 * deleted during iteration are skipped, entries added are visited.
 *
 * Not supported, and asserted when reached rather than shared with `base`: functions (a
 * closure over the base would write to it), class instances other than Map and Set (Date,
 * typed arrays, Map or Set subclasses, anything with another prototype), object keys of a
 * base Map and object members of a base Set (a key cannot be copied without changing its
 * identity), accessor or non-configurable elements defined on an overlaid array.
 *
 * Known limits, by design:
 * - `base` must not change while a view of it is in use: the view reads it lazily.
 * - Copying a view: `new Map(view)`, spreading, `JSON.stringify`, `encodeSnapshot` and
 *   iteration all see the view. `structuredClone` does not: it throws on a plain-object or
 *   array view (a Proxy) and, worse, returns an EMPTY Map or Set for a Map or Set view,
 *   because it reads the internal slots the subclass leaves empty; so do calls that bypass
 *   the overridden methods (`Map.prototype.get.call(view, key)`). Engine code uses neither.
 * - A Map view's `constructor` is OverlayMap, not Map (`instanceof Map` still holds).
 * - Accessor properties of a base plain object are read once, when the object is reached;
 *   non-index own properties of a base array (rare, never in engine state) are not seen.
 * - `util.inspect` (console.log) of a Proxy shows its target without running traps: a
 *   plain object shows its shallow copy, an array shows `[]`. Spread or iterate to inspect.
 * - Overlays nest: the base may itself be a view (a draft over a draft).
 */
export function overlayOf<T>(base: T): T {
  assert(typeof base === 'object' && base !== null, 'overlayOf takes an object, an array, a Map or a Set');
  return overlayValue({ overlays: new WeakMap() }, base) as T;
}

/** One view: the overlay made for each base object reached so far. */
interface Context {
  overlays: WeakMap<object, object>;
}

/** The view of one base value: a primitive as is, an object's one overlay (made on first reach). */
function overlayValue(context: Context, value: unknown): unknown {
  assert(typeof value !== 'function', 'overlay: a function in the base state cannot be overlaid (it may close over the base); replace it in the view first');
  if (typeof value !== 'object' || value === null) return value;
  const known = context.overlays.get(value);
  if (known !== undefined) return known;
  const made = makeOverlay(context, value);
  context.overlays.set(value, made);
  return made;
}

function makeOverlay(context: Context, value: object): object {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Map.prototype || prototype === OverlayMap.prototype) return new OverlayMap(context, value as Map<unknown, unknown>);
  if (prototype === Set.prototype || prototype === OverlaySet.prototype) return new OverlaySet(value as Set<unknown>);
  if (Array.isArray(value)) {
    assert(prototype === Array.prototype, 'overlay: arrays with another prototype are not supported');
    return new Proxy([], new ArrayTraps(context, value));
  }
  if (prototype === Object.prototype || prototype === null) {
    const copy = (prototype === null ? Object.assign(Object.create(null) as object, value) : { ...value }) as Record<PropertyKey, unknown>;
    return new Proxy(copy, new ObjectTraps(context, value));
  }
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  throw new AssertionFailure(`overlay: a ${typeof name === 'string' ? name : 'class instance'} cannot be overlaid; only plain objects, arrays, Maps and Sets`);
}

function assertPrimitiveKey(key: unknown, where: string): void {
  assert(typeof key !== 'object' || key === null, `overlay: an object ${where} of a base ${where === 'key' ? 'Map' : 'Set'} cannot be overlaid`);
}

/**
 * Plain objects: the Proxy target is a shallow copy of the base object, so writes, deletes,
 * `in` and key order are the target's. A property still holding the base's own child object
 * is replaced by that child's overlay when first read.
 */
class ObjectTraps implements ProxyHandler<Record<PropertyKey, unknown>> {
  constructor(
    private readonly context: Context,
    private readonly base: object,
  ) {}

  get(target: Record<PropertyKey, unknown>, key: PropertyKey): unknown {
    const value = target[key];
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return value;
    // Inherited (toString ...) or the view's own value: returned as is.
    if (!Object.hasOwn(target, key) || value !== Reflect.get(this.base, key)) return value;
    const overlay = overlayValue(this.context, value);
    target[key] = overlay;
    return overlay;
  }

  set(target: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown): boolean {
    // No receiver: a plain assignment on the copy, without asking the proxy for the old value.
    return Reflect.set(target, key, value);
  }

  getOwnPropertyDescriptor(target: Record<PropertyKey, unknown>, key: PropertyKey): PropertyDescriptor | undefined {
    // Spread, Object.entries and rest destructuring read values through here: overlay first.
    this.get(target, key);
    return Reflect.getOwnPropertyDescriptor(target, key);
  }
}

/** Marks an index the view deleted (`delete array[i]`), leaving a hole. */
const hole = Symbol('hole');
const arrayLengthLimit = 2 ** 32 - 1;

/** The array index a property key names, or -1. */
function arrayIndex(key: PropertyKey): number {
  if (typeof key !== 'string' || key.length === 0) return -1;
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57) return -1;
  const index = Number(key);
  return Number.isInteger(index) && index < arrayLengthLimit && String(index) === key ? index : -1;
}

function checkedLength(value: unknown): number {
  const length = Number(value);
  if (!Number.isInteger(length) || length < 0 || length > arrayLengthLimit) throw new RangeError('Invalid array length');
  return length;
}

/**
 * Arrays: the Proxy target is an empty array (so `Array.isArray` and the prototype are an
 * array's); the traps keep the view's length, the indices it wrote or read (base elements'
 * overlays), and how much of the base is still in range after a truncation. Array methods
 * called on the view run through these traps, as they would on an array.
 */
class ArrayTraps implements ProxyHandler<unknown[]> {
  private readonly local = new Map<number, unknown>();
  private length: number;
  /** Base indices at or above this were cut off by a shorter length and read as holes. */
  private baseLength: number;

  constructor(
    private readonly context: Context,
    private readonly base: readonly unknown[],
  ) {
    this.length = base.length;
    this.baseLength = base.length;
  }

  private present(index: number): boolean {
    if (index >= this.length) return false;
    if (this.local.has(index)) return this.local.get(index) !== hole;
    return index < this.baseLength && index in this.base;
  }

  private at(index: number): unknown {
    if (index >= this.length) return undefined;
    const own = this.local.get(index);
    if (own !== undefined || this.local.has(index)) return own === hole ? undefined : own;
    if (index >= this.baseLength) return undefined;
    const value = this.base[index];
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return value;
    const overlay = overlayValue(this.context, value);
    this.local.set(index, overlay);
    return overlay;
  }

  private write(index: number, value: unknown): void {
    this.local.set(index, value);
    if (index >= this.length) this.length = index + 1;
  }

  private setLength(value: unknown): void {
    const length = checkedLength(value);
    if (length < this.length) {
      for (const index of [...this.local.keys()]) if (index >= length) this.local.delete(index);
      this.baseLength = Math.min(this.baseLength, length);
    }
    this.length = length;
  }

  get(target: unknown[], key: PropertyKey, receiver: unknown): unknown {
    if (key === 'length') return this.length;
    const index = arrayIndex(key);
    return index < 0 ? Reflect.get(target, key, receiver) : this.at(index);
  }

  set(target: unknown[], key: PropertyKey, value: unknown): boolean {
    if (key === 'length') {
      this.setLength(value);
      return true;
    }
    const index = arrayIndex(key);
    if (index < 0) return Reflect.set(target, key, value);
    this.write(index, value);
    return true;
  }

  has(target: unknown[], key: PropertyKey): boolean {
    const index = arrayIndex(key);
    return index < 0 ? Reflect.has(target, key) : this.present(index);
  }

  deleteProperty(target: unknown[], key: PropertyKey): boolean {
    const index = arrayIndex(key);
    if (index < 0) return Reflect.deleteProperty(target, key);
    if (index < this.length) this.local.set(index, hole);
    return true;
  }

  ownKeys(target: unknown[]): (string | symbol)[] {
    const keys: (string | symbol)[] = [];
    for (let index = 0; index < this.length; index += 1) if (this.present(index)) keys.push(String(index));
    // The target's own keys: `length` first, then any non-index properties the view added.
    keys.push(...Reflect.ownKeys(target));
    return keys;
  }

  getOwnPropertyDescriptor(target: unknown[], key: PropertyKey): PropertyDescriptor | undefined {
    if (key === 'length') return { value: this.length, writable: true, enumerable: false, configurable: false };
    const index = arrayIndex(key);
    if (index < 0) return Reflect.getOwnPropertyDescriptor(target, key);
    if (!this.present(index)) return undefined;
    return { value: this.at(index), writable: true, enumerable: true, configurable: true };
  }

  defineProperty(target: unknown[], key: PropertyKey, descriptor: PropertyDescriptor): boolean {
    const index = arrayIndex(key);
    if (key !== 'length' && index < 0) return Reflect.defineProperty(target, key, descriptor);
    const plain = descriptor.get === undefined && descriptor.set === undefined && descriptor.writable !== false;
    if (key === 'length') {
      assert(plain && descriptor.configurable !== true && descriptor.enumerable !== true, 'overlay: an array view keeps a plain, writable length');
      if ('value' in descriptor) this.setLength(descriptor.value);
      return true;
    }
    assert(plain && descriptor.configurable !== false && descriptor.enumerable !== false, 'overlay: array views hold plain elements only');
    if ('value' in descriptor) this.write(index, descriptor.value);
    else if (!this.present(index)) this.write(index, undefined);
    return true;
  }
}

/**
 * A Map over a base Map. The view's state: values it set for base keys (`replaced`, which
 * keep their place), base keys it deleted, keys it added (after the base keys, in insertion
 * order), and whether it cleared everything. A base key deleted and set again lives in
 * `added`, so it moves to the end as it would in a Map.
 */
class OverlayMap<K, V> extends Map<K, V> {
  readonly #context: Context;
  readonly #base: Map<K, V>;
  readonly #replaced = new Map<K, V>();
  readonly #deleted = new Set<K>();
  readonly #added = new Map<K, V>();
  #cleared = false;

  constructor(context: Context, base: Map<K, V>) {
    super();
    this.#context = context;
    this.#base = base;
  }

  #inBase(key: K): boolean {
    return !this.#cleared && !this.#deleted.has(key) && this.#base.has(key);
  }

  override get size(): number {
    return (this.#cleared ? 0 : this.#base.size - this.#deleted.size) + this.#added.size;
  }

  override has(key: K): boolean {
    return this.#added.has(key) || this.#inBase(key);
  }

  override get(key: K): V | undefined {
    if (this.#added.has(key)) return this.#added.get(key);
    if (!this.#inBase(key)) return undefined;
    if (this.#replaced.has(key)) return this.#replaced.get(key);
    return overlayValue(this.#context, this.#base.get(key)) as V;
  }

  override set(key: K, value: V): this {
    if (!this.#added.has(key) && this.#inBase(key)) this.#replaced.set(key, value);
    else this.#added.set(key, value);
    return this;
  }

  override delete(key: K): boolean {
    if (this.#added.delete(key)) return true;
    if (!this.#inBase(key)) return false;
    this.#replaced.delete(key);
    this.#deleted.add(key);
    return true;
  }

  override clear(): void {
    this.#cleared = true;
    this.#replaced.clear();
    this.#deleted.clear();
    this.#added.clear();
  }

  /** Live like a Map iterator: checks the view's deletions and clear at each base key. */
  *#keysInOrder(): Generator<K, undefined> {
    for (const key of this.#base.keys()) {
      if (this.#cleared) break;
      if (this.#deleted.has(key)) continue;
      assertPrimitiveKey(key, 'key');
      yield key;
    }
    yield* this.#added.keys();
  }

  override keys(): MapIterator<K> {
    return this.#keysInOrder();
  }

  override *values(): MapIterator<V> {
    for (const key of this.#keysInOrder()) yield this.get(key) as V;
  }

  override *entries(): MapIterator<[K, V]> {
    for (const key of this.#keysInOrder()) yield [key, this.get(key) as V];
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

/** A Set over a base Set: members it deleted from the base, members it added, whether it cleared. */
class OverlaySet<T> extends Set<T> {
  readonly #base: Set<T>;
  readonly #deleted = new Set<T>();
  readonly #added = new Set<T>();
  #cleared = false;

  constructor(base: Set<T>) {
    super();
    this.#base = base;
  }

  #inBase(value: T): boolean {
    return !this.#cleared && !this.#deleted.has(value) && this.#base.has(value);
  }

  override get size(): number {
    return (this.#cleared ? 0 : this.#base.size - this.#deleted.size) + this.#added.size;
  }

  override has(value: T): boolean {
    return this.#added.has(value) || this.#inBase(value);
  }

  override add(value: T): this {
    if (!this.has(value)) this.#added.add(value);
    return this;
  }

  override delete(value: T): boolean {
    if (this.#added.delete(value)) return true;
    if (!this.#inBase(value)) return false;
    this.#deleted.add(value);
    return true;
  }

  override clear(): void {
    this.#cleared = true;
    this.#deleted.clear();
    this.#added.clear();
  }

  override *values(): SetIterator<T> {
    for (const value of this.#base) {
      if (this.#cleared) break;
      if (this.#deleted.has(value)) continue;
      assertPrimitiveKey(value, 'member');
      yield value;
    }
    yield* this.#added;
  }

  override keys(): SetIterator<T> {
    return this.values();
  }

  override *entries(): SetIterator<[T, T]> {
    for (const value of this.values()) yield [value, value];
  }

  override [Symbol.iterator](): SetIterator<T> {
    return this.values();
  }

  override forEach(callback: (value: T, key: T, set: Set<T>) => void, thisArg?: unknown): void {
    for (const value of this.values()) callback.call(thisArg, value, value, this);
  }
}

/*
 * Methods newer runtimes add to Map and Set read the receiver's internal slots, which an
 * overlay leaves empty. Known ones are routed through the view; any other is made to throw,
 * so a runtime upgrade can never silently read an empty map.
 */
type Method = (this: unknown, ...args: unknown[]) => unknown;

function routeMethod(target: object, name: string, method: Method): void {
  Object.defineProperty(target, name, { value: method, writable: true, configurable: true, enumerable: false });
}

function guardNewerMethods(prototype: object, overlayPrototype: object, routed: Record<string, Method>): void {
  for (const name of Object.getOwnPropertyNames(prototype)) {
    if (name === 'constructor' || Object.hasOwn(overlayPrototype, name)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
    if (typeof descriptor?.value !== 'function') continue;
    const route = routed[name];
    routeMethod(
      overlayPrototype,
      name,
      route ??
        (() => {
          throw new TypeError(`overlay: ${name} is not supported on an overlaid Map or Set`);
        }),
    );
  }
}

function asSet(view: unknown): Set<unknown> {
  return new Set(view as Set<unknown>);
}

const setAlgebra = ['union', 'intersection', 'difference', 'symmetricDifference', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom'];
guardNewerMethods(
  Set.prototype,
  OverlaySet.prototype,
  Object.fromEntries(
    setAlgebra.map((name) => [
      name,
      function (this: unknown, ...args: unknown[]) {
        const method = (Set.prototype as unknown as Record<string, Method>)[name];
        assert(method !== undefined, `Set.prototype.${name} exists`);
        return method.apply(asSet(this), args);
      },
    ]),
  ),
);
guardNewerMethods(Map.prototype, OverlayMap.prototype, {
  getOrInsert(this: unknown, key: unknown, value: unknown) {
    const map = this as Map<unknown, unknown>;
    if (!map.has(key)) map.set(key, value);
    return map.get(key);
  },
  getOrInsertComputed(this: unknown, key: unknown, compute: unknown) {
    const map = this as Map<unknown, unknown>;
    if (!map.has(key)) map.set(key, (compute as (key: unknown) => unknown)(key));
    return map.get(key);
  },
});
