import {
  AuditorService,
  AuthService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { verify } from '@octokit/webhooks-methods';
import { Request } from 'express';
import { DoraStore, IngestResult } from '../database/DoraStore';
import {
  CloudEvent,
  DeployPipeline,
  readCloudEvents,
  translateCdEvent,
} from '../sources/cdevents';
import { GitHubSourceOptions, translateGitHubEvent } from '../sources/github';
import {
  SourceBatch,
  Translation,
  emptyBatch,
  ignored as ignoredTranslation,
} from '../sources/types';
import { IngestAuthorizer } from './authorizeIngest';
import { ingestEvents } from './ingestEvents';
import {
  PROJECT_SLUG_ANNOTATION,
  ambiguousSlug,
  attribute,
  createEntityFinder,
} from './attribution';

export { PROJECT_SLUG_ANNOTATION } from './attribution';

export interface SourceOptions {
  github: GitHubSourceOptions & {
    /** Unset: every delivery is refused, never accepted unverified. */
    webhookSecret?: string;
  };
  cdevents: { deployPipelines: DeployPipeline[] };
  /**
   * Origin locations (`type:target`) of the configured `catalog.locations`: their entities'
   * repository claims win over those of locations users registered.
   */
  trustedOrigins: Set<string>;
}

export type SourceIngestResult = IngestResult & {
  ignored: { index?: number; reason: string }[];
};

/** Where express.json keeps the exact bytes of a body, for HMAC verification. */
export const RAW_BODY = Symbol('rawBody');
/** Why the webhook body middleware refused a delivery (bad signature, too large, not JSON). */
export const WEBHOOK_REFUSAL = Symbol('webhookRefusal');
export type RequestWithRawBody = Request & {
  [RAW_BODY]?: Buffer;
  [WEBHOOK_REFUSAL]?: unknown;
};

/**
 * Handlers of the CDEvents and GitHub routes: translate each source's payloads into the events
 * batch and store it through ingestEvents, so validation, kubernetesId resolution, idempotency
 * and all-or-nothing are those of POST /events. Every delivery is audited.
 */
export function createSourceHandlers(deps: {
  store: DoraStore;
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  options: SourceOptions;
  /** Checks CDEvents callers; GitHub deliveries are trusted by their signature instead. */
  authorizeIngest: IngestAuthorizer;
}) {
  const { store, catalog, auth, httpAuth, auditor, options } = deps;

  async function ingestTranslations(
    source: string,
    translated: Translation[],
    credentials: Awaited<ReturnType<HttpAuthService['credentials']>>,
    authorize?: IngestAuthorizer,
  ): Promise<SourceIngestResult> {
    const finder = createEntityFinder(
      catalog,
      credentials,
      options.trustedOrigins,
    );
    const translations: Translation[] = [];
    for (const t of translated) translations.push(await attribute(t, finder));
    const batch: SourceBatch = emptyBatch();
    const ignored: SourceIngestResult['ignored'] = [];
    const outcomes = new Map<string, number>();
    const count = (outcome: string) =>
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    translations.forEach((t, index) => {
      count(t.kind === 'ignored' ? `ignored:${t.code}` : 'attributed');
      if (t.kind === 'ignored') {
        ignored.push({
          ...(translations.length > 1 && { index }),
          reason: t.reason,
        });
        return;
      }
      batch.deployments.push(...t.batch.deployments);
      batch.changes.push(...t.batch.changes);
      batch.incidents.push(...t.batch.incidents);
    });
    const result = await ingestEvents(batch, {
      store,
      catalog,
      credentials,
      authorize,
    });
    await store.countSourceEvents(
      [...outcomes].map(([outcome, n]) => ({ source, outcome, n })),
    );
    return { ...result, ignored };
  }

  /** A delivery answered with an error still counts as received (refused). */
  async function refusedOnError<T>(
    source: string,
    events: number,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      await store.countSourceEvents([
        { source, outcome: 'refused', n: events },
      ]);
      throw error;
    }
  }

  async function audited<T>(
    req: Request,
    eventId: string,
    meta: Record<string, string>,
    fn: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await fn();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  return {
    async cdevents(req: Request): Promise<SourceIngestResult> {
      const events = await refusedOnError('cdevents', 1, async () =>
        readCloudEvents(req.headers['content-type'], req.headers, req.body),
      );
      return refusedOnError('cdevents', events.length, () =>
        audited(
          req,
          'dora-cdevents',
          { events: String(events.length) },
          async () => {
            const translations = events.map((event, i) =>
              withIndex(events.length > 1 ? i : undefined, () =>
                translateCdEvent(
                  event as CloudEvent,
                  options.cdevents.deployPipelines,
                ),
              ),
            );
            return ingestTranslations(
              'cdevents',
              translations,
              await httpAuth.credentials(req),
              deps.authorizeIngest,
            );
          },
        ),
      );
    },

    async github(req: RequestWithRawBody): Promise<SourceIngestResult> {
      // Refused before parsing (see verifiedWebhookBody): nothing is audited or stored.
      if (req[WEBHOOK_REFUSAL] !== undefined) throw req[WEBHOOK_REFUSAL];
      const event = req.header('x-github-event') ?? '';
      const delivery = req.header('x-github-delivery') ?? '';
      return audited(
        req,
        'dora-github-webhook',
        { event, delivery },
        async () => {
          await verifySignature(
            options.github.webhookSecret,
            req[RAW_BODY],
            req.header('x-hub-signature-256'),
          );
          if (event === 'ping') {
            return { ...zero(), ignored: [{ reason: 'ping' }] };
          }
          return refusedOnError('github', 1, async () => {
            // GitHub redelivers on timeouts and on request; the same delivery is processed once.
            if (delivery && (await store.hasGitHubDelivery(delivery))) {
              return ingestTranslations(
                'github',
                [
                  ignoredTranslation(
                    `delivery ${delivery} was already received`,
                    'duplicate-delivery',
                  ),
                ],
                await auth.getOwnServiceCredentials(),
              );
            }
            const result = await handleDelivery();
            if (delivery) await store.recordGitHubDelivery(delivery);
            return result;
          });
          async function handleDelivery() {
            const slug = req.body?.repository?.full_name;
            if (typeof slug !== 'string' || slug === '') {
              throw new InputError(
                'repository.full_name: must be a non-empty string',
              );
            }
            // GitHub carries no Backstage identity; the plugin acts as itself, after the HMAC.
            const credentials = await auth.getOwnServiceCredentials();
            const claim = await createEntityFinder(
              catalog,
              credentials,
              options.trustedOrigins,
            ).bySlug(slug);
            let translation: Translation;
            if ('ambiguous' in claim) {
              translation = ambiguousSlug(slug, claim.ambiguous);
            } else if (claim.entityRef) {
              translation = translateGitHubEvent(
                event,
                req.body,
                claim.entityRef,
                options.github,
              );
            } else {
              translation = ignoredTranslation(
                `no catalog entity has ${PROJECT_SLUG_ANNOTATION}: ${slug}`,
                'unattributed',
              );
            }
            return ingestTranslations('github', [translation], credentials);
          }
        },
      );
    },
  };
}

/**
 * GitHub's scheme: `sha256=` + hex HMAC-SHA256 of the raw body, compared in constant time by
 * Octokit's `verify`. The body is the bytes as received, read as the UTF-8 text GitHub sends.
 */
export async function verifySignature(
  secret: string | undefined,
  body: Buffer | undefined,
  header: string | undefined,
): Promise<void> {
  if (!secret) {
    throw new AuthenticationError(
      'GitHub webhooks are refused: dora.github.webhookSecret is not configured',
    );
  }
  if (!header || !header.startsWith('sha256=')) {
    throw new AuthenticationError(
      'x-hub-signature-256: missing or not sha256=',
    );
  }
  // An empty body signs nothing a delivery could carry (and `verify` refuses to check one).
  if (!body?.length || !(await verify(secret, body.toString('utf8'), header))) {
    throw new AuthenticationError(
      'x-hub-signature-256: does not match the body under the configured secret',
    );
  }
}

function withIndex<T>(index: number | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (index !== undefined && error instanceof InputError) {
      throw new InputError(`[${index}].${error.message}`);
    }
    throw error;
  }
}

function zero(): IngestResult {
  return {
    inserted: { deployments: 0, changes: 0, incidents: 0 },
    completed: { changes: 0, incidents: 0 },
    duplicates: { deployments: 0, changes: 0, incidents: 0 },
  };
}
