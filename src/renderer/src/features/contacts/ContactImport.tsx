import { Alert, Button, CloseButton, FileButton, Group, List, Progress, Stack, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProgress } from '../../../../shared/ipc/contract.ts';
import { CONTACT_LIMITS, type ImportResult } from '../../../../shared/model/contact.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount } from '../../lib/format.ts';
import { IpcCallError, invoke, subscribe } from '../../lib/ipc.ts';

/** The file's bytes as base64, in slices (a spread of millions of bytes would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The file's bytes (FileReader: what every browser and jsdom have). */
function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file cannot be read'));
    reader.readAsArrayBuffer(file);
  });
}

export type ImportOutcome =
  { file: string; busy: true } | { file: string; result: ImportResult } | { file: string; error: string };

/**
 * "Import…": a CSV or vCard file is read here and its bytes sent to the core, which finds the
 * encoding and the format. What happened goes to `onOutcome`, for ImportSummary to show.
 */
export function ContactImport({
  onImported,
  onOutcome,
}: {
  onImported(): void;
  onOutcome(outcome: ImportOutcome): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const setOutcome = onOutcome;
  // Cleared after each file, so choosing the same file again (fixed in a spreadsheet) imports it again.
  const resetRef = useRef<() => void>(null);

  const importFile = async (file: File | null) => {
    if (!file) return;
    if (file.size > CONTACT_LIMITS.importBytes) {
      setOutcome({ file: file.name, error: t('contacts.import.fileError.too-large') });
      return;
    }
    setBusy(true);
    setOutcome({ file: file.name, busy: true });
    try {
      const bytes = await readBytes(file);
      const result = await invoke('contacts:import', { fileName: file.name, contentBase64: toBase64(bytes) });
      setOutcome({ file: file.name, result });
      onImported();
    } catch (failure) {
      const fileIssue =
        failure instanceof IpcCallError ? failure.issues.find((i) => i.path === 'file') : undefined;
      setOutcome({
        file: file.name,
        error: fileIssue
          ? t(`contacts.import.fileError.${fileIssue.message}`, { defaultValue: errorMessage(t, failure) })
          : errorMessage(t, failure),
      });
    } finally {
      setBusy(false);
      resetRef.current?.();
    }
  };

  return (
    <FileButton
      resetRef={resetRef}
      onChange={(file) => void importFile(file)}
      accept=".csv,.txt,.vcf,.vcard,text/csv,text/vcard"
    >
      {(props) => (
        <Button
          {...props}
          variant="default"
          loading={busy}
          leftSection={<IconFileImport size={16} aria-hidden />}
          title={t('contacts.import.hint')}
        >
          {t('contacts.import.button')}
        </Button>
      )}
    </FileButton>
  );
}

/** A file being imported: its name, then rows written of all as the core reports them. */
function ImportRunning({ file }: { file: string }) {
  const { t, i18n } = useTranslation();
  const [progress, setProgress] = useState<ImportProgress>();
  useEffect(() => subscribe('contacts:importProgress', setProgress), []);
  const percent = progress && progress.total > 0 ? (progress.done / progress.total) * 100 : 0;
  const written =
    progress &&
    t('contacts.import.progress', {
      done: formatCount(progress.done, i18n.language),
      total: formatCount(progress.total, i18n.language),
    });
  return (
    <Stack gap={4} w="100%" data-testid="import-summary">
      <Text size="sm" role="status">
        {t('contacts.import.reading', { file })}
        {written ? ` ${written}` : ''}
      </Text>
      {progress && (
        // Mantine's own aria-valuetext would say "25%"; the rows written say more.
        <Progress.Root size="sm">
          <Progress.Section
            value={percent}
            withAria={false}
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(percent)}
            aria-valuetext={written}
            aria-label={t('contacts.import.progressLabel', { file })}
          />
        </Progress.Root>
      )}
    </Stack>
  );
}

/** What the last import did: counts, and each skipped line with why (translated). */
export function ImportSummary({ outcome, onClose }: { outcome: ImportOutcome; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const count = (n: number) => formatCount(n, i18n.language);
  const close = <CloseButton aria-label={t('contacts.import.dismiss')} onClick={onClose} />;
  if ('busy' in outcome) return <ImportRunning file={outcome.file} />;
  if ('error' in outcome)
    return (
      <Alert color="red" role="alert" data-testid="import-summary" w="100%">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="sm">
            {outcome.file}: {outcome.error}
          </Text>
          {close}
        </Group>
      </Alert>
    );
  const { result } = outcome;
  return (
    <Alert
      color={result.skippedTotal > 0 ? 'orange' : 'teal'}
      role="status"
      data-testid="import-summary"
      w="100%"
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="sm" fw={500}>
            {t('contacts.import.summary', {
              file: outcome.file,
              imported: count(result.imported),
              updated: count(result.updated),
              unchanged: count(result.unchanged),
              skipped: count(result.skippedTotal),
            })}
          </Text>
          {close}
        </Group>
        {result.skipped.length > 0 && (
          <>
            <Text size="sm" id="import-skipped-title">
              {t('contacts.import.skippedTitle')}
            </Text>
            <List size="sm" aria-labelledby="import-skipped-title" mah={200} style={{ overflowY: 'auto' }}>
              {result.skipped.map((row) => {
                const reason = t(`contacts.import.reason.${row.reason}`);
                return (
                  <List.Item key={`${row.line}-${row.reason}`}>
                    {row.value
                      ? t('contacts.import.lineWithValue', { line: row.line, reason, value: row.value })
                      : t('contacts.import.line', { line: row.line, reason })}
                  </List.Item>
                );
              })}
            </List>
            {result.skippedTotal > result.skipped.length && (
              <Text size="sm">
                {t('contacts.import.more', { n: count(result.skippedTotal - result.skipped.length) })}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Alert>
  );
}
