/**
 * The subset of apiserver validation that catches realistic manifest mistakes,
 * producing the same field paths and wording so error output reads like a
 * real cluster's.
 */
import { ResourceType } from '../resources';
import {
  fromLabelSelectorObject,
  matchesLabels,
  validateLabelKey,
  validateLabelValue,
} from '../selectors/labelSelector';
import { KubeObject } from '../store/types';
import { deepEqual, isPlainObject } from '../store/util';
import { StatusCause, field } from './errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAMED = ['Namespace', 'Service'];
const SELECTOR_WORKLOADS = [
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
];
const PATH_SEGMENT_NAMED = [
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
];
const TEMPLATE_WORKLOADS = [...SELECTOR_WORKLOADS, 'Job'];

function validateMeta(
  rt: ResourceType,
  obj: KubeObject,
  causes: StatusCause[],
) {
  const name = obj.metadata.name;
  if (!name) {
    if (!obj.metadata.generateName) {
      causes.push(
        field.required('metadata.name', 'name or generateName is required'),
      );
    }
  } else if (PATH_SEGMENT_NAMED.includes(rt.kind)) {
    // RBAC objects only need to be a valid URL path segment (`system:aggregate-to-view`).
    if (name === '.' || name === '..') {
      causes.push(field.invalid('metadata.name', name, `may not be '${name}'`));
    } else if (/[/%]/.test(name)) {
      causes.push(
        field.invalid(
          'metadata.name',
          name,
          `may not contain '${name.includes('/') ? '/' : '%'}'`,
        ),
      );
    }
  } else if (LABEL_NAMED.includes(rt.kind)) {
    if (name.length > 63 || !DNS1123_LABEL.test(name)) {
      causes.push(
        field.invalid(
          'metadata.name',
          name,
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        ),
      );
    }
  } else if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    causes.push(
      field.invalid(
        'metadata.name',
        name,
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ),
    );
  }
  validateLabels(obj.metadata.labels, 'metadata.labels', causes);
  if (
    obj.metadata.annotations !== undefined &&
    !isPlainObject(obj.metadata.annotations)
  ) {
    causes.push(
      field.invalid(
        'metadata.annotations',
        obj.metadata.annotations,
        'must be a map of strings',
      ),
    );
  }
}

function validateLabels(labels: unknown, path: string, causes: StatusCause[]) {
  if (labels === undefined || labels === null) return;
  if (!isPlainObject(labels)) {
    causes.push(field.invalid(path, labels, 'must be a map of strings'));
    return;
  }
  for (const [k, v] of Object.entries(labels)) {
    const keyErr = validateLabelKey(k);
    if (keyErr) causes.push(field.invalid(path, k, keyErr));
    if (typeof v !== 'string') {
      causes.push(field.invalid(`${path}[${k}]`, v, 'must be a string'));
      continue;
    }
    const valErr = validateLabelValue(v);
    if (valErr) causes.push(field.invalid(path, v, valErr));
  }
}

function validatePodSpec(spec: any, path: string, causes: StatusCause[]) {
  if (!isPlainObject(spec)) {
    causes.push(field.required(path));
    return;
  }
  const containers = spec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push(field.required(`${path}.containers`));
    return;
  }
  const seen = new Set<string>();
  containers.forEach((c: any, i: number) => {
    const cp = `${path}.containers[${i}]`;
    if (!isPlainObject(c)) {
      causes.push(field.invalid(cp, c, 'must be an object'));
      return;
    }
    if (!c.name) causes.push(field.required(`${cp}.name`));
    else if (typeof c.name !== 'string' || !DNS1123_LABEL.test(c.name)) {
      causes.push(
        field.invalid(
          `${cp}.name`,
          c.name,
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'",
        ),
      );
    } else if (seen.has(c.name)) {
      causes.push({
        reason: 'FieldValueDuplicate',
        field: `${cp}.name`,
        message: `Duplicate value: "${c.name}"`,
      });
    } else seen.add(c.name);
    if (!c.image) causes.push(field.required(`${cp}.image`));
    (Array.isArray(c.ports) ? c.ports : []).forEach((p: any, j: number) => {
      const port = p?.containerPort;
      if (typeof port !== 'number' || port < 1 || port > 65535) {
        causes.push(
          field.invalid(
            `${cp}.ports[${j}].containerPort`,
            port ?? 0,
            'must be between 1 and 65535, inclusive',
          ),
        );
      }
    });
  });
  const rp = spec.restartPolicy;
  if (rp !== undefined && !['Always', 'OnFailure', 'Never'].includes(rp)) {
    causes.push(
      field.notSupported(`${path}.restartPolicy`, rp, [
        'Always',
        'OnFailure',
        'Never',
      ]),
    );
  }
}

