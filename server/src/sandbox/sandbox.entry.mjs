// The sandbox process's entry, in plain JavaScript: it registers tsx itself (the server's own
// flags are not passed on), then loads the child.
import { register } from 'tsx/esm/api';

register();
await import('./sandbox.child.ts');
