import { startBaresip, startPbx, TEST_PASSWORD } from './stack.ts';

// `npm run pbx`: a PBX on this computer to try Hotline against, on 127.0.0.1 only.
// Kamailio (SIP over WebSocket on 8080, UDP on 5060) + rtpengine, and extension 1000: a phone that
// answers at once and plays a tone. Any extension registers with the password "secret".

const pbx = await startPbx({ runDir: process.env.HOTLINE_PBX_RUN_DIR });
const echo = await startBaresip(pbx, '1000', 5090, [31000, 31099]);

console.log(`
Local PBX is running (all traffic stays on 127.0.0.1).

  Set up Hotline (Settings → SIP account):
    Server address:  ${pbx.wsUrl}
    SIP address:     sip:101@${pbx.domain}      (any number works: 101, 102…)
    Password:        ${TEST_PASSWORD}

  Then call 1000: it answers and plays a tone.
  To call Hotline from a second softphone, register it over UDP to ${pbx.domain}:${pbx.sipPort} and dial 101.

  Logs: ${pbx.runDir}
  Press Ctrl+C to stop.
`);

const stop = async () => {
  await echo.stop();
  await pbx.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
