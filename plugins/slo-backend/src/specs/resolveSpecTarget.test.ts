import { InputError } from '@backstage/errors';
import { resolveSpecTarget } from './resolveSpecTarget';

function inputErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof InputError ? e.message : `threw ${String(e)}`;
  }
  return 'did not throw';
}

const FILE = { type: 'file', target: '/srv/catalog/components/pay.yaml' };
const ORIGIN = { type: 'file', target: '/srv/catalog/all.yaml' };
const URL_LOCATION = {
  type: 'url',
  target: 'https://github.com/acme/pay/blob/main/catalog/catalog-info.yaml',
};

describe('resolveSpecTarget', () => {
  it.each([
    ['../slos/pay.yaml', '/srv/catalog/slos/pay.yaml'],
    ['slo.yaml', '/srv/catalog/components/slo.yaml'],
    ['./sub/../slo.yaml', '/srv/catalog/components/slo.yaml'],
  ])(
    'reads file %s at %s, rooted at the registering location',
    (spec, path) => {
      expect(resolveSpecTarget(spec, FILE, ORIGIN)).toEqual({
        type: 'file',
        path,
        root: '/srv/catalog',
      });
    },
  );

  it.each([
    [
      '../../etc/passwd',
      "must stay inside the folder of the entity's catalog location",
    ],
    ['/etc/passwd', "must be a path relative to the entity's catalog file"],
    ['~/.ssh/id_rsa', "must be a path relative to the entity's catalog file"],
    [
      'file:///etc/passwd',
      "must be a path relative to the entity's catalog file",
    ],
    [
      'https://evil.example.com/x.yaml',
      "must be a path relative to the entity's catalog file",
    ],
    ['a\0b', 'must be a path'],
  ])('refuses file spec %j', (spec, reason) => {
    expect(inputErrorMessage(() => resolveSpecTarget(spec, FILE, ORIGIN))).toBe(
      `${spec}: ${reason}`,
    );
  });

  it('roots at the entity folder when the origin location is elsewhere', () => {
    const origin = { type: 'file', target: '/other/all.yaml' };
    expect(
      inputErrorMessage(() =>
        resolveSpecTarget('../slos/pay.yaml', FILE, origin),
      ),
    ).toBe(
      "../slos/pay.yaml: must stay inside the folder of the entity's catalog location",
    );
  });

  it.each([
    ['slo.yaml', 'https://github.com/acme/pay/blob/main/catalog/slo.yaml'],
    ['../slos/pay.yaml', 'https://github.com/acme/pay/blob/main/slos/pay.yaml'],
    [
      'https://github.com/acme/pay/blob/main/slo.yaml',
      'https://github.com/acme/pay/blob/main/slo.yaml',
    ],
  ])('reads url %s at %s', (spec, url) => {
    expect(resolveSpecTarget(spec, URL_LOCATION)).toEqual({ type: 'url', url });
  });

  it.each([
    [
      '../../../other-repo/blob/main/slo.yaml',
      "must stay inside the entity's repository",
    ],
    [
      '../../%2e%2e/x/blob/main/slo.yaml',
      "must stay inside the entity's repository",
    ],
    [
      'https://github.com/someone-else/repo/blob/main/slo.yaml',
      "must stay inside the entity's repository",
    ],
    [
      'https://internal.example.com/secrets.yaml',
      "must be on the host of the entity's repository (github.com)",
    ],
    [
      '//evil.example.com/x.yaml',
      "must be on the host of the entity's repository (github.com)",
    ],
    [
      'http://github.com/acme/pay/blob/main/slo.yaml',
      "must be on the host of the entity's repository (github.com)",
    ],
  ])('refuses url spec %j', (spec, reason) => {
    expect(inputErrorMessage(() => resolveSpecTarget(spec, URL_LOCATION))).toBe(
      `${spec}: ${reason}`,
    );
  });

  it('roots GitLab blob URLs at the repository', () => {
    const gitlab = {
      type: 'url',
      target:
        'https://gitlab.example.com/group/sub/pay/-/blob/main/catalog-info.yaml',
    };
    expect(resolveSpecTarget('slos/a.yaml', gitlab)).toEqual({
      type: 'url',
      url: 'https://gitlab.example.com/group/sub/pay/-/blob/main/slos/a.yaml',
    });
    expect(
      inputErrorMessage(() =>
        resolveSpecTarget('../../x/-/blob/main/a.yaml', gitlab),
      ),
    ).toBe(
      "../../x/-/blob/main/a.yaml: must stay inside the entity's repository",
    );
  });
});
