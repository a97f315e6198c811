export * from './amount.ts';
export * from './assert.ts';
export * from './canonical-json.ts';
export * from './clock.ts';
export * from './errors.ts';
export * from './hash.ts';
export * from './ids.ts';
export * from './prng.ts';
