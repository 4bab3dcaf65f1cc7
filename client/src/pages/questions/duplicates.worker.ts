import { groupDuplicates } from '@diemcau/shared';

/** What the page asks: group these texts; `seq` lets it drop answers to questions it no longer asks. */
export type DuplicatesRequest = { seq: number; items: { id: string; text: string }[] };
export type DuplicatesAnswer = { seq: number; groups: string[][] };

// A dedicated worker's global scope (the project compiles against the DOM library, not WebWorker).
const scope = self as unknown as { onmessage: ((event: MessageEvent<DuplicatesRequest>) => void) | null; postMessage: (answer: DuplicatesAnswer) => void };

/** Groups near-duplicate questions off the page's thread: thousands of texts take a noticeable moment. */
scope.onmessage = (event) => {
  const { seq, items } = event.data;
  scope.postMessage({ seq, groups: groupDuplicates(items).map((group) => group.map((item) => item.id)) });
};
