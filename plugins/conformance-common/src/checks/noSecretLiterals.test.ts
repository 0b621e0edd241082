import {
  contextOf,
  goodContainer,
  goodInitContainer,
  goodPodSpec,
  workloadOf,
} from '../testUtils';
import { looksLikeSecretName, noSecretLiteralsCheck } from './noSecretLiterals';

const evaluate = (podSpec: any, kind = 'Deployment') =>
  noSecretLiteralsCheck.evaluate(contextOf(workloadOf(kind, { podSpec })));

const withEnv = (env: any) =>
  goodPodSpec({ containers: [goodContainer({ env })] });

// A value no message may ever contain.
const VALUE = 'hunter2-Zq9vX7c';

describe('looksLikeSecretName', () => {
  it.each([
    // The last word names a secret.
    ['PASSWORD', true],
    ['DB_PASSWORD', true],
    ['db_password', true],
    ['dbPassword', true],
    ['SMTP_PASS', true],
    ['DB_PWD', true],
    ['REDIS_PASSWD', true],
    ['GPG_PASSPHRASE', true],
    ['GITHUB_TOKEN', true],
    ['auth-token', true],
    ['NEXTAUTH_SECRET', true],
    ['OAUTH_CLIENT_SECRET', true],
    ['DB_CREDENTIALS', true],
    ['REGISTRY_CREDS', true],
    ['API_KEY', true],
    ['apiKey', true],
    ['STRIPE_APIKEY', true],
    ['APIKey', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['AWS_ACCESS_KEY', true],
    ['PRIVATE_KEY', true],
    ['JWT_SIGNING_KEY', true],
    ['TLS_CLIENT_KEY', true],
    ['PASSWORD_2', true],
    ['Token', true],
    // The last word is something else: the secret word qualifies it.
    ['TOKEN_URL', false],
    ['OAUTH_TOKEN_ENDPOINT', false],
    ['TOKEN_TTL_SECONDS', false],
    ['SECRET_NAME', false],
    ['PASSWORD_FILE', false],
    ['PASSWORD_MIN_LENGTH', false],
    ['API_KEY_HEADER', false],
    ['GOOGLE_APPLICATION_CREDENTIALS_PATH', false],
    // Whole words only.
    ['BYPASS', false],
    ['PASSTHROUGH', false],
    ['TOKENIZER', false],
    ['SECRETARY_EMAIL', false],
    ['KEYCLOAK_REALM', false],
    // KEY and PWD alone are not secrets.
    ['CACHE_KEY', false],
    ['PARTITION_KEY', false],
    ['KEY', false],
    ['PWD', false],
    ['PORT', false],
    ['', false],
  ])('%s → %s', (name, expected) => {
    expect(looksLikeSecretName(name)).toBe(expected);
  });
});

describe('no-secret-literals', () => {
  it.each([
    ['no env', withEnv(undefined), []],
    ['unrelated literals', withEnv([{ name: 'PORT', value: '8080' }]), []],
    [
      'a secret read from a Secret',
      withEnv([
        {
          name: 'DB_PASSWORD',
          valueFrom: { secretKeyRef: { name: 'db', key: 'password' } },
        },
      ]),
      [],
    ],
    ['an empty value', withEnv([{ name: 'DB_PASSWORD', value: '' }]), []],
    [
      'a reference to another variable',
      withEnv([{ name: 'DB_PASSWORD', value: '$(DB_PASSWORD_FROM_SECRET)' }]),
      [],
    ],
    [
      'a path to a mounted file',
      withEnv([
        {
          name: 'GOOGLE_APPLICATION_CREDENTIALS',
          value: '/var/run/secrets/google/key.json',
        },
      ]),
      [],
    ],
    [
      'TOKEN_URL as a literal',
      withEnv([{ name: 'TOKEN_URL', value: 'https://auth.example/token' }]),
      [],
    ],
    [
      'a literal password',
      withEnv([
        { name: 'PORT', value: '8080' },
        { name: 'DB_PASSWORD', value: VALUE },
      ]),
      ['env[1].value'],
    ],
    [
      'a numeric literal PIN-like token',
      withEnv([{ name: 'API_TOKEN', value: 123456 }]),
      ['env[0].value'],
    ],
    [
      'two literal secrets',
      withEnv([
        { name: 'apiKey', value: VALUE },
        { name: 'JWT_SECRET', value: VALUE },
      ]),
      ['env[0].value', 'env[1].value'],
    ],
    [
      'malformed entries are skipped',
      withEnv([null, 'x', { value: VALUE }, { name: 'TOKEN' }]),
      [],
    ],
  ])('%s', (_name, podSpec, fields) => {
    const outcome = evaluate(podSpec);
    expect(outcome.verdict).toBe(fields.length ? 'fail' : 'pass');
    expect(outcome.findings.map(f => f.fieldPath)).toEqual(
      fields.map(f => `spec.template.spec.containers[0].${f}`),
    );
  });

  it('names the workload, container and variable, never the value', () => {
    const outcome = evaluate(withEnv([{ name: 'DB_PASSWORD', value: VALUE }]));
    expect(outcome.findings).toEqual([
      {
        container: 'app',
        fieldPath: 'spec.template.spec.containers[0].env[0].value',
        message:
          'Container "app" of Deployment "payment-service" sets DB_PASSWORD to a literal value; read it from a Secret (valueFrom.secretKeyRef).',
      },
    ]);
    expect(JSON.stringify(outcome)).not.toContain(VALUE);
  });

  it('applies to init containers and every workload kind', () => {
    const podSpec = goodPodSpec({
      initContainers: [
        goodInitContainer({ env: [{ name: 'MIGRATE_TOKEN', value: VALUE }] }),
      ],
    });
    expect(evaluate(podSpec, 'CronJob').findings).toEqual([
      {
        container: 'migrate',
        fieldPath:
          'spec.jobTemplate.spec.template.spec.initContainers[0].env[0].value',
        message:
          'Init container "migrate" of CronJob "payment-service" sets MIGRATE_TOKEN to a literal value; read it from a Secret (valueFrom.secretKeyRef).',
      },
    ]);
  });

  it('does not apply to an object without a pod template', () => {
    expect(
      noSecretLiteralsCheck.evaluate(
        contextOf({ kind: 'Service', metadata: { name: 'x' }, spec: {} }),
      ).verdict,
    ).toBe('not-applicable');
  });
});
