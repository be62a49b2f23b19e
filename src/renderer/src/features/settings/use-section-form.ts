import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { IpcCallError } from '../../lib/ipc.ts';
import { issuesByPath } from './fields.ts';

/**
 * One settings section's form: its values, field errors (from the shared schema first, then from
 * main), a form-level error, busy and saved flags. `submit` gets only the keys IT has not locked.
 */
export function useSectionForm<S extends z.ZodObject>(
  section: string,
  schema: S,
  initial: z.infer<S>,
  submit: (values: Partial<z.infer<S>>) => Promise<void>,
) {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof z.infer<S>>(key: K, value: z.infer<S>[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [`${section}.${String(key)}`]: '' }));
    setSaved(false);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const parsed = schema.safeParse(form);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: `${section}.${i.path.join('.')}`,
        message: i.message,
      }));
      setErrors(issuesByPath(t, issues));
      return;
    }
    setBusy(true);
    try {
      const editable = Object.fromEntries(
        Object.entries(parsed.data as object).filter(
          ([key]) => !settings.locked.includes(`${section}.${key}`),
        ),
      ) as Partial<z.infer<S>>;
      await submit(editable);
      setErrors({});
      setSaved(true);
    } catch (failure) {
      if (failure instanceof IpcCallError && failure.issues.length > 0)
        setErrors(issuesByPath(t, failure.issues));
      setFormError(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };

  return {
    form,
    set,
    errors,
    error: (key: string) => errors[`${section}.${key}`] || undefined,
    formError,
    setFormError,
    saved,
    setSaved,
    busy,
    save,
  };
}
