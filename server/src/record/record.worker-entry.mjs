// The record worker's entry, in plain JavaScript (see plans.worker-entry.mjs for why).
import { register } from 'tsx/esm/api';

register();
await import('./record.worker.ts');
