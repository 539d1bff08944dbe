import { z } from 'zod';
import { addressShape, csv, date, describe, id, labelled, optional, record, time } from './common.js';

/** Activity location, in the request body and in responses (no `subpremise`, unlike other addresses). */
const locationShape = addressShape('activity', { subpremise: false });

const participantShape = {
  person_id: id('The ID of the person'),
  primary: describe(z.boolean(), 'Whether the person is the primary participant or not'),
};

const attendeeShape = {
  email: describe(z.email(), 'The email address of the attendee'),
  name: describe(z.string(), 'The name of the attendee'),
  status: describe(z.string(), 'The status of the attendee'),
  is_organizer: describe(z.boolean(), 'Whether the attendee is the organizer or not'),
  person_id: id('The ID of the person if the attendee has a person record'),
  user_id: id('The ID of the user if the attendee is a user'),
};

const partial = <S extends Record<string, z.ZodType>>(shape: S) => z.strictObject(shape).partial();

/** Body of add_activity and update_activity (Pipedrive uses one model for both). */
export const activityBody = optional({
  subject: describe(z.string(), 'The subject of the activity'),
  type: describe(z.string(), 'The type of the activity (the `key_string` of an activity type, e.g. `call`)'),
  owner_id: id('The ID of the user who owns the activity', 'Owner'),
  deal_id: id('The ID of the deal linked to the activity', 'Deal'),
  lead_id: describe(z.string(), 'The ID (UUID) of the lead linked to the activity', 'Lead'),
  person_id: id('The ID of the person linked to the activity', 'Person'),
  org_id: id('The ID of the organization linked to the activity', 'Organization'),
  project_id: id('The ID of the project linked to the activity', 'Project'),
  due_date: date('The due date of the activity (YYYY-MM-DD)'),
  due_time: time('The due time of the activity (HH:MM, UTC)'),
  duration: time('The duration of the activity (HH:MM)'),
  busy: describe(z.boolean(), 'Whether the activity marks the assignee as busy or not in their calendar'),
  done: describe(z.boolean(), 'Whether the activity is marked as done or not'),
  location: describe(partial(locationShape), 'Location of the activity'),
  participants: describe(z.array(partial(participantShape)), 'The participants of the activity (persons)'),
  attendees: describe(z.array(partial(attendeeShape)), 'The attendees of the activity (calendar invitees)'),
  public_description: describe(z.string(), 'The public description of the activity'),
  priority: describe(
    z.int(),
    'The priority of the activity. Mappable to a specific string using the activityFields API.',
  ),
  note: describe(z.string(), 'The note of the activity'),
  outcome: describe(
    z.int(),
    'The ID of the outcome of the activity; the available outcomes depend on the activity type',
  ),
});

export const activityIncludeFields = () =>
  csv(labelled({ attendees: 'Attendees' }, 'An additional field'), 'Additional fields to include');

const locationOut = record(locationShape);

/** An activity as Pipedrive returns it. */
export const activity = record({
  id: describe(z.int(), 'The ID of the activity'),
  subject: describe(z.string(), 'The subject of the activity'),
  type: describe(z.string(), 'The type of the activity'),
  owner_id: describe(z.int(), 'The ID of the user who owns the activity'),
  creator_user_id: describe(z.int(), 'The ID of the user who created the activity'),
  is_deleted: describe(z.boolean(), 'Whether the activity is deleted or not'),
  add_time: describe(z.string(), 'The creation date and time of the activity'),
  update_time: describe(z.string(), 'The last updated date and time of the activity'),
  deal_id: describe(z.int(), 'The ID of the deal linked to the activity'),
  lead_id: describe(z.string(), 'The ID of the lead linked to the activity'),
  person_id: describe(z.int(), 'The ID of the person linked to the activity'),
  org_id: describe(z.int(), 'The ID of the organization linked to the activity'),
  project_id: describe(z.int(), 'The ID of the project linked to the activity'),
  due_date: describe(z.string(), 'The due date of the activity'),
  due_time: describe(z.string(), 'The due time of the activity'),
  duration: describe(z.string(), 'The duration of the activity'),
  busy: describe(z.boolean(), 'Whether the activity marks the assignee as busy or not in their calendar'),
  done: describe(z.boolean(), 'Whether the activity is marked as done or not'),
  marked_as_done_time: describe(z.string(), 'The date and time when the activity was marked as done'),
  location: describe(locationOut, 'Location of the activity'),
  participants: describe(
    z.array(
      record({
        person_id: describe(z.int(), 'The ID of the person'),
        primary: describe(z.boolean(), 'Whether the person is the primary participant or not'),
      }),
    ),
    'The participants of the activity',
  ),
  attendees: describe(
    z.array(
      record({
        email: describe(z.string(), 'The email address of the attendee'),
        name: describe(z.string(), 'The name of the attendee'),
        status: describe(z.string(), 'The status of the attendee'),
        is_organizer: describe(z.boolean(), 'Whether the attendee is the organizer or not'),
        person_id: describe(z.int(), 'The ID of the person if the attendee has a person record'),
        user_id: describe(z.int(), 'The ID of the user if the attendee is a user'),
      }),
    ),
    'The attendees of the activity',
  ),
  conference_meeting_client: describe(z.string(), 'The client used for the conference meeting'),
  conference_meeting_url: describe(z.string(), 'The URL of the conference meeting'),
  conference_meeting_id: describe(z.string(), 'The ID of the conference meeting'),
  public_description: describe(z.string(), 'The public description of the activity'),
  priority: describe(z.int(), 'The priority of the activity'),
  note: describe(z.string(), 'The note of the activity'),
});
