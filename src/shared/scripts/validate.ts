import { z } from 'zod';
import { ScriptDocumentSchema, SCRIPT_VARIABLES, type ScriptDocument } from './format.ts';

// Checks a script the way an importer, IT's managed settings and the editor need: every problem at
// once, each at an exact place — a JSON path (`$.steps[3].answers[1].next`), the id of the step it
// is in, and for a file that is not JSON at all, the line and column. The graph checks run on the
// raw document too, so a file with a schema error still reports its broken links.

export const SCRIPT_PROBLEM_KINDS = [
  /** The file is not JSON. */
  'json',
  /** A value breaks the format (type, length, pattern, unknown property…). */
  'schema',
  /** Two steps, two fields of the script or two answers of a step share an id. */
  'duplicate-id',
  /** `start` or an answer's `next` names no step. */
  'unknown-step',
  /** No path from `start` reaches the step. */
  'unreachable',
  /** A step with no answers that is not marked final: the operator would be stuck there. */
  'dead-end',
  /** Steps that lead only to each other: once in, the script can never end. */
  'cycle',
  /** `{{name}}` that is not one of SCRIPT_VARIABLES, or a `{{` never closed. */
  'unknown-variable',
] as const;
export type ScriptProblemKind = (typeof SCRIPT_PROBLEM_KINDS)[number];

export const ScriptProblemSchema = z.object({
  kind: z.enum(SCRIPT_PROBLEM_KINDS),
  /** JSON path of the value at fault: `$`, `$.start`, `$.steps[2].answers[0].next`. */
  path: z.string(),
  /** The step the problem is in (or, for a cycle, the first of its steps). */
  stepId: z.string().optional(),
  /** English, for logs and for the people who write scripts. */
  message: z.string(),
  /** For a file that is not JSON: where the parser stopped (1-based). */
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type ScriptProblem = z.infer<typeof ScriptProblemSchema>;

export type ScriptCheck = { ok: true; script: ScriptDocument } | { ok: false; problems: ScriptProblem[] };

type Key = string | number;

/** `$.steps[2].answers[0].next` from `['steps', 2, 'answers', 0, 'next']`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

type Raw = Record<string, unknown>;
const isObject = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The step a path inside `steps[i]` belongs to, if that step has an id. */
function stepIdAt(raw: unknown, path: readonly PropertyKey[]): string | undefined {
  if (!isObject(raw) || path[0] !== 'steps' || typeof path[1] !== 'number') return undefined;
  const step = arrayOf(raw.steps)[path[1]];
  return isObject(step) && typeof step.id === 'string' ? step.id : undefined;
}

function schemaProblems(raw: unknown, error: z.ZodError): ScriptProblem[] {
  const out: ScriptProblem[] = [];
  for (const issue of error.issues) {
    // An unknown property is reported at the property itself, one problem each.
    const paths: Key[][] =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => [...(issue.path as Key[]), key])
        : [issue.path as Key[]];
    for (const path of paths) {
      const stepId = stepIdAt(raw, path);
      out.push({
        kind: 'schema',
        path: jsonPath(path),
        ...(stepId !== undefined ? { stepId } : {}),
        message: issue.code === 'unrecognized_keys' ? 'Unknown property' : issue.message,
      });
    }
  }
  return out;
}

const VARIABLE = /\{\{([^{}]*)\}\}/g;
const KNOWN_VARIABLES: ReadonlySet<string> = new Set(SCRIPT_VARIABLES);

/** Unknown `{{names}}` and unclosed `{{` in one text. */
function variableProblems(text: unknown, path: Key[], stepId: string | undefined): ScriptProblem[] {
  if (typeof text !== 'string') return [];
  const out: ScriptProblem[] = [];
  const at = (message: string): ScriptProblem => ({
    kind: 'unknown-variable',
    path: jsonPath(path),
    ...(stepId !== undefined ? { stepId } : {}),
    message,
  });
  for (const match of text.matchAll(VARIABLE)) {
    const name = match[1]!.trim();
    if (!KNOWN_VARIABLES.has(name))
      out.push(
        at(`Unknown variable {{${name}}}; known: ${SCRIPT_VARIABLES.map((v) => `{{${v}}}`).join(', ')}`),
      );
  }
  const rest = text.replace(VARIABLE, '');
  if (rest.includes('{{') || rest.includes('}}')) out.push(at('A variable is not closed: write {{name}}'));
  return out;
}

interface LooseStep {
  index: number;
  id: string;
  /** Answer targets by answer index: a step id, null (the end), or undefined (not a usable link). */
  next: Array<string | null | undefined>;
  final: boolean;
}

/** Strongly connected components (Tarjan), iteratively: a script may have hundreds of steps. */
function components(nodes: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target))
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        out.push(component);
      }
    }
  }
  return out;
}

