import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The local PBX for tests and for trying Hotline: Kamailio (registrar, proxy, SIP over WebSocket)
// and rtpengine (bridges WebRTC's ICE/DTLS-SRTP to plain RTP), both from Debian's packages, on
// 127.0.0.1 only. SIPp and baresip play the far ends. Any user registers with password "secret".

export const TEST_PASSWORD = 'secret';
const HERE = import.meta.dirname;

export interface PbxOptions {
  runDir?: string;
  sipPort?: number;
  wsPort?: number;
  wssPort?: number;
  rtpengineNgPort?: number;
  rtpPortMin?: number;
  rtpPortMax?: number;
  auth?: boolean;
  /** Also serve wss:// with a throw-away certificate (its PEM is `Pbx.caPem`, as IT would hand out). */
  wss?: boolean;
  log?: (line: string) => void;
}

export interface Pbx {
  runDir: string;
  domain: string;
  sipPort: number;
  wsPort: number;
  wsUrl: string;
  /** With `wss`: the secure address and the certificate to trust for it. */
  wssUrl?: string;
  caFile?: string;
  /** Stops Kamailio only (rtpengine keeps running): "the PBX went down". */
  stopKamailio(): Promise<void>;
  startKamailio(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** The last lines of a daemon's log, for error messages. */
  logTail(name: 'kamailio' | 'rtpengine', lines?: number): string;
}

export function requireTools(): void {
  const missing = ['kamailio', 'rtpengine', 'sipp'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
  );
  if (missing.length > 0) {
    throw new Error(
      `Missing ${missing.join(', ')}: install the Debian packages kamailio kamailio-websocket-modules rtpengine-daemon sip-tester baresip (bash .ci/run does).`,
    );
  }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until something accepts TCP connections on the port. */
export async function waitForTcp(
  port: number,
  timeoutMs: number,
  what: string,
  tail: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolveOk) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolveOk(true);
      });
      socket.on('error', () => resolveOk(false));
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`${what} did not start listening on ${port} within ${timeoutMs} ms.\n${tail()}`);
    await wait(25);
  }
}

/** Polls until a UDP port is taken (someone listens there). */
async function waitForUdp(port: number, timeoutMs: number, what: string, tail: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const taken = spawnSync('ss', ['-Hlnu', `sport = :${port}`])
      .stdout?.toString()
      .trim();
    if (taken) return;
    if (Date.now() > deadline)
      throw new Error(`${what} did not bind udp ${port} within ${timeoutMs} ms.\n${tail()}`);
    await wait(25);
  }
}

function stopProcess(child: ChildProcess | undefined, timeoutMs = 3000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

/** Spawns a daemon with its output in runDir/<name>.log; killed when this process exits. */
function daemon(
  name: string,
  command: string,
  args: string[],
  runDir: string,
  log?: (line: string) => void,
): ChildProcess {
  const out = createWriteStream(join(runDir, `${name}.log`), { flags: 'a' });
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      out.write(chunk);
      if (log) for (const line of chunk.toString().split('\n').filter(Boolean)) log(`[${name}] ${line}`);
    });
  }
  child.on('exit', () => out.end());
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
  return child;
}

