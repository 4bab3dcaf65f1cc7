import { formatClock, type ItemProgress, project, vnTime } from '@diemcau/shared';
import { type DragEvent, memo, useCallback, useEffect, useRef, useState } from 'react';
import { askConfirm } from '../../components/confirm';
import { useNow } from '../../hooks/useNow';
import { type Translate, useT } from '../../i18n';
import { formatMinutes } from '../../i18n/format';
import { sendCommand } from '../../realtime/commands';
import { useActuals, useAgenda, useControlsLocked, useDetails, useLive, type ViewItem } from '../../stores/selectors';
import { ItemDialog, type ItemDialogMode } from './ItemDialog';
import { SchedulePanel } from './SchedulePanel';

type RowProps = {
  item: ViewItem;
  index: number;
  count: number;
  progress: ItemProgress;
  planned: string;
  duration: string;
  actualStart: string;
  actual: string;
  /** Whole seconds over (positive) or under (negative) the plan; null when not measurable yet. */
  overrunS: number | null;
  live: boolean;
  /** False once the meeting has ended: the run of show is a record, with no tools that change it. */
  editable: boolean;
  locked: boolean;
  onEdit: (mode: ItemDialogMode) => void;
};

const PROGRESS_ICON: Record<ItemProgress, string> = { done: '✓', current: '▶', upcoming: '', skipped: '–' };

function Overrun({ seconds }: { seconds: number | null }) {
  if (seconds === null) return null;
  const text = seconds === 0 ? '0:00' : `${seconds > 0 ? '+' : '−'}${formatClock(Math.abs(seconds) * 1000)}`;
  return <span className={seconds > 0 ? 'delta delta--late' : seconds < 0 ? 'delta delta--early' : 'delta'}>{text}</span>;
}

async function goto(t: Translate, item: ViewItem) {
  if (await askConfirm({ title: t('agenda.goto'), body: t('agenda.gotoConfirm', { title: item.title }), confirmLabel: t('agenda.goto') })) {
    await sendCommand('agenda:goto', { itemId: item.id });
  }
}

async function remove(t: Translate, item: ViewItem) {
  if (await askConfirm({ title: t('agenda.delete'), body: t('agenda.deleteConfirm', { title: item.title }), confirmLabel: t('common.delete'), danger: true })) {
    await sendCommand('agenda:remove', { itemId: item.id });
  }
}

const move = (itemId: string, toIndex: number) => sendCommand('agenda:move', { itemId, toIndex });

const DRAG_TYPE = 'application/x-diemcau-item';

/** Scrolls the agenda's own panel (not the page) so `row` shows below the sticky header. */
function scrollIntoPanel(row: HTMLElement, panel: HTMLElement) {
  if (panel.scrollHeight <= panel.clientHeight) return;
  const head = panel.querySelector('thead')?.getBoundingClientRect().height ?? 0;
  const top = row.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
  const visibleTop = panel.scrollTop + head;
  const visibleBottom = panel.scrollTop + panel.clientHeight;
  if (top < visibleTop || top + row.offsetHeight > visibleBottom) panel.scrollTop = Math.max(0, top - head - 8);
}

const AgendaRow = memo(function AgendaRow(props: RowProps) {
  const t = useT();
  const { item, index, progress, locked } = props;
  const [dropTarget, setDropTarget] = useState(false);
  const canJump = props.live && progress !== 'current';
  const row = useRef<HTMLTableRowElement>(null);
  // the running item stays in view in the panel's own scroll (the page itself never scrolls on an office screen)
  useEffect(() => {
    const current = row.current;
    const panel = current?.closest<HTMLElement>('.table-scroll');
    if (progress !== 'current' || !current || !panel) return;
    scrollIntoPanel(current, panel);
    // and again when the panel changes size (a window resized, the floor panel above it came or went)
    const resized = new ResizeObserver(() => scrollIntoPanel(current, panel));
    resized.observe(panel);
    return () => resized.disconnect();
  }, [progress]);

  const onDrop = (event: DragEvent) => {
    setDropTarget(false);
    const id = event.dataTransfer.getData(DRAG_TYPE);
    if (id && id !== item.id && !locked && props.editable) void move(id, index);
  };

  return (
    <tr
      ref={row}
      className={`agenda-row agenda-row--${progress} ${dropTarget ? 'agenda-row--drop' : ''}`}
      data-testid="agenda-row"
      aria-current={progress === 'current' ? 'step' : undefined}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
        event.preventDefault();
        setDropTarget(true);
      }}
      onDragLeave={() => setDropTarget(false)}
      onDrop={onDrop}
    >
      <td className="agenda-row__no mono">
        {props.editable && (
          <span
            className="agenda-row__handle"
            draggable={!locked}
            title={t('agenda.dragHint')}
            aria-hidden="true"
            onDragStart={(event) => {
              event.dataTransfer.setData(DRAG_TYPE, item.id);
              event.dataTransfer.effectAllowed = 'move';
            }}
          >
            ⋮⋮
          </span>
        )}
        <span className="agenda-row__icon" aria-hidden="true">
          {PROGRESS_ICON[progress]}
        </span>
        {index + 1}
      </td>
      <td className="mono nowrap">{props.planned}</td>
      <td className="nowrap">{props.duration}</td>
      <td className="mono">{props.actualStart}</td>
      <td className="mono">{props.actual}</td>
      <td className="mono">
        <Overrun seconds={props.overrunS} />
      </td>
      <td className="agenda-row__content">
        {canJump ? (
          <button type="button" className="link-button agenda-row__title" disabled={locked} title={t('agenda.goto')} onClick={() => void goto(t, item)}>
            {item.title}
          </button>
        ) : (
          <span className="agenda-row__title">{item.title}</span>
        )}
        <span className="agenda-row__meta">
          {item.presenter && <span>{item.presenter}</span>}
          <span className="chip chip--small">{t(`kind.${item.kind}`)}</span>
          {item.subPoints.length > 0 && <span title={item.subPoints.join('\n')}>{t('agenda.subPointsCount', { n: item.subPoints.length })}</span>}
          {item.notes && <span title={item.notes}>✎ {t('agenda.hasNotes')}</span>}
        </span>
      </td>
      <td>
        <span className={`progress-chip progress-chip--${progress}`}>{t(`progress.${progress}`)}</span>
      </td>
      {props.editable && (
        <td className="agenda-row__actions">
          <button type="button" className="icon-button" disabled={locked || index === 0} aria-label={`${t('agenda.moveUp')}: ${item.title}`} title={t('agenda.moveUp')} onClick={() => void move(item.id, index - 1)}>
            ↑
          </button>
          <button type="button" className="icon-button" disabled={locked || index === props.count - 1} aria-label={`${t('agenda.moveDown')}: ${item.title}`} title={t('agenda.moveDown')} onClick={() => void move(item.id, index + 1)}>
            ↓
          </button>
          <button type="button" className="icon-button" disabled={locked} aria-label={`${t('agenda.edit')}: ${item.title}`} title={t('agenda.edit')} onClick={() => props.onEdit({ kind: 'edit', item })}>
            ✎
          </button>
          <button type="button" className="icon-button" disabled={locked} aria-label={`${t('agenda.insertBefore')}: ${item.title}`} title={t('agenda.insertBefore')} onClick={() => props.onEdit({ kind: 'add', index })}>
            +↑
          </button>
          <button type="button" className="icon-button" disabled={locked} aria-label={`${t('agenda.insertAfter')}: ${item.title}`} title={t('agenda.insertAfter')} onClick={() => props.onEdit({ kind: 'add', index: index + 1 })}>
            +↓
          </button>
          <button type="button" className="icon-button icon-button--danger" disabled={locked} aria-label={`${t('agenda.delete')}: ${item.title}`} title={t('agenda.delete')} onClick={() => void remove(t, item)}>
            ✕
          </button>
        </td>
      )}
    </tr>
  );
});

