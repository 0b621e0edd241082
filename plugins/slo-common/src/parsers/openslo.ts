import { Budgeting, Window } from '../types';
import {
  DEFAULT_WINDOW,
  ParseSloSpecsOptions,
  ParsedSlo,
  buildSlo,
  inferKind,
} from './build';
import { durationAt, windowAt } from './duration';
import { SpecNode, ratioToPercent, slugify } from './node';
import { opensloIndicator } from './opensloIndicator';

/** An OpenSLO `kind: SLI` document, found anywhere in the parsed file set. */
export interface OpenSloSli {
  name: string;
  spec: SpecNode;
  at: SpecNode;
}

/** Reads the name and spec of a `kind: SLI` document. */
export function opensloSli(root: SpecNode): OpenSloSli {
  const at = root.field('metadata').mapping().field('name');
  return { name: at.string(), spec: root.field('spec').mapping(), at };
}

function timeWindow(spec: SpecNode, options: ParseSloSpecsOptions): Window {
  const list = spec.field('timeWindow');
  if (!list.present) {
    return options.defaultWindow ?? DEFAULT_WINDOW;
  }
  const windows = list.items({ nonEmpty: true });
  if (windows.length > 1) {
    list.fail('must contain exactly one time window');
  }
  const tw = windows[0].mapping();
  const calendar = tw.field('calendar');
  const isRolling =
    tw.field('isRolling').optionalBoolean() ?? !calendar.present;
  if (isRolling && calendar.present) {
    tw.field('isRolling').fail('must be false when calendar is set');
  }
  if (isRolling) {
    return windowAt(tw.field('duration'), { calendar: false });
  }
  // startTime is not needed: periods align to calendar boundaries in timeZone.
  const timeZone = calendar.present
    ? calendar.mapping().field('timeZone').optionalString()
    : undefined;
  return windowAt(tw.field('duration'), { calendar: true, timeZone });
}

/** OpenSLO allows a bare number of minutes as well as a duration shorthand. */
function sliceSeconds(node: SpecNode): number {
  if (typeof node.value === 'number') {
    if (!(node.value > 0)) {
      node.fail('must be a positive number of minutes or a duration');
    }
    return node.value * 60;
  }
  return durationAt(node);
}

function budgeting(spec: SpecNode, objective: SpecNode): Budgeting {
  const method = spec.field('budgetingMethod');
  // Occurrences is the common case and what every other format means.
  if (!method.present || method.value === 'Occurrences') {
    return { method: 'occurrences' };
  }
  if (method.value === 'Timeslices') {
    return {
      method: 'timeslices',
      sliceSeconds: sliceSeconds(objective.field('timeSliceWindow')),
      goodSliceRatio: objective.field('timeSliceTarget').numberInRange(0, 1),
    };
  }
  return method.fail(
    `unsupported budgeting method ${JSON.stringify(
      method.value,
    )}: use Occurrences or Timeslices`,
  );
}

function objectivePercent(objective: SpecNode): number {
  const target = objective.field('target');
  const percent = objective.field('targetPercent');
  if (target.present && percent.present) {
    objective.fail('must define either target or targetPercent, not both');
  }
  if (percent.present) {
    return percent.numberInRange(0, 100);
  }
  if (!target.present) {
    target.fail('is required (or targetPercent)');
  }
  return ratioToPercent(target.numberInRange(0, 1));
}

/**
 * Reads an OpenSLO v1 `kind: SLO` document. Each objective becomes its own
 * SLO (suffixed with its display name when there are several) because the
 * portal tracks one target per SLO.
 */
export function parseOpenSloDocument(
  root: SpecNode,
  file: string,
  slis: Map<string, OpenSloSli>,
  options: ParseSloSpecsOptions,
): ParsedSlo[] {
  const metadata = root.field('metadata').mapping();
  const nameNode = metadata.field('name');
  const name = nameNode.string();
  const labels = metadata.field('labels').optionalLabels();
  const spec = root.field('spec').mapping();
  const serviceNode = spec.field('service');
  const service = serviceNode.string();
  const description =
    spec.field('description').optionalString() ??
    metadata.field('displayName').optionalString();

  const inline = spec.field('indicator');
  const ref = spec.field('indicatorRef');
  if (inline.present === ref.present) {
    spec.fail('must define exactly one of indicator or indicatorRef');
  }
  let sli: OpenSloSli;
  if (inline.present) {
    // Inline indicators need no name: nothing refers to them.
    sli = {
      name:
        inline.mapping().field('metadata').field('name').optionalString() ??
        name,
      spec: inline.field('spec').mapping(),
      at: inline,
    };
  } else {
    const found = slis.get(ref.string());
    if (!found) {
      return ref.fail(
        `no SLI named "${ref.string()}" found in the parsed files`,
      );
    }
    sli = found;
  }
  const window = timeWindow(spec, options);
  const objectives = spec.field('objectives').items({ nonEmpty: true });

  return objectives.map((objective, i) => {
    objective.mapping();
    if (
      objective.field('indicator').present ||
      objective.field('indicatorRef').present
    ) {
      objective.fail(
        'composite SLOs (objectives with their own indicator) are not supported',
      );
    }
    const displayName = objective.field('displayName').optionalString();
    const objectiveName =
      objectives.length === 1
        ? name
        : `${name}-${(displayName && slugify(displayName)) || i + 1}`;
    const kind = inferKind([labels], [name, sli.name]);
    return buildSlo(
      {
        name: objectiveName,
        service,
        description,
        objectivePercent: objectivePercent(objective),
        window,
        indicator: opensloIndicator(sli.spec, objective, kind),
        budgeting: budgeting(spec, objective),
        policy: options.defaultPolicy,
        labels,
        source: { format: 'openslo-v1', file },
      },
      { name: nameNode, service: serviceNode },
    );
  });
}
