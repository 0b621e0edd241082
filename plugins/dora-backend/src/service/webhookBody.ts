import { InputError } from '@backstage/errors';
import express from 'express';
import {
  RAW_BODY,
  RequestWithRawBody,
  WEBHOOK_REFUSAL,
  verifySignature,
} from './sourceRoutes';

/** GitHub's own cap on webhook payloads. */
const WEBHOOK_BODY_LIMIT = '25mb';

/**
 * The unauthenticated GitHub webhook route reads its body as bytes (a body over the limit is a
 * 413 before anything else), checks the signature on exactly those bytes, and only then parses
 * them; a forged delivery is refused without being parsed or audited. express.json then leaves
 * the body alone (body-parser marks it read).
 */
export function verifiedWebhookBody(
  secret: string | undefined,
): express.RequestHandler {
  const raw = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT });
  return (req, res, next) => {
    if (req.method !== 'POST' || req.path !== '/webhooks/github') {
      next();
      return;
    }
    // Errors are handed to the route, not to next(): the OpenAPI router would turn any
    // middleware error into a 400, and a forged delivery is a 401.
    const refuse = (error: unknown) => {
      (req as RequestWithRawBody)[WEBHOOK_REFUSAL] = error;
      req.body = {};
      next();
    };
    raw(req, res, async error => {
      if (error) {
        refuse(error);
        return;
      }
      try {
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        await verifySignature(secret, bytes, req.header('x-hub-signature-256'));
        (req as RequestWithRawBody)[RAW_BODY] = bytes;
        req.body = parseWebhookJson(bytes);
      } catch (e) {
        refuse(e);
        return;
      }
      next();
    });
  };
}

function parseWebhookJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InputError('body: not valid JSON');
  }
}