export async function startPbx(options: PbxOptions = {}): Promise<Pbx> {
  requireTools();
  const runDir = options.runDir ?? mkdtempSync(join(tmpdir(), 'hotline-pbx-'));
  mkdirSync(runDir, { recursive: true });
  const sipPort = options.sipPort ?? 5060;
  const wsPort = options.wsPort ?? 8080;
  const wssPort = options.wssPort ?? 8443;
  const ngPort = options.rtpengineNgPort ?? 2223;
  const tail = (name: 'kamailio' | 'rtpengine', lines = 30) => {
    const file = join(runDir, `${name}.log`);
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
  };

  const config = readFileSync(join(HERE, 'kamailio.cfg.template'), 'utf8')
    .replaceAll('{{SIP_PORT}}', String(sipPort))
    .replaceAll('{{WS_PORT}}', String(wsPort))
    .replaceAll('{{WSS_PORT}}', String(wssPort))
    .replaceAll('{{RUN_DIR}}', runDir)
    .replaceAll('{{RTPENGINE_NG}}', `127.0.0.1:${ngPort}`);
  const configFile = join(runDir, 'kamailio.cfg');
  writeFileSync(configFile, config);
  let caFile: string | undefined;
  if (options.wss) {
    caFile = join(runDir, 'cert.pem');
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      join(runDir, 'key.pem'),
      '-out',
      caFile,
    ]);
    if (made.status !== 0)
      throw new Error(`openssl could not make the test certificate: ${made.stderr?.toString()}`);
    writeFileSync(
      join(runDir, 'tls.cfg'),
      [
        '[server:default]',
        'method = TLSv1.2+',
        'verify_certificate = no',
        'require_certificate = no',
        `private_key = ${join(runDir, 'key.pem')}`,
        `certificate = ${caFile}`,
        '',
      ].join('\n'),
    );
  }

  const rtpengine = daemon(
    'rtpengine',
    'rtpengine',
    [
      '--config-file=none',
      '--foreground',
      '--log-stderr',
      '--table=-1',
      '--interface=127.0.0.1',
      `--listen-ng=127.0.0.1:${ngPort}`,
      '--num-threads=2',
      '--delete-delay=0',
      '--timeout=60',
      `--port-min=${options.rtpPortMin ?? 30000}`,
      `--port-max=${options.rtpPortMax ?? 30999}`,
      `--pidfile=${join(runDir, 'rtpengine.pid')}`,
    ],
    runDir,
    options.log,
  );
  await waitForUdp(ngPort, 10_000, 'rtpengine', () => tail('rtpengine'));

  let kamailio: ChildProcess | undefined;
  const startKamailio = async () => {
    const args = [
      '-f',
      configFile,
      '-DD',
      '-E',
      '-Y',
      runDir,
      '-P',
      join(runDir, 'kamailio.pid'),
      '-m',
      '64',
      '-M',
      '8',
    ];
    if (options.auth ?? true) args.push('-A', 'WITH_AUTH');
    if (options.wss) args.push('-A', 'WITH_WSS');
    kamailio = daemon('kamailio', 'kamailio', args, runDir, options.log);
    await waitForTcp(wsPort, 10_000, 'Kamailio', () => tail('kamailio'));
    if (options.wss) await waitForTcp(wssPort, 10_000, 'Kamailio (wss)', () => tail('kamailio'));
  };
  const stopKamailio = async () => {
    await stopProcess(kamailio);
    kamailio = undefined;
  };
  await startKamailio();

  return {
    runDir,
    domain: '127.0.0.1',
    sipPort,
    wsPort,
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    wssUrl: options.wss ? `wss://127.0.0.1:${wssPort}` : undefined,
    caFile,
    startKamailio,
    stopKamailio,
    async restart() {
      await stopKamailio();
      await startKamailio();
    },
    async stop() {
      await stopKamailio();
      await stopProcess(rtpengine);
      if (!options.runDir) rmSync(runDir, { recursive: true, force: true });
    },
    logTail: tail,
  };
}

// ---- far ends ---------------------------------------------------------------------------------

