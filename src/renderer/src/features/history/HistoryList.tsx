import { ActionIcon, Badge, Group, Loader, Text } from '@mantine/core';
import { IconPhone, IconPhoneIncoming, IconPhoneOutgoing } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDispositionLabel } from '../wrapup/use-disposition-label.ts';
import type { CallLogEntry } from '../../../../shared/model/call-history.ts';
import { formatDuration } from '../../lib/format.ts';

// The call history as a virtualized list: only the rows in view (plus a few) are in the DOM, so a
// year of calls scrolls like ten. The next page loads when the last rows come into view.
//
// Keyboard (see README.md here): one row is in the Tab order at a time (roving tabindex); ↑/↓ move
// by one, PageUp/PageDown by ten, Home/End to the ends; Enter calls the focused row back; Tab moves
// on to that row's call-back button.

const ROW_HEIGHT = 60;
const PAGE_STEP = 10;
/** Start loading the next page this many rows before the end. */
const PREFETCH = 10;

const OUTCOME_COLOR: Record<string, string> = {
  answered: 'green',
  missed: 'red',
  declined: 'orange',
  busy: 'orange',
  failed: 'gray',
  cancelled: 'gray',
  interrupted: 'yellow',
};

export interface HistoryListProps {
  rows: CallLogEntry[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
  onCallBack(row: CallLogEntry): void;
}

export function HistoryList({ rows, hasMore, loadingMore, onLoadMore, onCallBack }: HistoryListProps) {
  const { t, i18n } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const count = rows.length + (hasMore ? 1 : 0);
  // TanStack Virtual keeps its own mutable state; the list re-renders from it on every scroll.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - PREFETCH) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, rows.length, onLoadMore]);

  // Moved by the keyboard: focus the row once it is rendered (scrolling may render it later).
  useEffect(() => {
    if (!focusPending.current) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${activeIndex}"]`);
    if (element) {
      focusPending.current = false;
      element.focus({ preventScroll: true });
    }
  });

  const time = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }),
    [i18n.language],
  );

  const move = (to: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    focusPending.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const onRow = (event.target as HTMLElement).dataset.rowIndex !== undefined;
    switch (event.key) {
      case 'ArrowDown':
        move(activeIndex + 1);
        break;
      case 'ArrowUp':
        move(activeIndex - 1);
        break;
      case 'PageDown':
        move(activeIndex + PAGE_STEP);
        break;
      case 'PageUp':
        move(activeIndex - PAGE_STEP);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(rows.length - 1);
        break;
      case 'Enter': {
        // On the button, Enter is the button's own click.
        const row = rows[activeIndex];
        if (!onRow || !row?.callbackRef) return;
        onCallBack(row);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div
      ref={scrollRef}
      data-history-scroll
      style={{ height: 'calc(100vh - 320px)', minHeight: 240, overflowY: 'auto', contain: 'strict' }}
    >
      <div
        role="list"
        aria-label={t('history.listLabel')}
        onKeyDown={onKeyDown}
        style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}
      >
        {items.map((item) => {
          const row = rows[item.index];
          const style = {
            position: 'absolute' as const,
            top: 0,
            left: 0,
            width: '100%',
            height: item.size,
            transform: `translateY(${item.start}px)`,
          };
          if (!row)
            return (
              <div key="more" role="listitem" style={style} aria-busy="true">
                <Group h="100%" justify="center" gap="xs">
                  <Loader size="xs" />
                  <Text size="sm" c="dimmed">
                    {t('history.loadingMore')}
                  </Text>
                </Group>
              </div>
            );
          return (
            <HistoryRow
              key={row.id}
              row={row}
              index={item.index}
              setSize={hasMore ? -1 : rows.length}
              active={item.index === activeIndex}
              style={style}
              time={time.format(row.createdAt)}
              onFocus={() => setActive(item.index)}
              onCallBack={() => onCallBack(row)}
            />
          );
        })}
      </div>
    </div>
  );
}

interface HistoryRowProps {
  row: CallLogEntry;
  index: number;
  setSize: number;
  active: boolean;
  style: CSSProperties;
  time: string;
  onFocus(): void;
  onCallBack(): void;
}

function HistoryRow({ row, index, setSize, active, style, time, onFocus, onCallBack }: HistoryRowProps) {
  const { t } = useTranslation();
  const dispositionLabel = useDispositionLabel();
  const DirectionIcon = row.direction === 'inbound' ? IconPhoneIncoming : IconPhoneOutgoing;
  const directionLabel = t(`history.directionIcon.${row.direction}`);
  const outcome = t(`history.outcome.${row.outcome ?? 'inProgress'}`);
  const who = row.contactName ?? row.name;
  const number = row.number || t('history.noNumber');
  const talk = row.talkMs !== null ? t('history.talk', { duration: formatDuration(row.talkMs) }) : '';
  const disposition = dispositionLabel(row.disposition);
  const label = [directionLabel, who, number, time, outcome, talk, disposition].filter(Boolean).join(', ');
  return (
    <div
      role="listitem"
      tabIndex={active ? 0 : -1}
      data-row-index={index}
      data-call-id={row.id}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-label={label}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onFocus();
      }}
      className="history-row"
      style={{
        ...style,
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        padding: '0 8px',
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        background: active ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {time}
      </Text>
      <DirectionIcon
        size={18}
        role="img"
        aria-label={directionLabel}
        color={row.outcome === 'missed' ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-gray-7)'}
        style={{ flexShrink: 0 }}
      />
      <div style={{ flex: 1, minWidth: 0 }}>
        {who && (
          <Text size="sm" fw={600} truncate>
            {who}
          </Text>
        )}
        <Text
          size="sm"
          c={who ? 'dimmed' : undefined}
          fw={who ? undefined : 600}
          truncate
          title={row.masked ? t('history.numberHidden') : undefined}
          style={row.masked ? { userSelect: 'none' } : undefined}
        >
          {number}
        </Text>
      </div>
      <Badge variant="light" color={OUTCOME_COLOR[row.outcome ?? ''] ?? 'blue'} style={{ flexShrink: 0 }}>
        {outcome}
      </Badge>
      <Text size="sm" w={64} ta="right" style={{ flexShrink: 0, fontVariantNumeric: 'tabular-nums' }}>
        {row.talkMs !== null ? formatDuration(row.talkMs) : '—'}
      </Text>
      <Text size="sm" c="dimmed" w={140} truncate style={{ flexShrink: 0 }}>
        {disposition}
      </Text>
      <ActionIcon
        variant="subtle"
        aria-label={t('history.callBack', { who: who ?? number })}
        tabIndex={active ? 0 : -1}
        disabled={!row.callbackRef}
        onClick={onCallBack}
        style={{ flexShrink: 0 }}
      >
        <IconPhone size={18} aria-hidden />
      </ActionIcon>
    </div>
  );
}
