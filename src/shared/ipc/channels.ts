// Channel names only, with zero imports: the sandboxed preload bundles this file and nothing else
// from the contract. Adding a channel here without a schema in contract.ts is a compile error.

/** Requests: renderer → main, answered with a result envelope. Named `domain:verb`. */
export const REQUEST_CHANNELS = [
  'app:getInfo',
  'settings:get',
  'settings:update',
  'account:get',
  'account:save',
  'status:get',
  'shell:openExternal',
  'shell:missedSeen',
  'dial:takeLink',
  'media:respond',
  'media:report',
  'phone:retry',
  'call:list',
  'call:dial',
  'call:answer',
  'call:decline',
  'call:hangup',
  'call:hold',
  'call:mute',
  'call:dtmf',
  'call:transfer',
  'call:attendedTransfer',
  'wrapup:get',
  'wrapup:saveDraft',
  'wrapup:submit',
  'wrapup:drafts',
  'requests:list',
  'callbacks:list',
  'callbacks:complete',
  'sync:get',
  'sync:saveCredentials',
  'sync:now',
  'sync:retryFailed',
  'operator:set',
  'operator:history',
  'card:get',
  'notification:act',
  'calllog:list',
  'calllog:callBack',
  'calllog:export',
  'contacts:list',
  'contacts:get',
  'contacts:save',
  'contacts:delete',
  'contacts:merge',
  'contacts:createForNumber',
  'contacts:import',
  'kb:search',
  'kb:get',
  'kb:attach',
  'kb:attached',
  'kb:import',
  'scripts:list',
  'scripts:forCall',
  'scripts:step',
  'scripts:back',
  'scripts:restart',
  'scripts:setField',
  'scripts:import',
  'scripts:export',
] as const;

/** Events: main → renderer. Named `domain:noun` or `domain:pastTense`. */
export const EVENT_CHANNELS = [
  'settings:changed',
  'status:changed',
  'media:request',
  'call:updated',
  'callback:due',
  'call:card',
  'notification:shown',
  'script:updated',
  'contacts:importProgress',
  'dial:link',
] as const;

export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}
