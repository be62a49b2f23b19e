import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import {
  describeRejection,
  guardUnhandledRejections,
  type RejectionTarget,
} from '../../../../src/main/core/process/unhandled-rejection.ts';

describe('unhandled rejection guard', () => {
  it('logs a rejection instead of letting it end the process, until removed', () => {
    const sink = memorySink();
    const target = new EventEmitter() as EventEmitter & RejectionTarget;
    const remove = guardUnhandledRejections(createLogger(sink), target);
    expect(target.listenerCount('unhandledRejection')).toBe(1);
    target.emit('unhandledRejection', new Error('Content disposition undefined.'));
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({
      level: 'error',
      data: { name: 'Error', message: 'Content disposition undefined.' },
    });
    remove();
    expect(target.listenerCount('unhandledRejection')).toBe(0);
  });

  it('keeps numbers, SIP URIs and secrets out of the log', () => {
    const described = describeRejection(
      new Error(
        'Bad header From: "Иван" <sip:+74951234567@pbx.example.com> tel:+7 495 123-45-67 call 8 (495) 111-22-33',
      ),
    );
    expect(described.message).not.toMatch(/74951234567|495|111-22/);
    expect(described.message).toContain('<uri>');
    expect(described.at.length).toBeGreaterThan(0);
    const sink = memorySink();
    const target = new EventEmitter() as EventEmitter & RejectionTarget;
    guardUnhandledRejections(createLogger(sink), target);
    target.emit('unhandledRejection', new Error('Authorization: Digest username="101", response="abc"'));
    expect(JSON.stringify(sink.records)).not.toContain('response="abc"');
  });

  it('describes a reason that is not an Error', () => {
    expect(describeRejection('sip:101@pbx gone')).toEqual({ name: 'string', message: '<uri> gone', at: [] });
    expect(describeRejection(undefined)).toMatchObject({ name: 'undefined' });
  });
});
