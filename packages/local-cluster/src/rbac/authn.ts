/**
 * Bearer tokens → users. Three sources, as on a real cluster: the static
 * token file (here: the admin token and the configured identities), and the
 * tokens of `kubernetes.io/service-account-token` Secrets, which the token
 * controller below fills in the way the real one does.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { findResource } from '../resources';
import { ObjectStore } from '../store/ObjectStore';
import { isPlainObject } from '../store/util';
import { ADMIN_GROUP } from './bootstrap';
import { UserInfo, parseServiceAccountName, serviceAccountUser } from './types';

export const ADMIN_USER = 'local-cluster-admin';

/** One token and who it is: a user with groups, or a service account. */
export interface IdentityConfig {
  token: string;
  user?: string;
  groups?: string[];
  /** `<namespace>/<name>`: the token authenticates as that service account. */
  serviceAccount?: string;
}

const SECRETS = findResource('', 'v1', 'secrets')!;
const SERVICE_ACCOUNTS = findResource('', 'v1', 'serviceaccounts')!;
const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';
const SA_ANNOTATION = 'kubernetes.io/service-account.name';

/** Validates identities from config (file, env); errors name the entry and field. */
export function parseIdentities(
  text: string,
  source: string,
): IdentityConfig[] {
  let doc: unknown;
  try {
    doc = parseYaml(text, { merge: true });
  } catch (e) {
    throw new Error(`${source}: not YAML/JSON: ${(e as Error).message}`);
  }
  const list = isPlainObject(doc) ? doc.identities : doc;
  if (!Array.isArray(list))
    throw new Error(
      `${source}: expected a list of identities (or {identities: [...]})`,
    );
  return list.map((raw, i) => {
    const where = `${source}: identities[${i}]`;
    if (!isPlainObject(raw)) throw new Error(`${where}: must be an object`);
    if (typeof raw.token !== 'string' || raw.token.length < 8)
      throw new Error(
        `${where}.token: must be a string of at least 8 characters`,
      );
    const hasUser = typeof raw.user === 'string' && raw.user !== '';
    const hasSa = typeof raw.serviceAccount === 'string';
    if (hasUser === hasSa)
      throw new Error(`${where}: set exactly one of user or serviceAccount`);
    if (
      hasSa &&
      !/^[a-z0-9-]+\/[a-z0-9.-]+$/.test(raw.serviceAccount as string)
    )
      throw new Error(`${where}.serviceAccount: must be <namespace>/<name>`);
    if (
      raw.groups !== undefined &&
      !(
        Array.isArray(raw.groups) &&
        raw.groups.every(g => typeof g === 'string')
      )
    )
      throw new Error(`${where}.groups: must be a list of strings`);
    return {
      token: raw.token,
      user: hasUser ? (raw.user as string) : undefined,
      serviceAccount: hasSa ? (raw.serviceAccount as string) : undefined,
      groups: raw.groups as string[] | undefined,
    };
  });
}

export function userOf(identity: IdentityConfig): UserInfo {
  if (identity.serviceAccount) {
    const [ns, name] = identity.serviceAccount.split('/');
    const user = serviceAccountUser(ns, name);
    user.groups.push(...(identity.groups ?? []));
    return user;
  }
  return {
    name: identity.user!,
    groups: [...(identity.groups ?? []), 'system:authenticated'],
  };
}

export class Authenticator {
  private readonly static: Array<{ token: Buffer; user: UserInfo }>;
  private secretTokens = new Map<string, UserInfo>();
  private secretsDirty = true;

  constructor(
    private readonly store: ObjectStore,
    adminToken: string,
    identities: IdentityConfig[],
  ) {
    this.static = [
      {
        token: Buffer.from(adminToken),
        user: {
          name: ADMIN_USER,
          groups: [ADMIN_GROUP, 'system:authenticated'],
        },
      },
      ...identities.map(i => ({
        token: Buffer.from(i.token),
        user: userOf(i),
      })),
    ];
    store.subscribe(e => {
      if (e.typeKey !== '/secrets') return;
      this.secretsDirty = true;
      if (
        e.type === 'ADDED' &&
        e.object.type === SA_TOKEN_TYPE &&
        !e.object.data?.token
      )
        // The real token controller fills the Secret right after it is created.
        setImmediate(() =>
          this.fillToken(e.object.metadata.namespace!, e.object.metadata.name!),
        );
    });
  }

  /** Populates token, namespace and ca.crt of a service-account-token Secret. */
  fillToken(namespace: string, name: string, caCert = '') {
    const secret = this.store.get(SECRETS, namespace, name);
    if (!secret || secret.type !== SA_TOKEN_TYPE || secret.data?.token) return;
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    this.store.update(SECRETS, {
      ...secret,
      metadata: { ...secret.metadata, resourceVersion: undefined },
      data: {
        ...secret.data,
        token: b64(`lc-${randomBytes(24).toString('hex')}`),
        namespace: b64(namespace),
        ...(caCert ? { 'ca.crt': b64(caCert) } : {}),
      },
    });
  }

  private indexSecrets() {
    if (!this.secretsDirty) return;
    this.secretsDirty = false;
    this.secretTokens = new Map();
    for (const s of this.store.list(SECRETS)) {
      const sa = s.metadata.annotations?.[SA_ANNOTATION];
      if (s.type !== SA_TOKEN_TYPE || !sa || !s.data?.token) continue;
      const token = Buffer.from(s.data.token, 'base64').toString('utf8');
      this.secretTokens.set(
        token,
        serviceAccountUser(s.metadata.namespace!, sa),
      );
    }
  }

  /** The user a bearer token belongs to, or undefined (→ 401). */
  authenticate(header: string | undefined): UserInfo | undefined {
    const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!m) return undefined;
    const presented = Buffer.from(m[1].trim());
    for (const s of this.static) {
      if (
        s.token.length === presented.length &&
        timingSafeEqual(s.token, presented)
      )
        return structuredClone(s.user);
    }
    this.indexSecrets();
    const user = this.secretTokens.get(presented.toString('utf8'));
    // As on a real cluster, a Secret's token dies with its service account.
    const sa = user && parseServiceAccountName(user.name);
    if (!sa || !this.store.get(SERVICE_ACCOUNTS, sa[0], sa[1]))
      return undefined;
    return structuredClone(user);
  }
}
