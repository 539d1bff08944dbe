import { z } from 'zod';
import { date, describe, id, optional, record, uuid } from './common.js';
import { numberFlag, v1Timestamp } from './reference.js';

/** The records a note can be attached (and pinned) to. */
type Target = 'lead' | 'deal' | 'organization' | 'person' | 'project';

const pinnedFlags = (text: (target: Target) => string, labels: { 0: string; 1: string }) => ({
  pinned_to_lead_flag: numberFlag(text('lead'), labels),
  pinned_to_deal_flag: numberFlag(text('deal'), labels),
  pinned_to_organization_flag: numberFlag(text('organization'), labels),
  pinned_to_person_flag: numberFlag(text('person'), labels),
  pinned_to_project_flag: numberFlag(text('project'), labels),
});

/** The records a note is attached to, as body fields. */
const attachments = (note: string) => ({
  lead_id: uuid(`The ID of the lead to attach the note to${note}`, 'Lead'),
  deal_id: id(`The ID of the deal to attach the note to${note}`, 'Deal'),
  person_id: id(`The ID of the person to attach the note to${note}`, 'Person'),
  org_id: id(`The ID of the organization to attach the note to${note}`, 'Organization'),
  project_id: id(`The ID of the project to attach the note to${note}`, 'Project'),
});

const content = describe(z.string().min(1), 'The content of the note in HTML; Pipedrive sanitizes it');

const bodyFields = (note: string) =>
  optional({
    ...attachments(note),
    user_id: id('The ID of the user shown as the author of the note; only admins can change it', 'Author'),
    add_time: v1Timestamp('The creation time of the note; may be in the past or the future'),
    ...pinnedFlags(
      (target) =>
        `Pin the note to the ${target} (1) or unpin it (0); the note must be attached to the ${target}`,
      { 0: 'Not pinned', 1: 'Pinned' },
    ),
  });

/** Body of add_note: `content`, and at least one of lead, deal, person, organization or project. */
export const addNoteBody = {
  content,
  ...bodyFields('. A note needs at least one of lead, deal, person, organization or project.'),
};

/** Body of update_note: only the fields given change. */
export const updateNoteBody = { ...optional({ content }), ...bodyFields('') };

/** The `{id}` path parameter of the note endpoints. */
export const notePath = {
  id: z
    .int()
    .positive()
    .meta({ title: 'Note', description: 'The ID of the note', 'x-lookup': { lookup: 'notes' } }),
};

const sortable = 'id|user_id|deal_id|person_id|org_id|content|add_time|update_time';
/** ASC/DESC in any case, spelled out: JSON Schema patterns have no flags. */
const direction = '([Aa][Ss][Cc]|[Dd][Ee][Ss][Cc])';
const sortPattern = new RegExp(
  `^\\s*(${sortable})(\\s+${direction})?(\\s*,\\s*(${sortable})(\\s+${direction})?)*\\s*$`,
);

/** Query of list_notes. */
export const noteListQuery = optional({
  user_id: id('Only notes written by this user', 'Author'),
  lead_id: uuid('Only notes attached to this lead', 'Lead'),
  deal_id: id('Only notes attached to this deal', 'Deal'),
  person_id: id('Only notes attached to this person', 'Person'),
  org_id: id('Only notes attached to this organization', 'Organization'),
  project_id: id('Only notes attached to this project', 'Project'),
  sort: describe(
    z.string().regex(sortPattern, 'expected fields with an optional ASC/DESC, separated by commas'),
    'Sort order: field names with an optional `ASC`/`DESC`, separated by commas (e.g. `add_time DESC, id ASC`). Fields: `id`, `user_id`, `deal_id`, `person_id`, `org_id`, `content`, `add_time`, `update_time`.',
  ),
  start_date: date('Only notes added on or after this date (YYYY-MM-DD)'),
  end_date: date('Only notes added on or before this date (YYYY-MM-DD)'),
  ...pinnedFlags((target) => `Only notes pinned (1) or not pinned (0) to their ${target}`, {
    0: 'Not pinned',
    1: 'Pinned',
  }),
});

const linked = (key: 'title' | 'name', of: string) =>
  describe(record({ [key]: describe(z.string(), `The ${key} of the ${of}`) }), `The ${of} of the note`);

/** A note as Pipedrive returns it. */
export const note = record({
  id: describe(z.int(), 'The ID of the note'),
  content: describe(z.string(), 'The content of the note in HTML'),
  active_flag: describe(z.boolean(), 'Whether the note is active (false: deleted)'),
  add_time: describe(z.string(), 'The creation time of the note'),
  update_time: describe(z.string(), 'The last update time of the note'),
  user_id: describe(z.int(), 'The ID of the user who wrote the note'),
  last_update_user_id: describe(z.int(), 'The ID of the user who last updated the note'),
  lead_id: describe(z.string(), 'The ID of the lead the note is attached to'),
  deal_id: describe(z.int(), 'The ID of the deal the note is attached to'),
  person_id: describe(z.int(), 'The ID of the person the note is attached to'),
  org_id: describe(z.int(), 'The ID of the organization the note is attached to'),
  project_id: describe(z.int(), 'The ID of the project the note is attached to'),
  deal: linked('title', 'deal'),
  person: linked('name', 'person'),
  organization: linked('name', 'organization'),
  project: linked('title', 'project'),
  user: describe(
    record({
      name: describe(z.string(), 'The name of the author'),
      email: describe(z.string(), 'The email address of the author'),
      icon_url: describe(z.string(), 'The URL of the avatar of the author'),
      is_you: describe(z.boolean(), 'Whether the author is the user making the request'),
    }),
    'The author of the note',
  ),
  pinned_to_lead_flag: describe(z.boolean(), 'Whether the note is pinned to its lead'),
  pinned_to_deal_flag: describe(z.boolean(), 'Whether the note is pinned to its deal'),
  pinned_to_organization_flag: describe(z.boolean(), 'Whether the note is pinned to its organization'),
  pinned_to_person_flag: describe(z.boolean(), 'Whether the note is pinned to its person'),
  pinned_to_project_flag: describe(z.boolean(), 'Whether the note is pinned to its project'),
});

// ---------- comments ----------

/**
 * The path of one comment: its note, and the comment's UUID (a dropdown of the note's comments). Any
 * 8-4-4-4-12 hexadecimal ID is taken: Pipedrive's own example is not an RFC 4122 UUID.
 */
export const commentPath = {
  ...notePath,
  commentId: z.guid().meta({
    title: 'Comment',
    description: 'The ID (UUID) of the comment',
    'x-lookup': { lookup: 'note_comments', dependsOn: ['id'] },
  }),
};

/** Body of add_note_comment and update_note_comment. */
export const commentBody = {
  content: describe(z.string().min(1), 'The content of the comment in HTML; Pipedrive sanitizes it'),
};

/** A comment on a note. */
export const comment = record({
  uuid: describe(z.string(), 'The ID (UUID) of the comment'),
  content: describe(z.string(), 'The content of the comment in HTML'),
  object_id: describe(z.string(), 'The ID of the note the comment is on'),
  object_type: describe(z.string(), 'What the comment is on: `note`'),
  user_id: describe(z.int(), 'The ID of the user who wrote the comment'),
  updater_id: describe(z.int(), 'The ID of the user who last changed the comment'),
  company_id: describe(z.int(), 'The ID of the company'),
  active_flag: describe(z.boolean(), 'Whether the comment is active (false: deleted)'),
  add_time: describe(z.string(), 'When the comment was written'),
  update_time: describe(z.string(), 'When the comment was last changed'),
});
