// Permission policy: our own origin may capture audio (the microphone for calls) and nothing else;
// every other permission, and every other origin, is refused. Kept free of Electron values so it is
// tested under Node; install-security.ts wires it into the session.

export interface PermissionQuery {
  permission: string;
  requestingOrigin: string | undefined;
  /** For 'media': the kinds asked for ('audio', 'video'). */
  mediaTypes?: readonly string[];
}

export function isPermissionAllowed(query: PermissionQuery, appOrigin: string): boolean {
  if (query.requestingOrigin !== appOrigin) return false;
  if (query.permission === 'media') {
    const types = query.mediaTypes ?? [];
    // A request with no types is a check ("may this origin use media?"): answer for audio only.
    return types.every((type) => type === 'audio');
  }
  // Enumerating audio output devices (setSinkId for speaker and ringer) needs this.
  return query.permission === 'speaker-selection';
}
