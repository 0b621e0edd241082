import { CheckFinding, ConformanceCheck } from '../types';
import { resolvePodTemplate } from '../workload';
import { containerFinding, notApplicable, outcomeOf, yaml } from './util';

/** A variable whose last word is one of these holds a secret (DB_PASSWORD, GITHUB_TOKEN). */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'PASS',
  'SECRET',
  'TOKEN',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'APIKEY',
  'PRIVATEKEY',
  'SECRETKEY',
  'ACCESSKEY',
]);

/** KEY alone is anything (CACHE_KEY, PARTITION_KEY); after one of these it is key material. */
const KEY_QUALIFIERS = new Set([
  'API',
  'PRIVATE',
  'SECRET',
  'ACCESS',
  'SIGNING',
  'ENCRYPTION',
  'MASTER',
  'HMAC',
  'SESSION',
  'CLIENT',
]);

/** The words of a variable name: split at `_ - .` and at camelCase humps, upper-cased. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(w => w.toLocaleUpperCase('en-US'));
}

/**
 * Whether an environment variable's name says it holds a secret. Judged on whole words, and on
 * the last one (after a trailing number, as in PASSWORD_2): that is the noun, what the variable
 * is. GITHUB_TOKEN is a token; TOKEN_URL is a URL, SECRET_NAME the name of a Secret object,
 * PASSWORD_FILE a path, PASSWORD_MIN_LENGTH a number. PWD alone is the shell's working
 * directory; DB_PWD is a password.
 */
export function looksLikeSecretName(name: string): boolean {
  const words = nameWords(name);
  while (words.length > 0 && /^\d+$/.test(words[words.length - 1])) {
    words.pop();
  }
  const last = words[words.length - 1];
  if (!last) return false;
  if (SECRET_WORDS.has(last)) return true;
  if (last === 'PWD') return words.length > 1;
  if (last === 'KEY') return KEY_QUALIFIERS.has(words[words.length - 2] ?? '');
  return false;
}

/**
 * Whether a literal value could be the secret itself. An empty value holds nothing, a value
 * made only of `$(VAR)` references expands other variables (which this check judges on their
 * own), and an absolute path (GOOGLE_APPLICATION_CREDENTIALS=/var/run/secrets/key.json) points
 * at a mounted file.
 */
function couldHoldSecret(value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  if (/^(\$\([A-Za-z_][A-Za-z0-9_.-]*\))+$/.test(v)) return false;
  if (/^\/[^\s]*$/.test(v)) return false;
  return true;
}

/** No secret is written into a manifest as a literal environment value. */
export const noSecretLiteralsCheck: ConformanceCheck = {
  id: 'no-secret-literals',
  title: 'No secrets as literal environment values',
  shortTitle: 'Secrets',
  severity: 'high',
  rationale:
    'A password or token written as env[].value is part of the manifest: it is in Git and in every clone, in the ' +
    'rendered chart, in the workload object that anyone allowed to read Deployments can see (kubectl describe ' +
    'prints it), and in every copy of the manifest a CI job leaves behind. Rotating it means a commit and a ' +
    'deploy, so it is rarely rotated. Read from a Secret, the value stays behind the Secret permissions and ' +
    'can be rotated on its own. Names are judged by their last word (the variable is what its noun says), so ' +
    'TOKEN_URL or SECRET_NAME is not taken for a secret; the value itself is never reported.',
  remediation:
    'Move the value into a Secret and reference it with env[].valueFrom.secretKeyRef (or mount the Secret as a ' +
    'file); then rotate the value, since the old one is in the repository history.',
  remediationSnippet: yaml`
    spec:
      template:
        spec:
          containers:
            - name: app
              env:
                - name: DB_PASSWORD
                  valueFrom:
                    secretKeyRef:
                      name: payment-service-db
                      key: password
  `,
  evaluate(ctx) {
    const pod = resolvePodTemplate(ctx.workload);
    if (!pod) {
      return notApplicable();
    }
    const workload = `${ctx.workload.kind ?? 'Workload'} "${
      ctx.workload.metadata.name
    }"`;
    const findings: CheckFinding[] = [];
    for (const c of pod.containers) {
      const env: unknown = c.container.env;
      if (!Array.isArray(env)) continue;
      env.forEach((e, i) => {
        if (!e || typeof e !== 'object') return;
        const { name, value, valueFrom } = e as Record<string, unknown>;
        if (typeof name !== 'string' || !looksLikeSecretName(name)) return;
        if (valueFrom !== undefined && valueFrom !== null) return;
        if (typeof value !== 'string' && typeof value !== 'number') return;
        if (!couldHoldSecret(String(value))) return;
        // The message names where the secret is; it never repeats the value.
        findings.push(
          containerFinding(
            c,
            `env[${i}].value`,
            `of ${workload} sets ${name} to a literal value; read it from a Secret (valueFrom.secretKeyRef).`,
          ),
        );
      });
    }
    return outcomeOf(findings);
  },
};
