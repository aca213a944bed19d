import path from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

type History = proto.temporal.api.history.v1.IHistory;

// The SDK's own historyFromJSON (@temporalio/common) fails with "type must be a Type" when npm has
// installed separate protobufjs copies for @temporalio/common and @temporalio/proto (as here: the
// root holds another major version); the JSON reader of the copy that built the proto types works.
const protoDir = path.dirname(require.resolve('@temporalio/proto/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fromJson } = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as {
  fromJson: (type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }) => History | null;
};
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

/** Older UIs write enum values in PascalCase ("WorkflowExecutionStarted"); the proto JSON names are constants. */
function constantCase(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value : `${prefix}_${value.replace(/(?<!^)([A-Z])/g, '_$1').toUpperCase()}`;
}

/**
 * A history in the JSON of `temporal workflow show --output json` or the Temporal UI's download,
 * as the History object Worker.runReplayHistories takes.
 */
export function historyFromJson(json: { events?: Record<string, unknown>[] }): History {
  if (!Array.isArray(json.events)) throw new TypeError('Not a workflow history: expected an object with an "events" array');
  const events = json.events.map((event) => ({
    ...event,
    ...(typeof event.eventType === 'string' ? { eventType: constantCase(event.eventType, 'EVENT_TYPE') } : {}),
  }));
  const history = fromJson(historyType, { events }, { ignoreUnknownFields: true });
  if (!history) throw new TypeError('Not a workflow history');
  return history;
}
