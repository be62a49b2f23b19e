// RFC 4475 §3.1 (parser torture) and the §3.3 cases about what a UAS must refuse, rewritten for a
// user agent registered as sip:101@127.0.0.1 behind a WebSocket: the Request-URI and To point at us
// (otherwise every case would just get 404), Call-ID and branch carry a unique id so each message is
// its own transaction, and Content-Length is the real length. What each case tortures is kept.
// §3.1.1.8 (dblreq, extra bytes after a UDP datagram) has no WebSocket equivalent and is left out.
//
// `expect` lists the acceptable outcomes: a final status code, 'rings' (a valid INVITE that must
// reach the operator, with `caller` as the name shown), or 'none' (dropped, as RFC 4475 allows for
// messages that cannot be answered).

export type Outcome = number | 'rings' | 'none';

export interface TortureCase {
  name: string;
  section: string;
  /** The message with \n line ends; {{id}} is unique per send, {{len}} the body length. */
  text: string;
  expect: Outcome[];
  caller?: { number: string; displayName?: string };
}

const SDP = `v=0
o=mhandley 29739 7272939 IN IP4 192.0.2.3
s=-
c=IN IP4 192.0.2.4
t=0 0
m=audio 49217 RTP/AVP 0 12
m=video 3227 RTP/AVP 31
a=rtpmap:31 LPC
`;

