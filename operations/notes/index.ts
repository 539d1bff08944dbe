import add_note from './add_note.js';
import delete_note from './delete_note.js';
import get_note from './get_note.js';
import list_notes from './list_notes.js';
import update_note from './update_note.js';

/** The notes operations. */
export default [add_note, delete_note, get_note, list_notes, update_note];
