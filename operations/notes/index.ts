import add_note from './add_note.js';
import add_note_comment from './add_note_comment.js';
import delete_note from './delete_note.js';
import delete_note_comment from './delete_note_comment.js';
import get_note from './get_note.js';
import get_note_comment from './get_note_comment.js';
import get_note_comments from './get_note_comments.js';
import list_notes from './list_notes.js';
import update_note from './update_note.js';
import update_note_comment from './update_note_comment.js';

/** The notes operations, with the comments on notes. */
export default [
  add_note,
  add_note_comment,
  delete_note,
  delete_note_comment,
  get_note,
  get_note_comment,
  get_note_comments,
  list_notes,
  update_note,
  update_note_comment,
];