function validateReplicas(v: unknown, path: string, causes: StatusCause[]) {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    causes.push(field.invalid(path, v, 'must be greater than or equal to 0'));
  }
}

export function validateObject(
  rt: ResourceType,
  obj: KubeObject,
  old?: KubeObject,
): StatusCause[] {
  const causes: StatusCause[] = [];
  validateMeta(rt, obj, causes);
  const spec = obj.spec;

  if (TEMPLATE_WORKLOADS.includes(rt.kind)) {
    if (!isPlainObject(spec)) {
      causes.push(field.required('spec'));
      return causes;
    }
    if (SELECTOR_WORKLOADS.includes(rt.kind)) {
      validateReplicas(spec.replicas, 'spec.replicas', causes);
      const sel = spec.selector;
      if (!isPlainObject(sel) || (!sel.matchLabels && !sel.matchExpressions)) {
        causes.push(field.required('spec.selector'));
      } else {
        const tmplLabels = spec.template?.metadata?.labels;
        validateLabels(tmplLabels, 'spec.template.metadata.labels', causes);
        if (!matchesLabels(fromLabelSelectorObject(sel), tmplLabels)) {
          causes.push(
            field.invalid(
              'spec.template.metadata.labels',
              tmplLabels ?? {},
              '`selector` does not match template `labels`',
            ),
          );
        }
        if (
          old &&
          rt.kind !== 'ReplicaSet' &&
          !deepEqual(old.spec?.selector, sel)
        ) {
          causes.push(
            field.invalid('spec.selector', sel, 'field is immutable'),
          );
        }
      }
    }
    validatePodSpec(spec.template?.spec, 'spec.template.spec', causes);
    if (rt.kind === 'Job') {
      const rp = spec.template?.spec?.restartPolicy;
      if (rp !== undefined && rp !== 'OnFailure' && rp !== 'Never') {
        causes.push(
          field.required(
            'spec.template.spec.restartPolicy',
            'valid values: "OnFailure", "Never"',
          ),
        );
      }
    }
  }

  switch (rt.kind) {
    case 'Pod':
      validatePodSpec(spec, 'spec', causes);
      break;
    case 'Service': {
      const type = spec?.type ?? 'ClusterIP';
      const types = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
      if (!types.includes(type))
        causes.push(field.notSupported('spec.type', type, types));
      const ports = spec?.ports;
      if (
        type !== 'ExternalName' &&
        spec?.clusterIP !== 'None' &&
        (!Array.isArray(ports) || ports.length === 0)
      ) {
        causes.push(field.required('spec.ports'));
      }
      (Array.isArray(ports) ? ports : []).forEach((p: any, i: number) => {
        if (typeof p?.port !== 'number' || p.port < 1 || p.port > 65535) {
          causes.push(
            field.invalid(
              `spec.ports[${i}].port`,
              p?.port ?? 0,
              'must be between 1 and 65535, inclusive',
            ),
          );
        }
      });
      break;
    }
    case 'HorizontalPodAutoscaler':
      if (!spec?.scaleTargetRef?.name)
        causes.push(field.required('spec.scaleTargetRef.name'));
      if (typeof spec?.maxReplicas !== 'number' || spec.maxReplicas < 1) {
        causes.push(
          field.invalid(
            'spec.maxReplicas',
            spec?.maxReplicas ?? 0,
            'must be greater than or equal to 1',
          ),
        );
      }
      if (
        typeof spec?.minReplicas === 'number' &&
        spec.minReplicas > spec.maxReplicas
      ) {
        causes.push(
          field.invalid(
            'spec.maxReplicas',
            spec.maxReplicas,
            'must be greater than or equal to `minReplicas`',
          ),
        );
      }
      break;
    case 'PodDisruptionBudget':
      if (
        spec?.minAvailable !== undefined &&
        spec?.maxUnavailable !== undefined
      ) {
        causes.push(
          field.invalid(
            'spec',
            spec,
            'minAvailable and maxUnavailable cannot be both set',
          ),
        );
      }
      break;
    case 'CronJob':
      if (!spec?.schedule) causes.push(field.required('spec.schedule'));
      validatePodSpec(
        spec?.jobTemplate?.spec?.template?.spec,
        'spec.jobTemplate.spec.template.spec',
        causes,
      );
      break;
    case 'ConfigMap':
    case 'Secret':
      for (const key of Object.keys(isPlainObject(obj.data) ? obj.data : {})) {
        if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
          causes.push(
            field.invalid(
              `data[${key}]`,
              key,
              "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            ),
          );
        }
      }
      break;
    default:
      break;
  }
  return causes;
}