export const torture: TortureCase[] = [
  // ---- §3.1.1 valid messages ----
  {
    name: 'wsinv',
    section: '3.1.1.1',
    // Odd case, LWS around every separator, folded lines, compact forms, unknown headers, an escaped
    // display name. The To tag makes it a mid-dialog request for a dialog we do not have: 481.
    text: `INVITE sip:101@127.0.0.1;unknownparam SIP/2.0
TO :
 sip:101@127.0.0.1 ;   tag    = 1918181833n
from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>
  ;
  tag = 98asjd8
MaX-fOrWaRdS: 0068
Call-ID: wsinv.{{id}}@192.0.2.1
Content-Length   : {{len}}
cseq: 0009
  INVITE
Via  : SIP  /   2.0
 /WS
    192.0.2.2;branch=390skdjuw{{id}}
s :
NewFangledHeader:   newfangled value
 continued newfangled value
UnknownHeaderWithUnusualValue: ;;,,;;,;
Content-Type: application/sdp
Route:
 <sip:services.example.com;lr;unknownwith=value;unknown-no-value>
v:  SIP  / 2.0  / TCP     spindle.example.com   ;
  branch  =   z9hG4bK9ikj8  ,
 SIP  /    2.0   / UDP  192.168.255.111   ; branch=
 z9hG4bK30239
m:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =
      newvalue ;
  secondparam ; q = 0.33

${SDP}`,
    expect: [481],
  },
  {
    name: 'wsinv without the To tag',
    section: '3.1.1.1',
    // The same torture as a new call, so the escaped display name is seen by the operator.
    text: `INVITE sip:101@127.0.0.1;unknownparam SIP/2.0
TO :
 sip:101@127.0.0.1
from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>
  ;
  tag = 98asjd8
MaX-fOrWaRdS: 0068
Call-ID: wsinv2.{{id}}@192.0.2.1
Content-Length   : {{len}}
cseq: 0009
  INVITE
Via  : SIP  /   2.0
 /WS
    192.0.2.2;branch=z9hG4bK390skdjuw{{id}}
s :
NewFangledHeader:   newfangled value
 continued newfangled value
UnknownHeaderWithUnusualValue: ;;,,;;,;
Content-Type: application/sdp
m:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =
      newvalue ;
  secondparam ; q = 0.33

${SDP}`,
    expect: ['rings'],
    caller: { number: 'jdrosen', displayName: 'J Rosenberg \\"' },
  },
  {
    name: 'intmeth',
    section: '3.1.1.2',
    text: `!interesting-Method0123456789_*+\`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@127.0.0.1 SIP/2.0
Via: SIP/2.0/WS host1.example.com;branch=z9hG4bK-.!%66*_+\`'~{{id}}
To: "BEL:\\\x07 NUL:\\\x00 DEL:\\\x7F" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>
From: token1~\` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%="работающий";tag=_token~1'+\`*%!-.
Call-ID: intmeth.word%ZK-!.*_+'@word\`~)(><:\\/"][?}{{id}}
CSeq: 139122385 !interesting-Method0123456789_*+\`.%indeed'~
Max-Forwards: 255
extensionHeader-!.%*+_\`'~:\uFEFF大停電
Content-Length: 0

`,
    expect: [405, 501, 'none'],
  },
  {
    name: 'esc01',
    section: '3.1.1.3',
    // %-escapes in the Request-URI user part: %31%30%31 is 101.
    text: `INVITE sip:%31%30%31@127.0.0.1 SIP/2.0
To: sip:%31%30%31@127.0.0.1
From: <sip:I%20have%20spaces@example.net>;tag=938
Max-Forwards: 87
i: esc01.{{id}}@192.0.2.4
Content-Length: {{len}}
CSeq: 1 INVITE
Via: SIP/2.0/WS host5.example.net;branch=z9hG4bKkdjuw{{id}}
C: application/sdp
Contact:
  <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>

${SDP}`,
    expect: ['rings'],
    caller: { number: 'I have spaces' },
  },
  {
    name: 'escnull',
    section: '3.1.1.4',
    text: `REGISTER sip:127.0.0.1 SIP/2.0
To: sip:null-%00-null@example.com
From: sip:null-%00-null@example.com;tag=839923423
Max-Forwards: 70
Call-ID: escnull.{{id}}
CSeq: 39234321 REGISTER
Via: SIP/2.0/WS host5.example.com;branch=z9hG4bKkdjuw{{id}}
Contact: <sip:%00@host5.example.com>
Contact: <sip:%00%00@host5.example.com>
L:0

`,
    expect: [405, 501, 404],
  },
  {
    name: 'esc02',
    section: '3.1.1.5',
    text: `RE%47IST%45R sip:101@127.0.0.1 SIP/2.0
To: "%Z%45" <sip:resource@example.com>
From: "%Z%45" <sip:resource@example.com>;tag=f232jadfj23
Call-ID: esc02.{{id}}
Via: SIP/2.0/WS host.example.com;branch=z9hG4bKkdjuw{{id}}
Max-Forwards: 70
Contact: <sip:alias1@host1.example.com>
C%6Fntact: <sip:alias2@host2.example.com>
Contact: <sip:alias3@host3.example.com>
l: 0
CSeq: 29344 RE%47IST%45R

`,
    expect: [405, 501],
  },
  {
    name: 'lwsdisp',
    section: '3.1.1.6',
    text: `OPTIONS sip:101@127.0.0.1 SIP/2.0
To: sip:101@127.0.0.1
From: caller<sip:caller@example.com>;tag=323
Max-Forwards: 70
Call-ID: lwsdisp.{{id}}
CSeq: 2353 OPTIONS
Via: SIP/2.0/WS host.example.com;branch=z9hG4bKkdjuw{{id}}
l: 0

`,
    expect: [200],
  },
  {
    name: 'longreq',
    section: '3.1.1.7',
    // Long values everywhere (kept under the transport's 64 KB message cap).
    text: `INVITE sip:101@127.0.0.1 SIP/2.0
To: "I have a user name of ${'extreme'.repeat(10)} proportion"<sip:101@127.0.0.1:6000;unknownparam1=very${'long'.repeat(20)}value;longparam${'name'.repeat(25)}=shortvalue;very${'long'.repeat(25)}ParameterNameWithNoValue>
F: sip:${'amazinglylongcallername'.repeat(5)}@example.net;tag=12${'982'.repeat(50)}424;unknownheaderparam${'name'.repeat(20)}=unknowheaderparam${'value'.repeat(15)};unknownValueless${'paramname'.repeat(10)}
Call-ID: longreq.${'onereallylongcallid'.repeat(30)}{{id}}
CSeq: 3882340 INVITE
Unknown-${'Long'.repeat(20)}-Name: unknown-${'long'.repeat(20)}-value; unknown-${'long'.repeat(20)}-parameter-name = unknown-${'long'.repeat(20)}-parameter-value
Via: SIP/2.0/WS host.example.com;branch=z9hG4bK{{id}}
${Array.from({ length: 30 }, (_, i) => `Via: SIP/2.0/UDP sip${i}.example.com;branch=z9hG4bK${'long'.repeat(5)}${i}`).join('\n')}
Max-Forwards: 70
Contact: <sip:${'amazinglylongcallername'.repeat(5)}@host5.example.net>
Content-Type: application/sdp
l: {{len}}

${SDP}`,
    expect: ['rings'],
    caller: { number: 'amazinglylongcallername'.repeat(5) },
  },
  {
    name: 'semiuri',
    section: '3.1.1.9',
    text: `OPTIONS sip:101;par=u%40example.net@127.0.0.1 SIP/2.0
To: sip:j_user@example.com
From: sip:caller@example.org;tag=33242
Max-Forwards: 3
Call-ID: semiuri.{{id}}
CSeq: 8 OPTIONS
Accept: application/sdp, application/pkcs7-mime,
        multipart/mixed, multipart/signed,
        message/sip, message/sipfrag
Via: SIP/2.0/WS 192.0.2.1;branch=z9hG4bKkdjuw{{id}}
l: 0

`,
    expect: [200, 404],
  },
  {
    name: 'transports',
    section: '3.1.1.10',
    text: `OPTIONS sip:101@127.0.0.1 SIP/2.0
To: sip:101@127.0.0.1
From: <sip:caller@example.com>;tag=323
Max-Forwards: 70
Call-ID: transports.{{id}}
CSeq: 60 OPTIONS
Via: SIP/2.0/WS t1.example.com;branch=z9hG4bKkdjuw{{id}}
Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf
Via: SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj
Via: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en
Via: SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee
l: 0

`,
    expect: [200],
  },
  {
    name: 'mpart01',
    section: '3.1.1.11',
    // A valid multipart body; a UA that only takes SDP says so with 415 and Accept.
    text: `INVITE sip:101@127.0.0.1 SIP/2.0
To: sip:101@127.0.0.1
From: sip:caller@example.com;tag=8392034
Max-Forwards: 70
Call-ID: mpart01.{{id}}
CSeq: 1 INVITE
Via: SIP/2.0/WS host.example.com;branch=z9hG4bKkdjuw{{id}}
Contact: <sip:caller@host.example.com>
Content-Type: multipart/mixed;boundary=unique-boundary-1
Mime-Version: 1.0
Content-Length: {{len}}

--unique-boundary-1
Content-Type: application/sdp

${SDP}
--unique-boundary-1
Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7s

AAAAAAAAAAAAAAAAAAAAAAAAAAAA
--unique-boundary-1--
`,
    expect: [415],
  },
  {
    name: 'unreason',
    section: '3.1.1.12',
    // A response matching no transaction of ours: dropped.
    text: `SIP/2.0 200 = 2**3 * 5**2 но сто девяносто девять - простое
Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-not-ours-{{id}}
Call-ID: unreason.{{id}}
CSeq: 1 INVITE
From: <sip:101@127.0.0.1>;tag=39ansfi3
To: <sip:user@example.edu>;tag=902jndnke3
Content-Length: 0
Contact: <sip:user@host198.example.com>

`,
    expect: ['none'],
  },
  {
    name: 'noreason',
    section: '3.1.1.13',
    text: `SIP/2.0 100 \nVia: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-not-ours-{{id}}
Call-ID: noreason.{{id}}
From: <sip:101@127.0.0.1>;tag=39ansfi3
To: <sip:user@example.com>;tag=902jndnke3
CSeq: 1 INVITE
Content-Length: 0

`,
    expect: ['none'],
  },
  // ---- §3.1.2 invalid messages ----
  {
    name: 'badinv01',
    section: '3.1.2.1',
    text: `INVITE sip:101@127.0.0.1 SIP/2.0
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=134161461246
Max-Forwards: 7
Call-ID: badinv01.{{id}}
CSeq: 8 INVITE
Via: SIP/2.0/WS 192.0.2.15;;,;,,
Contact: "Joe" <sip:joe@example.org>;;;;
Content-Length: {{len}}
Content-Type: application/sdp

${SDP}`,
    expect: [400, 'none'],
  },
  {
    name: 'clerr',
    section: '3.1.2.2',
    text: `INVITE sip:101@127.0.0.1 SIP/2.0
Max-Forwards: 80
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=93942939o2
Contact: <sip:caller@hungry.example.net>
Call-ID: clerr.{{id}}
CSeq: 8 INVITE
Via: SIP/2.0/WS host5.example.net;branch=z9hG4bK{{id}}
Content-Type: application/sdp
Content-Length: 9999

${SDP}`,
    expect: [400],
  },
  {
    name: 'ncl',
    section: '3.1.2.3',
    text: `INVITE sip:101@127.0.0.1 SIP/2.0
Max-Forwards: 254
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=32394234
Call-ID: ncl.{{id}}
CSeq: 3 INVITE
Via: SIP/2.0/WS host5.example.net;branch=z9hG4bK{{id}}
Contact: <sip:caller@host5.example.net>
Content-Type: application/sdp
Content-Length: -999

${SDP}`,
    expect: [400],
  },
  {
    name: 'scalar02',
    section: '3.1.2.4',
    text: `REGISTER sip:127.0.0.1 SIP/2.0
Via: SIP/2.0/WS host129.example.com;branch=z9hG4bK{{id}}
From: <sip:user@example.com>;tag=239232jh3
To: <sip:user@example.com>
Max-Forwards: 300
Call-ID: scalar02.{{id}}
CSeq: 36893488147419103232 REGISTER
Contact: <sip:user@host129.example.com>;expires=280297596632815
Expires: 1592916543
Content-Length: 0

`,
    expect: [400],
  },
  {
    name: 'scalarlg',
    section: '3.1.2.5',
    text: `SIP/2.0 503 Service Unavailable
Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-not-ours-{{id}}
To: <sip:user@example.com>;tag=2easdjfejw
CSeq: 9292394834772304023312 OPTIONS
Call-ID: scalarlg.{{id}}
From: <sip:101@127.0.0.1>;tag=3sdfjqewr
Retry-After: 949302838503028349304023988
Warning: 1812 overture "In Progress"
Content-Length: 0

`,
    expect: ['none'],
  },
  {
    name: 'quotbal',
    section: '3.1.2.6',
    text: `INVITE sip:101@127.0.0.1 SIP/2.0
To: "Mr. J. User <sip:101@127.0.0.1>
From: sip:caller@example.net;tag=93334
Max-Forwards: 10
Call-ID: quotbal.{{id}}
CSeq: 53 INVITE
Via: SIP/2.0/WS 192.0.2.16;branch=z9hG4bK{{id}}
Contact: <sip:caller@host16.example.net>
Content-Type: application/sdp
Content-Length: {{len}}

${SDP}`,
    expect: [400, 'none'],
  },
  {
    name: 'ltgtruri',
    section: '3.1.2.7',
    text: `INVITE <sip:101@127.0.0.1> SIP/2.0
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=39291
Max-Forwards: 23
Call-ID: ltgtruri.{{id}}
CSeq: 1 INVITE
Via: SIP/2.0/WS 192.0.2.5;branch=z9hG4bK{{id}}
Contact: <sip:caller@host5.example.net>
Content-Type: application/sdp
Content-Length: {{len}}

${SDP}`,
    expect: [400],
  },
  {
    name: 'lwsruri',
    section: '3.1.2.8',
    text: `INVITE sip:101@127.0.0.1; lr SIP/2.0
To: sip:101@127.0.0.1;tag=3xfe-9921883-z9f
From: sip:caller@example.net;tag=231413434
Max-Forwards: 5
Call-ID: lwsruri.{{id}}
CSeq: 2130706432 INVITE
Via: SIP/2.0/WS 192.0.2.1:5060;branch=z9hG4bK{{id}}
Contact: <sip:caller@host1.example.net>
Content-Type: application/sdp
Content-Length: {{len}}

${SDP}`,
    expect: [400],
  },
  {
    name: 'lwsstart',
    section: '3.1.2.9',
    text: `INVITE  sip:101@127.0.0.1  SIP/2.0
Max-Forwards: 8
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=8814
Call-ID: lwsstart.{{id}}
CSeq: 1893884 INVITE
Via: SIP/2.0/WS host1.example.net;branch=z9hG4bK{{id}}
Contact: <sip:caller@host1.example.net>
Content-Type: application/sdp
Content-Length: {{len}}

${SDP}`,
    expect: [400],
  },
  {
    name: 'trws',
    section: '3.1.2.10',
    text: `OPTIONS sip:101@127.0.0.1 SIP/2.0 \nMax-Forwards: 82
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=2372
Call-ID: trws.{{id}}
CSeq: 3923239 OPTIONS
Via: SIP/2.0/WS host1.example.net;branch=z9hG4bK{{id}}
l: 0

`,
    expect: [400],
  },
  {
    name: 'escruri',
    section: '3.1.2.11',
    text: `INVITE sip:101@127.0.0.1?Route=%3Csip:example.com%3E SIP/2.0
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=341518
Max-Forwards: 7
Contact: <sip:caller@host39923.example.net>
Call-ID: escruri.{{id}}
CSeq: 149209342 INVITE
Via: SIP/2.0/WS host-of-the-hour.example.com;branch=z9hG4bK{{id}}
Content-Type: application/sdp
Content-Length: {{len}}

${SDP}`,
    expect: [400],
  },
  {
    name: 'baddate',
    section: '3.1.2.12',
    // RFC 4475 lets an element be liberal about a Date it does not use: the call may ring.
    text: `INVITE sip:101@127.0.0.1 SIP/2.0
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=2234923
Max-Forwards: 70
Call-ID: baddate.{{id}}
CSeq: 1392934 INVITE
Via: SIP/2.0/WS host.example.com;branch=z9hG4bK{{id}}
Date: Fri, 01 Jan 2010 16:00:00 EST
Contact: <sip:caller@host5.example.net>
Content-Type: application/sdp
Content-Length: {{len}}

${SDP}`,
    expect: ['rings', 400],
    caller: { number: 'caller' },
  },
  {
    name: 'regbadct',
    section: '3.1.2.13',
    text: `REGISTER sip:127.0.0.1 SIP/2.0
To: sip:user@example.com
From: sip:user@example.com;tag=998332
Max-Forwards: 70
Call-ID: regbadct.{{id}}
CSeq: 1 REGISTER
Via: SIP/2.0/WS 135.180.130.133;branch=z9hG4bK{{id}}
Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E
l: 0

`,
    expect: [400, 405, 501, 'none'],
  },
  {
    name: 'badaspec',
    section: '3.1.2.14',
    text: `OPTIONS sip:101@127.0.0.1 SIP/2.0
Via: SIP/2.0/WS host4.example.com:5060;branch=z9hG4bK{{id}}
Max-Forwards: 70
From: "Bell, Alexander" <sip:a.g.bell@example.com>;tag=433423
To: "Watson, Thomas" < sip:101@127.0.0.1 >
Call-ID: badaspec.{{id}}
Accept: application/sdp
CSeq: 3923239 OPTIONS
l: 0

`,
    expect: [400, 200, 'none'],
  },
  {
    name: 'baddn',
    section: '3.1.2.15',
    text: `OPTIONS sip:101@127.0.0.1 SIP/2.0
Via: SIP/2.0/WS c.example.com:5060;branch=z9hG4bK{{id}}
Max-Forwards: 70
From: Bell, Alexander <sip:a.g.bell@example.com>;tag=43
To: Watson, Thomas <sip:101@127.0.0.1>
Call-ID: baddn.{{id}}
Accept: application/sdp
CSeq: 3923239 OPTIONS
l: 0

`,
    expect: [400, 'none'],
  },
  {
    name: 'badvers',
    section: '3.1.2.16',
    text: `OPTIONS sip:101@127.0.0.1 SIP/7.0
Via: SIP/7.0/WS c.example.com;branch=z9hG4bK{{id}}
Call-ID: badvers.{{id}}
CSeq: 3923239 OPTIONS
From: <sip:caller@example.com>;tag=424
To: <sip:101@127.0.0.1>
Max-Forwards: 70
l: 0

`,
    expect: [505],
  },
  {
    name: 'mismatch01',
    section: '3.1.2.17',
    text: `OPTIONS sip:101@127.0.0.1 SIP/2.0
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=34525
Max-Forwards: 6
Call-ID: mismatch01.{{id}}
CSeq: 8 INVITE
Via: SIP/2.0/WS host.example.com;branch=z9hG4bK{{id}}
l: 0

`,
    expect: [400],
  },
  {
    name: 'mismatch02',
    section: '3.1.2.18',
    text: `NEWMETHOD sip:101@127.0.0.1 SIP/2.0
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=34525
Max-Forwards: 6
Call-ID: mismatch02.{{id}}
CSeq: 8 INVITE
Contact: <sip:caller@host.example.net>
Via: SIP/2.0/WS host.example.net;branch=z9hG4bK{{id}}
Content-Type: application/sdp
l: {{len}}

${SDP}`,
    expect: [400, 501],
  },
  {
    name: 'bigcode',
    section: '3.1.2.19',
    text: `SIP/2.0 4294967301 better not break the receiver
Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-not-ours-{{id}}
Call-ID: bigcode.{{id}}
CSeq: 353494 INVITE
From: <sip:101@127.0.0.1>;tag=39ansfi3
To: <sip:user@example.edu>;tag=902jndnke3
Content-Length: 0
Contact: <sip:user@host198.example.com>

`,
    expect: ['none'],
  },
  // ---- §3.3: what a UAS refuses (the cases issue 21 names) ----
  {
    name: 'insuf',
    section: '3.3.1',
    text: `INVITE sip:101@127.0.0.1 SIP/2.0
CSeq: 193942 INVITE
Via: SIP/2.0/WS 192.0.2.95;branch=z9hG4bK{{id}}
Content-Type: application/sdp
l: {{len}}

${SDP}`,
    expect: [400, 'none'],
  },
  {
    name: 'unkscm',
    section: '3.3.2',
    text: `OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=384
Max-Forwards: 3
Call-ID: unkscm.{{id}}
CSeq: 3923423 OPTIONS
Via: SIP/2.0/WS host9.example.com;branch=z9hG4bK{{id}}
Content-Length: 0

`,
    expect: [416],
  },
  {
    name: 'novelsc',
    section: '3.3.3',
    text: `OPTIONS soap.beep://192.0.2.103:3002 SIP/2.0
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=384
Max-Forwards: 3
Call-ID: novelsc.{{id}}
CSeq: 3923423 OPTIONS
Via: SIP/2.0/WS host9.example.com;branch=z9hG4bK{{id}}
Content-Length: 0

`,
    expect: [416],
  },
  {
    name: 'unksm2',
    section: '3.3.4',
    text: `REGISTER sip:127.0.0.1 SIP/2.0
To: isbn:2983792873
From: <http://www.example.com>;tag=3234233
Call-ID: unksm2.{{id}}
CSeq: 234902 REGISTER
Max-Forwards: 70
Via: SIP/2.0/WS 192.0.2.21:5060;branch=z9hG4bK{{id}}
Contact: <name:John_Smith>
l: 0

`,
    expect: [400, 405, 501, 'none'],
  },
  {
    name: 'bext01',
    section: '3.3.5',
    text: `OPTIONS sip:101@127.0.0.1 SIP/2.0
To: sip:101@127.0.0.1
From: sip:caller@example.net;tag=242etr
Max-Forwards: 6
Call-ID: bext01.{{id}}
Require: nothingSupportsThis, nothingSupportsThisEither
Proxy-Require: noProxiesSupportThis, norDoAnyProxiesSupportThis
CSeq: 8 OPTIONS
Via: SIP/2.0/WS host.example.com;branch=z9hG4bK{{id}}
Content-Length: 0

`,
    expect: [420],
  },
  {
    name: 'inv2543',
    section: '3.3.14',
    // RFC 2543 style: no branch, no tag. SIP.js cannot match it by branch, so it is refused.
    text: `INVITE sip:101@127.0.0.1 SIP/2.0
To: sip:101@127.0.0.1
From: sip:caller@example.net
Call-ID: inv2543.{{id}}
CSeq: 1 INVITE
Via: SIP/2.0/WS 192.0.2.15
Contact: <sip:caller@192.0.2.15>
Content-Type: application/sdp
Content-Length: {{len}}

${SDP}`,
    expect: [400],
  },
];

/** The wire form of a case: CRLF line ends, the unique id and the real body length filled in. */
export function render(text: string, id: string): string {
  const crlf = text.replaceAll('{{id}}', id).replace(/\r?\n/g, '\r\n');
  const bodyAt = crlf.indexOf('\r\n\r\n');
  const body = bodyAt === -1 ? '' : crlf.slice(bodyAt + 4);
  return crlf.replaceAll('{{len}}', String(Buffer.byteLength(body)));
}
