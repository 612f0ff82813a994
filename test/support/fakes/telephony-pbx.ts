import { createHmac } from 'node:crypto';
import { startFakeHttpServer, type FakeHttpServer } from '@channel-adapters/core/testing';

/** A PBX on the generic format, and an Asterisk AMI bridge: both POST JSON signed with X-Signature. */

export const signPbxBody = (secret: string, body: string | Buffer) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export interface GenericCallEvent {
  callId: string;
  event: 'started' | 'answered' | 'ended' | 'missed';
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  agentExtension?: string;
  durationSec?: number;
  recordingUrl?: string;
  at?: string;
}

/** The caller's and the agent's channel, as DialBegin and DialEnd both carry them. */
const dialLegs = (init: { linkedid: string; callerIdNum: string; agent: string }) => ({
  Privilege: 'call,all',
  Channel: `PJSIP/trunk-${init.linkedid.replace('.', '')}`,
  CallerIDNum: init.callerIdNum,
  Uniqueid: init.linkedid,
  Linkedid: init.linkedid,
  DestChannel: `PJSIP/${init.agent}-0000002a`,
  DestCallerIDNum: init.agent,
});

/** AMI events as a bridge forwards them: AMI's own field names and string values. */
export const ami = {
  newchannel: (init: { linkedid: string; callerIdNum: string; exten: string }) => ({
    Event: 'Newchannel',
    Privilege: 'call,all',
    Channel: `PJSIP/trunk-${init.linkedid.replace('.', '')}`,
    ChannelState: '0',
    ChannelStateDesc: 'Down',
    CallerIDNum: init.callerIdNum,
    CallerIDName: '',
    Context: 'from-trunk',
    Exten: init.exten,
    Priority: '1',
    Uniqueid: init.linkedid,
    Linkedid: init.linkedid,
  }),
  dialBegin: (init: { linkedid: string; callerIdNum: string; agent: string }) => ({
    Event: 'DialBegin',
    ...dialLegs(init),
    DestUniqueid: `${init.linkedid}1`,
    DestLinkedid: init.linkedid,
    DialString: init.agent,
  }),
  dialEnd: (init: { linkedid: string; callerIdNum: string; agent: string; status: 'ANSWER' | 'NOANSWER' | 'BUSY' | 'CANCEL' }) => ({
    Event: 'DialEnd',
    ...dialLegs(init),
    DialStatus: init.status,
  }),
  cdr: (init: { linkedid: string; source: string; destination: string; agent?: string; disposition: 'ANSWERED' | 'NO ANSWER' | 'BUSY' | 'FAILED'; billsec: number; recordingUrl?: string }) => ({
    Event: 'Cdr',
    Privilege: 'cdr,all',
    AccountCode: '',
    Source: init.source,
    Destination: init.destination,
    DestinationContext: 'from-trunk',
    CallerID: `"" <${init.source}>`,
    Channel: `PJSIP/trunk-${init.linkedid.replace('.', '')}`,
    DestinationChannel: init.agent ? `PJSIP/${init.agent}-0000002a` : '',
    LastApplication: 'Dial',
    StartTime: '2025-03-14 10:15:00',
    AnswerTime: init.disposition === 'ANSWERED' ? '2025-03-14 10:15:07' : '',
    EndTime: '2025-03-14 10:17:12',
    Duration: String(init.billsec + 7),
    BillableSeconds: String(init.billsec),
    Disposition: init.disposition,
    AMAFlags: 'DOCUMENTATION',
    UniqueID: init.linkedid,
    UserField: '',
    ...(init.recordingUrl ? { RecordingUrl: init.recordingUrl } : {}),
  }),
};

export interface RecordingServer {
  url: string;
  server: FakeHttpServer;
  /** Serves `data` at `path` as audio/mpeg. */
  add(path: string, data: Buffer): string;
  close(): Promise<void>;
}

/** Where a PBX publishes its recordings: plain files over HTTP. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const files = new Map<string, Buffer>();
  const server = await startFakeHttpServer((request) => {
    const file = files.get(request.path);
    return file ? { status: 200, headers: { 'content-type': 'audio/mpeg', 'content-length': String(file.length) }, body: file } : { status: 404, body: 'no such recording' };
  });
  return {
    url: server.url,
    server,
    add: (path, data) => {
      files.set(path, data);
      return `${server.url}${path}`;
    },
    close: () => server.close(),
  };
}
