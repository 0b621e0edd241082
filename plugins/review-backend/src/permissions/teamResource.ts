import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { REVIEW_TEAM_RESOURCE_TYPE } from '@internal/plugin-review-common';
import { z } from 'zod';

/** A team whose notes and actions are written: its group ref. */
export interface ReviewTeam {
  ref: string;
}

export const reviewTeamResourceRef = createPermissionResourceRef<
  ReviewTeam,
  never
>().with({ pluginId: 'review', resourceType: REVIEW_TEAM_RESOURCE_TYPE });

/**
 * The team is one of the user's ownership claims (the user and the groups it is a member of).
 * The portal policy answers with this rule, so membership is decided where the policy says.
 */
export const isTeamMember = createPermissionRule({
  name: 'IS_TEAM_MEMBER',
  description: 'The user is a member of the team (one of its ownership claims)',
  resourceRef: reviewTeamResourceRef,
  paramsSchema: z.object({
    claims: z.array(z.string()).describe('The user ownership entity refs'),
  }),
  apply: (team, { claims }) =>
    claims.some(
      c => c.toLocaleLowerCase('en-US') === team.ref.toLocaleLowerCase('en-US'),
    ),
  // Teams are not queried in bulk; only single teams are authorized.
  toQuery: () => {
    throw new Error('IS_TEAM_MEMBER is only applied to single teams');
  },
});
