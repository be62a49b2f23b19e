import { Button, Group, Stack, Text, Textarea, type TextareaProps } from '@mantine/core';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { replaceMatch, type GuardMatch } from '../../../../shared/guard/guard.ts';
import { useCompanyGuard, useGuardFindings } from './use-phrase-guard.ts';
import './guard.css';

// A text field checked by the forbidden-phrase guard as the operator types (the wrap-up notes).
// What it finds is highlighted in the text itself — a layer behind the transparent textarea holds
// the same text, invisible, with each finding marked — and listed under the field with the reason
// and one button per alternative ("Replace «проблема» with «вопрос»"). A replacement keeps the
// capitalisation (replaceMatch) and the caret where the operator was typing. The list is the
// accessible part: its count is announced politely, the highlight layer is hidden from assistive
// technology.

/** The style properties the highlight layer copies, so its text wraps exactly like the textarea's. */
const MIRRORED = [
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'fontVariant',
  'fontStretch',
  'lineHeight',
  'letterSpacing',
  'wordSpacing',
  'textTransform',
  'textIndent',
  'tabSize',
  'paddingTop',
  'paddingLeft',
  'paddingBottom',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'borderRadius',
  'boxSizing',
] as const;

function mirror(textarea: HTMLTextAreaElement, layer: HTMLDivElement): void {
  const style = getComputedStyle(textarea);
  for (const property of MIRRORED) layer.style[property] = style[property];
  // A scroll bar narrows the textarea's text: the layer, which has none, pads by as much.
  const borders = parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
  const scrollbar = Math.max(0, textarea.offsetWidth - textarea.clientWidth - (borders || 0));
  layer.style.paddingRight = `${(parseFloat(style.paddingRight) || 0) + scrollbar}px`;
  layer.style.top = `${textarea.offsetTop}px`;
  layer.style.left = `${textarea.offsetLeft}px`;
  layer.style.width = `${textarea.offsetWidth}px`;
  layer.style.height = `${textarea.offsetHeight}px`;
  layer.scrollTop = textarea.scrollTop;
}

function highlightLayer(text: string, matches: readonly GuardMatch[]): ReactNode[] {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const match of matches) {
    if (match.start < at || match.end > text.length) continue;
    if (match.start > at) parts.push(text.slice(at, match.start));
    parts.push(
      <mark key={`${match.start}-${match.ruleId}`} className="guard-mark" data-severity={match.rule.severity}>
        {text.slice(match.start, match.end)}
      </mark>,
    );
    at = match.end;
  }
  parts.push(text.slice(at));
  // A last empty line has no height of its own in the layer; give it a character.
  parts.push('\u200b');
  return parts;
}

export type GuardedTextareaProps = Omit<TextareaProps, 'value' | 'onChange'> & {
  value: string;
  onValueChange: (value: string) => void;
};

export function GuardedTextarea({ value, onValueChange, ...props }: GuardedTextareaProps) {
  const guard = useCompanyGuard();
  const matches = useGuardFindings(value, guard);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const caretRef = useRef<number | null>(null);

  const sync = useCallback(() => {
    if (textareaRef.current && layerRef.current) mirror(textareaRef.current, layerRef.current);
  }, []);

  /** The text the layer was last lined up for. */
  const syncedFor = useRef<string | null>(null);
  // The layer's box follows the textarea's: again when the text changed (a scroll bar may have come
  // or gone), and on resize (below) — not on every render: reading the computed style forces a
  // layout, and this form re-renders with every call event while the next call rings.
  useLayoutEffect(() => {
    if (syncedFor.current !== value) {
      syncedFor.current = value;
      sync();
    }
    const caret = caretRef.current;
    const textarea = textareaRef.current;
    if (caret !== null && textarea && textarea.value === value) {
      caretRef.current = null;
      textarea.focus();
      textarea.setSelectionRange(caret, caret);
    }
  });
  useEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(sync);
    observer.observe(textarea);
    return () => observer.disconnect();
  }, [sync]);

  const replace = (match: GuardMatch, alternative: string) => {
    const next = replaceMatch(value, match, alternative);
    if (next === value) return;
    const delta = next.length - value.length;
    // Where the operator was typing stays where it was in the text around it; inside the phrase
    // (or nothing known), after the replacement.
    const textarea = textareaRef.current;
    const was = textarea ? textarea.selectionEnd : match.end;
    caretRef.current = was <= match.start ? was : was >= match.end ? was + delta : match.end + delta;
    onValueChange(next);
  };

  return (
    <Stack gap={6}>
      <Textarea
        {...props}
        ref={textareaRef}
        value={value}
        onChange={(e) => onValueChange(e.currentTarget.value)}
        onScroll={sync}
        classNames={{ input: 'guard-input' }}
        inputContainer={(children) => (
          <div className="guard-field">
            <div ref={layerRef} className="guard-layer" aria-hidden="true" data-testid="guard-highlights">
              {highlightLayer(value, matches)}
            </div>
            {children}
          </div>
        )}
      />
      <GuardFindings matches={matches} onReplace={replace} />
    </Stack>
  );
}

/** The findings under the field: phrase, reason, one button per alternative; the count announced. */
export function GuardFindings({
  matches,
  onReplace,
}: {
  matches: readonly GuardMatch[];
  onReplace?: (match: GuardMatch, alternative: string) => void;
}) {
  const { t } = useTranslation();
  const listId = useId();
  return (
    <div data-testid="guard-findings">
      <Text size="xs" c="dimmed" role="status" aria-live="polite">
        {matches.length > 0 ? t('guard.summary', { count: matches.length }) : ''}
      </Text>
      {matches.length > 0 && (
        <ul className="guard-findings" aria-label={t('guard.listLabel')} id={listId}>
          {matches.map((match) => (
            <li
              key={`${match.start}-${match.ruleId}`}
              data-severity={match.rule.severity}
              data-rule={match.ruleId}
            >
              <Text size="sm" component="div">
                <span className="guard-phrase">«{match.text}»</span>{' '}
                <Text span size="sm" c="dimmed">
                  {match.rule.reason}
                </Text>
              </Text>
              {onReplace && match.rule.alternatives.length > 0 && (
                <Group gap={4} mt={2}>
                  {match.rule.alternatives.map((alternative) => (
                    <Button
                      key={alternative}
                      size="compact-xs"
                      variant="light"
                      aria-label={t('guard.replace', { phrase: match.text, alternative })}
                      onClick={() => onReplace(match, alternative)}
                    >
                      {alternative}
                    </Button>
                  ))}
                </Group>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
