import { parse } from 'yaml';
import { Slo } from '../types';
import { prometheusRulesYaml, sloRuleGroups } from './prometheusRules';

const slo: Slo = {
  id: 'shop/checkout',
  name: 'checkout',
  service: 'shop',
  objectivePercent: 99,
  target: 0.99,
  window: { kind: 'calendar', unit: 'week' },
  indicator: {
    kind: 'availability',
    badQuery: 'sum(rate(e_total[{{.window}}]))',
    totalQuery: 'sum(rate(t_total[{{.window}}]))',
  },
  budgeting: { method: 'occurrences' },
  source: { format: 'sloth-v1', file: 'x.yaml' },
};

describe('sloRuleGroups', () => {
  it('records every window and rescales alert factors to the period', () => {
    const [sli, meta, alerts] = sloRuleGroups(slo);
    expect(sli.rules.map(r => ('record' in r ? r.record : ''))).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate1d',
      'slo:sli_error:ratio_rate3d',
      'slo:sli_error:ratio_rate7d',
    ]);
    expect(sli.rules[6].expr).toBe(
      '(sum(rate(e_total[3d])))\n/\n(sum(rate(t_total[3d])))',
    );
    expect(meta.rules[1]).toMatchObject({
      record: 'slo:error_budget:ratio',
      expr: 'vector(0.01)',
    });
    // A week is 7/30 of the Workbook's month: 14.4 → 3.36, 6 → 1.4, 3 → 0.7, 1 → 0.2333…
    const [page, ticket] = alerts.rules;
    expect(page).toMatchObject({
      alert: 'ShopCheckoutBurnRatePage',
      labels: { severity: 'page', sloth_id: 'shop/checkout' },
    });
    expect(page.expr).toContain(
      'ratio_rate1h{sloth_id="shop/checkout"} > (3.36 * 0.01)',
    );
    expect(page.expr).toContain(
      'ratio_rate30m{sloth_id="shop/checkout"} > (1.4 * 0.01)',
    );
    expect(ticket.expr).toContain(
      'ratio_rate2h{sloth_id="shop/checkout"} > (0.7 * 0.01)',
    );
    expect(ticket.expr).toContain(
      'ratio_rate3d{sloth_id="shop/checkout"} > (0.233333333333 * 0.01)',
    );
  });
});

describe('prometheusRulesYaml', () => {
  it('leaves out SLOs that cannot become rules, saying why', () => {
    const broken: Slo = {
      ...slo,
      id: 'shop/broken',
      indicator: { kind: 'availability', goodQuery: 'up', totalQuery: 'up' },
    };
    const text = prometheusRulesYaml([broken, slo]);
    expect(text).toMatch(/^# shop\/broken skipped: query must count events/);
    const parsed = parse(text) as { groups: Array<{ name: string }> };
    expect(parsed.groups.map(g => g.name)).toEqual([
      'sloth-slo-sli-recordings-shop/checkout',
      'sloth-slo-meta-recordings-shop/checkout',
      'sloth-slo-alerts-shop/checkout',
    ]);
  });
});
