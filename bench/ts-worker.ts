import { Worker } from 'node:worker_threads';

/**
 * A worker thread running a TypeScript module. Node 20 loads a worker's entry before any
 * `--import tsx` hooks are in place (and the test runner passes none on), so a small eval'd
 * entry registers tsx first: this works the same under the `polity` binary, `node --import
 * tsx` and vitest.
 */
export function startTsWorker(module: URL, workerData: unknown): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}
