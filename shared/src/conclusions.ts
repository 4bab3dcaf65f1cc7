import { z } from './zod';
import { DomainError } from './ack';
import type { Contribution } from './speakers';

/** Longest conclusion the MC may note on one item or contribution. */
export const MAX_CONCLUSION_CHARS = 4000;

/**
 * A conclusion (kết luận) the MC or secretary noted on an agenda item, or on one prepared
 * contribution (tham luận) of it. `label` keeps what the contribution was called when noted,
 * so the minutes still name it after the contribution list is edited.
 */
export const Conclusion = z.object({
  itemId: z.string(),
  contributionId: z.string().nullable(),
  label: z.string(),
  text: z.string(),
  updatedAt: z.number(),
});
export type Conclusion = z.infer<typeof Conclusion>;

const Ref = z.string().min(1, 'thiếu mã').max(40, 'mã không hợp lệ');

/** Sets (or, with an empty text, clears) the conclusion of an item or of one of its contributions. */
export const ConclusionSet = z.object({
  itemId: Ref,
  contributionId: Ref.nullable().default(null),
  text: z.string().trim().max(MAX_CONCLUSION_CHARS, `kết luận tối đa ${MAX_CONCLUSION_CHARS} ký tự`),
});
export type ConclusionSet = z.input<typeof ConclusionSet>;

type WithConclusions = {
  agenda: readonly { id: string }[];
  contributions: readonly Contribution[];
  conclusions: readonly Conclusion[];
};

const sameTarget = (c: Conclusion, itemId: string, contributionId: string | null) => c.itemId === itemId && c.contributionId === contributionId;

/** How a contribution is named in a conclusion: its unit and its whole topic (a heading of the record is never cut). */
export const contributionLabel = (c: Pick<Contribution, 'unit' | 'topic'>): string => (c.unit ? `${c.unit}: ${c.topic}` : c.topic);

/**
 * The conclusions after `input` at `now`: replaced in place, added at the end, or removed when
 * the text is empty. Returns the same array when nothing changes (a retried save). Refuses an
 * item or contribution that does not exist, or a contribution of another item (clearing a
 * conclusion whose contribution was removed since is allowed).
 */
export function setConclusion<S extends WithConclusions>(state: S, input: z.output<typeof ConclusionSet>, now: number): Conclusion[] | S['conclusions'] {
  const { itemId, contributionId, text } = input;
  const index = state.conclusions.findIndex((c) => sameTarget(c, itemId, contributionId));
  // A conclusion can be cleared even when its contribution has left the list since.
  if (text === '' && index >= 0) return state.conclusions.toSpliced(index, 1);
  if (!state.agenda.some((item) => item.id === itemId)) {
    throw new DomainError('not_found', 'item_not_found', 'Không tìm thấy mục này trong chương trình (có thể vừa bị xóa). Màn hình đã được cập nhật.');
  }
  let label = '';
  if (contributionId !== null) {
    const contribution = state.contributions.find((c) => c.id === contributionId);
    if (!contribution || contribution.itemId !== itemId) {
      throw new DomainError('not_found', 'contribution_not_found', 'Không tìm thấy tham luận này trong mục (có thể danh sách tham luận vừa được sửa). Màn hình đã được cập nhật.');
    }
    label = contributionLabel(contribution);
  }
  if (text === '') return state.conclusions;
  const existing = index < 0 ? null : state.conclusions[index]!;
  if (existing && existing.text === text && existing.label === label) return state.conclusions;
  const next: Conclusion = { itemId, contributionId, label, text, updatedAt: now };
  return existing ? state.conclusions.with(index, next) : [...state.conclusions, next];
}

/**
 * Conclusions after the contribution list of an item was replaced (new ids): each one noted on
 * an old contribution follows the new contribution with the same topic and unit; the others
 * stay, named by their label, so nothing noted is lost.
 */
export function carryConclusions(before: readonly Contribution[], after: readonly Contribution[], conclusions: readonly Conclusion[]): readonly Conclusion[] {
  const key = (c: Pick<Contribution, 'itemId' | 'unit' | 'topic'>) => `${c.itemId}\u0000${c.unit}\u0000${c.topic}`;
  const oldKeys = new Map(before.map((c) => [c.id, key(c)]));
  const newIds = new Map(after.map((c) => [key(c), c.id]));
  const stillThere = new Set(after.map((c) => c.id));
  let changed = false;
  const carried = conclusions.map((c) => {
    if (c.contributionId === null || stillThere.has(c.contributionId)) return c;
    const oldKey = oldKeys.get(c.contributionId);
    const newId = oldKey === undefined ? undefined : newIds.get(oldKey);
    if (newId === undefined) return c;
    changed = true;
    return { ...c, contributionId: newId };
  });
  return changed ? carried : conclusions;
}

/** The conclusion noted on an item (contributionId null) or on one of its contributions. */
export const conclusionOf = (conclusions: readonly Conclusion[], itemId: string, contributionId: string | null = null): Conclusion | undefined =>
  conclusions.find((c) => sameTarget(c, itemId, contributionId));
