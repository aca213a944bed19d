import { z } from 'zod';

/** Slack truncates text past 40,000 characters; a message holds at most 50 blocks. */
export const MAX_TEXT_LENGTH = 40_000;
export const MAX_BLOCKS = 50;

/** One Block Kit block: an object with a `type` ("section", "divider", ...); Slack checks the rest. */
const block = z.looseObject({ type: z.string().min(1, 'A block needs a type') });

/**
 * What both ways of posting share. `text` is required even with blocks: Slack shows it in
 * notifications and to screen readers, and falls back to it when blocks cannot be shown.
 */
export const messageContent = {
  text: z.string().trim().min(1, 'A message needs text').max(MAX_TEXT_LENGTH, `Slack truncates text past ${MAX_TEXT_LENGTH} characters`),
  blocks: z.array(block).max(MAX_BLOCKS, `A message holds at most ${MAX_BLOCKS} blocks`).optional(),
};
