export {
  caughtError,
  describeAdapterContract,
  expectChannelError,
  type AdapterContractOptions,
  type SendTarget,
} from './adapter-contract.js';
export {
  NO_ANSWER,
  closedPortUrl,
  startFakeHttpServer,
  type FakeHttpServer,
  type FakeResponder,
  type FakeResponse,
  type RecordedRequest,
} from './fake-http-server.js';
export { webhookRequest, type WebhookRequestInit } from './webhook-request.js';
