import { readFileSync } from 'node:fs';
import { Inviter, SessionState, UserAgent, type Invitation, type Session, type URI } from 'sip.js';
import type { CallEndReason, CallView } from '../../../shared/model/call.ts';
import {
  accumulateQuality,
  emptyQualityAccumulator,
  qualityLevel,
  roundSample,
  sameRoundedSample,
  summarizeQuality,
  type QualityAccumulator,
  type QualitySample,
  type QualitySummary,
} from '../../../shared/media/quality.ts';
import { parseDialTarget } from '../../../shared/phone/dial-target.ts';
import type { Status } from '../../../shared/ipc/contract.ts';
import type { AccountService } from '../account/account-service.ts';
import { AppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';
import {
  createIpcSdhFactory,
  IpcSessionDescriptionHandler,
} from '../media/ipc-session-description-handler.ts';
import type { MediaBridge } from '../media/media-bridge.ts';
import type { SystemEvents } from '../ports.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { StatusService } from '../status/status-service.ts';
import {
  cancelMeansAnsweredElsewhere,
  endReasonForResponse,
  escapeUserPart,
  remotePartyOfRequest,
  calledNumberOfRequest,
  retryAfterSeconds,
} from './call-mapping.ts';
import {
  createRegistrationSupervisor,
  type RegistrationSupervisor,
  type SupervisorState,
} from './registration-supervisor.ts';
import { createSipEndpoint, type SipEndpoint } from './sip-endpoint.ts';

// The phone: one SIP account kept registered, and every call on it. SIP.js sessions live here in
// main; their media lives in the renderer behind IpcSessionDescriptionHandler. Every change to a
// call is pushed to the UI (and, later, the call log) through `onCallUpdated`.

export interface PhoneServiceOptions {
  settings: SettingsService;
  account: AccountService;
  media: MediaBridge;
  status: StatusService;
  system: SystemEvents;
  log: Logger;
  userAgentString: string;
  onCallUpdated: (call: CallView, detail?: CallUpdateDetail) => void;
  /**
   * Asked before an inbound call rings (the operator's do-not-disturb): false declines it with 480
   * at once; it is still published, ended as declined, so the call log files it.
   */
  acceptIncoming?: (call: CallView) => boolean;
}

/** What an update carries besides the view (for the call log, not the UI). */
export interface CallUpdateDetail {
  /** With the `ended` update: the call's audio quality over its life, when any was measured. */
  qualitySummary?: QualitySummary;
}

export interface PhoneService {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The account or phone settings changed: re-register with the new ones (after calls end). */
  reconfigure(): Promise<void>;
  /** The operator asked to try registering again now. */
  retry(): void;
  list(): CallView[];
  dial(target: string, options?: { consultFor?: string }): Promise<CallView>;
  answer(callId: string): Promise<void>;
  decline(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  hold(callId: string, hold: boolean): Promise<void>;
  mute(callId: string, muted: boolean): Promise<void>;
  dtmf(callId: string, tones: string): Promise<void>;
  blindTransfer(callId: string, target: string): Promise<void>;
  attendedTransfer(callId: string, consultCallId: string): Promise<void>;
  /** Test and diagnostics hook: the media handler of a call. */
  mediaOf(callId: string): IpcSessionDescriptionHandler | undefined;
}

interface CallRecord {
  view: CallView;
  session: Session;
  /** Why it ended, decided by whoever ended it first (us, the far end, a response, the transport). */
  endReason?: { reason: CallEndReason; statusCode?: number; phrase?: string; retryAfterS?: number };
  /** The running totals of the quality samples the media engine reported while it talked. */
  quality?: QualityAccumulator;
}

function registrationStatus(state: SupervisorState, complete: boolean): Status['registration'] {
  switch (state.state) {
    case 'stopped':
      return { state: complete ? 'unregistered' : 'not-configured' };
    case 'connecting':
    case 'registering':
      return { state: 'registering' };
    case 'registered':
      return { state: 'registered' };
    case 'waiting':
      return { state: 'failed', reason: state.reason, retryAt: state.retryAt };
    case 'failed':
      return { state: 'failed', reason: state.reason };
  }
}

export function createPhoneService(options: PhoneServiceOptions): PhoneService {
  const { settings, account, media, status, log } = options;
  const calls = new Map<string, CallRecord>();
  let endpoint: SipEndpoint | undefined;
  let supervisor: RegistrationSupervisor | undefined;
  let domain = '';
  let configKey = '';
  let pendingReconfigure = false;
  let idCounter = 0;
  const newCallId = () => `call-${Date.now().toString(36)}-${++idCounter}`;
  const sdhFactory = createIpcSdhFactory(
    media,
    () => ({
      iceServers: settings.get().phone.iceServers,
      iceGatheringTimeoutMs: settings.get().phone.iceGatheringTimeoutMs,
    }),
    log.child('media'),
  );

  // ---- registration -----------------------------------------------------------------------

  /** What needs a new user agent when it changes; the other phone settings are read live per call. */
  async function currentConfigKey(): Promise<string> {
    const { account: a, phone } = settings.get();
    const transport = { ca: phone.caBundlePath, keepAlive: phone.keepAliveIntervalS };
    return JSON.stringify({ a, transport, p: (await account.password()) ?? '' });
  }

  async function startEndpoint(): Promise<void> {
    const { account: a, phone } = settings.get();
    const password = await account.password().catch(() => undefined);
    configKey = await currentConfigKey();
    if (!a.wssUrl || !a.sipUri || !password) {
      status.set({ registration: { state: 'not-configured' } });
      return;
    }
    let extraCaPem: string | undefined;
    if (phone.caBundlePath) {
      try {
        extraCaPem = readFileSync(phone.caBundlePath, 'utf8');
      } catch (error) {
        log.error('cannot read the CA bundle; using the system store only', {
          path: phone.caBundlePath,
          error,
        });
      }
    }
    const uri = UserAgent.makeURI(a.sipUri);
    domain = uri?.host ?? '';
    endpoint = createSipEndpoint({
      wsUrl: a.wssUrl,
      sipUri: a.sipUri,
      authUser: a.authUser,
      password,
      secretKind: a.secretKind,
      displayName: a.displayName,
      expires: a.registerExpires,
      extraCaPem,
      userAgentString: options.userAgentString,
      keepAliveIntervalMs: phone.keepAliveIntervalS * 1000,
      // Our own timer (below) applies the setting live; SIP.js's is only a backstop.
      noAnswerTimeoutS: 3600,
      sessionDescriptionHandlerFactory: sdhFactory,
      onInvite: (invitation) => onInvite(invitation),
      log: log.child('sip'),
    });
    const mine = createRegistrationSupervisor({
      endpoint,
      log: log.child('registration'),
      // A supervisor being replaced still reports its last states; only the current one speaks.
      onState: (state) => {
        if (supervisor === mine) status.set({ registration: registrationStatus(state, true) });
      },
      onRecovered: () => void reinviteAfterReconnect(),
    });
    supervisor = mine;
    mine.start();
  }

  async function stopEndpoint(): Promise<void> {
    for (const record of [...calls.values()]) {
      finish(record, 'connection-lost');
      void terminate(record.session).catch(() => undefined);
    }
    const current = supervisor;
    supervisor = undefined;
    endpoint = undefined;
    await current?.stop();
  }

  /** After the transport came back, calls still have dead media paths: re-INVITE with an ICE restart. */
  async function reinviteAfterReconnect(): Promise<void> {
    for (const record of calls.values()) {
      if (record.view.state !== 'active' && record.view.state !== 'held') continue;
      log.info('re-INVITE after reconnect', { callId: record.view.id });
      try {
        await record.session.invite({
          sessionDescriptionHandlerOptions: {
            hold: record.view.state === 'held',
            offerOptions: { iceRestart: true },
          } as object,
        });
      } catch (error) {
        log.warn('re-INVITE after reconnect failed', { callId: record.view.id, error });
      }
    }
  }

  // ---- calls: bookkeeping ---------------------------------------------------------------------

  function publish(record: CallRecord, detail?: CallUpdateDetail): void {
    if (detail) options.onCallUpdated(record.view, detail);
    else options.onCallUpdated(record.view);
  }

  function update(record: CallRecord, patch: Partial<CallView>, detail?: CallUpdateDetail): void {
    record.view = { ...record.view, ...patch };
    publish(record, detail);
  }

  function decide(
    record: CallRecord,
    reason: CallEndReason,
    extra: Omit<NonNullable<CallRecord['endReason']>, 'reason'> = {},
  ): void {
    record.endReason ??= { reason, ...extra };
  }

  function finish(record: CallRecord, fallback: CallEndReason): void {
    if (record.view.state === 'ended') return;
    const end = record.endReason ?? { reason: fallback };
    calls.delete(record.view.id);
    const qualitySummary = record.quality && summarizeQuality(record.quality);
    update(
      record,
      { state: 'ended', endedAt: Date.now(), end },
      qualitySummary ? { qualitySummary } : undefined,
    );
    log.info('call ended', { callId: record.view.id, ...end });
    if (pendingReconfigure && calls.size === 0) {
      pendingReconfigure = false;
      void reconfigure();
    }
  }

  /**
   * A quality sample from the media engine (every 2 s while audio flows): counted into the call's
   * summary, and published on the view only when what the indicator shows would change — the level,
   * or a value as rounded for the screen — so a steady call sends no updates. The level is decided
   * here from the MOS, whatever the renderer said.
   */
  function onQuality(mediaCallId: string, reported: QualitySample): void {
    const record = [...calls.values()].find((r) => sdhOf(r)?.callId === mediaCallId);
    if (!record || (record.view.state !== 'active' && record.view.state !== 'held')) return;
    const sample = { ...reported, level: qualityLevel(reported.mos) };
    record.quality = accumulateQuality(record.quality ?? emptyQualityAccumulator(), sample);
    const shown = roundSample(sample);
    if (!sameRoundedSample(record.view.quality, shown)) update(record, { quality: shown });
  }

  function get(callId: string): CallRecord {
    const record = calls.get(callId);
    if (!record) throw new AppError('NOT_FOUND', `No call ${callId}`);
    return record;
  }

  function sdhOf(record: CallRecord): IpcSessionDescriptionHandler | undefined {
    const sdh = record.session.sessionDescriptionHandler;
    return sdh instanceof IpcSessionDescriptionHandler ? sdh : undefined;
  }

  /** Ends a session whatever its state: BYE, CANCEL or a reject, as each state needs. */
  async function terminate(session: Session): Promise<void> {
    switch (session.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (session instanceof Inviter) await session.cancel();
        else await (session as Invitation).reject({ statusCode: 486 });
        return;
      case SessionState.Established:
        await session.bye();
        return;
      default:
        return;
    }
  }

  function watchSession(record: CallRecord): void {
    record.session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        update(record, {
          state: 'active',
          answeredAt: record.view.answeredAt ?? Date.now(),
          earlyMedia: false,
        });
      } else if (state === SessionState.Terminated) {
        const unanswered = record.view.direction === 'inbound' ? 'no-answer' : 'rejected';
        // SIP.js reports Terminated before it hands the final response to onReject; let that
        // response decide the reason first.
        setTimeout(() => finish(record, record.view.answeredAt ? 'remote-hangup' : unanswered), 0);
      }
    });
    record.session.delegate = {
      ...record.session.delegate,
      onBye: (bye) => {
        decide(record, 'remote-hangup');
        bye.accept().catch(() => undefined);
      },
    };
  }

  function requireRegistered(): SipEndpoint {
    if (!endpoint || supervisor?.state().state !== 'registered') {
      throw new AppError('DISCONNECTED', 'The phone is not registered');
    }
    return endpoint;
  }

  function targetUri(target: string): { uri: URI; dialed: string } {
    const parsed = parseDialTarget(target, { defaultRegion: settings.get().phone.defaultRegion });
    if (!parsed.ok)
      throw new AppError('VALIDATION', `Cannot dial ${target}`, [{ path: 'target', message: parsed.error }]);
    const text =
      parsed.target.kind === 'sip-uri'
        ? parsed.target.dial
        : `sip:${escapeUserPart(parsed.target.dial)}@${domain}`;
    const uri = UserAgent.makeURI(text);
    if (!uri)
      throw new AppError('VALIDATION', `Cannot dial ${target}`, [
        { path: 'target', message: 'invalid-number' },
      ]);
    return { uri, dialed: parsed.target.dial };
  }

  /** Puts every other talking call on hold (call waiting, consultation). */
  async function holdOthers(except: string): Promise<void> {
    for (const record of calls.values()) {
      if (record.view.id !== except && record.view.state === 'active') await setHold(record, true);
    }
  }

  async function setHold(record: CallRecord, hold: boolean): Promise<void> {
    if (hold ? record.view.state !== 'active' : record.view.state !== 'held') return;
    await new Promise<void>((resolve, reject) => {
      record.session
        .invite({
          sessionDescriptionHandlerOptions: { hold } as object,
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) =>
              reject(
                new AppError(
                  'INTERNAL',
                  `The far end refused ${hold ? 'hold' : 'resume'} (${response.message.statusCode})`,
                ),
              ),
          },
        })
        .catch(reject);
    });
    update(record, { state: hold ? 'held' : 'active' });
  }

  // ---- inbound ----------------------------------------------------------------------------------

  /** A failing check lets the call ring: a bug must not cost the operator a call. */
  function acceptsIncoming(view: CallView): boolean {
    try {
      return options.acceptIncoming?.(view) ?? true;
    } catch (error) {
      log.error('the do-not-disturb check failed; letting the call ring', { error });
      return true;
    }
  }

  /**
   * Do-not-disturb: 480 (RFC 3261 names "do not disturb" under 480), so the PBX routes the caller
   * on. The call never rings here and never enters the list; one `ended` update files it.
   */
  function declineUnrung(invitation: Invitation, view: CallView): void {
    const phrase = 'Do Not Disturb';
    log.info('incoming call declined: do not disturb', { callId: view.id, from: view.remote.number });
    invitation
      .reject({ statusCode: 480, reasonPhrase: phrase })
      .catch((error: unknown) => log.warn('declining an incoming call failed', { callId: view.id, error }));
    options.onCallUpdated({
      ...view,
      state: 'ended',
      endedAt: Date.now(),
      end: { reason: 'declined', statusCode: 480, phrase },
    });
  }

  function onInvite(invitation: Invitation): void {
    const remote = remotePartyOfRequest(invitation.request, invitation.remoteIdentity);
    const ownUser = UserAgent.makeURI(settings.get().account.sipUri)?.user;
    const calledNumber = calledNumberOfRequest(invitation.request, ownUser);
    const record: CallRecord = {
      session: invitation,
      view: {
        id: newCallId(),
        direction: 'inbound',
        sipCallId: invitation.request.callId,
        state: 'ringing',
        remote,
        ...(calledNumber ? { calledNumber } : {}),
        muted: false,
        earlyMedia: false,
        startedAt: Date.now(),
      },
    };
    if (!acceptsIncoming(record.view)) return declineUnrung(invitation, record.view);
    calls.set(record.view.id, record);
    invitation.delegate = {
      onCancel: (cancel) => {
        decide(
          record,
          cancelMeansAnsweredElsewhere(cancel.request.getHeader('Reason'))
            ? 'answered-elsewhere'
            : 'caller-cancelled',
        );
      },
    };
    watchSession(record);
    // Stop ringing after the configured time: 480, so the PBX can route the caller on.
    const noAnswer = setTimeout(() => {
      if (record.view.state !== 'ringing') return;
      decide(record, 'no-answer');
      invitation.reject({ statusCode: 480 }).catch(() => undefined);
    }, settings.get().phone.noAnswerTimeoutS * 1000);
    invitation.stateChange.addListener((state) => {
      if (state !== SessionState.Initial) clearTimeout(noAnswer);
    });
    // SIP.js answers 180 Ringing by itself; a progress() here would send a second one.
    log.info('incoming call', { callId: record.view.id, from: remote.number });
    publish(record);
  }

  // ---- public API -------------------------------------------------------------------------------

  /** Reconfigurations run one at a time: two overlapping ones would start two user agents. */
  let reconfiguring: Promise<void> = Promise.resolve();
  function reconfigure(): Promise<void> {
    const next = reconfiguring.then(applyConfiguration, applyConfiguration);
    reconfiguring = next.catch(() => undefined);
    return next;
  }

  async function applyConfiguration(): Promise<void> {
    const key = await currentConfigKey();
    if (key === configKey && endpoint) {
      supervisor?.nudge('reconfigure');
      return;
    }
    if (calls.size > 0) {
      // Never drop an operator's call for a settings change; apply it when the line is free.
      pendingReconfigure = true;
      return;
    }
    await stopEndpoint();
    await startEndpoint();
  }

  const unsubscribers: Array<() => void> = [];

  return {
    async start() {
      unsubscribers.push(
        options.system.onResume(() => supervisor?.nudge('power resume')),
        options.system.onUnlock(() => supervisor?.nudge('screen unlock')),
        options.system.onOnlineChange((online) => online && supervisor?.nudge('back online')),
        media.onHostGone((reason) => {
          for (const record of [...calls.values()]) {
            if (record.view.state === 'ringing') continue; // can still be answered when the page returns
            log.warn('ending a call: its media is gone', { callId: record.view.id, reason });
            decide(record, 'renderer-gone');
            void terminate(record.session).catch(() => finish(record, 'renderer-gone'));
          }
        }),
        media.onReport((report) => {
          if (report.kind === 'quality') return onQuality(report.callId, report.sample);
          if (report.kind !== 'ice-failed') return;
          for (const record of calls.values()) {
            if (sdhOf(record)?.callId !== report.callId) continue;
            log.warn('media path failed (ICE); ending the call', { callId: record.view.id });
            decide(record, 'media-failed');
            void terminate(record.session).catch(() => finish(record, 'media-failed'));
          }
        }),
      );
      await reconfigure();
    },
    async stop() {
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      await reconfiguring;
      await stopEndpoint();
    },
    reconfigure,
    retry: () => supervisor?.nudge('operator asked to retry'),
    list: () => [...calls.values()].map((record) => record.view),
    mediaOf: (callId) => {
      const record = calls.get(callId);
      return record ? sdhOf(record) : undefined;
    },

    async dial(target, dialOptions = {}) {
      const ep = requireRegistered();
      const { uri, dialed } = targetUri(target);
      const inviter = new Inviter(ep.ua, uri, { earlyMedia: true });
      const record: CallRecord = {
        session: inviter,
        view: {
          id: newCallId(),
          direction: 'outbound',
          sipCallId: inviter.request.callId,
          state: 'dialing',
          remote: { number: uri.user ?? dialed, uri: uri.toString() },
          dialed: target,
          muted: false,
          earlyMedia: false,
          startedAt: Date.now(),
          consultFor: dialOptions.consultFor,
        },
      };
      await holdOthers(record.view.id);
      calls.set(record.view.id, record);
      watchSession(record);
      // invite() first: it only asks the renderer for the offer (the INVITE leaves when the SDP
      // comes back, a few event-loop turns later), so the media request reaches the page ahead of
      // the new-call screen it would otherwise wait behind. The call log still has the row
      // (publish, same tick) long before the INVITE is on the wire.
      inviter
        .invite({
          requestDelegate: {
            onProgress: (response) => {
              const code = response.message.statusCode ?? 0;
              if (code === 180 || code === 183) {
                update(record, {
                  state: 'ringback',
                  earlyMedia: code === 183 && Boolean(response.message.body),
                });
              }
            },
            onReject: (response) => {
              const code = response.message.statusCode ?? 0;
              decide(record, endReasonForResponse(code), {
                statusCode: code,
                phrase: response.message.reasonPhrase,
                retryAfterS: retryAfterSeconds(response.message.getHeader('Retry-After')),
              });
            },
          },
        })
        .catch((error: unknown) => {
          log.warn('INVITE failed', { callId: record.view.id, error });
          decide(record, 'server-error');
          finish(record, 'server-error');
        });
      publish(record);
      log.info('dialing', { callId: record.view.id, to: uri.toString() });
      return record.view;
    },

    async answer(callId) {
      const record = get(callId);
      if (record.view.direction !== 'inbound' || record.view.state !== 'ringing') {
        throw new AppError('BAD_REQUEST', 'This call is not ringing');
      }
      await holdOthers(callId);
      try {
        await (record.session as Invitation).accept();
      } catch (error) {
        // SIP.js answers 488 itself when the offer cannot be used; the operator hears why.
        log.warn('answering failed', { callId, error });
        decide(record, 'incompatible-media');
        throw new AppError('INTERNAL', 'The call could not be answered: its audio offer cannot be used');
      }
    },

    async decline(callId) {
      const record = get(callId);
      if (record.view.state !== 'ringing') throw new AppError('BAD_REQUEST', 'This call is not ringing');
      decide(record, 'declined');
      // 603 Decline: "not now, and do not try other phones for me" is wrong for a queue; 486 lets
      // the PBX route the caller on (to another operator or voicemail).
      await (record.session as Invitation).reject({ statusCode: 486 });
    },

    async hangup(callId) {
      const record = get(callId);
      decide(
        record,
        record.view.state === 'dialing' || record.view.state === 'ringback' ? 'cancelled' : 'local-hangup',
      );
      await terminate(record.session);
    },

    async hold(callId, hold) {
      const record = get(callId);
      if (!hold) await holdOthers(callId);
      await setHold(record, hold);
    },

    async mute(callId, muted) {
      const record = get(callId);
      const sdh = sdhOf(record);
      if (!sdh) throw new AppError('BAD_REQUEST', 'The call has no media yet');
      await sdh.setMuted(muted);
      update(record, { muted });
    },

    async dtmf(callId, tones) {
      const record = get(callId);
      if (!/^[0-9A-D#*]{1,32}$/i.test(tones))
        throw new AppError('VALIDATION', 'DTMF tones are 0-9, *, #, A-D');
      if (settings.get().phone.dtmfMode === 'info') {
        for (const tone of tones) {
          await record.session.info({
            requestOptions: {
              body: {
                contentDisposition: 'render',
                contentType: 'application/dtmf-relay',
                content: `Signal=${tone}\r\nDuration=160`,
              },
            },
          });
        }
        return;
      }
      const sdh = sdhOf(record);
      if (!sdh || !sdh.sendDtmf(tones, { duration: 160, interToneGap: 80 })) {
        throw new AppError('BAD_REQUEST', 'DTMF cannot be sent on this call now');
      }
    },

    async blindTransfer(callId, target) {
      const record = get(callId);
      const { uri } = targetUri(target);
      update(record, { transfer: { kind: 'blind', target, state: 'pending' } });
      await referAndWait(record, uri, target, 'blind');
    },

    async attendedTransfer(callId, consultCallId) {
      const record = get(callId);
      const consult = get(consultCallId);
      if (consult.view.state !== 'active' && consult.view.state !== 'held') {
        throw new AppError('BAD_REQUEST', 'The consultation call is not connected');
      }
      update(record, {
        transfer: { kind: 'attended', target: consult.view.remote.number, state: 'pending' },
      });
      await referAndWait(record, consult.session, consult.view.remote.number, 'attended');
      // The transfer target now talks to our caller; our leg to it is replaced. End it if the PBX did not.
      if (calls.has(consultCallId)) {
        decide(consult, 'transferred');
        await terminate(consult.session).catch(() => undefined);
      }
    },
  };

  /**
   * REFER, then follow the NOTIFYs (RFC 3515): a 2xx sipfrag means the transfer target answered and
   * our leg can go; a failure keeps the call ours (held), marked so the operator sees it.
   */
  function referAndWait(
    record: CallRecord,
    to: URI | Session,
    target: string,
    kind: 'blind' | 'attended',
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (statusCode?: number) => {
        if (settled) return;
        settled = true;
        update(record, { transfer: { kind, target, state: 'failed', statusCode } });
        reject(new AppError('INTERNAL', `Transfer failed${statusCode ? ` (${statusCode})` : ''}`));
      };
      const succeed = () => {
        if (settled) return;
        settled = true;
        decide(record, 'transferred');
        void terminate(record.session).catch(() => undefined);
        resolve();
      };
      const timer = setTimeout(() => fail(408), 30_000);
      record.session
        .refer(to, {
          requestDelegate: {
            onReject: (response) => {
              clearTimeout(timer);
              fail(response.message.statusCode);
            },
          },
          onNotify: (notification) => {
            notification.accept().catch(() => undefined);
            const frag = /SIP\/2\.0\s+(\d{3})/.exec(notification.request.body ?? '');
            const code = frag ? Number(frag[1]) : 0;
            if (code >= 200 && code < 300) {
              clearTimeout(timer);
              succeed();
            } else if (code >= 300) {
              clearTimeout(timer);
              fail(code);
            }
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          log.warn('REFER could not be sent', { error });
          fail();
        });
      // The PBX may simply BYE us once the transfer is done, without a final NOTIFY.
      record.session.stateChange.addListener((state) => {
        if (state === SessionState.Terminated && !settled) {
          clearTimeout(timer);
          settled = true;
          decide(record, 'transferred');
          resolve();
        }
      });
    });
  }
}
