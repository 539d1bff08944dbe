import add_person from './add_person.js';
import delete_person from './delete_person.js';
import get_person from './get_person.js';
import list_persons from './list_persons.js';
import search_persons from './search_persons.js';
import update_person from './update_person.js';

/** The persons operations. */
export default [add_person, delete_person, get_person, list_persons, search_persons, update_person];
