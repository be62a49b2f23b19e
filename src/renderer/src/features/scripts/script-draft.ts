import {
  SCRIPT_FORMAT,
  SCRIPT_FORMAT_VERSION,
  type ScriptDocument,
  type ScriptLanguage,
} from '../../../../shared/scripts/format.ts';
import type { ScriptProblem } from '../../../../shared/scripts/validate.ts';

// The script editor's working copy: a script as the form holds it (every field present, the rules
// as the JSON text the author types), turned back into a document for the shared validator and for
// saving through `scripts:import`. Pure, so the editor and its tests share it.

export interface DraftField {
  id: string;
  label: string;
  type: 'text' | 'number' | 'choice';
  required: boolean;
  /** One option a line (a choice field only). */
  options: string;
}

export interface DraftAnswer {
  id?: string;
  label: string;
  next: string | null;
}

export interface DraftStep {
  id: string;
  title: string;
  text: string;
  hint: string;
  answers: DraftAnswer[];
  fields: DraftField[];
  final: boolean;
}

export interface ScriptDraft {
  id: string;
  revision: number;
  title: string;
  description: string;
  language: ScriptLanguage;
  /** The rules as JSON text. */
  rules: string;
  start: string;
  steps: DraftStep[];
}

export function draftOf(script: ScriptDocument): ScriptDraft {
  return {
    id: script.id,
    revision: script.revision,
    title: script.title,
    description: script.description,
    language: script.language,
    rules: JSON.stringify(script.rules),
    start: script.start,
    steps: script.steps.map((step) => ({
      id: step.id,
      title: step.title,
      text: step.text,
      hint: step.hint ?? '',
      answers: step.answers.map((a) => ({
        ...(a.id !== undefined ? { id: a.id } : {}),
        label: a.label,
        next: a.next,
      })),
      fields: step.fields.map((f) => ({
        id: f.id,
        label: f.label,
        type: f.type,
        required: f.required,
        options: (f.options ?? []).join('\n'),
      })),
      final: step.final,
    })),
  };
}

export function blankDraft(language: ScriptLanguage, title: string): ScriptDraft {
  return {
    id: 'new-script',
    revision: 1,
    title,
    description: '',
    language,
    rules: '[]',
    start: 'start',
    steps: [{ id: 'start', title, text: '{{greeting}}!', hint: '', answers: [], fields: [], final: true }],
  };
}

/** A duplicate of a read-only script the company may edit: an id outside `builtin.`, revision 1. */
export function duplicateDraft(
  script: ScriptDocument,
  suffix: string,
  taken: readonly string[],
): ScriptDraft {
  const base = `${script.id.replace(/^builtin\./, '')}-copy`.slice(0, 58);
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return { ...draftOf(script), id, revision: 1, title: `${script.title} ${suffix}`.slice(0, 120) };
}

/** The rules text parsed, or undefined when it is not JSON. */
export function parseRules(text: string): { ok: true; rules: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, rules: [] };
  try {
    return { ok: true, rules: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The draft as a hotline-script v1 document (not yet validated). */
export function documentOf(draft: ScriptDraft): Record<string, unknown> {
  const rules = parseRules(draft.rules);
  return {
    format: SCRIPT_FORMAT,
    version: SCRIPT_FORMAT_VERSION,
    id: draft.id,
    revision: draft.revision,
    title: draft.title,
    description: draft.description,
    language: draft.language,
    rules: rules.ok ? rules.rules : [],
    start: draft.start,
    steps: draft.steps.map((step) => ({
      id: step.id,
      title: step.title,
      text: step.text,
      ...(step.hint.trim() !== '' ? { hint: step.hint } : {}),
      answers: step.answers.map((a) => ({
        ...(a.id !== undefined ? { id: a.id } : {}),
        label: a.label,
        next: a.next,
      })),
      fields: step.fields.map((f) => ({
        id: f.id,
        label: f.label,
        type: f.type,
        required: f.required,
        ...(f.type === 'choice'
          ? {
              options: f.options
                .split('\n')
                .map((o) => o.trim())
                .filter((o) => o !== ''),
            }
          : {}),
      })),
      final: step.final,
    })),
  };
}

/** The DOM id of the editor's control for a JSON path (`$.steps[2].text`). */
export function controlIdOf(path: string): string {
  return `script-editor-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** The index of the step a problem's path points into, if any. */
export function stepIndexOf(problem: Pick<ScriptProblem, 'path'>): number | undefined {
  const match = /^\$\.steps\[(\d+)\]/.exec(problem.path);
  return match ? Number(match[1]) : undefined;
}

/** The last named part of a path (`text`, `next`, `label`…), for saying which field is at fault. */
export function fieldNameOf(path: string): string {
  const names = [...path.matchAll(/\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!);
  return names.at(-1) ?? '$';
}

/** Shorter path prefixes, longest first: where to put the focus when the exact control is absent. */
export function pathPrefixes(path: string): string[] {
  const out = [path];
  let rest = path;
  for (;;) {
    const cut = rest.replace(/(\.[A-Za-z_$][\w$]*|\[\d+\]|\["[^"]*"\])$/, '');
    if (cut === rest || cut === '') break;
    out.push(cut);
    rest = cut;
  }
  return out;
}
