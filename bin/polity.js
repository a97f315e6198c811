#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so that a fresh clone needs
// no build step: `npm install && npm start` is enough.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
