import { defineAction } from '@tripline/connector-sdk';
import { z } from 'zod';
import { hubspotAuth } from '../auth/hubspot-auth';
import { associationsFor } from '../crm/associations';
import { archiveRecord, createRecord } from '../crm/crm-objects';
import { IDEMPOTENCY_PROPERTY, findByIdempotencyKey, withPropertyHint } from '../crm/idempotency';
import { epochMsOf, isoDateOrDateTime, recordId } from './action-inputs';

export const createNoteInput = z
  .object({
    /** The note text (rendered from the step's template); HubSpot shows HTML, up to 65,536 characters. */
    body: z.string().trim().min(1, 'A note body is required').max(65_536),
    /** When the note is dated on the timeline; defaults to now. */
    timestamp: isoDateOrDateTime.optional(),
    ownerId: recordId('ownerId').optional(),
    contactId: recordId('contactId').optional(),
    companyId: recordId('companyId').optional(),
    dealId: recordId('dealId').optional(),
  })
  .refine((input) => input.contactId || input.companyId || input.dealId, {
    message: 'Associate the note with a contactId, companyId or dealId',
    path: ['contactId'],
  });

export const createNoteOutput = z.object({
  noteId: z.string(),
  /** False when an earlier attempt of this step had already created it. */
  created: z.boolean(),
});

export type CreateNoteInput = z.output<typeof createNoteInput>;
export type CreateNoteOutput = z.output<typeof createNoteOutput>;

export const createNoteAction = defineAction({
  auth: hubspotAuth,
  name: 'createNote',
  displayName: 'Create note',
  description: "Logs a note on the contact's, company's or deal's timeline (e.g. why Tripline escalated the account). Undo deletes it.",
  effect: 'write',
  input: createNoteInput,
  output: createNoteOutput,
  async run({ auth, input, idempotencyKey, signal }) {
    const existing = await findByIdempotencyKey(auth, 'notes', idempotencyKey, ['hs_timestamp'], signal);
    if (existing) return { noteId: existing.id, created: false };
    const properties: Record<string, string> = {
      hs_note_body: input.body,
      hs_timestamp: new Date(input.timestamp ? epochMsOf(input.timestamp) : Date.now()).toISOString(),
      [IDEMPOTENCY_PROPERTY]: idempotencyKey,
    };
    if (input.ownerId) properties.hubspot_owner_id = input.ownerId;
    const note = await withPropertyHint('notes', () =>
      createRecord(auth, 'notes', { properties, associations: associationsFor('notes', input) }, signal),
    );
    return { noteId: note.id, created: true };
  },
  async undo({ auth, output, signal }) {
    const deleted = await archiveRecord(auth, 'notes', output.noteId, signal);
    return { noteId: output.noteId, deleted, alreadyGone: !deleted };
  },
});
