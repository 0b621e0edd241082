import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ReviewScope,
  lastFullMonth,
  parseScope,
  reviewItemWritePermission,
  reviewReadPermission,
  reviewSnapshotCreatePermission,
  reviewToCsv,
} from '@internal/plugin-review-common';
import express from 'express';
import { ReviewStore } from '../database/ReviewStore';
import { ReviewService } from '../review/ReviewService';
import { teamOfRow } from '../review/scopeRows';
import { createOpenApiRouter } from '../schema/openapi';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ReviewStore;
  service: ReviewService;
  now?: () => Date;
}

function scopeOf(value: string | undefined): ReviewScope {
  try {
    return parseScope(value);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, store, service } = options;
  const now = options.now ?? (() => new Date());
  const router = await createOpenApiRouter();

  async function authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ) {
    const [decision] = await permissions.authorize(
      [
        resourceRef
          ? { permission: permission as ResourcePermission, resourceRef }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        resourceRef
          ? `${permission.name} on ${resourceRef} is not allowed`
          : `${permission.name} is not allowed`,
      );
    }
  }

  // Leads and other tools read; the JSON is meant for both.
  async function readReview(req: express.Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(credentials, reviewReadPermission);
    const month =
      (req.query.month as string | undefined) ?? lastFullMonth(now());
    const scope = scopeOf(req.query.scope as string | undefined);
    return service.getReview(month, scope, credentials);
  }

  router.get('/', async (req, res) => {
    res.json({ ...(await readReview(req)) });
  });

  router.get('/export.csv', async (req, res) => {
    const review = await readReview(req);
    res
      .type('text/csv')
      .attachment(
        `review-${review.month}-${review.scope.replace(
          /[^a-z0-9-]+/g,
          '-',
        )}.csv`,
      )
      .send(reviewToCsv(review));
  });

  router.post('/snapshots', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(credentials, reviewSnapshotCreatePermission);
    const review = await service.createSnapshot(
      req.body.month,
      scopeOf(req.body.scope),
    );
    res.status(201).json({ ...review, items: [], previousActions: [] });
  });

  router.post('/items', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { month, rowRef, kind, text, owner, dueDate } = req.body;
    if (kind === 'action' && !owner) {
      throw new InputError('owner: an action needs an owner');
    }
    if (kind === 'note' && (owner || dueDate)) {
      throw new InputError(
        `${
          owner ? 'owner' : 'dueDate'
        }: only actions have an owner and a due date`,
      );
    }
    const team = await teamOfRow(catalog, rowRef, credentials);
    await authorize(credentials, reviewItemWritePermission, team);
    const item = await store.addItem(
      {
        month,
        rowRef,
        team,
        kind,
        text,
        owner,
        dueDate,
        createdBy: credentials.principal.userEntityRef,
      },
      now(),
    );
    res.status(201).json({ ...item });
  });

  router.patch('/items/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const item = await store.getItem(req.params.id);
    if (!item) throw new NotFoundError(`id: no review item ${req.params.id}`);
    await authorize(credentials, reviewItemWritePermission, item.team);
    const { text, owner, dueDate, state } = req.body;
    if (item.kind === 'note') {
      const field = [
        ['state', state],
        ['owner', owner],
        ['dueDate', dueDate],
      ].find(([, v]) => v !== undefined)?.[0];
      if (field) {
        throw new InputError(
          `${field}: a note has no state, owner or due date`,
        );
      }
    }
    if (item.kind === 'action' && owner === '') {
      throw new InputError('owner: an action needs an owner');
    }
    res.json({
      ...(await store.updateItem(
        item.id,
        { text, owner, dueDate, state },
        now(),
      )),
    });
  });

  return router;
}
