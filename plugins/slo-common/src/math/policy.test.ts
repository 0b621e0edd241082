import { BudgetPolicy } from '../types';
import { DEFAULT_BUDGET_POLICY, policyStepInForce } from './policy';

describe('policyStepInForce', () => {
  it.each([
    [undefined, undefined],
    [NaN, undefined],
    [-0.5, undefined],
    [0, undefined],
    [0.49, undefined],
    [0.5, 50],
    [0.74999, 50],
    [0.75, 75],
    [0.9, 90],
    [0.99, 90],
    [1, 100],
    [1.8, 100],
    [Infinity, 100],
  ])('consumed %p → step %p', (consumed, percent) => {
    expect(
      policyStepInForce(DEFAULT_BUDGET_POLICY, consumed)?.consumedPercent,
    ).toBe(percent);
  });

  it('absorbs float noise at a step boundary', () => {
    const policy: BudgetPolicy = {
      steps: [{ consumedPercent: 29, action: 'notify', blocksDeploys: false }],
      exemptions: [],
    };
    // 0.29 * 100 = 28.999999999999996 in floating point.
    expect(policyStepInForce(policy, 0.29)?.action).toBe('notify');
  });

  it('does not rely on step order', () => {
    const policy: BudgetPolicy = {
      steps: [
        { consumedPercent: 80, action: 'freeze', blocksDeploys: true },
        { consumedPercent: 20, action: 'notify', blocksDeploys: false },
      ],
      exemptions: [],
    };
    expect(policyStepInForce(policy, 0.9)?.action).toBe('freeze');
  });

  it('returns undefined without a policy', () => {
    expect(policyStepInForce(undefined, 1)).toBeUndefined();
  });
});

describe('DEFAULT_BUDGET_POLICY', () => {
  it('reviews at 50%, freezes non-critical deploys from 75% and fully at 100%', () => {
    expect(
      DEFAULT_BUDGET_POLICY.steps.map(s => [
        s.consumedPercent,
        s.action,
        s.blocksDeploys,
      ]),
    ).toEqual([
      [50, 'review', false],
      [75, 'freeze', true],
      [90, 'incident-commander', true],
      [100, 'halt', true],
    ]);
    expect(DEFAULT_BUDGET_POLICY.exemptions).toEqual([
      'security_patch',
      'data_corruption_fix',
    ]);
  });

  it('cannot be mutated by a consumer', () => {
    expect(Object.isFrozen(DEFAULT_BUDGET_POLICY.steps)).toBe(true);
    expect(Object.isFrozen(DEFAULT_BUDGET_POLICY.steps[0])).toBe(true);
  });
});