/** Links, reachability, dead ends, cycles and variables, over whatever of the document is usable. */
function graphProblems(raw: unknown): ScriptProblem[] {
  if (!isObject(raw)) return [];
  const out: ScriptProblem[] = [];
  const steps: LooseStep[] = [];
  const firstIndex = new Map<string, number>();
  const fieldIds = new Map<string, string>();

  arrayOf(raw.steps).forEach((step, index) => {
    if (!isObject(step)) return;
    const id = typeof step.id === 'string' ? step.id : undefined;
    for (const key of ['title', 'text', 'hint'] as const)
      out.push(...variableProblems(step[key], ['steps', index, key], id));
    const answerIds = new Set<string>();
    const next: Array<string | null | undefined> = [];
    arrayOf(step.answers).forEach((answer, a) => {
      if (!isObject(answer)) return next.push(undefined);
      out.push(...variableProblems(answer.label, ['steps', index, 'answers', a, 'label'], id));
      const answerId = typeof answer.id === 'string' ? answer.id : String(a + 1);
      if (answerIds.has(answerId))
        out.push({
          kind: 'duplicate-id',
          path: jsonPath(['steps', index, 'answers', a, typeof answer.id === 'string' ? 'id' : 'label']),
          ...(id !== undefined ? { stepId: id } : {}),
          message: `Another answer of this step is also "${answerId}"`,
        });
      answerIds.add(answerId);
      next.push(answer.next === null || typeof answer.next === 'string' ? answer.next : undefined);
    });
    arrayOf(step.fields).forEach((field, f) => {
      if (!isObject(field)) return;
      out.push(...variableProblems(field.label, ['steps', index, 'fields', f, 'label'], id));
      if (typeof field.id !== 'string') return;
      const owner = fieldIds.get(field.id);
      if (owner !== undefined)
        out.push({
          kind: 'duplicate-id',
          path: jsonPath(['steps', index, 'fields', f, 'id']),
          ...(id !== undefined ? { stepId: id } : {}),
          message: `Field "${field.id}" is already in step "${owner}": field ids are unique in a script`,
        });
      else fieldIds.set(field.id, id ?? `#${index}`);
    });
    if (id === undefined) return;
    if (firstIndex.has(id)) {
      out.push({
        kind: 'duplicate-id',
        path: jsonPath(['steps', index, 'id']),
        stepId: id,
        message: `Step "${id}" is defined twice (first at $.steps[${firstIndex.get(id)}])`,
      });
      return;
    }
    firstIndex.set(id, index);
    steps.push({ index, id, next, final: step.final === true });
  });

  const known = new Set(steps.map((s) => s.id));
  const start = typeof raw.start === 'string' ? raw.start : undefined;
  if (start !== undefined && !known.has(start))
    out.push({ kind: 'unknown-step', path: '$.start', message: `The start step "${start}" does not exist` });

  const edges = new Map<string, string[]>();
  const ends = new Set<string>();
  for (const step of steps) {
    const targets: string[] = [];
    step.next.forEach((target, a) => {
      if (target === null) ends.add(step.id);
      else if (typeof target === 'string') {
        if (known.has(target)) targets.push(target);
        else
          out.push({
            kind: 'unknown-step',
            path: jsonPath(['steps', step.index, 'answers', a, 'next']),
            stepId: step.id,
            message: `Answer ${a + 1} leads to step "${target}", which does not exist`,
          });
      }
    });
    edges.set(step.id, targets);
    if (step.final) ends.add(step.id);
    if (step.next.length === 0 && !step.final)
      out.push({
        kind: 'dead-end',
        path: jsonPath(['steps', step.index]),
        stepId: step.id,
        message: `Step "${step.id}" has no answers and is not marked final: add an answer or "final": true`,
      });
  }

  if (start !== undefined && known.has(start)) {
    const reached = new Set<string>([start]);
    const queue = [start];
    while (queue.length > 0)
      for (const target of edges.get(queue.shift()!) ?? [])
        if (!reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
    for (const step of steps)
      if (!reached.has(step.id))
        out.push({
          kind: 'unreachable',
          path: jsonPath(['steps', step.index]),
          stepId: step.id,
          message: `No path from the start step "${start}" reaches step "${step.id}"`,
        });
  }

  // Steps from which the script can end: walk the links backwards from the ends.
  const incoming = new Map<string, string[]>();
  for (const [from, targets] of edges)
    for (const to of targets) incoming.set(to, [...(incoming.get(to) ?? []), from]);
  const canEnd = new Set(ends);
  const queue = [...ends];
  while (queue.length > 0)
    for (const from of incoming.get(queue.shift()!) ?? [])
      if (!canEnd.has(from)) {
        canEnd.add(from);
        queue.push(from);
      }
  const order = new Map(steps.map((s) => [s.id, s.index]));
  for (const component of components(
    steps.map((s) => s.id),
    edges,
  )) {
    const only = component[0]!;
    const isCycle = component.length > 1 || (edges.get(only) ?? []).includes(only);
    if (!isCycle || component.some((id) => canEnd.has(id))) continue;
    const members = [...component].sort((a, b) => order.get(a)! - order.get(b)!);
    const first = members[0]!;
    out.push({
      kind: 'cycle',
      path: jsonPath(['steps', order.get(first)!]),
      stepId: first,
      message: `Steps ${members.map((m) => `"${m}"`).join(', ')} lead only to each other: the script can never end there`,
    });
  }
  return out;
}

/**
 * The offset where a JSON text stops being JSON. JSON.parse says where only for some inputs (V8
 * quotes a snippet for short texts), so the text is scanned by the JSON grammar instead.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const c of word) {
      if (text[i] !== c) fail();
      i++;
    }
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c < ' ') fail();
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++)
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          i += 5;
        } else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail();
      } else i++;
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match || match[0] === '' || match[0] === '-') fail();
    i += match![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (offset) {
    return Math.min(offset as number, text.length);
  }
}

/** Where a text stops being JSON, as 1-based line and column. */
function jsonErrorPlace(text: string): { line: number; column: number } {
  const offset = Math.max(0, jsonErrorOffset(text));
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Checks a parsed document: every problem, or the script with its defaults filled. */
export function checkScript(raw: unknown): ScriptCheck {
  const parsed = ScriptDocumentSchema.safeParse(raw);
  const problems = [...(parsed.success ? [] : schemaProblems(raw, parsed.error)), ...graphProblems(raw)];
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, script: parsed.data };
}

/** Checks a file's text (a byte-order mark is allowed). */
export function checkScriptText(text: string): ScriptCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const place = jsonErrorPlace(text.replace(/^\uFEFF/, ''));
    const where = ` (line ${place.line}, column ${place.column})`;
    return {
      ok: false,
      problems: [
        { kind: 'json', path: '$', message: `Not valid JSON${where}: ${(error as Error).message}`, ...place },
      ],
    };
  }
  return checkScript(raw);
}

/** One line per problem, for logs and error messages. */
export function describeProblem(problem: ScriptProblem): string {
  const step = problem.stepId !== undefined ? ` (step "${problem.stepId}")` : '';
  return `${problem.path}${step}: ${problem.message}`;
}
