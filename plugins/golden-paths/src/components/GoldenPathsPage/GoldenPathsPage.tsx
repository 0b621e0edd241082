import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import type { GoldenPathDrift } from '@internal/plugin-golden-paths-common';
import { goldenPathsApiRef, GoldenPathFilter } from '../../api';

const FILTER_KEYS = ['template', 'version', 'owner', 'behind'] as const;

/** The page's filters from the URL, so a filtered view can be shared as a link. */
export function parseFilter(params: URLSearchParams): GoldenPathFilter {
  const behind = params.get('behind');
  return {
    template: params.get('template') || undefined,
    version: params.get('version') || undefined,
    owner: params.get('owner') || undefined,
    behind:
      behind === 'true' || behind === 'false' ? behind === 'true' : undefined,
  };
}

/** Templates × versions × services: which services are on which version, and how they drifted. */
export function GoldenPathsPage() {
  const api = useApi(goldenPathsApiRef);
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => parseFilter(params), [params]);
  const templates = useAsync(() => api.listTemplates(), [api]);
  const services = useAsync(() => api.listServices(filter), [api, filter]);
  // Counts per template and version come from the unfiltered list, so the grid stays whole.
  const all = useAsync(() => api.listServices(), [api]);

  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'template') next.delete('version');
    setParams(next, { replace: true });
  };

  const owners = [
    ...new Set((all.value ?? []).map(s => s.owner).filter(Boolean)),
  ] as string[];
  const selectedTemplate = templates.value?.find(
    t => t.template === filter.template,
  );

  return (
    <Page themeId="tool">
      <Header
        title="Golden paths"
        subtitle="Which template version each service was created from, what drifted, and who is behind"
      />
      <Content>
        {templates.error && <ResponseErrorPanel error={templates.error} />}
        {templates.loading ? (
          <Progress />
        ) : (
          <Table size="small" aria-label="Templates and versions">
            <TableHead>
              <TableRow>
                <TableCell>Template</TableCell>
                <TableCell>Versions (services on each)</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(templates.value ?? []).map(t => (
                <TableRow key={t.template} data-testid={`template-${t.name}`}>
                  <TableCell>{t.name}</TableCell>
                  <TableCell>
                    {t.versions
                      .map(v => {
                        const n = (all.value ?? []).filter(
                          s =>
                            s.template === t.template &&
                            s.recordedVersion === v,
                        ).length;
                        return `${v} (${n})`;
                      })
                      .join(' · ')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}

        <Box display="flex" style={{ gap: 16 }} my={3}>
          <FilterSelect
            label="Template"
            value={filter.template ?? ''}
            options={(templates.value ?? []).map(t => [t.template, t.name])}
            onChange={v => setFilter('template', v)}
          />
          <FilterSelect
            label="Version"
            value={filter.version ?? ''}
            options={(selectedTemplate?.versions ?? []).map(v => [v, v])}
            onChange={v => setFilter('version', v)}
          />
          <FilterSelect
            label="Owner"
            value={filter.owner ?? ''}
            options={owners.map(o => [o, parseEntityRef(o).name])}
            onChange={v => setFilter('owner', v)}
          />
          <FilterSelect
            label="Status"
            value={filter.behind === undefined ? '' : String(filter.behind)}
            options={[
              ['true', 'Behind'],
              ['false', 'Current'],
            ]}
            onChange={v => setFilter('behind', v)}
          />
        </Box>

        {services.error && <ResponseErrorPanel error={services.error} />}
        {services.loading ? (
          <Progress />
        ) : (
          <Table size="small" aria-label="Services">
            <TableHead>
              <TableRow>
                <TableCell>Service</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>Template</TableCell>
                <TableCell>Version</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Changed</TableCell>
                <TableCell>Missing</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(services.value ?? []).map(s => (
                <TableRow
                  key={s.entityRef}
                  data-testid={`service-${parseEntityRef(s.entityRef).name}`}
                >
                  <TableCell>
                    <EntityRefLink entityRef={s.entityRef} />
                  </TableCell>
                  <TableCell>
                    {s.owner ? parseEntityRef(s.owner).name : ''}
                  </TableCell>
                  <TableCell>{parseEntityRef(s.template).name}</TableCell>
                  <TableCell>{s.recordedVersion}</TableCell>
                  <TableCell>{statusText(s)}</TableCell>
                  <TableCell>{s.changed.length}</TableCell>
                  <TableCell>{s.missing.length}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {services.value?.length === 0 && (
          <Typography variant="body2">
            No service matches these filters.
          </Typography>
        )}
      </Content>
    </Page>
  );
}

function statusText(s: GoldenPathDrift) {
  if (s.error) return `not compared: ${s.error}`;
  return s.behind === 0 ? 'current' : `behind by ${s.behind}`;
}

function FilterSelect(props: {
  label: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
}) {
  const id = `golden-paths-filter-${props.label.toLowerCase()}`;
  return (
    <FormControl style={{ minWidth: 160 }}>
      <InputLabel id={id}>{props.label}</InputLabel>
      <Select
        labelId={id}
        value={props.value}
        onChange={e => props.onChange(String(e.target.value))}
      >
        <MenuItem value="">All</MenuItem>
        {props.options.map(([value, label]) => (
          <MenuItem key={value} value={value}>
            {label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
