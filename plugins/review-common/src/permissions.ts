import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of notes and actions: a team, by its group ref. The review
 * backend registers the `IS_TEAM_MEMBER` rule for it.
 *
 * @public
 */
export const REVIEW_TEAM_RESOURCE_TYPE = 'review-team';

/**
 * Reading a month's review (rows, notes, actions, CSV). Leads read every team.
 *
 * @public
 */
export const reviewReadPermission = createPermission({
  name: 'review.read',
  attributes: { action: 'read' },
});

/**
 * Adding or changing a note or action on a team's row: the team's members and admins.
 *
 * @public
 */
export const reviewItemWritePermission = createPermission({
  name: 'review.item.write',
  attributes: { action: 'update' },
  resourceType: REVIEW_TEAM_RESOURCE_TYPE,
});

/**
 * Freezing a past month's figures on demand: admins only, because a snapshot
 * is what every later reading of the month shows.
 *
 * @public
 */
export const reviewSnapshotCreatePermission = createPermission({
  name: 'review.snapshot.create',
  attributes: { action: 'create' },
});

/**
 * Every permission of the review plugin.
 *
 * @public
 */
export const reviewPermissions = [
  reviewReadPermission,
  reviewItemWritePermission,
  reviewSnapshotCreatePermission,
];
