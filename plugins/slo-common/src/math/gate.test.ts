import { BudgetPolicy, Slo } from '../types';
import { gateDecision } from './gate';
import { DEFAULT_BUDGET_POLICY } from './policy';

const slo = (id: string, policy?: BudgetPolicy): Slo => ({
  id,
  name: id.split('/')[1],
  service: id.split('/')[0],
  objectivePercent: 99.9,
  target: 0.999,
  window: { kind: 'rolling', seconds: 30 * 86400 },
  indicator: {
    kind: 'availability',
    badQuery: 'errors',
    totalQuery: 'requests',
  },
  budgeting: { method: 'occurrences' },
  ...(policy ? { policy } : {}),
  source: { format: 'plain', file: 'slos.yaml' },
});

const availability = slo('checkout/availability', DEFAULT_BUDGET_POLICY);
const latency = slo('checkout/latency', DEFAULT_BUDGET_POLICY);

describe('gateDecision', () => {
  it('allows a deploy when every SLO is within budget', () => {
    expect(
      gateDecision({
        slos: [
          { slo: availability, remainingFraction: 0.9 },
          { slo: latency, remainingFraction: 0.6 },
        ],
      }),
    ).toEqual({
      allowed: true,
      reasons: [
        'All 2 SLOs (checkout/availability, checkout/latency) are within their error budget policies.',
      ],
      slos: [
        { id: 'checkout/availability', remainingFraction: 0.9 },
        { id: 'checkout/latency', remainingFraction: 0.6 },
      ],
    });
  });

  it('allows with a note when a non-blocking step applies', () => {
    const decision = gateDecision({
      slos: [{ slo: availability, remainingFraction: 0.4 }],
    });
    expect(decision.allowed).toBe(true);
    expect(decision.policyStep?.action).toBe('review');
    expect(decision.reasons).toEqual([
      'checkout/availability has consumed 60% of its error budget (40% remaining); the 50% policy step "review" (Review recent deploys for reliability risk.) applies but does not block deploys.',
    ]);
  });

  it('denies when a step in force blocks deploys', () => {
    const decision = gateDecision({
      slos: [
        { slo: availability, remainingFraction: 0.2 },
        { slo: latency, remainingFraction: 0.95 },
      ],
      changeType: 'feature',
    });
    expect(decision.allowed).toBe(false);
    expect(decision.policyStep?.consumedPercent).toBe(75);
    expect(decision.slos[0].step?.action).toBe('freeze');
    expect(decision.slos[1].step).toBeUndefined();
    expect(decision.reasons).toEqual([
      'checkout/availability has consumed 80% of its error budget (20% remaining); the 75% policy step "freeze" (Freeze non-critical deploys.) blocks deploys. Exempt change types: security_patch, data_corruption_fix.',
    ]);
  });

  it('describes overspent and 100%-objective budgets', () => {
    const decision = gateDecision({
      slos: [
        { slo: availability, remainingFraction: -0.25 },
        { slo: latency, remainingFraction: -Infinity },
      ],
    });
    expect(decision.allowed).toBe(false);
    expect(decision.policyStep?.action).toBe('halt');
    expect(decision.reasons[0]).toMatch(
      /^checkout\/availability has consumed 125% of its error budget \(overspent by 25%\); the 100% policy step "halt"/,
    );
    expect(decision.reasons[1]).toMatch(
      /^checkout\/latency has exhausted its error budget \(a 100% objective allows no failures\); the 100% policy step "halt"/,
    );
  });

  it.each(['security_patch', 'Security Patch', 'security-patch'])(
    'lets an exempt change type (%s) through a freeze',
    changeType => {
      const decision = gateDecision({
        slos: [{ slo: availability, remainingFraction: 0 }],
        changeType,
      });
      expect(decision.allowed).toBe(true);
      expect(decision.policyStep?.action).toBe('halt');
      expect(decision.reasons).toEqual([
        'checkout/availability has consumed 100% of its error budget (0% remaining); the 100% policy step "halt" (Full freeze: only exempt changes ship.) blocks deploys, but "security_patch" changes are exempt.',
      ]);
    },
  );

  it('denies when the exemption is missing from one blocking SLO’s policy', () => {
    const strict = slo('payments/availability', {
      steps: [{ consumedPercent: 50, action: 'freeze', blocksDeploys: true }],
      exemptions: [],
    });
    const decision = gateDecision({
      slos: [
        { slo: availability, remainingFraction: 0.1 },
        { slo: strict, remainingFraction: 0.3 },
      ],
      changeType: 'security_patch',
    });
    expect(decision.allowed).toBe(false);
    expect(decision.policyStep).toEqual({
      consumedPercent: 50,
      action: 'freeze',
      blocksDeploys: true,
    });
    expect(decision.reasons).toEqual([
      expect.stringContaining('"security_patch" changes are exempt'),
      'payments/availability has consumed 70% of its error budget (30% remaining); the 50% policy step "freeze" blocks deploys.',
    ]);
  });

  it('never blocks on missing or stale data', () => {
    const decision = gateDecision({
      slos: [
        { slo: availability, remainingFraction: undefined },
        { slo: latency, remainingFraction: -2, stale: true },
      ],
    });
    expect(decision.allowed).toBe(true);
    expect(decision.policyStep).toBeUndefined();
    expect(decision.reasons).toEqual([
      'checkout/availability has no data for its current window, so it does not block deploys.',
      'checkout/latency has stale budget data (last known: -200% remaining), so its policy was not enforced.',
    ]);
  });

  it('uses the default policy for SLOs without one, or the one given', () => {
    const bare = slo('search/availability');
    expect(
      gateDecision({ slos: [{ slo: bare, remainingFraction: 0.2 }] }).allowed,
    ).toBe(false);
    const lenient: BudgetPolicy = { steps: [], exemptions: [] };
    expect(
      gateDecision({
        slos: [{ slo: bare, remainingFraction: 0.2 }],
        defaultPolicy: lenient,
      }).allowed,
    ).toBe(true);
  });

  it('allows when no SLO applies', () => {
    expect(gateDecision({ slos: [] })).toEqual({
      allowed: true,
      reasons: ['No SLOs apply to this deploy.'],
      slos: [],
    });
  });

  it('names a single healthy SLO', () => {
    expect(
      gateDecision({ slos: [{ slo: availability, remainingFraction: 1 }] })
        .reasons,
    ).toEqual(['checkout/availability is within its error budget policy.']);
  });

  describe('with spec errors', () => {
    const specErrors = [
      {
        file: '../slos/checkout.yaml',
        message:
          '../slos/checkout.yaml: slos[1].objective: must be a number between 0 and 100',
      },
    ];

    it('denies by default, naming the file, even when the valid SLOs are healthy', () => {
      const decision = gateDecision({
        slos: [{ slo: availability, remainingFraction: 0.9 }],
        specErrors,
      });
      expect(decision).toEqual({
        allowed: false,
        reasons: [
          'The SLO spec ../slos/checkout.yaml has an error, so deploys are denied until it is fixed (slo.gate.onSpecError: deny): ../slos/checkout.yaml: slos[1].objective: must be a number between 0 and 100',
        ],
        slos: [{ id: 'checkout/availability', remainingFraction: 0.9 }],
      });
    });

    it('denies an entity whose every SLO is broken', () => {
      expect(gateDecision({ slos: [], specErrors }).allowed).toBe(false);
    });

    it('allows when configured to, saying so', () => {
      const decision = gateDecision({
        slos: [],
        specErrors,
        onSpecError: 'allow',
      });
      expect(decision.allowed).toBe(true);
      expect(decision.reasons).toEqual([
        'The SLO spec ../slos/checkout.yaml has an error and was not evaluated; deploys are not blocked by it (slo.gate.onSpecError: allow): ../slos/checkout.yaml: slos[1].objective: must be a number between 0 and 100',
      ]);
    });

    it('still denies on a blocking budget when spec errors are allowed', () => {
      const decision = gateDecision({
        slos: [{ slo: availability, remainingFraction: 0.1 }],
        specErrors,
        onSpecError: 'allow',
      });
      expect(decision.allowed).toBe(false);
      expect(decision.policyStep?.blocksDeploys).toBe(true);
    });
  });
});