export interface SippRun {
  done: Promise<{ code: number | null; output: string }>;
  /** SIPp's -error_file: unexpected messages end up here, in full. */
  errorFile: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs one SIPp scenario from tools/pbx/sipp against the PBX. `vars` become `-set name value`.
 * SIPp exits 0 when the call went as the scenario says.
 */
export function runSipp(
  pbx: Pick<Pbx, 'sipPort'>,
  scenario: string,
  options: {
    service?: string;
    localPort: number;
    mediaPort?: number;
    vars?: Record<string, string | number>;
    /** Placeholders ({{NAME}}) filled in the scenario text itself, for what SIPp checks at load time. */
    fill?: Record<string, string | number>;
    extra?: string[];
    server?: boolean;
  },
): SippRun {
  let scenarioFile = resolve(HERE, 'sipp', `${scenario}.xml`);
  if (options.fill) {
    let text = readFileSync(scenarioFile, 'utf8');
    for (const [name, value] of Object.entries(options.fill))
      text = text.replaceAll(`{{${name}}}`, String(value));
    scenarioFile = join(tmpdir(), `sipp-${scenario}-${options.localPort}-${Date.now()}.xml`);
    writeFileSync(scenarioFile, text);
  }
  const errorFile = join(tmpdir(), `sipp-${scenario}-${options.localPort}-${Date.now()}-errors.log`);
  const args = [
    '-sf',
    scenarioFile,
    '-i',
    '127.0.0.1',
    '-p',
    String(options.localPort),
    '-mp',
    String(options.mediaPort ?? options.localPort + 1000),
    '-m',
    '1',
    '-nostdin',
    '-timeout',
    '60s',
    '-timeout_error',
    '-rtp_echo',
    '-trace_err',
    '-error_file',
    errorFile,
  ];
  if (options.service) args.push('-s', options.service);
  for (const [name, value] of Object.entries(options.vars ?? {})) args.push('-set', name, String(value));
  args.push(...(options.extra ?? []));
  if (!options.server) args.push(`127.0.0.1:${pbx.sipPort}`);
  const child = spawn('sipp', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const done = new Promise<{ code: number | null; output: string }>((resolveDone) =>
    child.on('exit', (code) => resolveDone({ code, output: output.slice(-4000) })),
  );
  return { done, errorFile, process: child, stop: () => stopProcess(child) };
}

export interface BaresipOptions {
  /** Rings until the caller gives up instead of answering at once. */
  autoAnswer?: boolean;
  /** Path to a baresip other than Debian's (needed for `transport: 'ws'`; Debian's has no WebSocket). */
  binary?: string;
  /** How baresip reaches the PBX: plain UDP (default) or SIP over WebSocket like Hotline. */
  transport?: 'udp' | 'ws';
  /** Listen for JSON commands (baresip's ctrl_tcp module) on this loopback port: see `command()`. */
  controlPort?: number;
}

export interface Baresip {
  user: string;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /**
   * Sends a command through ctrl_tcp (needs `controlPort`), e.g. `command('dial', 'sip:…')`;
   * resolves once it is written, with the time it was handed to the socket (Date.now()).
   */
  command(name: string, params?: string): Promise<number>;
  stop(): Promise<void>;
}

/** An 8 kHz tone (baresip's own sine source only does 48 kHz; PCMU needs 8 kHz). */
function makeToneWav(file: string): void {
  const result = spawnSync('sox', [
    '-n',
    '-r',
    '8000',
    '-c',
    '1',
    '-b',
    '16',
    file,
    'synth',
    '30',
    'sine',
    '440',
    'vol',
    '0.3',
  ]);
  if (result.status !== 0) throw new Error(`sox could not make the test tone: ${result.stderr?.toString()}`);
}

/**
 * baresip registered as `user`, playing a tone: a far end with real audio. It answers at once, or
 * (autoAnswer false) rings until the caller gives up.
 */
export async function startBaresip(
  pbx: Pick<Pbx, 'sipPort' | 'wsPort' | 'runDir'>,
  user: string,
  sipListenPort: number,
  rtpPorts: [number, number],
  options: BaresipOptions = {},
): Promise<Baresip> {
  const overWebSocket = options.transport === 'ws';
  if (overWebSocket && !options.binary)
    throw new Error('baresip over WebSocket needs a baresip built with libre ≥ 2 (options.binary)');
  const dir = join(pbx.runDir, `baresip-${user}`);
  mkdirSync(dir, { recursive: true });
  const tone = join(dir, 'tone8k.wav');
  makeToneWav(tone);
  writeFileSync(
    join(dir, 'config'),
    [
      'poll_method epoll',
      `sip_listen 127.0.0.1:${sipListenPort}`,
      'sip_trans_def udp',
      'net_interface 127.0.0.1',
      `audio_player aufile,${join(dir, 'received.wav')}`,
      `audio_source aufile,${tone}`,
      'audio_alert aufile,/dev/null',
      `rtp_ports ${rtpPorts[0]}-${rtpPorts[1]}`,
      // A self-built baresip has its modules linked in; Debian's loads them from module_path.
      ...(options.binary ? [] : ['module_path /usr/lib/baresip/modules']),
      'module g711.so',
      'module aufile.so',
      ...(overWebSocket ? ['sip_transports udp,ws', 'module dtls_srtp.so'] : []),
      ...(options.controlPort
        ? ['module_app ctrl_tcp.so', `ctrl_tcp_listen 127.0.0.1:${options.controlPort}`]
        : []),
      'module_app account.so',
      'module_app menu.so',
      '',
    ].join('\n'),
  );
  const answermode = options.autoAnswer === false ? 'manual' : 'auto';
  // Over WebSocket the PBX treats baresip as it treats Hotline: a WebRTC endpoint (ICE, DTLS-SRTP,
  // RTP/SAVPF through rtpengine) — the same path, so the same work on the PBX side.
  const account = overWebSocket
    ? `<sip:${user}@127.0.0.1;transport=ws>;outbound="sip:127.0.0.1:${pbx.wsPort};transport=ws";mediaenc=dtls_srtp;rtcp_mux=yes`
    : `<sip:${user}@127.0.0.1:${pbx.sipPort};transport=udp>`;
  writeFileSync(
    join(dir, 'accounts'),
    `${account};auth_pass=${TEST_PASSWORD};answermode=${answermode};regint=300;audio_codecs=PCMU,PCMA\n`,
  );
  const child = spawn(options.binary ?? 'baresip', ['-4', '-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  let control: Socket | undefined;
  const self: Baresip = {
    user,
    output: () => output,
    async waitFor(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(output);
        if (match) return match[0];
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(
            `baresip ${user}: no ${pattern} within ${timeoutMs} ms. Output:\n${output.slice(-2000)}`,
          );
        }
        await wait(50);
      }
    },
    async command(name, params) {
      if (!options.controlPort) throw new Error('baresip was started without a control port');
      if (!control) {
        const socket = createConnection({ host: '127.0.0.1', port: options.controlPort });
        await once(socket, 'connect');
        socket.setNoDelay(true);
        socket.on('data', () => undefined); // replies are not needed; keep the socket drained
        control = socket;
      }
      // ctrl_tcp speaks netstrings: "<length>:<json>,".
      const json = JSON.stringify({ command: name, params: params ?? '', token: String(Date.now()) });
      const sentAt = Date.now();
      await new Promise<void>((resolveWrite, reject) =>
        control!.write(`${Buffer.byteLength(json)}:${json},`, (error) =>
          error ? reject(error) : resolveWrite(),
        ),
      );
      return sentAt;
    },
    async stop() {
      process.off('exit', kill);
      control?.destroy();
      await stopProcess(child);
    },
  };
  await self.waitFor(/200 OK|registered|\{0\/(UDP|WS)\/v4\}.*OK/i, 10_000);
  return self;
}

export function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolveFree(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolveFree(true)));
  });
}
