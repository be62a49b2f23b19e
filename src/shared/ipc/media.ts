import { z } from 'zod';
import { QualitySampleSchema } from '../media/quality.ts';

// The media bridge: main's SIP.js sessions drive the renderer's WebRTC through these requests
// (main → renderer as the `media:request` event, answered with the `media:respond` request), and the
// renderer reports what happens to media on its own (`media:report`). Options that SIP.js expresses
// as functions (SDP modifiers) cross as named flags instead.

const CallId = z.string().min(1).max(64);

export const IceServerSchema = z.object({
  urls: z.union([z.string().max(512), z.array(z.string().max(512)).max(8)]),
  username: z.string().max(256).optional(),
  credential: z.string().max(256).optional(),
});

export const DescriptionOptionsSchema = z
  .object({
    hold: z.boolean().optional(),
    iceRestart: z.boolean().optional(),
  })
  .strict();
export type DescriptionOptions = z.infer<typeof DescriptionOptionsSchema>;

export const MediaMethodSchemas = {
  create: {
    params: z.object({
      callId: CallId,
      iceServers: z.array(IceServerSchema).max(8),
      iceGatheringTimeoutMs: z.number().int().min(50).max(10_000),
    }),
    result: z.object({}),
  },
  getDescription: {
    params: z.object({ callId: CallId, options: DescriptionOptionsSchema }),
    result: z.object({ body: z.string().max(65_536), contentType: z.string().max(128) }),
  },
  setDescription: {
    params: z.object({ callId: CallId, sdp: z.string().max(65_536), options: DescriptionOptionsSchema }),
    result: z.object({}),
  },
  rollbackDescription: { params: z.object({ callId: CallId }), result: z.object({}) },
  sendDtmf: {
    params: z.object({
      callId: CallId,
      tones: z.string().regex(/^[0-9A-D#*,]{1,32}$/i),
      durationMs: z.number().int().min(40).max(6000),
      interToneGapMs: z.number().int().min(30).max(6000),
    }),
    result: z.object({ sent: z.boolean() }),
  },
  setMuted: { params: z.object({ callId: CallId, muted: z.boolean() }), result: z.object({}) },
  close: { params: z.object({ callId: CallId }), result: z.object({}) },
  getStats: {
    params: z.object({ callId: CallId }),
    result: z.object({
      packetsSent: z.number(),
      packetsReceived: z.number(),
      bytesSent: z.number(),
      bytesReceived: z.number(),
      audioLevelIn: z.number().optional(),
      roundTripTimeMs: z.number().optional(),
      jitterMs: z.number().optional(),
      packetsLost: z.number().optional(),
      direction: z.string().optional(),
      iceState: z.string().optional(),
      open: z.boolean(),
    }),
  },
  countOpen: { params: z.object({}), result: z.object({ peerConnections: z.number().int() }) },
} as const;

export type MediaMethod = keyof typeof MediaMethodSchemas;
export const MEDIA_METHODS = Object.keys(MediaMethodSchemas) as MediaMethod[];
export type MediaParams<M extends MediaMethod> = z.infer<(typeof MediaMethodSchemas)[M]['params']>;
export type MediaResult<M extends MediaMethod> = z.infer<(typeof MediaMethodSchemas)[M]['result']>;

export const MediaRequestEventSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.enum(MEDIA_METHODS as [MediaMethod, ...MediaMethod[]]),
  params: z.unknown(),
});
export type MediaRequestEvent = z.infer<typeof MediaRequestEventSchema>;

export const MediaRespondSchema = z.union([
  z.object({ id: z.number().int().nonnegative(), ok: z.literal(true), value: z.unknown() }).strict(),
  z
    .object({ id: z.number().int().nonnegative(), ok: z.literal(false), error: z.string().max(2000) })
    .strict(),
]);
export type MediaRespond = z.infer<typeof MediaRespondSchema>;

/**
 * What the renderer tells main on its own: media failures, readiness, and the call's audio quality
 * (a sample every 2 s while media flows; src/shared/media/quality.ts).
 */
export const MediaReportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }).strict(),
  z.object({ kind: z.literal('ice-failed'), callId: CallId }).strict(),
  z.object({ kind: z.literal('ice-connected'), callId: CallId }).strict(),
  z.object({ kind: z.literal('quality'), callId: CallId, sample: QualitySampleSchema }).strict(),
  z
    .object({
      kind: z.literal('device-fallback'),
      device: z.enum(['microphone', 'speaker', 'ringer']),
      label: z.string().max(512),
    })
    .strict(),
]);
export type MediaReport = z.infer<typeof MediaReportSchema>;