/** The run of show: plan, what actually happened, and the editing tools of every item. */
export function AgendaArea() {
  const t = useT();
  const now = useNow();
  const details = useDetails();
  const agenda = useAgenda();
  const live = useLive();
  const actuals = useActuals();
  const locked = useControlsLocked();
  const [dialog, setDialog] = useState<ItemDialogMode | null>(null);
  const onEdit = useCallback((mode: ItemDialogMode) => setDialog(mode), []);
  if (!details || !live || !actuals) return null;
  const projection = project({ details, agenda, live, actuals }, now);
  const editable = live.status !== 'ended';

  return (
    <section className="panel agenda-panel" aria-labelledby="agenda-title">
      <div className="agenda-panel__head">
        <h2 id="agenda-title">{t('agenda.title')}</h2>
        <SchedulePanel projection={projection} />
      </div>
      <div className="table-scroll">
        <table className="agenda-table">
          <thead>
            <tr className="agenda-table__groups">
              <th />
              <th colSpan={2} scope="colgroup">
                {t('agenda.col.planned')}
              </th>
              <th colSpan={3} scope="colgroup">
                {t('agenda.col.actual')}
              </th>
              <th colSpan={editable ? 3 : 2} />
            </tr>
            <tr>
              <th>{t('agenda.col.no')}</th>
              <th>{t('agenda.col.plannedTime')}</th>
              <th>{t('agenda.col.duration')}</th>
              <th>{t('agenda.col.actualStart')}</th>
              <th>{t('agenda.col.actualElapsed')}</th>
              <th>{t('agenda.col.overrun')}</th>
              <th>{t('agenda.col.content')}</th>
              <th>{t('agenda.col.progress')}</th>
              {editable && <th>{t('agenda.col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {projection.items.map((p, index) => {
              const item = agenda[index]!;
              return (
                <AgendaRow
                  key={item.id}
                  item={item}
                  index={index}
                  count={agenda.length}
                  progress={p.progress}
                  planned={p.durationMs === null ? vnTime(p.plannedStartAt) : `${vnTime(p.plannedStartAt)}–${vnTime(p.plannedEndAt)}`}
                  duration={p.durationMs === null ? t('agenda.countup') : formatMinutes(t, p.durationMs)}
                  actualStart={p.actualStartedAt === null ? '' : vnTime(p.actualStartedAt)}
                  actual={p.actualElapsedMs === null ? '' : formatClock(p.actualElapsedMs)}
                  overrunS={p.overrunMs === null ? null : Math.trunc(p.overrunMs / 1000)}
                  live={live.status === 'live'}
                  editable={editable}
                  locked={locked}
                  onEdit={onEdit}
                />
              );
            })}
          </tbody>
        </table>
        {agenda.length === 0 && <p className="empty">{t('mc.emptyAgenda')}</p>}
      </div>
      {editable && (
        <button type="button" className="button agenda-panel__add" disabled={locked} onClick={() => setDialog({ kind: 'add', index: agenda.length })}>
          {t('agenda.add')}
        </button>
      )}
      <ItemDialog mode={dialog} onClose={() => setDialog(null)} />
    </section>
  );
}
