// The worker thread's entry, in plain JavaScript: a worker does not inherit the parent's
// TypeScript loader on every Node version, so it registers tsx itself, then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./plans.worker.ts');
