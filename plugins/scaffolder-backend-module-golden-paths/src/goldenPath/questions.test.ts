import fs from 'node:fs';
import path from 'node:path';
import { newQuestions } from './questions';
import { tempDir } from './testFixtures';
import { TemplateVersion } from './versions';

function version(dir: string, v: string, parameters: string): TemplateVersion {
  const templateFile = path.join(dir, `${v}.yaml`);
  fs.writeFileSync(
    templateFile,
    `kind: Template\nmetadata: { name: svc }\nspec:\n  parameters:\n${parameters}`,
  );
  return { name: 'svc', version: v, templateFile };
}

describe('newQuestions', () => {
  const dir = tempDir('gp-questions-');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const v1 = version(
    dir,
    '1.0.0',
    `    - required: [name]
      properties:
        name: { type: string }
        lifecycle: { type: string, default: experimental }
        region: { type: string }
`,
  );
  const v2 = version(
    dir,
    '2.0.0',
    `    - required: [name, region]
      properties:
        name: { type: string }
        lifecycle: { type: string, default: experimental }
        region: { type: string }
    - title: Reliability
      required: [tier]
      properties:
        tier: { type: string, ui:widget: radio, enum: [bronze, gold] }
        cpu: { type: string, default: 250m }
`,
  );

  it.each<[string, Record<string, unknown>, unknown]>([
    [
      // lifecycle was asked before (its default was the answer) and is not asked again; region
      // was optional and is now required without a default, so the upgrade needs it.
      'the questions v2 added, and one it now requires',
      { name: 'invoice-api' },
      {
        title: 'New in version 2.0.0',
        type: 'object',
        required: ['region', 'tier'],
        properties: {
          region: { type: 'string' },
          tier: {
            type: 'string',
            'ui:widget': 'radio',
            enum: ['bronze', 'gold'],
          },
          cpu: { type: 'string', default: '250m' },
        },
      },
    ],
    [
      'nothing already answered',
      { name: 'invoice-api', region: 'eu', tier: 'gold', cpu: '1' },
      undefined,
    ],
  ])('asks %s', (_, recorded, expected) => {
    expect(newQuestions(v2, v1, recorded)).toEqual(expected);
  });

  it('asks nothing of a version with the same questions', () => {
    expect(newQuestions(v1, v1, { name: 'invoice-api' })).toBeUndefined();
  });
});
