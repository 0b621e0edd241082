import { DEFAULT_BUDGET_POLICY } from '@internal/plugin-slo-common';
import {
  paymentAvailability,
  userAvailability,
  userPolicy,
} from '../__testUtils__/fixtures';
import { policyView, worstStep } from './policy';

describe('policyView', () => {
  it('marks the step in force and the ones passed', () => {
    const view = policyView(
      userAvailability.slo,
      userAvailability.state.policyStep,
    );
    expect(view.isDefault).toBe(false);
    expect(
      view.steps.map(s => [s.consumedPercent, s.action, s.inForce, s.reached]),
    ).toEqual([
      [30, 'notify', false, true],
      [50, 'review', false, true],
      [60, 'freeze', true, true],
      [100, 'halt', false, false],
    ]);
  });

  it("falls back to the portal's default policy, as the backend does", () => {
    const view = policyView(paymentAvailability.slo, undefined);
    expect(view.isDefault).toBe(true);
    expect(view.policy).toBe(DEFAULT_BUDGET_POLICY);
    expect(view.steps.every(s => !s.inForce && !s.reached)).toBe(true);
  });

  it('sorts steps by consumed percentage', () => {
    const shuffled = {
      ...userAvailability.slo,
      policy: { ...userPolicy, steps: [...userPolicy.steps].reverse() },
    };
    expect(
      policyView(shuffled, undefined).steps.map(s => s.consumedPercent),
    ).toEqual([30, 50, 60, 100]);
  });
});

describe('worstStep', () => {
  it('picks the highest consumed percentage', () => {
    const [notify, , freeze] = userPolicy.steps;
    expect(worstStep([notify, undefined, freeze])).toBe(freeze);
    expect(worstStep([undefined, undefined])).toBeUndefined();
    expect(worstStep([])).toBeUndefined();
  });
});
