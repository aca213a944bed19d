import { defineAction } from '@tripline/connector-sdk';
import { z } from 'zod';
import { slackAuth } from '../connection/slack-auth';
import { callWebApi } from '../web-api/call-web-api';
import { slackErrorCode } from '../web-api/web-api-errors';
import { messageContent } from './message-content';

/** The message metadata event type that marks a message as posted by a Tripline step. */
export const STEP_METADATA_EVENT_TYPE = 'tripline_step';

export const postMessageInput = z.object({
  /** A channel ID (C…, G…, D…) or a public channel name ("#pql-alerts"). */
  channel: z.string().trim().min(1, 'Give a channel ID or #name'),
  ...messageContent,
  /** Reply in the thread of this message ts instead of the channel. */
  threadTs: z.string().trim().regex(/^\d+\.\d+$/, 'A thread ts looks like 1503435956.000247').optional(),
});

export const postMessageOutput = z.object({
  /** The channel ID Slack posted to (also when a #name was given). */
  channel: z.string(),
  /** The message's timestamp: its id within the channel. */
  ts: z.string(),
});

export type PostMessageInput = z.output<typeof postMessageInput>;
export type PostMessageOutput = z.output<typeof postMessageOutput>;

export const postMessageAction = defineAction({
  auth: slackAuth,
  name: 'postMessage',
  displayName: 'Post to Slack (bot)',
  description:
    'Posts a message with chat.postMessage. The step’s idempotency key travels in the message metadata, so a posted step can be found; undo deletes the message.',
  effect: 'write',
  outreach: 'slack',
  input: postMessageInput,
  output: postMessageOutput,
  async run({ auth: connection, input, idempotencyKey, signal }) {
    const answer = await callWebApi(
      connection,
      'chat.postMessage',
      {
        channel: input.channel,
        text: input.text,
        ...(input.blocks ? { blocks: input.blocks } : {}),
        ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
        // Slack takes no idempotency key; metadata makes the message findable by the step's key.
        metadata: { event_type: STEP_METADATA_EVENT_TYPE, event_payload: { idempotency_key: idempotencyKey } },
      },
      signal,
    );
    return { channel: String(answer.channel), ts: String(answer.ts) };
  },
  /**
   * A run that is rejected or fails after an escalation was posted takes the alert back with
   * chat.delete (a bot may delete its own messages). A message already gone counts as undone.
   */
  async undo({ auth: connection, output, signal }) {
    try {
      await callWebApi(connection, 'chat.delete', { channel: output.channel, ts: output.ts }, signal);
      return { deleted: true };
    } catch (error) {
      if (slackErrorCode(error) === 'message_not_found') return { deleted: false, alreadyGone: true };
      throw error;
    }
  },
});
