import { Alert, Button, FileButton, List, Stack, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KB_IMPORT_LIMITS } from '../../../../shared/model/call-articles.ts';
import type { KbImportIssue, KbImportReport } from '../../../../shared/model/knowledge.ts';
import { errorMessage } from '../../lib/errors.ts';
import { invoke } from '../../lib/ipc.ts';
import { Section } from '../settings/section-parts.tsx';

// Settings → Knowledge base: import articles from Markdown files (one article each, front matter
// for title, tags and validity), CSV and JSON. The files are read here and sent as text; the core
// picks the importer by extension, writes every good entry (updating articles imported before)
// and reports every bad one with its file and line or index.

/**
 * The text of a file: UTF-8 (with or without a byte-order mark), UTF-16 with a mark, or — what a
 * spreadsheet on Russian Windows saves — Windows-1251 when the bytes are not valid UTF-8.
 */
export function decodeFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file cannot be read'));
    reader.readAsArrayBuffer(file);
  });
}

type Outcome = { busy: true; files: number } | { report: KbImportReport } | { error: string };

export function KnowledgeSection() {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const resetRef = useRef<() => void>(null);
  const busy = outcome !== null && 'busy' in outcome;

  const importFiles = async (chosen: File[]) => {
    if (chosen.length === 0) return;
    setOutcome({ busy: true, files: chosen.length });
    try {
      const tooLarge: KbImportIssue[] = [];
      const files: Array<{ fileName: string; content: string }> = [];
      for (const file of chosen.slice(0, KB_IMPORT_LIMITS.files)) {
        const content = decodeFile(await readBytes(file));
        if (content.length > KB_IMPORT_LIMITS.fileChars)
          tooLarge.push({ file: file.name, message: t('knowledge.import.tooLarge') });
        else files.push({ fileName: file.name, content });
      }
      const report: KbImportReport =
        files.length > 0
          ? await invoke('kb:import', { files })
          : { created: 0, updated: 0, unchanged: 0, failed: 0, issues: [] };
      setOutcome({
        report: {
          ...report,
          failed: report.failed + tooLarge.length,
          issues: [...tooLarge, ...report.issues],
        },
      });
    } catch (failure) {
      setOutcome({ error: errorMessage(t, failure) });
    } finally {
      resetRef.current?.();
    }
  };

  return (
    <Section title={t('knowledge.import.title')} description={t('knowledge.import.description')}>
      <Stack gap="sm" maw={640}>
        <FileButton
          resetRef={resetRef}
          multiple
          onChange={(files) => void importFiles(files)}
          accept=".md,.markdown,.csv,.json,text/markdown,text/csv,application/json"
        >
          {(props) => (
            <Button
              {...props}
              variant="default"
              loading={busy}
              leftSection={<IconFileImport size={16} aria-hidden />}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('knowledge.import.button')}
            </Button>
          )}
        </FileButton>
        {outcome && <ImportOutcome outcome={outcome} />}
      </Stack>
    </Section>
  );
}

function place(t: ReturnType<typeof useTranslation>['t'], issue: KbImportIssue): string {
  if (issue.line !== undefined) return t('knowledge.import.atLine', { file: issue.file, line: issue.line });
  if (issue.index !== undefined)
    return t('knowledge.import.atIndex', { file: issue.file, index: issue.index + 1 });
  return issue.file;
}

function ImportOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  if ('busy' in outcome)
    return (
      <Text size="sm" role="status" data-testid="kb-import-result">
        {t('knowledge.import.reading', { count: outcome.files })}
      </Text>
    );
  if ('error' in outcome)
    return (
      <Alert color="red" role="alert" data-testid="kb-import-result">
        {outcome.error}
      </Alert>
    );
  const { report } = outcome;
  return (
    <Alert
      color={report.failed > 0 ? 'orange' : 'teal'}
      data-testid="kb-import-result"
      title={t('knowledge.import.done')}
    >
      <Stack gap={4}>
        <Text size="sm" role="status">
          {t('knowledge.import.counts', {
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
          })}
        </Text>
        {report.issues.length > 0 && (
          <>
            <Text size="sm">{t('knowledge.import.skipped', { count: report.issues.length })}</Text>
            <List size="sm" spacing={2} aria-label={t('knowledge.import.skippedList')}>
              {report.issues.map((issue, i) => (
                <List.Item key={i}>
                  {place(t, issue)}: {issue.message}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Alert>
  );
}
