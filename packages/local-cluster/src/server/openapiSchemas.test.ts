import { findResource } from '../resources';
import { componentSchemas, schemaName } from './openapiSchemas';

describe('OpenAPI schemas for kubectl explain', () => {
  it('names schemas so explain prints the kind', () => {
    expect(schemaName('V1Container')).toBe('io.k8s.api.v1.Container');
    expect(schemaName('V2MetricSpec')).toBe('io.k8s.api.v2.MetricSpec');
    expect(schemaName('CoreV1Event')).toBe('io.k8s.api.core.v1.Event');
  });

  it('describes a Deployment with its fields, types and required marks', () => {
    const schemas = componentSchemas([
      findResource('apps', 'v1', 'deployments')!,
    ]) as Record<string, any>;
    const deployment = schemas['io.k8s.api.v1.Deployment'];
    expect(deployment['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', version: 'v1', kind: 'Deployment' },
    ]);
    const spec = schemas['io.k8s.api.v1.DeploymentSpec'];
    expect(spec.required).toEqual(
      expect.arrayContaining(['selector', 'template']),
    );
    expect(spec.properties.replicas).toMatchObject({
      type: 'integer',
      description: expect.stringMatching(/^Number of desired pods/),
    });
    const container = schemas['io.k8s.api.v1.Container'];
    expect(container.properties.ports).toEqual({
      type: 'array',
      description: expect.any(String),
      items: {
        allOf: [{ $ref: '#/components/schemas/io.k8s.api.v1.ContainerPort' }],
      },
    });
    expect(container.required).toEqual(['name']);
  });
});
