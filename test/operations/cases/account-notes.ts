import { COMMENT_ID, noteComment } from '../../fixtures/account.js';
import { ok } from '../../fixtures/entities.js';
import { pageV1 } from '../../fixtures/reference.js';
import type { OperationCase } from '../harness.js';

/** Comments on notes (API v1). */
const edited = '<p>Legal approved the new terms on Friday.</p>';

const cases: OperationCase[] = [
  {
    op: 'get_note_comments',
    input: { id: '801', start: 100, limit: 100 },
    method: 'GET',
    path: '/v1/notes/801/comments',
    query: { start: '100', limit: '100' },
    reply: pageV1([noteComment(), noteComment('5a1c9e70-4b3e-11f0-9a61-2b7d04e8c3f1')], 100, 200),
  },
  {
    op: 'get_note_comment',
    input: { id: 801, commentId: COMMENT_ID },
    method: 'GET',
    path: `/v1/notes/801/comments/${COMMENT_ID}`,
    reply: ok(noteComment()),
  },
  {
    op: 'add_note_comment',
    input: { id: 801, content: '<p>Legal approved the new terms.</p>' },
    method: 'POST',
    path: '/v1/notes/801/comments',
    body: { content: '<p>Legal approved the new terms.</p>' },
    reply: ok(noteComment()),
  },
  {
    op: 'update_note_comment',
    input: { id: 801, commentId: COMMENT_ID, content: edited },
    method: 'PUT',
    path: `/v1/notes/801/comments/${COMMENT_ID}`,
    body: { content: edited },
    reply: ok(noteComment(COMMENT_ID, { content: edited, update_time: '2026-11-20T08:01:00.000Z' })),
  },
  {
    op: 'delete_note_comment',
    input: { id: 801, commentId: COMMENT_ID },
    method: 'DELETE',
    path: `/v1/notes/801/comments/${COMMENT_ID}`,
    reply: ok(true),
  },
];

export default cases;
