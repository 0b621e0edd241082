import { ParseSloSpecsOptions } from '../parsers/build';
import { SloSpecProblem } from '../parsers/node';
import { SloSpecFile, readSloSpecFiles } from '../parsers/parseSloSpecs';
import { sloRuleGroups } from '../promql/prometheusRules';
import { counterSelectors } from '../promql/windowedQueries';
import { Slo } from '../types';

/** What a spec check finds: the SLOs the portal would serve, and every problem. */
export interface SloSpecValidation {
  slos: Slo[];
  problems: SloSpecProblem[];
}

/** What the collector or the rules export would refuse although the spec parsed. */
function collectionProblem(slo: Slo): SloSpecProblem | undefined {
  try {
    sloRuleGroups(slo);
    return undefined;
  } catch (e) {
    // Counters are collected from their values at bucket edges even when the rules cannot
    // use the query as written; then only the rules export is affected.
    const what = counterSelectors(slo.indicator)
      ? 'cannot be turned into Prometheus rules'
      : 'cannot be collected';
    return {
      file: slo.source.file,
      slo: slo.name,
      message: `${slo.source.file}: SLO "${slo.name}" ${what}: ${
        (e as Error).message
      }`,
    };
  }
}

/**
 * Checks spec files as the portal reads them, plus what collection and the rules export need.
 * One place for `portal-slo validate` and the backend's validate route, so a spec a CI job
 * accepts is a spec the portal serves.
 */
export function validateSloSpecs(
  files: SloSpecFile[],
  options: ParseSloSpecsOptions = {},
): SloSpecValidation {
  const result = readSloSpecFiles(files, options);
  const problems = [...result.problems];
  const slos = result.slos.filter(slo => {
    const problem = collectionProblem(slo);
    if (problem) problems.push(problem);
    return !problem;
  });
  return { slos, problems };
}
