import { Fieldset, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldOf, type ScriptForCall } from '../../../../shared/scripts/run.ts';
import { invoke, subscribe } from '../../lib/ipc.ts';
import { ScriptText, useVariableValues } from './ScriptPanel.tsx';

// In the wrap-up form: the values the operator filled in the call script, read-only. They are the
// run's (main lays them over the draft as `script.<id>` on every save and on submit), so the form
// shows them rather than letting them be edited in two places; the script panel edits them.

export function ScriptFieldsSummary({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<ScriptForCall | null>(null);
  const values = useVariableValues(callId);

  useEffect(() => {
    let alive = true;
    // No script for this call (or a main without scripts): nothing is shown.
    invoke('scripts:forCall', { callId })
      .then((next) => alive && setView(next))
      .catch(() => undefined);
    const unsubscribe = subscribe('script:updated', (next) => {
      if (next.callId === callId) setView(next);
    });
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [callId]);

  const script = view?.script;
  const filled = Object.entries(view?.run?.fields ?? {}).filter(
    ([, value]) => value !== null && String(value).trim() !== '',
  );
  if (!script || filled.length === 0) return null;

  return (
    <Fieldset legend={t('scripts.fromScript')} data-testid="wrapup-script-fields">
      <Table withRowBorders={false} verticalSpacing={2} fz="sm">
        <Table.Tbody>
          {filled.map(([fieldId, value]) => {
            const field = fieldOf(script, fieldId);
            return (
              <Table.Tr key={fieldId} data-field={fieldId}>
                <Table.Th scope="row" fw={500} c="dimmed" w="45%">
                  {field ? <ScriptText text={field.label} script={script} values={values} /> : fieldId}
                </Table.Th>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {String(value)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Fieldset>
  );
}
