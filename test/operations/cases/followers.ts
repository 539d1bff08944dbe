import { ok, page } from '../../fixtures/entities.js';
import { follower, followerChange } from '../../fixtures/followers.js';
import type { OperationCase } from '../harness.js';

const NEXT = 'eyJpZCI6MTN9';

/** The four follower operations of one entity, all against the record `/api/v2/<plural>/<id>`. */
function followerCases(entity: string, plural: string, id: number): OperationCase[] {
  const base = `/api/v2/${plural}/${id}/followers`;
  return [
    {
      op: `add_${entity}_follower`,
      input: { id, user_id: 12 },
      method: 'POST',
      path: base,
      body: { user_id: 12 },
      reply: ok(follower(12)),
    },
    {
      op: `delete_${entity}_follower`,
      input: { id, follower_id: 12 },
      method: 'DELETE',
      path: `${base}/12`,
      reply: ok({ user_id: 12 }),
    },
    {
      op: `get_${entity}_followers`,
      input: { id, limit: 2 },
      method: 'GET',
      path: base,
      query: { limit: '2' },
      reply: page([follower(11), follower(12)], NEXT),
    },
    {
      op: `get_${entity}_followers_changelog`,
      input: { id, cursor: NEXT, limit: 500 },
      method: 'GET',
      path: `${base}/changelog`,
      query: { cursor: NEXT, limit: '500' },
      reply: page([followerChange('added', 12), followerChange('removed', 13)]),
    },
  ];
}

const cases: OperationCase[] = [
  ...followerCases('deal', 'deals', 101),
  ...followerCases('organization', 'organizations', 301),
  ...followerCases('person', 'persons', 201),
  ...followerCases('product', 'products', 401),
];

export default cases;
