import { Analysis } from '../analysis';
import { DeploymentFact } from '../facts/deploymentFacts';
import { inScope } from '../options';
import { ratio } from '../stats';
import { inRange, resolveWindow } from '../time';
import { Window } from '../types';
import { KeyResult, buildKeyResult } from './result';

/**
 * The shared shape of the two ratio keys (change failure rate, deployment rework rate):
 * deployments matching `counts` ÷ completed deployments, per bucket and over the window.
 * Returns the key result and the counted deployments of the window, for per-reason breakdowns.
 */
export function deploymentRatio(
  analysis: Analysis,
  window: Window,
  key: KeyResult['key'],
  counts: (fact: DeploymentFact) => boolean,
): { result: KeyResult; counted: DeploymentFact[] } {
  const facts = analysis.deployments.filter(f =>
    inScope(analysis.options, f.deployment.entityRef),
  );
  const within = (range: ReturnType<typeof resolveWindow>) =>
    facts.filter(f => inRange(f.deployment.t, range));
  const result = buildKeyResult({
    key,
    unit: 'ratio',
    analysis,
    window,
    summarize: range => {
      const completed = within(range);
      const counted = completed.filter(counts);
      return {
        value: ratio(counted.length, completed.length),
        count: counted.length,
        denominator: completed.length,
      };
    },
  });
  return { result, counted: within(resolveWindow(window)).filter(counts) };
}
